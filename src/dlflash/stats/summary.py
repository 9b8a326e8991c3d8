"""Pure aggregation over the replayed history: no I/O, no clock; the day is passed in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dlflash.deck.model import Deck
from dlflash.journal.events import Replayed
from dlflash.journal.history import History


@dataclass(frozen=True, slots=True)
class DaySummary:
    """What the end-of-session screen shows."""

    day: date
    reviews: int
    cards: int
    """The distinct cards among `reviews` (a repeat is a second review of a card)."""
    new: int
    repeats: int
    seconds: int
    grades: tuple[int, ...]
    """How many reviews got each grade 0-5."""
    streak: int
    due_tomorrow: int
    next_due: date | None


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive study days ending today, or yesterday if today has no review yet."""
    studied = set(days)
    day = today if today in studied else today - timedelta(days=1)
    streak = 0
    while day in studied:
        streak += 1
        day -= timedelta(days=1)
    return streak


def due_on(history: History, deck: Deck, day: date) -> int:
    """Cards of the deck due on or before `day`, suspended cards left out."""
    return sum(
        1 for card, state in history.states.items()
        if card in deck and state.due is not None and state.due <= day
        and not history.is_suspended(card)
    )


def day_summary(history: History, deck: Deck, day: date, next_due: date | None) -> DaySummary:
    todays: list[Replayed] = [r for r in history.reviews_on(day) if r.review.card in deck]
    grades = Counter(r.review.grade for r in todays)
    return DaySummary(
        day=day,
        reviews=len(todays),
        cards=len({r.review.card for r in todays}),
        new=sum(1 for r in todays if r.scheduled and r.before.is_new),
        repeats=sum(1 for r in todays if not r.scheduled),
        seconds=(sum(r.review.ms for r in todays) + 500) // 1000,
        grades=tuple(grades.get(g, 0) for g in range(6)),
        streak=current_streak(history.study_days(), day),
        due_tomorrow=due_on(history, deck, day + timedelta(days=1)),
        next_due=next_due,
    )
