"""Today's queue: due cards, then new cards, then same-day repeats; grading and undo.

The queue is a pure function of the history, the deck, the settings and the study day, so
undo only has to void an event: the card comes back exactly where it was, with its state.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol

from dlflash import sm2
from dlflash.clock import Clock, study_day
from dlflash.config import Settings
from dlflash.deck import Card, CardRef, Deck, nfc
from dlflash.events import ActionKind, CardAction, Event, Review, Undo, new_id
from dlflash.history import History, Replayed
from dlflash.sm2 import CardState

QueueReason = Literal["due", "new", "repeat"]


class Journal(Protocol):
    """Where events go, durably, before the session moves on (the `Store`)."""

    def append(
        self, event: Event, after: CardState | None = None, scheduled: bool | None = None
    ) -> None: ...

    def read(self, repair: bool = False, full: bool = False) -> tuple[History, object]: ...


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """Everything a screen needs to show one card; the screen only formats it."""

    card: Card
    reason: QueueReason
    state: CardState
    intervals: Mapping[int, int]
    """Days until the card is due again for each grade; empty for a same-day repeat."""
    parent: Card | None = None
    draft: str = ""
    """A typed answer to restore (after undo)."""


@dataclass(frozen=True, slots=True)
class QueueCounts:
    due: int
    new: int
    repeat: int
    done: int
    """Reviews given today, repeats included."""

    @property
    def left(self) -> int:
        return self.due + self.new + self.repeat


@dataclass(frozen=True, slots=True)
class _Queue:
    day: date
    due: tuple[str, ...]
    new: tuple[str, ...]
    """Only the first new card: the rest are counted, not listed (a deck can be 10,000)."""
    new_count: int
    repeat: tuple[str, ...]


class Session:
    """One study session over a deck; every change is journaled before it takes effect.

    Without a journal the session is read-only (`dlflash due`): looking works, changing fails.
    """

    def __init__(
        self,
        deck: Deck,
        history: History,
        journal: Journal | None,
        settings: Settings,
        clock: Clock,
        device: str = "",
    ) -> None:
        self.deck = deck
        self.history = history
        self.journal = journal
        self.settings = settings
        self.clock = clock
        self.device = device
        self._extra_new: tuple[date, int] | None = None
        self._undo_stack: list[str] = []
        self._queue: _Queue | None = None
        self._position = {ref.id: index for index, ref in enumerate(deck.refs)}
        self._deck_ids = frozenset(self._position)
        self._due_cache: tuple[History, date, list[tuple[date, int, str]]] | None = None
        self._due_from = 0
        self._new_order = self._main_before_follow_ups(deck.refs)

    def _main_before_follow_ups(self, cards: Sequence[CardRef]) -> tuple[str, ...]:
        def key(card: CardRef) -> tuple[int, int, int]:
            own = self._position[card.id]
            root = self._position.get(card.parent, own) if card.parent else own
            return (root, 0 if card.parent is None else 1, own)

        return tuple(card.id for card in sorted(cards, key=key))

    # -- time -----------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return study_day(self.clock(), self.settings.rollover_hour)

    # -- the queue ------------------------------------------------------------------------

    def _extra_on(self, day: date) -> int:
        return self._extra_new[1] if self._extra_new and self._extra_new[0] == day else 0

    def _build(self, day: date) -> _Queue:
        history, settings = self.history, self.settings
        todays = [r for r in history.reviews_on(day) if r.review.card in self.deck]
        scheduled = [r for r in todays if r.scheduled]
        reviews_left = max(0, settings.max_reviews_per_day - len(scheduled))
        new_done = sum(1 for r in scheduled if r.before.is_new)
        new_left = max(0, settings.new_per_day + self._extra_on(day) - new_done)
        excluded = history.suspended_cards() | history.buried_on(day)
        order = self._due_order(day)
        # Cards graded since the order was made have left its front for good (an undo
        # rebuilds the order), so each grade scans on from where the last one stopped.
        def still_due(entry: tuple[date, int, str]) -> bool:
            state = history.states.get(entry[2])  # an undo can make a card new again
            return state is not None and state.due == entry[0]

        start = self._due_from
        while start < len(order) and not still_due(order[start]):
            start += 1
        self._due_from = start
        due_ids = tuple(itertools.islice(
            (entry[2] for entry in itertools.islice(order, start, None)
             if entry[2] not in excluded and still_due(entry)),
            reviews_left))
        room = min(new_left, reviews_left - len(due_ids))
        new_count = min(room, len(self._deck_ids.difference(history.states, excluded)))
        first_new = () if new_count == 0 else (next(
            card for card in self._new_order
            if card not in history.states and card not in excluded),)
        latest: dict[str, Replayed] = {}
        for replayed in todays:
            latest.pop(replayed.review.card, None)  # re-insert: order by latest grade
            latest[replayed.review.card] = replayed
        repeat_ids = tuple(
            card for card, replayed in latest.items()
            if replayed.review.grade < sm2.REPEAT_BELOW and card not in excluded
        )
        return _Queue(day, due_ids, first_new, new_count, repeat_ids)

    def _cover(self, day: date) -> None:
        """A history started from a snapshot holds its last two study days one by one; if
        the clock goes back before them, read the whole journal (rare, and exact)."""
        if not self.history.covers(day) and self.journal is not None:
            self.history = self.journal.read(full=True)[0]
            self._queue = None

    def _due_order(self, day: date) -> list[tuple[date, int, str]]:
        """The cards due on `day` when it began, most overdue first, then in deck order.

        Sorted once a day and after an undo: between those, a card only leaves it (graded:
        due later), so checking `due` against this list is enough, and a grade costs a
        scan instead of a sort of every due card.
        """
        cache = self._due_cache
        if cache is None or cache[0] is not self.history or cache[1] != day:
            order = sorted(
                (state.due, self._position[card], card)
                for card, state in self.history.states.items()
                if state.due is not None and state.due <= day and card in self._deck_ids
            )
            self._due_cache = cache = (self.history, day, order)
            self._due_from = 0
        return cache[2]

    def _current_queue(self) -> _Queue:
        day = self.today
        self._cover(day)
        if self._queue is None or self._queue.day != day:
            self._queue = self._build(day)
        return self._queue

    def _changed(self) -> None:
        self._queue = None

    def counts(self) -> QueueCounts:
        queue = self._current_queue()
        done = sum(1 for r in self.history.reviews_on(queue.day) if r.review.card in self.deck)
        return QueueCounts(len(queue.due), queue.new_count, len(queue.repeat), done)

    def current(self, draft: str = "") -> ReviewItem | None:
        """The card to show now, or None when today's queue is empty."""
        queue = self._current_queue()
        lists: tuple[tuple[QueueReason, tuple[str, ...]], ...] = (
            ("due", queue.due), ("new", queue.new), ("repeat", queue.repeat)
        )
        for reason, ids in lists:
            if ids:
                card = self.deck.by_id[ids[0]]
                state = self.history.state(card.id)
                intervals = {} if reason == "repeat" else sm2.preview(state)
                parent = self.deck.get(card.parent) if card.parent else None
                return ReviewItem(card, reason, state, intervals, parent, draft)
        return None

    # -- changes --------------------------------------------------------------------------

    def _stamp(self) -> dict[str, Any]:
        """What every new event carries: a fresh id, now, its study day, this device."""
        now = self.clock()
        return {"id": new_id(), "ts": now, "day": study_day(now, self.settings.rollover_hour),
                "device": self.device}

    def _journal(self) -> Journal:
        if self.journal is None:
            raise RuntimeError("this session is read-only")
        return self.journal

    def grade(
        self,
        grade: int,
        answer: str = "",
        ticked: Sequence[int] = (),
        ms: int = 0,
        language: str = "",
    ) -> Replayed:
        """Grade the current card: journaled durably first, then applied."""
        sm2.check_grade(grade)
        item = self.current()
        if item is None:
            raise LookupError("there is no card to grade")
        review = Review(
            **self._stamp(),
            card=item.card.id,
            grade=grade,
            ms=max(0, int(ms)),
            answer=nfc(answer),
            ticked=tuple(sorted(set(ticked))),
            language=language,
        )
        self._cover(review.day)
        scheduled, after = self.history.outcome(review)
        self._journal().append(review, after=after, scheduled=scheduled)
        self.history.apply(review)
        self._undo_stack.append(review.id)
        self._changed()
        replayed = self.history.replayed(review.id)
        assert replayed is not None
        return replayed

    def _act(self, kind: ActionKind, card_id: str | None = None) -> None:
        if card_id is None:
            item = self.current()
            if item is None:
                raise LookupError("there is no card to act on")
            card_id = item.card.id
        action = CardAction(**self._stamp(), kind=kind, card=card_id)
        self._journal().append(action)
        self.history.apply(action)
        self._undo_stack.append(action.id)
        self._changed()

    def bury(self) -> None:
        """Hide the current card until the next study day."""
        self._act("bury")

    def suspend(self) -> None:
        """Take the current card out of every queue until it is unsuspended."""
        self._act("suspend")

    def unsuspend(self, card_id: str) -> None:
        self._act("unsuspend", card_id)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo_stack)

    def undo(self) -> ReviewItem | None:
        """Take back the last grade, bury or suspend; return the card it restores."""
        while self._undo_stack:
            target_id = self._undo_stack.pop()
            target = self.history.get(target_id)
            if target is None:
                continue
            undo = Undo(**self._stamp(), target=target_id)
            self._journal().append(undo)
            self.history.apply(undo)
            self._due_cache = None  # an undo may make any card due again, even yesterday's
            self._changed()
            draft = target.answer if isinstance(target, Review) else ""
            return self.current(draft=draft)
        return None

    def learn_more(self, count: int) -> None:
        """Anki's custom study: allow `count` more new cards today."""
        day = self.today
        self._extra_new = (day, self._extra_on(day) + max(0, count))
        self._changed()

    # -- looking ahead --------------------------------------------------------------------

    def next_due(self) -> date | None:
        """The first day after today on which a card of this deck is due."""
        day = self.today
        upcoming = [
            state.due for card, state in self.history.states.items()
            if card in self.deck and state.due is not None and state.due > day
            and not self.history.is_suspended(card)
        ]
        return min(upcoming, default=None)

    def new_remaining(self) -> int:
        """Cards never studied and not suspended: what `learn_more` can draw on."""
        return sum(
            1 for ref in self.deck.refs
            if ref.id not in self.history.states and not self.history.is_suspended(ref.id)
        )
