"""What the statistics read: an immutable capture of the replayed history, and the shared
definitions (review kinds, young/mature, pass, windows).

`StatsInput.capture` runs on the thread that owns the `History` (it copies a few
containers); everything after it is pure and may run in a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dlflash.deck import Card, Deck
from dlflash.history import History, Replayed
from dlflash.sm2 import PASS_GRADE, CardState

MATURE_DAYS = 21
"""A card is mature when its interval is at least this many days (Anki's threshold)."""
LEECH_FAILURES = 8
"""A card that has failed this many times is a leech (Anki's default threshold)."""
RANGES: tuple[int, ...] = (30, 90, 365)
"""The periods, in days ending today, that range-dependent figures can cover."""

ReviewKind = Literal["new", "young", "mature", "repeat"]
KINDS: tuple[ReviewKind, ...] = ("new", "young", "mature", "repeat")


def kind_of(replayed: Replayed) -> ReviewKind:
    """How a review counts, judged on the card's state BEFORE it:

    - `repeat`: a later grade of the card on the same study day (it does not schedule);
    - `new`: the card's first scheduling grade ever;
    - `young`: a scheduling grade of a card whose interval was under 21 days;
    - `mature`: a scheduling grade of a card whose interval was 21 days or more.
    """
    if not replayed.scheduled:
        return "repeat"
    if replayed.before.is_new:
        return "new"
    return "mature" if replayed.before.interval >= MATURE_DAYS else "young"


def passed(replayed: Replayed) -> bool:
    """A grade of 3 or more recalls the card (SM-2's own pass mark)."""
    return replayed.review.grade >= PASS_GRADE


def window(today: date, days: int) -> tuple[date, date]:
    """The `days` study days ending with `today`, both ends included."""
    return today - timedelta(days=days - 1), today


def root_of(card: Card, deck: Deck) -> str:
    """The main question a card belongs to: follow `parent` up while it is in the deck."""
    seen = {card.id}
    while card.parent is not None and card.parent not in seen:
        parent = deck.get(card.parent)
        if parent is None:
            return card.parent  # an orphan follow-up still groups under its named parent
        seen.add(parent.id)
        card = parent
    return card.id


@dataclass(frozen=True, slots=True)
class StatsInput:
    """Everything the statistics need, restricted to the cards of `deck`.

    `reviews` are the effective reviews (undone ones are already gone) in study-day order,
    then in the order replay applied them; `states` holds every deck card that has ever been
    scheduled; `buried` the cards buried on `today`.
    """

    deck: Deck
    today: date
    reviews: tuple[Replayed, ...]
    states: Mapping[str, CardState]
    suspended: frozenset[str]
    buried: frozenset[str]

    @classmethod
    def capture(cls, history: History, deck: Deck, today: date) -> StatsInput:
        reviews = tuple(r for r in history.all_reviews() if r.review.card in deck)
        states = {card: s for card, s in history.states.items() if card in deck}
        suspended = frozenset(c for c in history.suspended_cards() if c in deck)
        buried = frozenset(
            card.id for card in deck.cards if history.is_buried(card.id, today)
        )
        return cls(deck, today, reviews, states, suspended, buried)

    @classmethod
    def of(cls, deck: Deck, today: date, reviews: Iterable[Replayed] = (),
           states: Mapping[str, CardState] | None = None,
           suspended: Iterable[str] = (), buried: Iterable[str] = ()) -> StatsInput:
        """Build one by hand (tests, benchmarks); cards outside `deck` are left out."""
        return cls(deck, today, tuple(r for r in reviews if r.review.card in deck),
                   {c: s for c, s in (states or {}).items() if c in deck},
                   frozenset(c for c in suspended if c in deck),
                   frozenset(c for c in buried if c in deck))

    def between(self, first: date, last: date) -> list[Replayed]:
        """Reviews whose study day lies in [first, last]."""
        return [r for r in self.reviews if first <= r.review.day <= last]
