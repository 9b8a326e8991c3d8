"""What card info shows of a card's past: every review with its typed answer, the forgets,
the mock interviews' answers, and the interval after each scheduling review. Pure.

A history read from a snapshot holds only its last two study days one by one (older
reviews are a table without their answers); `older` is then the whole journal, read once
in the background, which gives the reviews before that window with everything they had.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dlflash.journal.events import InterviewAnswer
from dlflash.journal.history import History


@dataclass(frozen=True, slots=True)
class PastReview:
    day: date
    grade: int
    scheduled: bool
    """False for a same-day repeat (it left the schedule alone)."""
    ms: int
    ticked: int
    """Key points ticked."""
    points: int
    """Key points the card has."""
    interval: int | None = None
    """After the review; None when it is only known from a snapshot's table."""
    easiness: float | None = None
    answer: str | None = None
    """The typed answer ("" for none); None when only known from a snapshot's table."""


@dataclass(frozen=True, slots=True)
class PastForget:
    day: date


@dataclass(frozen=True, slots=True)
class PastInterview:
    answer: InterviewAnswer
    own_grade: int | None


Past = PastReview | PastForget | PastInterview


@dataclass(frozen=True, slots=True)
class CardPast:
    entries: tuple[Past, ...]
    """Oldest first: reviews and forgets in the order applied, interviews by time."""
    complete: bool
    """False while older reviews are known only from the snapshot's table."""

    @property
    def intervals(self) -> list[int]:
        """The interval after each scheduling review, oldest first (a forget: 0)."""
        timeline = []
        for entry in self.entries:
            if isinstance(entry, PastForget):
                timeline.append(0)
            elif isinstance(entry, PastReview) and entry.scheduled and entry.interval is not None:
                timeline.append(entry.interval)
        return timeline

    @property
    def reviews(self) -> list[PastReview]:
        return [entry for entry in self.entries if isinstance(entry, PastReview)]


def _replayed(history: History, card: str, points: int, since: date | None
              ) -> list[tuple[date, int, Past]]:
    """The card's reviews and forgets in `history` from `since` on, keyed for sorting."""
    found: list[tuple[date, int, Past]] = []
    for order, replayed in enumerate(history.reviews_of(card)):
        review = replayed.review
        if since is not None and review.day < since:
            continue
        found.append((review.day, order, PastReview(
            review.day, review.grade, replayed.scheduled, review.ms, len(review.ticked),
            points, replayed.after.interval, replayed.after.easiness, review.answer)))
    for forget in history.forgets_of(card):
        if since is None or forget.day >= since:
            found.append((forget.day, len(found), PastForget(forget.day)))
    return found


def card_past(history: History, card: str, points: int, older: History | None = None
              ) -> CardPast:
    """The past of `card` (which has `points` key points) in `history`; `older`, the
    whole journal, fills in what a snapshot's history holds only as a table."""
    window = history.base.window_start if history.base is not None else None
    entries: list[tuple[date, int, Past]] = []
    if window is not None and older is not None:
        entries += [(day, order - 10**9, past)  # before the window's own, whatever the day
                    for day, order, past in _replayed(older, card, points, None)
                    if day < window]
    elif window is not None:
        table = history.older_reviews()
        index = table.cards.index(card) if card in table.cards else -1
        for row, card_index in enumerate(table.card):
            if card_index == index:
                day = date.fromordinal(table.day[row])
                entries.append((day, row - 10**9, PastReview(
                    day, table.grade[row], bool(table.scheduled[row]), table.ms[row],
                    bin(table.ticked[row]).count("1"), points)))
    entries += _replayed(history, card, points, None)
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    past: list[Past] = [entry for _, _, entry in entries]
    interviews = [PastInterview(answer, history.own_grade(answer.id))
                  for answer in history.interview_answers() if answer.card == card]
    merged = sorted([*enumerate(past), *((None, i) for i in interviews)],
                    key=lambda pair: _when(pair))
    return CardPast(tuple(entry for _, entry in merged),
                    complete=window is None or older is not None)


def _when(pair: tuple[int | None, Past]) -> tuple[date, int, int]:
    """Reviews keep their order; an interview goes after the day's reviews."""
    order, entry = pair
    if isinstance(entry, PastInterview):
        return (entry.answer.day, 1, 0)
    day = entry.day
    return (day, 0, order or 0)
