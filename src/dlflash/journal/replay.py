"""The first read of a long history without a snapshot: fold old events into a checkpoint
while replaying, instead of holding every event. Pure: text in, a `Base` and a window out.

`History(events).checkpoint()` needs every event in memory at once (3x the memory of a
start from a snapshot, and seconds of decoding at 100,000 reviews). `fold` gives the same
`Base` and window from the journals' text in one pass, holding only the card states, the
older reviews' table and the last two study days' events; `History(window, base=base)` is
then what a start from a snapshot gives. Review lines in the layout `events.encode` writes
are read by one regular expression (no JSON objects, no `Review`s); every other line is
decoded as the full read decodes it.

Exactness comes first: whatever this replay cannot fold exactly as `History` replays it
raises `Unsupported`, and the caller reads everything in full (which also reports every
unreadable line by its number): an id seen twice, an unreadable line, an undo of an undo
or of an interview answer, an undo reaching across the window's start, a mock interview's
repeats that would refold reviews already folded, events whose days are out of order
around the window's start. `scan` first finds what an undo points to, so that an undone
event is never folded (an undo usually follows its grade within seconds, and the fold has
no record to take it out of again).
"""

from __future__ import annotations

import heapq
import json
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Any

from dlflash import sm2
from dlflash.journal.events import (
    CardAction,
    Event,
    Flag,
    Forget,
    InterviewAnswer,
    InterviewGrade,
    LearnMore,
    Note,
    RecordError,
    Review,
    Undo,
    decode,
)
from dlflash.journal.history import Base
from dlflash.journal.review_table import COLUMNS, MAX_MS, ReviewTable, tick_mask
from dlflash.sm2 import CardState

_NEW = CardState()
_LAST_ORDINAL = date.max.toordinal()


class Unsupported(Exception):
    """This history cannot be folded exactly here; read it in full."""


_STR = r'[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*'
"""A JSON string's body, exactly as `json.loads` accepts it (no raw control characters)."""
_NUM = r"(?:0|[1-9][0-9]*)"
_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_LINE = re.compile(
    r'(\{"v":1,"id":"([0-9a-f]{32})","device":"' + _STR + r'","ts":"('
    + _DAY + r"T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}[+-][0-9]{2}:[0-9]{2})"
    r'","day":"(' + _DAY + r')","type":"review","card":"([A-Za-z0-9._-]+)",'
    r'"grade":([0-5]),"ms":(' + _NUM + r'),"answer":"' + _STR + r'","ticked":\[((?:'
    + _NUM + r"(?:," + _NUM + r')*)?)\],"lang":"' + _STR + r'"'
    r'(?:,"scheduled":(?:true|false))?(?:,"reps":' + _NUM + r',"ef":' + _NUM
    + r'(?:\.[0-9]+)?,"interval":' + _NUM + r',"due":(?:"' + _DAY + r'"|null))?\})\n'
    r"|([^\n]*)\n"
)
"""A review line as `encode` writes it (groups: the line, id, ts, day, card, grade, ms,
ticked), or any other line (the last group). Such a review line is one `decode` accepts,
with these values; a card id of other characters, or any other layout, is decoded."""
_UNDO = re.compile(rb'"type":"undo","target":"([^"\\\n]*)"')
_ANY_DAY = re.compile(rb'"day":"(' + _DAY.encode() + rb')"')


def scan(chunk: bytes) -> tuple[set[str], bytes]:
    """What an undo in `chunk` points to, and the latest study day it names (b"" for none):
    found in the raw text, checked by `fold` against what the decoded lines say."""
    days = _ANY_DAY.findall(chunk)
    return {t.decode("ascii", "replace") for t in _UNDO.findall(chunk)}, max(days, default=b"")


_Item = tuple[datetime, Any]
"""An event's time, and either a review line's groups or a decoded event."""


def _items(chunks: Iterable[bytes]) -> Iterator[_Item]:
    """The events of one journal in file order, each with its time. `chunks` are its bytes,
    each ending at a line's end."""
    fromisoformat = datetime.fromisoformat
    for chunk in chunks:
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            raise Unsupported from None
        try:
            for groups in _LINE.findall(text):
                if groups[1]:
                    yield fromisoformat(groups[2]), groups
                elif groups[8].strip():
                    event = decode(json.loads(groups[8]))
                    yield event.ts, event
        except (ValueError, RecordError):  # not JSON, not an event, a bad date: say where
            raise Unsupported from None


