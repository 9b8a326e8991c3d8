"""What the mock interviews say: interviews done, questions answered, time per answer
against its limit, and the core points covered, week by week. Pure; the day is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dlflash.journal.events import InterviewAnswer
from dlflash.stats.cards import PointsPeriod, week_periods
from dlflash.stats.log import window


@dataclass(frozen=True, slots=True)
class InterviewStats:
    """The interview answers of the range's study days (cards of the deck only).

    `interviews` counts the interviews with an answer in the range, `finished` those of
    them whose every question was answered; `over` the answers that took longer than their
    limit; `ms` and `limit_ms` the time taken and the time allowed, summed; `weeks` the core
    points covered (`ticked`) of those asked (`possible`) per week, `reviews` being the
    answers. `all_time` counts every interview ever, `last` the latest one's study day.
    """

    interviews: int
    finished: int
    answers: int
    looked_up: int
    over: int
    ms: int
    limit_ms: int
    weeks: tuple[PointsPeriod, ...]
    all_time: int
    last: date | None

    @property
    def seconds_per_answer(self) -> float | None:
        return self.ms / self.answers / 1000 if self.answers else None

    @property
    def limit_per_answer(self) -> float | None:
        return self.limit_ms / self.answers / 1000 if self.answers else None

    @property
    def covered(self) -> PointsPeriod:
        weeks = self.weeks
        return PointsPeriod(weeks[0].first, weeks[-1].last, sum(w.reviews for w in weeks),
                            sum(w.ticked for w in weeks), sum(w.possible for w in weeks))


def interview_stats(answers: Iterable[InterviewAnswer], today: date,
                    days: int) -> InterviewStats:
    every = list(answers)
    periods = week_periods(today, days)
    first, _ = window(today, days)
    in_range = [a for a in every if first <= a.day <= today]
    weeks = [[0, 0, 0] for _ in periods]
    start = periods[0][0]
    for answer in in_range:
        week = (answer.day - start).days // 7
        if 0 <= week < len(weeks):
            cell = weeks[week]
            cell[0] += 1
            cell[1] += answer.core
            cell[2] += answer.core_total
    answered: dict[str, set[int]] = {}
    size: dict[str, int] = {}
    for answer in in_range:
        answered.setdefault(answer.interview, set()).add(answer.index)
        size[answer.interview] = answer.of
    return InterviewStats(
        interviews=len(answered),
        finished=sum(len(indices) >= size[interview] for interview, indices in answered.items()),
        answers=len(in_range),
        looked_up=sum(a.looked_up for a in in_range),
        over=sum(a.ms > a.limit_ms for a in in_range),
        ms=sum(a.ms for a in in_range),
        limit_ms=sum(a.limit_ms for a in in_range),
        weeks=tuple(PointsPeriod(low, high, *cell)
                    for (low, high), cell in zip(periods, weeks, strict=True)),
        all_time=len({a.interview for a in every}),
        last=max((a.day for a in every), default=None),
    )
