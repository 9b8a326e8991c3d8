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

import json
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, tzinfo
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


def _batches(chunks: Iterable[bytes]) -> Iterator[list[_Item]]:
    """The events of one journal in file order, each with its time, a piece at a time.
    `chunks` are its bytes, each ending at a line's end."""
    fromisoformat = datetime.fromisoformat
    zones: dict[str, tzinfo] = {}
    """One `timezone` per UTC offset: times of the same zone object compare 20 times as
    fast as those of two equal ones (no `utcoffset()` calls), and they are compared a few
    times each (the merge, the latest time)."""
    for chunk in chunks:
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            raise Unsupported from None
        batch: list[_Item] = []
        add = batch.append
        try:
            for groups in _LINE.findall(text):
                if groups[1]:
                    ts = groups[2]
                    zone = zones.get(ts[23:])
                    if zone is None:
                        parsed = fromisoformat(ts)
                        zones[ts[23:]] = parsed.tzinfo  # type: ignore[assignment]
                        add((parsed, groups))
                    else:
                        add((fromisoformat(ts[:23]).replace(tzinfo=zone), groups))
                elif groups[8].strip():
                    event = decode(json.loads(groups[8]))
                    add((event.ts, event))
        except (ValueError, RecordError):  # not JSON, not an event, a bad date: say where
            raise Unsupported from None
        yield batch


def _merged(streams: Sequence[Iterator[list[_Item]]]) -> Iterator[list[_Item]]:
    """`heapq.merge(*streams, key=time)` of the streams' items, exactly (the full read's
    order, even for a journal out of time order), in runs: while one stream's next item
    still comes first, it is passed on without a heap operation for each."""
    heads: list[list[Any]] = []  # [batch, position, order, stream]
    for order, stream in enumerate(streams):
        batch = next((batch for batch in stream if batch), None)
        if batch is not None:
            heads.append([batch, 0, order, stream])
    while len(heads) > 1:
        heads.sort(key=lambda head: (head[0][head[1]][0], head[2]))
        first, second = heads[0], heads[1]
        batch, position, order = first[0], first[1], first[2]
        bound = second[0][second[1]][0]
        end, size = position + 1, len(batch)
        if order < second[2]:  # a tie goes to the earlier stream
            while end < size and batch[end][0] <= bound:
                end += 1
        else:
            while end < size and batch[end][0] < bound:
                end += 1
        yield batch[position:end] if position or end < size else batch
        if end < size:
            first[1] = end
            continue
        following = next((batch for batch in first[3] if batch), None)
        if following is None:
            heads.pop(0)
        else:
            first[0], first[1] = following, 0
    if heads:
        batch, position, _, stream = heads[0]
        yield batch[position:]
        yield from stream


_State = tuple[int, float, int, int, int]
"""A card's SM-2 state while folding: repetitions, E-Factor, interval, due, and the last
study day it was scheduled on (days as ordinals). History keeps the set of days a card was
scheduled on; with each card's reviews in day order the last is the only one a review can
fall on, and a review on an earlier day is left to the full read."""


