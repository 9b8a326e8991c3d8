"""Replay of the journal into card states: pure, incremental, and the same on every run.

Events are applied in time order. The first grade a card receives on a study day schedules
it with SM-2; later grades that day are same-day repeats and leave the state alone. A forget
puts the card back to new (its next grade schedules it again, even on the same day). An undo
voids its target; the card's state is then refolded from its remaining reviews and forgets.
Notes and flags: the latest one counts, so an undo shows the one before it again.

A history can start from a `Base` (what a snapshot keeps of everything before its window)
instead of from nothing: then it holds only the window's and later events one by one, which
is all a study session needs, and `partial` is true; the base keeps the older reviews as a
compact table, which is all the statistics need.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import takewhile
from typing import Any, TypeVar

from dlflash import sm2
from dlflash.journal.events import (
    CardAction,
    Event,
    Flag,
    Forget,
    InterviewAnswer,
    InterviewEvent,
    InterviewGrade,
    LearnMore,
    Note,
    Replayed,
    Review,
    Undo,
)
from dlflash.journal.review_table import ReviewTable
from dlflash.sm2 import CardState


@dataclass(frozen=True, slots=True)
class Base:
    """The outcome of every event before a window, where every such event's study day is
    before `window_start`: enough to replay the window and anything later exactly, as long
    as no later review falls on a day before `window_start` (no day can then have been
    scheduled already, so the base needs no per-day record)."""

    window_start: date
    states: Mapping[str, CardState]
    suspended: frozenset[str]
    study_days: frozenset[date]
    reviews: ReviewTable = field(default_factory=ReviewTable)
    """The effective reviews before `window_start`, as the statistics read them."""
    notes: Mapping[str, str] = field(default_factory=dict)
    flags: Mapping[str, int] = field(default_factory=dict)
    interviews: tuple[InterviewEvent, ...] = ()
    """Every interview event before `window_start`: they are few, and none changes a state."""


class History:
    """Everything derived from the journal: card states, flags, and the effective reviews."""

    def __init__(self, events: Iterable[Event] = (), base: Base | None = None) -> None:
        self.base = base
        self.states: dict[str, CardState] = dict(base.states) if base else {}
        self.duplicate_ids: list[str] = []
        self._seen: dict[str, Event] = {}
        self._voided: set[str] = set()
        self._reviews: dict[str, list[Review]] = defaultdict(list)
        self._folds: dict[str, list[Review | Forget]] = defaultdict(list)
        """Per card, the events that change its state, in the order they were applied."""
        self._forgot: dict[str, CardState] = {}
        """Per forget, the state it took the card from."""
        self._notes: dict[str, list[Note]] = defaultdict(list)
        self._flags: dict[str, list[Flag]] = defaultdict(list)
        self._more: dict[date, list[LearnMore]] = defaultdict(list)
        self._asked_cards: set[str] = set()
        """Every card a `LearnMore` ever asked again as a repeat (for a fast replay)."""
        self._replayed: dict[str, Replayed] = {}
        self._scheduled_days: dict[str, set[date]] = defaultdict(set)
        self._actions: dict[str, list[CardAction]] = defaultdict(list)
        self._by_day: dict[date, list[Review]] = defaultdict(list)
        self._interviews: list[InterviewAnswer] = []
        self._own_grades: dict[str, int] = {}
        for interview_event in base.interviews if base else ():
            self._interview(interview_event)
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
        if isinstance(event, InterviewAnswer | InterviewGrade):
            self._interview(event)
        elif isinstance(event, Review):
            self._reviews[event.card].append(event)
            self._folds[event.card].append(event)
            self._by_day[event.day].append(event)
            self._fold(event)
        elif isinstance(event, Forget):
            self._folds[event.card].append(event)
            self._forget(event)
        elif isinstance(event, CardAction):
            self._actions[event.card].append(event)
        elif isinstance(event, Undo):
            self._undo(event)
        else:
            self._listed(event).append(event)
            if isinstance(event, LearnMore):
                self._asked_cards.update(event.repeats)
                for card in event.repeats:  # a review before it in the log may come after it
                    self._refold(card)

    def _listed(self, event: Note | Flag | LearnMore) -> list[Any]:
        """The list an event of the latest-counts kinds is kept in."""
        if isinstance(event, Note):
            return self._notes[event.card]
        if isinstance(event, Flag):
            return self._flags[event.card]
        return self._more[event.day]

    def _interview(self, event: InterviewEvent) -> None:
        """Interview answers are kept in the order applied; an own grade replaces the one
        before it. Neither touches a card's state."""
        if isinstance(event, InterviewAnswer):
            self._interviews.append(event)
        else:
            self._own_grades[event.target] = event.grade

    def outcome(self, review: Review) -> tuple[bool, CardState]:
        """Whether `review` would schedule its card, and the state it would leave."""
        before = self.states.get(review.card, CardState())
        if review.day in self._scheduled_days.get(review.card, ()):
            return False, before
        if review.card in self._asked_cards and review.card in self.states \
                and self._asked_again(review):
            return False, before
        return True, sm2.review(before, review.grade, review.day)

    def _asked_again(self, review: Review) -> bool:
        """Whether a mock interview put the card into the review's study day as a repeat
        before the review (`LearnMore.repeats`): its grades that day do not reschedule."""
        return any(review.card in more.repeats and more.ts <= review.ts
                   for more in self._more.get(review.day, ()))

    def _fold(self, review: Review) -> None:
        before = self.states.get(review.card, CardState())
        scheduled, after = self.outcome(review)
        if scheduled:
            self._scheduled_days[review.card].add(review.day)
        self.states[review.card] = after
        self._replayed[review.id] = Replayed(review, scheduled, before, after)

    def _forget(self, forget: Forget) -> None:
        self._forgot[forget.id] = self.states.pop(forget.card, CardState())
        self._scheduled_days[forget.card].clear()

    def _undo(self, undo: Undo) -> None:
        if undo.target in self._voided:
            return  # undone already (two devices took back the same grade)
        self._voided.add(undo.target)
        target = self._seen.get(undo.target)
        if isinstance(target, Review):
            self._reviews[target.card].remove(target)
            self._by_day[target.day].remove(target)
            del self._replayed[target.id]
        if isinstance(target, Review | Forget):
            self._folds[target.card].remove(target)
            self._forgot.pop(target.id, None)
            self._refold(target.card)
        elif isinstance(target, CardAction):
            self._actions[target.card].remove(target)
        elif isinstance(target, Note | Flag | LearnMore):
            self._listed(target).remove(target)
            if isinstance(target, LearnMore):
                for card in target.repeats:
                    self._refold(card)

    def _refold(self, card: str) -> None:
        base_state = self.base.states.get(card) if self.base else None
        if base_state is None:
            self.states.pop(card, None)
        else:
            self.states[card] = base_state
        self._scheduled_days[card].clear()
        for event in self._folds[card]:
            if isinstance(event, Review):
                self._fold(event)
            else:
                self._forget(event)

    # -- reading --------------------------------------------------------------------------

    def state(self, card: str) -> CardState:
        return self.states.get(card, CardState())

    def get(self, event_id: str) -> Event | None:
        """The event with this id, if it is known and not undone."""
        if event_id in self._voided:
            return None
        return self._seen.get(event_id)

    def events(self) -> list[Event]:
        """Every event applied, in the order applied, each id once: undone ones and the
        undos too (what the history export writes)."""
        return list(self._seen.values())

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

    def older_reviews(self) -> ReviewTable:
        """The effective reviews the base sums up (none for a full history): with
        `all_reviews()` after them, every effective review."""
        return self.base.reviews if self.base else ReviewTable()

    @property
    def version(self) -> int:
        """How many events this history has applied: it grows with every change."""
        return len(self._seen)

    def covers(self, day: date) -> bool:
        """Whether a review on `day` can be replayed exactly: always for a full history; for
        a partial one, not before its window (the clock went back across it)."""
        return self.base is None or day >= self.base.window_start

    @property
    def partial(self) -> bool:
        """True when older reviews are summed up in `base`, not held one by one."""
        return self.base is not None

    def study_days(self) -> set[date]:
        """Every study day with at least one effective review."""
        days = {day for day, reviews in self._by_day.items() if reviews}
        return days | self.base.study_days if self.base else days

    def is_suspended(self, card: str) -> bool:
        for action in reversed(self._actions.get(card, ())):
            if action.kind != "bury":
                return action.kind == "suspend"
        return self.base is not None and card in self.base.suspended

    def is_buried(self, card: str, day: date) -> bool:
        return any(a.kind == "bury" and a.day == day for a in self._actions.get(card, ()))

    def buried_on(self, day: date) -> set[str]:
        return {card for card, actions in self._actions.items()
                if any(a.kind == "bury" and a.day == day for a in actions)}

    def suspended_cards(self) -> set[str]:
        cards = set(self._actions) | (self.base.suspended if self.base else set())
        return {card for card in cards if self.is_suspended(card)}

    def note(self, card: str) -> str:
        """The candidate's note on `card`, "" for none."""
        notes = self._notes.get(card)
        if notes:
            return notes[-1].text
        return self.base.notes.get(card, "") if self.base else ""

    def flag(self, card: str) -> int:
        """The flag colour of `card` (1 to `FLAGS`), 0 for none."""
        flags = self._flags.get(card)
        if flags:
            return flags[-1].flag
        return self.base.flags.get(card, 0) if self.base else 0

    def notes(self) -> dict[str, str]:
        """Every card with a note, and its note."""
        cards = set(self._notes) | set(self.base.notes if self.base else ())
        return {card: note for card in cards if (note := self.note(card))}

    def flags(self) -> dict[str, int]:
        """Every flagged card, and its flag."""
        cards = set(self._flags) | set(self.base.flags if self.base else ())
        return {card: flag for card in cards if (flag := self.flag(card))}

    def extra_new(self, day: date) -> int:
        """How many more new cards than the daily limit were asked for on `day`."""
        return sum(event.count for event in self._more.get(day, ()))

    def moved_forward(self, day: date) -> list[str]:
        """The new cards moved forward into `day`'s new cards, in the order asked, each
        once."""
        return list(dict.fromkeys(card for event in self._more.get(day, ())
                                  for card in event.cards))

    def asked_again(self, day: date) -> dict[str, datetime]:
        """The studied cards asked again on `day` as repeats, each with the time it was
        last asked (it is a repeat until a grade of 4 or more after that time)."""
        asked: dict[str, datetime] = {}
        for event in self._more.get(day, ()):
            for card in event.repeats:
                if card not in asked or event.ts > asked[card]:
                    asked[card] = event.ts
        return asked

    def forgets_of(self, card: str) -> list[Forget]:
        """The card's effective forgets, in the order they were applied."""
        return [event for event in self._folds.get(card, ()) if isinstance(event, Forget)]

    def interview_answers(self) -> list[InterviewAnswer]:
        """Every interview answer, in time order (the snapshot's older ones first)."""
        return list(self._interviews)

    def own_grade(self, answer_id: str) -> int | None:
        """The candidate's latest own grade of an interview answer, if they gave one."""
        return self._own_grades.get(answer_id)

    # -- checkpoints ----------------------------------------------------------------------

    def checkpoint(self) -> tuple[Base, list[Event]] | None:
        """A `Base` for everything before the last two study days, and the events of those
        days (the window) as they were applied, undone ones and undos included.

        Replaying the window on the base gives this history's states, today's reviews and
        flags. None when that would not be exact (an undo or a review in the window that
        reaches back before it); the caller then keeps its older checkpoint.
        """
        log = list(self._seen.values())
        if not log:
            return self.base or Base(date.min, {}, frozenset(), frozenset()), []
        start = max(max(event.day for event in log) - timedelta(days=1),
                    self.base.window_start if self.base else date.min)
        cut = next((i for i, event in enumerate(log) if event.day >= start), len(log))
        window, before = log[cut:], log[:cut]
        before_ids = {event.id for event in before}
        window_ids = {event.id for event in window}
        for event in window:
            if event.day < start or (isinstance(event, Undo) and event.target not in window_ids):
                return None
        if any(isinstance(e, Undo) and e.target not in before_ids for e in before):
            return None  # an undo in the past that points into the window (clock skew)
        states = dict(self.states)
        for card, folds in self._folds.items():
            first_in_window = next((e for e in folds if e.id not in before_ids), None)
            if first_in_window is not None:  # the card as it was when the window opened
                before_state = (self._replayed[first_in_window.id].before
                                if isinstance(first_in_window, Review)
                                else self._forgot[first_in_window.id])
                if before_state.is_new:
                    states.pop(card, None)
                else:
                    states[card] = before_state
        suspended = set(self.base.suspended) if self.base else set()
        for card, actions in self._actions.items():
            earlier = [a for a in actions if a.id in before_ids and a.kind != "bury"]
            if earlier:
                (suspended.add if earlier[-1].kind == "suspend" else suspended.discard)(card)
        days = {r.day for reviews in self._reviews.values() for r in reviews
                if r.id in before_ids}
        study_days = frozenset(days | (self.base.study_days if self.base else set()))
        older = self.older_reviews().plus(
            takewhile(lambda r: r.review.day < start, self.all_reviews()))
        notes = _latest(self._notes, before_ids, self.base.notes if self.base else {},
                        lambda note: note.text)
        flags = _latest(self._flags, before_ids, self.base.flags if self.base else {},
                        lambda flag: flag.flag)
        interviews = (*(self.base.interviews if self.base else ()), *(
            event for event in before if isinstance(event, InterviewAnswer | InterviewGrade)))
        return Base(start, states, frozenset(suspended), study_days, older, notes,
                    flags, interviews), window


_Marked = TypeVar("_Marked", Note, Flag)
_Value = TypeVar("_Value", str, int)


def _latest(events: Mapping[str, list[_Marked]], before_ids: set[str],
            base: Mapping[str, _Value], value: Callable[[_Marked], _Value]
            ) -> dict[str, _Value]:
    """Per card, the value of its latest event before the window, else the base's; cards
    whose value is empty (a note removed, a flag taken off) are left out."""
    result = dict(base)
    for card, listed in events.items():
        earlier = [event for event in listed if event.id in before_ids]
        if earlier:
            result[card] = value(earlier[-1])
    return {card: v for card, v in result.items() if v}
