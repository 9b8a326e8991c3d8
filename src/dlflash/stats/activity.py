"""What the review log says about the work done: today, the calendar and streaks, reviews
per day, true retention, grades and hours. Pure; the day is always passed in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dlflash.sm2 import GRADES, PASS_GRADE
from dlflash.stats.log import (
    KINDS,
    MATURE,
    NEW,
    REPEAT,
    YOUNG,
    ReviewKind,
    StatsInput,
    window,
)
from dlflash.stats.summary import current_streak


@dataclass(frozen=True, slots=True)
class Ratio:
    """`part` out of `whole`; `share` is None when there is nothing to divide."""

    part: int = 0
    whole: int = 0

    @property
    def share(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.part + other.part, self.whole + other.whole)


# -- today --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TodayStats:
    """The study day's work.

    `reviews` counts every grade (repeats included), `cards` the distinct cards graded;
    `seconds` is the answer time summed (rounded), `seconds_per_review` the mean;
    `failed` counts grades below 3 among all reviews; `mature` is the scheduling reviews of
    cards whose interval before the review was 21 days or more, `part` being those passed.
    """

    reviews: int
    cards: int
    new: int
    repeats: int
    ms: int
    failed: Ratio
    mature: Ratio

    @property
    def seconds(self) -> int:
        # rounded as the time per review is: 7.6 s is "8s", not "7s"
        return (self.ms + 500) // 1000

    @property
    def seconds_per_review(self) -> float | None:
        return self.ms / 1000 / self.reviews if self.reviews else None


def today_stats(data: StatsInput) -> TodayStats:
    rows = data.rows(data.today, data.today)
    table, kinds = data.reviews, data.kinds[rows]
    grades = table.grade[rows]
    return TodayStats(
        reviews=len(grades),
        cards=len(set(table.card[rows])),
        new=kinds.count(NEW),
        repeats=kinds.count(REPEAT),
        ms=sum(table.ms[rows]),
        failed=Ratio(sum(1 for g in grades if g < PASS_GRADE), len(grades)),
        mature=_passed(data.outcomes[rows], MATURE),
    )


# -- calendar and streaks -------------------------------------------------------------------


def longest_streak(days: Iterable[date]) -> int:
    """The longest run of consecutive study days, ever."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


@dataclass(frozen=True, slots=True)
class CalendarStats:
    """Reviews per study day, and how regular the study has been.

    `counts` holds every day with reviews (all time). `studied` is the number of study days
    among the `span` days from the first review (or 365 days ago, whichever is later) to
    today. `current` is the run of consecutive study days ending today, or yesterday when
    today has no review yet; `longest` the longest run ever.
    """

    counts: dict[date, int]
    studied: int
    span: int
    current: int
    longest: int


def calendar_stats(data: StatsInput, days: int = 365) -> CalendarStats:
    counts = {date.fromordinal(day): n for day, n in data.day_counts().items()}
    first, last = window(data.today, days)
    if counts:
        first = max(first, min(counts))
    span = (last - first).days + 1 if counts and first <= last else 0
    studied = sum(1 for day in counts if first <= day <= last)
    return CalendarStats(counts, studied, span, current_streak(counts, data.today),
                         longest_streak(counts))


# -- reviews per day ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayActivity:
    """One study day: reviews of each kind (see `kind_of`) and the answer time spent."""

    day: date
    new: int = 0
    young: int = 0
    mature: int = 0
    repeat: int = 0
    ms: int = 0

    @property
    def total(self) -> int:
        return self.new + self.young + self.mature + self.repeat

    def count(self, kind: ReviewKind) -> int:
        return int(getattr(self, kind))


@dataclass(frozen=True, slots=True)
class ActivityStats:
    """Reviews per day over the range (oldest first, every day present, zeros included),
    and their totals. `seconds_per_review` is the mean answer time over the range."""

    days: tuple[DayActivity, ...]
    totals: DayActivity

    @property
    def studied_days(self) -> int:
        return sum(1 for d in self.days if d.total)

    @property
    def per_day(self) -> float:
        return self.totals.total / len(self.days) if self.days else 0.0

    @property
    def seconds_per_review(self) -> float | None:
        total = self.totals.total
        return self.totals.ms / 1000 / total if total else None


def activity_stats(data: StatsInput, days: int) -> ActivityStats:
    first, last = window(data.today, days)
    rows = data.rows(first, last)
    day_column, start = data.reviews.day, rows.start
    series = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        end = bisect_right(day_column, day.toordinal(), start, rows.stop)
        kinds = data.kinds[start:end]
        series.append(DayActivity(day, new=kinds.count(NEW), young=kinds.count(YOUNG),
                                  mature=kinds.count(MATURE), repeat=kinds.count(REPEAT),
                                  ms=sum(data.reviews.ms[start:end])))
        start = end
    totals = DayActivity(last, **{k: sum(d.count(k) for d in series) for k in KINDS},
                         ms=sum(d.ms for d in series))
    return ActivityStats(tuple(series), totals)


# -- true retention -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RetentionRow:
    """True retention over one period, as Anki computes it.

    Counted: the first grade of a card on a study day (the scheduling one), of a card that
    already had an interval of at least one day, i.e. every scheduling review except a new
    card's first. Passed: grade >= 3. Young and mature split on the interval BEFORE the
    review (< 21 days, >= 21 days).
    """

    period: str
    young: Ratio
    mature: Ratio

    @property
    def total(self) -> Ratio:
        return self.young + self.mature


RETENTION_PERIODS: tuple[tuple[str, int | None], ...] = (
    ("today", 1), ("yesterday", 1), ("week", 7), ("month", 30), ("year", 365), ("all", None),
)
"""Period names and their length in days ending today (yesterday: the day before)."""


def retention(data: StatsInput) -> tuple[RetentionRow, ...]:
    rows = []
    for period, days in RETENTION_PERIODS:
        last = data.today - timedelta(days=1) if period == "yesterday" else data.today
        first = date.min if days is None else last - timedelta(days=days - 1)
        outcomes = data.outcomes[data.rows(first, last)]
        rows.append(RetentionRow(period, _passed(outcomes, YOUNG), _passed(outcomes, MATURE)))
    return tuple(rows)


def _passed(outcomes: bytes, kind: int) -> Ratio:
    """Of reviews given as `StatsInput.outcomes`: those of `kind` that passed, out of all."""
    passed = outcomes.count(2 * kind + 1)
    return Ratio(passed, passed + outcomes.count(2 * kind))


# -- grades and hours -------------------------------------------------------------------------


def grade_counts(data: StatsInput, rows: slice) -> tuple[int, ...]:
    """How many of `rows` (repeats included) got each grade 0-5."""
    counts = Counter(data.reviews.grade[rows])
    return tuple(counts.get(g, 0) for g in GRADES)


@dataclass(frozen=True, slots=True)
class HourStats:
    """Reviews (repeats included) started in one hour of the local clock at the time of the
    review (the offset the review was logged with), and the share with grade >= 3."""

    hour: int
    correct: Ratio


def hour_stats(data: StatsInput, rows: slice) -> tuple[HourStats, ...]:
    total: Counter[int] = Counter()
    good: Counter[int] = Counter()
    hours = zip(data.reviews.hour[rows], data.reviews.grade[rows], strict=True)
    for (hour, grade), n in Counter(hours).items():
        total[hour] += n
        good[hour] += n if grade >= PASS_GRADE else 0
    return tuple(HourStats(h, Ratio(good[h], total[h])) for h in range(24))
