"""Replay of the journal into card states: pure, incremental, and the same on every run.

Events are applied in time order. The first grade a card receives on a study day schedules
it with SM-2; later grades that day are same-day repeats and leave the state alone. An undo
voids its target; the card's state is then refolded from its remaining reviews.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from dlflash import sm2
from dlflash.events import CardAction, Event, Review, Undo
from dlflash.sm2 import CardState


@dataclass(frozen=True, slots=True)
class Replayed:
    """A review with what replay made of it."""

    review: Review
    scheduled: bool
    before: CardState
    after: CardState


class History:
    """Everything derived from the journal: card states, flags, and the effective reviews."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        self.states: dict[str, CardState] = {}
        self.duplicate_ids: list[str] = []
        self._seen: dict[str, Event] = {}
        self._voided: set[str] = set()
        self._reviews: dict[str, list[Review]] = defaultdict(list)
        self._replayed: dict[str, Replayed] = {}
        self._scheduled_days: dict[str, set[date]] = defaultdict(set)
        self._actions: dict[str, list[CardAction]] = defaultdict(list)
        self._by_day: dict[date, list[Review]] = defaultdict(list)
        for event in events:
            self.apply(event)

    # -- building -------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Apply one event; a repeated id (a journal copied twice) is counted and skipped."""
        if event.id in self._seen:
            self.duplicate_ids.append(event.id)
            return
        self._seen[event.id] = event
        if event.id in self._voided:  # its undo arrived first (clock skew between devices)
            return
        if isinstance(event, Review):
            self._reviews[event.card].append(event)
            self._by_day[event.day].append(event)
            self._fold(event)
        elif isinstance(event, CardAction):
            self._actions[event.card].append(event)
        else:
            self._undo(event)

    def outcome(self, review: Review) -> tuple[bool, CardState]:
        """Whether `review` would schedule its card, and the state it would leave."""
        before = self.states.get(review.card, CardState())
        if review.day in self._scheduled_days.get(review.card, ()):
            return False, before
        return True, sm2.review(before, review.grade, review.day)

    def _fold(self, review: Review) -> None:
        before = self.states.get(review.card, CardState())
        scheduled, after = self.outcome(review)
        if scheduled:
            self._scheduled_days[review.card].add(review.day)
        self.states[review.card] = after
        self._replayed[review.id] = Replayed(review, scheduled, before, after)

    def _undo(self, undo: Undo) -> None:
        self._voided.add(undo.target)
        target = self._seen.get(undo.target)
        if isinstance(target, Review):
            self._reviews[target.card].remove(target)
            self._by_day[target.day].remove(target)
            del self._replayed[target.id]
            self._refold(target.card)
        elif isinstance(target, CardAction):
            self._actions[target.card].remove(target)

    def _refold(self, card: str) -> None:
        self.states.pop(card, None)
        self._scheduled_days[card].clear()
        for review in self._reviews[card]:
            self._fold(review)

    # -- reading --------------------------------------------------------------------------

    def state(self, card: str) -> CardState:
        return self.states.get(card, CardState())

    def get(self, event_id: str) -> Event | None:
        """The event with this id, if it is known and not undone."""
        if event_id in self._voided:
            return None
        return self._seen.get(event_id)

    def replayed(self, review_id: str) -> Replayed | None:
        return self._replayed.get(review_id)

    def reviews_on(self, day: date) -> list[Replayed]:
        """The day's effective reviews, in the order they were applied."""
        return [self._replayed[r.id] for r in self._by_day.get(day, ())]

    def reviews_of(self, card: str) -> list[Replayed]:
        return [self._replayed[r.id] for r in self._reviews.get(card, ())]

    def all_reviews(self) -> Iterator[Replayed]:
        """Every effective review, day by day in applied order."""
        for day in sorted(self._by_day):
            yield from self.reviews_on(day)

    def is_suspended(self, card: str) -> bool:
        for action in reversed(self._actions.get(card, ())):
            if action.kind != "bury":
                return action.kind == "suspend"
        return False

    def is_buried(self, card: str, day: date) -> bool:
        return any(a.kind == "bury" and a.day == day for a in self._actions.get(card, ()))

    def buried_on(self, day: date) -> set[str]:
        return {card for card, actions in self._actions.items()
                if any(a.kind == "bury" and a.day == day for a in actions)}

    def suspended_cards(self) -> set[str]:
        return {card for card in self._actions if self.is_suspended(card)}