class _Fold:
    """`History`'s replay of everything before the window, as a `Base`."""

    def __init__(self, voided: set[str]) -> None:
        self.voided = voided
        self.states: dict[str, CardState] = {}
        self.scheduled: dict[str, set[date]] = {}
        self.last_ts: dict[str, datetime] = {}
        """Per card, the time of the last review folded (for a learn_more's repeats)."""
        self.in_order = True
        """Whether the events so far came in time order (then the last is the latest)."""
        self.more: dict[date, list[LearnMore]] = {}
        self.asked: set[str] = set()
        self.actions: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.flags: dict[str, int] = {}
        self.interviews: list[InterviewAnswer | InterviewGrade] = []
        self.undone: list[str] = []
        self.days: dict[str, date] = {}
        self.cards: list[str] = []
        self.index: dict[str, int] = {}
        self.columns = [array(code) for _, code in COLUMNS]
        self.appends = tuple(column.append for column in self.columns)
        self.sorted = True
        self.last_ordinal = 0
        self.transitions: dict[tuple[int, float, int, int], tuple[int, float, int]] = {}

    def day(self, text: str) -> date:
        found = self.days.get(text)
        if found is None:
            try:
                found = self.days[text] = date.fromisoformat(text)
            except ValueError:  # February 30th: the full read says which line
                raise Unsupported from None
        return found

    def review(self, card: str, ts: datetime, day: date, grade: int, ms: int, mask: int,
               event_id: str) -> None:
        """`History._fold` of one review, and its row in the older reviews' table."""
        if event_id in self.voided:
            return
        states = self.states
        before = states.get(card)
        scheduled_days = self.scheduled.get(card)
        ordinal = day.toordinal()
        # History.outcome: a same-day repeat, or asked again as one, leaves the card alone.
        scheduled = not (scheduled_days is not None and day in scheduled_days) and not (
            card in self.asked and before is not None and any(
                card in more.repeats and more.ts <= ts for more in self.more.get(day, ())))
        if scheduled:
            if scheduled_days is None:
                scheduled_days = self.scheduled[card] = set()
            scheduled_days.add(day)
            states[card] = self._after(before or _NEW, grade, day, ordinal)
        self.last_ts[card] = ts
        position = self.index.get(card)
        if position is None:
            position = self.index[card] = len(self.cards)
            self.cards.append(card)
        if ordinal < self.last_ordinal:
            self.sorted = False
        self.last_ordinal = ordinal
        add_card, add_day, add_grade, add_scheduled, add_before, add_ms, add_hour, \
            add_ticked = self.appends
        add_card(position)
        add_day(ordinal)
        add_grade(grade)
        add_scheduled(scheduled)
        add_before(-1 if before is None else before.interval)
        add_ms(min(ms, MAX_MS))
        add_hour(ts.hour)
        add_ticked(mask)

    def _after(self, before: CardState, grade: int, day: date, ordinal: int) -> CardState:
        """`sm2.review(before, grade, day)`: what SM-2 does depends on the state's
        repetitions, E-Factor and interval and the grade alone, so it is worked out once
        per such combination and moved to `day`."""
        key = (before.repetitions, before.easiness, before.interval, grade)
        known = self.transitions.get(key)
        if known is None or ordinal + known[2] > _LAST_ORDINAL:
            after = sm2.review(before, grade, day)
            self.transitions[key] = (after.repetitions, after.easiness, after.interval)
            return after
        return CardState(known[0], known[1], known[2], date.fromordinal(ordinal + known[2]))

    def event(self, event: Event) -> None:
        """Any event but a review line in the encoder's layout."""
        if isinstance(event, Undo):
            if event.id in self.voided:
                raise Unsupported  # an undo undone: its effect depends on arrival order
            self.undone.append(event.target)
            return
        if event.id in self.voided:
            if isinstance(event, InterviewAnswer | InterviewGrade):
                raise Unsupported  # History keeps an undone answer that arrived first
            return
        if isinstance(event, Review):
            self.review(event.card, event.ts, event.day, event.grade, event.ms,
                        tick_mask(event.ticked), event.id)
        elif isinstance(event, InterviewAnswer | InterviewGrade):
            self.interviews.append(event)
        elif isinstance(event, Forget):
            self.states.pop(event.card, None)
            self.scheduled.pop(event.card, None)
        elif isinstance(event, CardAction):
            if event.kind != "bury":
                self.actions[event.card] = event.kind
        elif isinstance(event, Note):
            self.notes[event.card] = event.text
        elif isinstance(event, Flag):
            self.flags[event.card] = event.flag
        else:
            last = self.last_ts.get
            if (event.repeats and not self.in_order) or any(
                    (ts := last(card)) is not None and ts >= event.ts for card in event.repeats):
                raise Unsupported  # History would refold a review already folded
            self.more.setdefault(event.day, []).append(event)
            self.asked.update(event.repeats)

    def base(self, start: date) -> Base:
        names = [name for name, _ in COLUMNS]
        columns = dict(zip(names, self.columns, strict=True))
        if not self.sorted:  # day order, and applied order within a day, as all_reviews
            order = sorted(range(len(columns["day"])), key=columns["day"].__getitem__)
            columns = {name: array(column.typecode, (column[i] for i in order))
                       for name, column in columns.items()}
        return Base(
            window_start=start,
            states=self.states,
            suspended=frozenset(card for card, kind in self.actions.items()
                                if kind == "suspend"),
            study_days=frozenset(map(date.fromordinal, set(columns["day"]))),
            reviews=ReviewTable(self.cards, columns),
            notes={card: text for card, text in self.notes.items() if text},
            flags={card: flag for card, flag in self.flags.items() if flag},
            interviews=tuple(self.interviews),
        )