class _Fold:
    """`History`'s replay of everything before the window, as a `Base`: the events that
    are not review lines in the encoder's layout here, those in `fold`'s loop."""

    def __init__(self, voided: set[str]) -> None:
        self.voided = voided
        self.states: dict[str, _State] = {}
        self.last_ts: dict[str, datetime] = {}
        """Per card, the time of the last review folded (for a learn_more's repeats)."""
        self.in_order = True
        """Whether the events so far came in time order (then the last is the latest)."""
        self.more: dict[int, list[LearnMore]] = {}
        self.asked: set[str] = set()
        self.actions: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.flags: dict[str, int] = {}
        self.interviews: list[InterviewAnswer | InterviewGrade] = []
        self.undone: list[str] = []
        self.cards: list[str] = []
        self.index: dict[str, int] = {}
        self.columns = [array(code) for _, code in COLUMNS]
        self.transitions: dict[tuple[int, float, int, int], tuple[int, float, int]] = {}
        """`sm2.review` depends on the repetitions, E-Factor, interval and grade alone: each
        such combination is worked out once, then moved to the review's day."""

    def transition(self, before: _State, grade: int) -> tuple[int, float, int]:
        key = (before[0], before[1], before[2], grade)
        known = self.transitions.get(key)
        if known is None:
            after = sm2.review(CardState(before[0], before[1], before[2], None), grade,
                               date(2000, 1, 1))
            known = self.transitions[key] = (after.repetitions, after.easiness, after.interval)
        return known

    def event(self, event: Event) -> None:
        """Any event but a review."""
        if isinstance(event, Undo):
            if event.id in self.voided:
                raise Unsupported  # an undo undone: its effect depends on arrival order
            self.undone.append(event.target)
            return
        if event.id in self.voided:
            if isinstance(event, InterviewAnswer | InterviewGrade):
                raise Unsupported  # History keeps an undone answer that arrived first
            return
        if isinstance(event, InterviewAnswer | InterviewGrade):
            self.interviews.append(event)
        elif isinstance(event, Forget):
            self.states.pop(event.card, None)
        elif isinstance(event, CardAction):
            if event.kind != "bury":
                self.actions[event.card] = event.kind
        elif isinstance(event, Note):
            self.notes[event.card] = event.text
        elif isinstance(event, Flag):
            self.flags[event.card] = event.flag
        elif isinstance(event, LearnMore):
            last = self.last_ts.get
            if (event.repeats and not self.in_order) or any(
                    (ts := last(card)) is not None and ts >= event.ts for card in event.repeats):
                raise Unsupported  # History would refold a review already folded
            self.more.setdefault(event.day.toordinal(), []).append(event)
            self.asked.update(event.repeats)

    def base(self, start: date) -> Base:
        names = [name for name, _ in COLUMNS]
        columns = dict(zip(names, self.columns, strict=True))
        days = columns["day"]
        if any(days[i] > days[i + 1] for i in range(len(days) - 1)):
            # Day order, and applied order within a day, as `History.all_reviews` gives.
            order = sorted(range(len(days)), key=days.__getitem__)
            columns = {name: array(column.typecode, (column[i] for i in order))
                       for name, column in columns.items()}
            # ...and the cards numbered in the order they first appear, as `plus` does.
            renumber: dict[int, int] = {}
            for position in columns["card"]:
                renumber.setdefault(position, len(renumber))
            columns["card"] = array(columns["card"].typecode,
                                    (renumber[position] for position in columns["card"]))
            cards = [""] * len(renumber)
            for old, new in renumber.items():
                cards[new] = self.cards[old]
            self.cards = cards
        fromordinal = date.fromordinal
        return Base(
            window_start=start,
            states={card: CardState(reps, easiness, interval, fromordinal(due))
                    for card, (reps, easiness, interval, due, _) in self.states.items()},
            suspended=frozenset(card for card, kind in self.actions.items()
                                if kind == "suspend"),
            study_days=frozenset(map(fromordinal, set(columns["day"]))),
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
        start_day = date.fromisoformat(last_day.decode()) - timedelta(days=1)
    except ValueError:
        raise Unsupported from None
    start = start_day.toordinal()
    folded = _Fold(voided)
    window: list[Event] = []
    seen: set[int] = set()
    """The hash of every id: a repeat (a journal copied twice) is reported by a full read."""
    latest: datetime | None = None
    newest = 0
    undone: list[str] = []
    targets: set[str] = set()
    """The ids an undo points to, as they arrive."""
    masks: dict[str, int] = {}
    grades = {str(grade): grade for grade in sm2.GRADES}
    days: dict[str, int] = {}
    # The replay of one review, History._fold and outcome, with everything it touches
    # held in a local name: this loop runs once per review.
    states, last_ts = folded.states, folded.last_ts
    asked, more, index, cards = folded.asked, folded.more, folded.index, folded.cards
    transitions, transition = folded.transitions, folded.transition
    add_card, add_day, add_grade, add_scheduled, add_before, add_ms, add_hour, add_ticked = (
        column.append for column in folded.columns)
    last_ordinal = _LAST_ORDINAL
    for ts, item in (item for run in _merged([_batches(chunks) for chunks in journals])
                     for item in run):
        if latest is None or ts > latest:
            latest = ts
        elif ts < latest:
            folded.in_order = False
        line = type(item) is tuple
        if line:
            event_id = item[1]
            ordinal = days.get(item[3])
            if ordinal is None:
                try:
                    ordinal = days[item[3]] = date.fromisoformat(item[3]).toordinal()
                except ValueError:  # February 30th: the full read says which line
                    raise Unsupported from None
        else:
            event_id, ordinal = item.id, item.day.toordinal()
        key = hash(event_id)
        if key in seen:
            raise Unsupported
        seen.add(key)
        if event_id in voided:
            targets.add(event_id)
        if ordinal > newest:
            newest = ordinal
        if window or ordinal >= start:
            if ordinal < start:
                raise Unsupported  # an earlier day inside the window: not checkpointable
            event = decode(json.loads(item[0])) if line else item
            if isinstance(event, Undo):
                undone.append(event.target)
            window.append(event)
            continue
        if line:
            if event_id in voided:
                continue  # undone: as if it had never been
            card = item[4]
            grade = grades[item[5]]
            ms = int(item[6])
            mask = masks.get(item[7])
            if mask is None:
                mask = masks[item[7]] = tick_mask(map(int, item[7].split(",")) if item[7]
                                                  else ())
        elif isinstance(item, Review) and event_id not in voided:
            card, grade, ms, mask = item.card, item.grade, item.ms, tick_mask(item.ticked)
        else:
            folded.event(item)
            continue
        before = states.get(card)
        # History.outcome: a same-day repeat, or asked again as one, leaves the card alone.
        if before is None:
            scheduled = True
            known = transitions.get((0, _NEW.easiness, 0, grade))
        elif ordinal < before[4]:
            raise Unsupported  # an earlier day than the card's last: left to History
        else:
            scheduled = ordinal != before[4] and not (card in asked and any(
                card in event.repeats and event.ts <= ts for event in more.get(ordinal, ())))
            known = transitions.get((before[0], before[1], before[2], grade))
        if scheduled:
            if known is None:
                known = transition(before or (0, _NEW.easiness, 0, 0, 0), grade)
            states[card] = (known[0], known[1], known[2], min(ordinal + known[2], last_ordinal),
                            ordinal)
        last_ts[card] = ts
        position = index.get(card)
        if position is None:
            position = index[card] = len(cards)
            cards.append(card)
        add_card(position)
        add_day(ordinal)
        add_grade(grade)
        add_scheduled(scheduled)
        add_before(-1 if before is None else before[2])
        add_ms(min(ms, MAX_MS))
        add_hour(ts.hour)
        add_ticked(mask)
    if not newest or date.fromordinal(newest).isoformat().encode() != last_day \
            or set(folded.undone) | set(undone) != voided:
        raise Unsupported  # the raw scan saw what decoding did not (or the other way)
    window_ids = {event.id for event in window}
    if any(target not in targets or target in window_ids for target in folded.undone) \
            or any(target not in window_ids for target in undone):
        raise Unsupported  # an undo across the window's start
    return folded.base(start_day), window, latest
