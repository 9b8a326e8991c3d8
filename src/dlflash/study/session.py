"""Today's queue: due cards, then new cards, then same-day repeats; grading, the changes a
card can undergo (bury, suspend, forget, a note, a flag) and undo.

The queue is a pure function of the history, the deck, the settings and the study day, so
undo only has to void an event: the card comes back exactly where it was, with its state.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, Protocol, TypeVar

from dlflash import sm2
from dlflash.base.clock import Clock, study_day
from dlflash.base.config import Settings
from dlflash.base.language import nfc
from dlflash.base.safe_text import printable
from dlflash.deck.model import Card, CardRef, Deck
from dlflash.journal.events import (
    FLAGS,
    ActionKind,
    CardAction,
    Event,
    Flag,
    Forget,
    LearnMore,
    Note,
    Replayed,
    Review,
    Undo,
    new_id,
)
from dlflash.journal.history import History
from dlflash.sm2 import CardState

QueueReason = Literal["due", "new", "repeat", "cram"]


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


@dataclass(slots=True)
class _Today:
    """One study day's queue, built from the history once and then kept up to date by each
    grade, bury and suspend, so that showing the next card costs the same however many
    cards are due or studied (an undo or an unsuspend builds it again).

    `order` is every card due when it was built, most overdue first, then in deck order;
    `due_on` maps each to the due date it was sorted by. A card is still due while its
    state keeps that date: a grade moves it to a later day for good, so the cursors only
    move forward (and so do the exclusions: only an undo or an unsuspend lifts one).
    """

    day: date
    history: History
    order: list[tuple[date, int, str]]
    due_on: dict[str, date]
    excluded: set[str]
    """Suspended, or buried for this day."""
    repeats: dict[str, None]
    """Cards whose latest grade today is below `REPEAT_BELOW`, in the order of that grade."""
    due_left: int
    """Cards of `order` still due and not excluded."""
    new_in_deck: int
    """Deck cards never studied and not excluded."""
    scheduled: int
    new_done: int
    done: int
    forward: list[str]
    """New cards moved forward into this day (a mock interview's), before the others."""
    due_from: int = 0
    new_from: int = 0

    def still_due(self, card: str, state: CardState | None) -> bool:
        due = self.due_on.get(card)
        return due is not None and state is not None and state.due == due


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
        self._undo_stack: list[str] = []
        self._today: _Today | None = None
        self._position = {ref.id: index for index, ref in enumerate(deck.refs)}
        self._deck_ids = frozenset(self._position)
        self._mistakes: tuple[tuple[int, date] | None, list[Replayed]] = (None, [])
        self._new_order = self._main_before_follow_ups(deck.refs)
        self.scope: frozenset[str] | None = None
        """The cards today's queue is limited to (`dlflash --topic`, custom study); None
        for every card."""
        self.ahead = 0
        """Days of study ahead: cards due within them count as due today."""
        self._again: dict[str, None] = {}
        """Today's failed cards put back into the queue as repeats (`review_mistakes`)."""
        self.cram: list[str] = []
        """A cram's cards still to go: shown before the queue, graded without a schedule
        change (and without a journal line: a cram is practice)."""

    def _main_before_follow_ups(self, cards: Sequence[CardRef]) -> tuple[str, ...]:
        """The new-card order: a main question before its follow-ups, in deck order or
        interleaved (the n-th card of every topic file before the n+1-th of any), the
        user's own decks first, last or mixed in."""
        def key(card: CardRef) -> tuple[int, int, int]:
            own = self._position[card.id]
            root = self._position.get(card.parent, own) if card.parent else own
            return (root, 0 if card.parent is None else 1, own)

        ordered = sorted(cards, key=key)
        settings = self.settings
        if settings.new_order == "interleave":
            ordered = _interleave(ordered, lambda card: card.source)
        if settings.own_decks != "last":
            own = [card for card in ordered if self.deck.by_id[card.id].deck]
            bundled = [card for card in ordered if not self.deck.by_id[card.id].deck]
            ordered = (own + bundled if settings.own_decks == "first"
                       else _interleave([*own, *bundled],
                                        lambda card: bool(self.deck.by_id[card.id].deck)))
        return tuple(card.id for card in ordered)

    # -- time -----------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return study_day(self.clock(), self.settings.rollover_hour)

    # -- the queue ------------------------------------------------------------------------

    def _build(self, day: date) -> _Today:
        history = self.history
        todays = [r for r in history.reviews_on(day) if r.review.card in self._deck_ids]
        scheduled = [r for r in todays if r.scheduled]
        excluded = history.suspended_cards() | history.buried_on(day)
        queued = self._deck_ids if self.scope is None else self._deck_ids & self.scope
        until = day + timedelta(days=self.ahead)
        asked = history.asked_again(day)
        order = sorted(
            (state.due, self._position[card], card)
            for card, state in history.states.items()
            if state.due is not None and state.due <= until and card in queued
            and card not in asked  # a repeat today: its grades do not reschedule it
        )
        latest: dict[str, Replayed] = {}
        for replayed in todays:
            latest.pop(replayed.review.card, None)  # re-insert: order by latest grade
            latest[replayed.review.card] = replayed
        repeats = {card: None for card, replayed in latest.items()
                   if replayed.review.grade < sm2.REPEAT_BELOW}
        repeats.update((card, None) for card, since in asked.items()
                       if card in history.states
                       and (card not in latest or latest[card].review.ts < since))
        repeats.update(self._again)
        return _Today(
            day, history, order,
            due_on={card: due for due, _, card in order},
            excluded=excluded,
            repeats={card: None for card in repeats if card not in excluded and card in queued},
            due_left=sum(1 for _, _, card in order if card not in excluded),
            new_in_deck=len(queued.difference(history.states, excluded)),
            scheduled=len(scheduled),
            new_done=sum(1 for r in scheduled if r.before.is_new),
            done=len(todays),
            forward=[card for card in history.moved_forward(day) if card in queued
                     and card not in history.states and card not in excluded],
        )

    def _cover(self, day: date) -> None:
        """A history started from a snapshot holds its last two study days one by one; if
        the clock goes back before them, read the whole journal (rare, and exact)."""
        if not self.history.covers(day) and self.journal is not None:
            self.history = self.journal.read(full=True)[0]
            self._today = None

    def _current_today(self) -> _Today:
        day = self.today
        self._cover(day)
        today = self._today
        if today is None or today.day != day or today.history is not self.history:
            today = self._today = self._build(day)
        return today

    def _sizes(self, today: _Today) -> tuple[int, int]:
        """How many due and new cards are left today, within the day's limits."""
        settings = self.settings
        reviews_left = max(0, settings.max_reviews_per_day - today.scheduled)
        due = min(today.due_left, reviews_left)
        new_left = max(0, settings.new_per_day + self.history.extra_new(today.day)
                       - today.new_done)
        return due, min(new_left, reviews_left - due, today.new_in_deck)

    def _first_due(self, today: _Today) -> str:
        order, states, index = today.order, self.history.states, today.due_from
        while True:  # `due_left` > 0: one is left
            _, _, card = order[index]
            if card not in today.excluded and today.still_due(card, states.get(card)):
                break
            index += 1
        today.due_from = index
        return card

    def _first_new(self, today: _Today) -> str:
        order, states, index = self._new_order, self.history.states, today.new_from
        while today.forward and (today.forward[0] in states
                                 or today.forward[0] in today.excluded):
            today.forward.pop(0)
        if today.forward:
            return today.forward[0]
        scope = self.scope
        while order[index] in states or order[index] in today.excluded or (
                scope is not None and order[index] not in scope):
            index += 1
        today.new_from = index
        return order[index]

    def counts(self) -> QueueCounts:
        today = self._current_today()
        due, new = self._sizes(today)
        return QueueCounts(due, new, len(today.repeats), today.done)

    def current(self, draft: str = "") -> ReviewItem | None:
        """The card to show now (a cram's first), or None when today's queue is empty."""
        today = self._current_today()
        due, new = self._sizes(today)
        reason: QueueReason
        if self.cram:
            reason, card_id = "cram", self.cram[0]
        elif due:
            reason, card_id = "due", self._first_due(today)
        elif new:
            reason, card_id = "new", self._first_new(today)
        elif today.repeats:
            reason, card_id = "repeat", next(iter(today.repeats))
        else:
            return None
        card = self.deck.by_id[card_id]
        state = self.history.state(card_id)
        intervals = {} if reason in ("repeat", "cram") else sm2.preview(state)
        parent = self.deck.get(card.parent) if card.parent else None
        return ReviewItem(card, reason, state, intervals, parent, draft)

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
        card_id: str | None = None,
    ) -> Replayed:
        """Grade the current card, or `card_id` (a mock interview's answer put into today's
        review): journaled durably first, then applied."""
        sm2.check_grade(grade)
        if card_id is None:
            item = self.current()
            if item is None:
                raise LookupError("there is no card to grade")
            card_id = item.card.id
            if item.reason == "cram":
                return self._crammed(item, grade, answer, ms, language)
        review = Review(
            **self._stamp(),
            card=card_id,
            grade=grade,
            ms=max(0, int(ms)),
            answer=printable(nfc(answer)),
            ticked=tuple(sorted(set(ticked))),
            language=language,
        )
        self._cover(review.day)
        scheduled, after = self.history.outcome(review)
        self._journal().append(review, after=after, scheduled=scheduled)
        was_new = review.card not in self.history.states
        self.history.apply(review)
        self._undo_stack.append(review.id)
        replayed = self.history.replayed(review.id)
        assert replayed is not None
        self._graded(replayed, was_new)
        return replayed

    def _crammed(self, item: ReviewItem, grade: int, answer: str, ms: int,
                 language: str) -> Replayed:
        """A cram's grade: kept nowhere, the card's state untouched; below 4 the card goes
        to the back of the cram, as a repeat would."""
        card = self.cram.pop(0)
        if grade < sm2.REPEAT_BELOW:
            self.cram.append(card)
        review = Review(**self._stamp(), card=card, grade=grade, ms=max(0, int(ms)),
                        answer=printable(nfc(answer)), language=language)
        return Replayed(review, False, item.state, item.state)

    def _graded(self, replayed: Replayed, was_new: bool) -> None:
        """Move today's queue on by one grade."""
        today, review = self._today, replayed.review
        if review.grade >= sm2.REPEAT_BELOW:
            self._again.pop(review.card, None)
        if self.scope is not None and review.card not in self.scope:
            self._today = None  # an interview's answer of a card outside the scope
            return
        if today is None or today.day != review.day or today.history is not self.history:
            self._today = None  # the day rolled over between showing and grading
            return
        card = review.card
        today.done += 1
        if replayed.scheduled:
            today.scheduled += 1
            today.new_done += replayed.before.is_new
        if card in today.excluded:
            return
        today.due_left += (today.still_due(card, replayed.after)
                           - today.still_due(card, replayed.before))
        today.new_in_deck -= was_new
        today.repeats.pop(card, None)  # re-insert: repeats come in the order of their grade
        if review.grade < sm2.REPEAT_BELOW:
            today.repeats[card] = None

    def _record(self, event: Event) -> None:
        """Journal `event` durably, then apply it; undo can take it back."""
        self._journal().append(event)
        self.history.apply(event)
        self._undo_stack.append(event.id)

    def _act(self, kind: ActionKind, card_id: str | None = None) -> None:
        if card_id is None:
            item = self.current()
            if item is None:
                raise LookupError("there is no card to act on")
            card_id = item.card.id
        action = CardAction(**self._stamp(), kind=kind, card=card_id)
        self._record(action)
        today = self._today
        if today is None or kind == "unsuspend" or action.day != today.day:
            self._today = None  # an unsuspend can bring back a card anywhere in the queue
        elif card_id not in today.excluded:
            today.excluded.add(card_id)
            state = self.history.states.get(card_id)
            today.due_left -= today.still_due(card_id, state)
            today.new_in_deck -= state is None and card_id in self._deck_ids
            today.repeats.pop(card_id, None)

    def bury(self, card_id: str | None = None) -> None:
        """Hide a card (the current one by default) until the next study day."""
        self._act("bury", card_id)

    def suspend(self, card_id: str | None = None) -> None:
        """Take a card (the current one by default) out of every queue until it is
        unsuspended."""
        self._act("suspend", card_id)

    def unsuspend(self, card_id: str) -> None:
        self._act("unsuspend", card_id)

    def forget(self, card_id: str) -> bool:
        """Put a studied card back to new; False (and nothing journaled) for a new card."""
        if card_id not in self.history.states:
            return False
        self._record(Forget(**self._stamp(), card=card_id))
        self._today = None  # it is a new card again, anywhere in the new-card order
        return True

    def note(self, card_id: str, text: str) -> bool:
        """Set the candidate's note on a card ("" removes it); False when it is unchanged."""
        text = printable(nfc(text)).strip()
        if text == self.history.note(card_id):
            return False
        self._record(Note(**self._stamp(), card=card_id, text=text))
        return True

    def flag(self, card_id: str, flag: int) -> bool:
        """Flag a card with colour 1 to `FLAGS`, or 0 to take the flag off; False when it
        already has that flag."""
        if not 0 <= flag <= FLAGS:
            raise ValueError(f"flag must be from 0 to {FLAGS}, got {flag}")
        if flag == self.history.flag(card_id):
            return False
        self._record(Flag(**self._stamp(), card=card_id, flag=flag))
        return True

    @property
    def can_undo(self) -> bool:
        return self.last_change() is not None

    def last_change(self) -> Event | None:
        """What `undo` would take back."""
        for event_id in reversed(self._undo_stack):
            event = self.history.get(event_id)
            if event is not None:
                return event
        return None

    def undo(self) -> ReviewItem | None:
        """Take back the last change (a grade, a bury, a note...); return the card to show
        now."""
        while self._undo_stack:
            target_id = self._undo_stack.pop()
            target = self.history.get(target_id)
            if target is None:
                continue
            undo = Undo(**self._stamp(), target=target_id)
            self._journal().append(undo)
            self.history.apply(undo)
            self._today = None  # an undo may make any card due again, even yesterday's
            draft = target.answer if isinstance(target, Review) else ""
            return self.current(draft=draft)
        return None

    def learn_more(self, count: int) -> None:
        """Anki's custom study: allow `count` more new cards today (journaled, so that a
        restart and `dlflash due` keep them)."""
        if count > 0:
            self._record(LearnMore(**self._stamp(), count=count))

    def into_today(self, cards: Sequence[str]) -> tuple[list[str], list[str]]:
        """A mock interview's answers into today's review: new cards are moved forward (the
        first of today's new cards, beyond the daily limit), studied cards are asked again
        as same-day repeats whose grades do not reschedule them. A card that today's queue
        holds already (due, a repeat, moved forward), is suspended or buried, or is not in
        the deck is left alone. One journal event, so that a restart keeps them. Returns
        the cards moved forward and those asked again."""
        today = self._current_today()
        forward = set(today.forward)
        new: list[str] = []
        repeats: list[str] = []
        for card in dict.fromkeys(cards):
            if card not in self._deck_ids or card in today.excluded:
                continue
            state = self.history.states.get(card)
            if state is None:
                if card not in forward:
                    new.append(card)
            elif not (today.still_due(card, state) or card in today.repeats):
                repeats.append(card)
        if new or repeats:
            self._record(LearnMore(**self._stamp(), count=len(new), cards=tuple(new),
                                   repeats=tuple(repeats)))
            self._today = None
        return new, repeats

    # -- choosing what to study -----------------------------------------------------------

    def use(self, settings: Settings) -> None:
        """Study with changed settings from now on (the new-card order among them)."""
        self.settings = settings
        self._new_order = self._main_before_follow_ups(self.deck.refs)
        self._today = None

    def mistakes(self) -> list[Replayed]:
        """Today's failed cards of this deck (a grade below 3), each once with its first
        failing review, in the order they failed."""
        key = (self.history.version, self.today)
        if self._mistakes[0] != key:  # the key bar asks once per mistake key, per change
            failed: dict[str, Replayed] = {}
            for replayed in self.history.reviews_on(self.today):
                card = replayed.review.card
                if replayed.review.grade < sm2.PASS_GRADE and card in self._deck_ids:
                    failed.setdefault(card, replayed)
            self._mistakes = (key, list(failed.values()))
        return list(self._mistakes[1])

    def review_mistakes(self) -> int:
        """Put today's failed cards back into today's queue as repeats (they were reviewed
        today, so their grades do not reschedule them); how many."""
        cards = [replayed.review.card for replayed in self.mistakes()]
        self._again.update(dict.fromkeys(cards))
        self._today = None
        return len(cards)

    def study(self, scope: frozenset[str] | None = None, ahead: int = 0,
              cram: Sequence[str] = ()) -> None:
        """Limit today's queue to `scope` (None: every card), count cards due within `ahead`
        days as due today, and cram `cram` first (in that order)."""
        self.scope, self.ahead = scope, max(0, ahead)
        self.cram = [card for card in cram if card in self._deck_ids]
        self._today = None

    def due_within(self, days: int, scope: frozenset[str] | None = None) -> int:
        """Cards due after today and within `days` days, not suspended, in `scope` (None:
        any card)."""
        today = self.today
        until = today + timedelta(days=days)
        return sum(1 for card, state in self.history.states.items()
                   if card in self._deck_ids and state.due is not None
                   and today < state.due <= until and not self.history.is_suspended(card)
                   and (scope is None or card in scope))

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


_Item = TypeVar("_Item")


def _interleave(items: Sequence[_Item], group: Callable[[_Item], Hashable]) -> list[_Item]:
    """`items` taken one of each group in turn (groups in the order they first appear),
    each group's own order kept."""
    groups: dict[Hashable, list[_Item]] = {}
    for item in items:
        groups.setdefault(group(item), []).append(item)
    rank = {id(item): n for members in groups.values() for n, item in enumerate(members)}
    first = {key: n for n, key in enumerate(groups)}
    return sorted(items, key=lambda item: (rank[id(item)], first[group(item)]))