def fold(journals: Sequence[Iterable[bytes]], voided: set[str], last_day: bytes
         ) -> tuple[Base, list[Event], datetime | None]:
    """The `Base` and window `History(all events).checkpoint()` gives, and the latest event
    time, from each journal's bytes (`scan`ned first for `voided` and `last_day`)."""
    if not last_day:
        raise Unsupported
    try:
        start = date.fromisoformat(last_day.decode()) - timedelta(days=1)
    except ValueError:
        raise Unsupported from None
    folded = _Fold(voided)
    window: list[Event] = []
    seen: set[int] = set()
    """The hash of every id: a repeat (a journal copied twice) is reported by a full read."""
    latest: datetime | None = None
    newest = date.min
    undone: list[str] = []
    targets: set[str] = set()
    """The ids an undo points to, as they arrive."""
    merged = heapq.merge(*(_items(chunks) for chunks in journals), key=itemgetter(0))
    masks: dict[str, int] = {}
    grades = {str(grade): grade for grade in sm2.GRADES}
    for ts, item in merged:
        if latest is None or ts > latest:
            latest = ts
        elif ts < latest:
            folded.in_order = False
        if type(item) is tuple:
            event_id = item[1]
            day = folded.day(item[3])
        else:
            event_id, day = item.id, item.day
        key = hash(event_id)
        if key in seen:
            raise Unsupported
        seen.add(key)
        if event_id in voided:
            targets.add(event_id)
        newest = max(newest, day)
        if window or day >= start:
            if day < start:
                raise Unsupported  # an earlier day inside the window: not checkpointable
            event = decode(json.loads(item[0])) if type(item) is tuple else item
            if isinstance(event, Undo):
                undone.append(event.target)
            window.append(event)
        elif type(item) is tuple:
            mask = masks.get(item[7])
            if mask is None:
                mask = masks[item[7]] = tick_mask(map(int, item[7].split(",")) if item[7]
                                                  else ())
            folded.review(item[4], ts, day, grades[item[5]], int(item[6]), mask, event_id)
        else:
            folded.event(item)
    if newest.isoformat().encode() != last_day or set(folded.undone) | set(undone) != voided:
        raise Unsupported  # the raw scan saw what decoding did not (or the other way)
    window_ids = {event.id for event in window}
    if any(target not in targets or target in window_ids for target in folded.undone) \
            or any(target not in window_ids for target in undone):
        raise Unsupported  # an undo across the window's start
    return folded.base(start), window, latest
