"""What the statistics read: the effective reviews as a column table with the card states
and flags, and the shared definitions (review kinds, young/mature, pass, windows).

`StatsInput.later` runs on the thread that owns the `History` (it copies a few containers);
everything after it is pure and may run in a worker thread. Figures are computed on the
table's columns, mostly by C-level counting over day slices: the rows are in day order.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from dlflash.deck.model import Deck
from dlflash.journal.events import InterviewAnswer, Replayed
from dlflash.journal.history import History
from dlflash.journal.review_table import ReviewTable, flags
from dlflash.sm2 import PASS_GRADE, CardState

MATURE_DAYS = 21
"""A card is mature when its interval is at least this many days (Anki's threshold)."""
LEECH_FAILURES = 8
"""A card that has failed this many times is a leech (Anki's default threshold)."""
RANGES: tuple[int, ...] = (30, 90, 365)
"""The periods, in days ending today, that range-dependent figures can cover."""

ReviewKind = Literal["new", "young", "mature", "repeat"]
KINDS: tuple[ReviewKind, ...] = ("new", "young", "mature", "repeat")
NEW, YOUNG, MATURE, REPEAT = range(4)
"""Kind codes: the index of the kind's name in `KINDS`."""


def kind_of(scheduled: int, before: int) -> int:
    """How a review counts (a code of `KINDS`), judged on the card's state BEFORE it, whose
    interval is `before` (-1 for a card never scheduled):

    - `repeat`: a later grade of the card on the same study day (it does not schedule);
    - `new`: the card's first scheduling grade ever;
    - `young`: a scheduling grade of a card whose interval was under 21 days;
    - `mature`: a scheduling grade of a card whose interval was 21 days or more.
    """
    if not scheduled:
        return REPEAT
    if before < 0:
        return NEW
    return MATURE if before >= MATURE_DAYS else YOUNG


def kinds_of(scheduled: array[int], before: array[int]) -> bytes:
    """`kind_of` of every row, from the `scheduled` flags (one byte each) and the intervals
    `before` (ints of `before.itemsize` bytes, read byte by byte: the sign is the most
    significant byte's top bit, and an interval is 21 or more when its least significant
    byte is or any other byte is not zero)."""
    rows, size, raw = len(before), before.itemsize, before.tobytes()
    low = 0 if sys.byteorder == "little" else size - 1
    high = size - 1 - low
    mature = flags(raw[low::size], lambda v: v >= MATURE_DAYS)
    for byte in range(size):
        if byte != low:
            mature |= flags(raw[byte::size], bool)
    new = flags(raw[high::size], lambda v: v >= 0x80)
    code = flags(bytes(scheduled), bool) << 2 | new << 1 | mature
    # Codes 0-7 name (scheduled, new, mature); each maps to the kind of a row like it.
    kinds = bytes(kind_of(c >> 2 & 1, -1 if c >> 1 & 1 else MATURE_DAYS * (c & 1))
                  for c in range(8))
    return code.to_bytes(rows, "little").translate(kinds + bytes(248))


def outcomes_of(kinds: bytes, grades: array[int]) -> bytes:
    """Per row: its kind code times two, plus one when it passed (grade >= 3)."""
    passed = flags(bytes(grades), lambda v: PASS_GRADE <= v < 0x80)  # a signed byte
    return (int.from_bytes(kinds, "little") << 1 | passed).to_bytes(len(kinds), "little")


def window(today: date, days: int) -> tuple[date, date]:
    """The `days` study days ending with `today`, both ends included."""
    return today - timedelta(days=days - 1), today


def roots(deck: Deck) -> dict[str, str]:
    """The main question each card belongs to: its `parent` followed up while it is in the
    deck; an orphan follow-up groups under the parent it names."""
    parents = {ref.id: ref.parent for ref in deck.refs}
    result: dict[str, str] = {}
    for card in parents:
        seen, root = {card}, card
        while (parent := parents.get(root)) is not None and parent not in seen:
            seen.add(parent)
            root = parent
            if parent not in parents:
                break
        result[card] = root
    return result


@dataclass(frozen=True, slots=True)
class StatsInput:
    """Everything the statistics need, restricted to the cards of `deck`.

    `reviews` holds the effective reviews (undone ones are already gone) in study-day order,
    then in the order replay applied them, `kinds` the kind code of each and `outcomes` its
    `outcomes_of` (what retention and failures count, in C: `bytes.count`); `states` holds
    every deck card that has ever been scheduled; `buried` the cards buried on `today`;
    `roots` the main question of every deck card (see `roots`).
    """

    deck: Deck
    today: date
    reviews: ReviewTable
    kinds: bytes
    outcomes: bytes
    states: Mapping[str, CardState]
    suspended: frozenset[str]
    buried: frozenset[str]
    roots: Mapping[str, str]
    interviews: tuple[InterviewAnswer, ...] = ()
    """The mock interviews' answers to cards of `deck`, in time order."""
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """Figures already worked out from this input (`report.build_report`): a report for
    another range reuses those that do not depend on the range (issue 19)."""

    @classmethod
    def capture(cls, history: History, deck: Deck, today: date) -> StatsInput:
        return cls.later(history, deck, today)()

    @classmethod
    def later(cls, history: History, deck: Deck, today: date) -> Callable[[], StatsInput]:
        """Copy what the statistics need from `history` now, on the thread that owns it
        (cheap: the older reviews are an immutable table), and return a function that builds
        the input from the copy, anywhere (a worker thread)."""
        earlier, recent = history.older_reviews(), tuple(history.all_reviews())
        states = dict(history.states)
        suspended, buried = history.suspended_cards(), history.buried_on(today)
        interviews = tuple(history.interview_answers())
        return lambda: cls.of(deck, today, earlier.plus(recent), states, suspended, buried,
                              interviews)

    @classmethod
    def of(cls, deck: Deck, today: date, reviews: ReviewTable | Iterable[Replayed] = (),
           states: Mapping[str, CardState] | None = None,
           suspended: Iterable[str] = (), buried: Iterable[str] = (),
           interviews: Iterable[InterviewAnswer] = ()) -> StatsInput:
        """Cards outside `deck` are left out. Replayed reviews (tests, by hand) are put in
        study-day order."""
        if not isinstance(reviews, ReviewTable):
            reviews = ReviewTable().plus(sorted(reviews, key=lambda r: r.review.day))
        table = reviews.where([card in deck for card in reviews.cards])
        kinds = kinds_of(table.scheduled, table.before)
        return cls(deck, today, table, kinds, outcomes_of(kinds, table.grade),
                   {c: s for c, s in (states or {}).items() if c in deck},
                   frozenset(c for c in suspended if c in deck),
                   frozenset(c for c in buried if c in deck), roots(deck),
                   tuple(a for a in interviews if a.card in deck))

    def day_counts(self) -> dict[int, int]:
        """Reviews per study day (as an ordinal), found by bisection: rows are in day order."""
        days, counts, start = self.reviews.day, {}, 0
        while start < len(days):
            end = bisect_right(days, days[start], start)
            counts[days[start]] = end - start
            start = end
        return counts

    def rows(self, first: date, last: date) -> slice:
        """The rows whose study day lies in [first, last] (rows are in day order)."""
        days = self.reviews.day
        return slice(bisect_left(days, first.toordinal()), bisect_right(days, last.toordinal()))
