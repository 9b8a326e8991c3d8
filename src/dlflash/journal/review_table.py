"""Effective reviews as columns: what the statistics read, kept compact enough to live in
the snapshot so that statistics never need to read the whole journal again.

One row per effective review (undone ones are gone), in study-day order, then in the order
replay applied them. A row keeps only what statistics use: the card, the study day, the
grade, whether it scheduled the card, the interval before it (-1 for a new card), the answer
time, the hour of its local timestamp, and the key points ticked (a bit mask). Pure: bytes
in, bytes out.

Beside the rows, per card, the totals the statistics and the browser want of every card
(`CARD_COLUMNS`): summing them from a million rows costs ~200 ms, so they are kept up to
date row by row as rows are added (`plus`), and stored after the rows. Bytes written
without them (a snapshot of format 5) get them summed from the rows when read; stored ones
that do not add up to the rows are refused as damage.
"""

from __future__ import annotations

import json
import sys
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import compress
from typing import TYPE_CHECKING, Any

from dlflash.sm2 import PASS_GRADE

if TYPE_CHECKING:
    from dlflash.journal.events import Replayed

MAX_MS = 2**32 - 1
TICK_BITS = 32
"""Key points ticked are kept for indices 0-31; a card has at most six."""
COLUMNS: tuple[tuple[str, str], ...] = (
    ("card", "I"), ("day", "i"), ("grade", "b"), ("scheduled", "b"), ("before", "i"),
    ("ms", "I"), ("hour", "b"), ("ticked", "I"),
)
"""Name and `array` type code of every column, in the order they are stored."""
CARD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("reviews", "I"), ("schedulings", "I"), ("failures", "I"), ("last", "i"),
    ("last_failed", "i"), ("last_ticked", "I"),
)
"""Per card (index into `cards`): its rows; those that scheduled it; those of them with a
grade below 3 (failures: a same-day repeat fails nothing); the latest study day with a row
and with a failure (ordinals, 0 for none); the key points ticked on its latest scheduling
row. Stored after the rows, in this order."""
_SIZES = {"b": 1, "i": 4, "I": 4}


class TableError(ValueError):
    """Bytes that are not a review table (damaged, or from another platform's dlflash)."""


def flags(column: bytes, test: Callable[[int], bool]) -> int:
    """An int whose byte i is 1 where `test` holds of `column[i]`, else 0: one `|`, `&` or
    `<<` on such ints combines the flags of every row at once, in C (a Python loop over a
    million rows costs ~150 ms); `.to_bytes(len(column), "little")` gives them back."""
    return int.from_bytes(column.translate(bytes(test(v) for v in range(256))), "little")


def tick_mask(ticked: Iterable[int]) -> int:
    return sum(1 << i for i in set(ticked) if 0 <= i < TICK_BITS)


class ReviewTable:
    """Columns of equal length; `cards[card[i]]` is the card id of row `i`, `day[i]` its
    study day as a proleptic ordinal (`date.toordinal`); `reviews[c]` and the other
    `CARD_COLUMNS` are card `c`'s totals over the rows.

    `columns` without the per-card ones has them summed from its rows."""

    __slots__ = ("cards", "_index", *(name for name, _ in COLUMNS + CARD_COLUMNS))
    card: array[int]
    day: array[int]
    grade: array[int]
    scheduled: array[int]
    before: array[int]
    ms: array[int]
    hour: array[int]
    ticked: array[int]
    reviews: array[int]
    schedulings: array[int]
    failures: array[int]
    last: array[int]
    last_failed: array[int]
    last_ticked: array[int]

    def __init__(self, cards: Iterable[str] = (),
                 columns: dict[str, array[int]] | None = None) -> None:
        self.cards: list[str] = list(cards)
        self._index = {card: i for i, card in enumerate(self.cards)}
        for name, code in COLUMNS:
            setattr(self, name, columns[name] if columns else array(code))
        if columns is not None and CARD_COLUMNS[0][0] not in columns:
            columns = _card_totals(len(self.cards), columns)
        for name, code in CARD_COLUMNS:
            setattr(self, name, columns[name] if columns else array(code, bytes(
                len(self.cards) * array(code).itemsize)))

    def __len__(self) -> int:
        return len(self.day)

    def column(self, name: str) -> array[int]:
        column: array[int] = getattr(self, name)
        return column

    def plus(self, reviews: Iterable[Replayed]) -> ReviewTable:
        """A new table: these rows, then `reviews` (which must not come earlier in day order).
        The table itself is never changed, so it can be shared between threads."""
        table = ReviewTable(self.cards, {name: array(code, self.column(name))
                                         for name, code in COLUMNS + CARD_COLUMNS})
        index = table._index
        card, day, grade, scheduled, before, ms, hour, ticked = (
            table.column(name) for name, _ in COLUMNS)
        totals = [table.column(name) for name, _ in CARD_COLUMNS]
        reviewed, schedulings, failures, last, last_failed, last_ticked = totals
        for r in reviews:
            review = r.review
            position = index.get(review.card)
            if position is None:
                position = index[review.card] = len(table.cards)
                table.cards.append(review.card)
                for column in totals:
                    column.append(0)
            ordinal, mask = review.day.toordinal(), tick_mask(review.ticked)
            card.append(position)
            day.append(ordinal)
            grade.append(review.grade)
            scheduled.append(r.scheduled)
            before.append(-1 if r.before.is_new else r.before.interval)
            ms.append(min(max(review.ms, 0), MAX_MS))
            hour.append(review.ts.hour)
            ticked.append(mask)
            reviewed[position] += 1
            last[position] = ordinal
            if r.scheduled:
                schedulings[position] += 1
                last_ticked[position] = mask
                if review.grade < PASS_GRADE:
                    failures[position] += 1
                    last_failed[position] = ordinal
        return table

    def where(self, keep: list[bool]) -> ReviewTable:
        """The rows whose card's index is true in `keep` (one flag per `cards` entry)."""
        if all(keep):  # the usual case: no card left the deck, and no row to look at
            return self
        rows = [keep[c] for c in self.card]
        if all(rows):
            return self
        columns = {name: array(code, compress(self.column(name), rows)) for name, code in COLUMNS}
        for name, _ in CARD_COLUMNS:  # the cards left out have no rows now
            column = columns[name] = array(self.column(name).typecode, self.column(name))
            for position in compress(range(len(keep)), (not k for k in keep)):
                column[position] = 0
        return ReviewTable(self.cards, columns)

    # -- bytes ------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """A JSON line (the row count, the card ids, and that the per-card totals follow),
        then the row columns and the per-card ones, little-endian."""
        head = json.dumps({"rows": len(self), "cards": self.cards, "totals": True},
                          ensure_ascii=False, separators=(",", ":")).encode()
        parts = [head, b"\n"]
        for name, _ in COLUMNS + CARD_COLUMNS:
            column = self.column(name)
            if sys.byteorder == "big":  # pragma: no cover - no big-endian machine here
                column = array(column.typecode, column)
                column.byteswap()
            parts.append(column.tobytes())
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes, start: int = 0) -> ReviewTable:
        """The table that `to_bytes` wrote into `data` from offset `start` to the end (or
        an earlier dlflash, without the per-card totals: they are summed from the rows)."""
        end = data.find(b"\n", start)
        view = memoryview(data)
        try:
            if end < 0:
                raise TableError("no header line")
            head = json.loads(data[start:end])
            rows, cards = int(head["rows"]), head["cards"]
            if not isinstance(cards, list) or not all(isinstance(c, str) for c in cards):
                raise TableError("card ids are not strings")
            stored = COLUMNS + CARD_COLUMNS if head.get("totals") is True else COLUMNS
        except (ValueError, KeyError, TypeError) as error:
            raise TableError(f"unreadable header ({error})") from None
        offset = end + 1
        columns: dict[str, array[int]] = {}
        for name, code in stored:
            column = array(code)
            if column.itemsize != _SIZES[code]:  # pragma: no cover - exotic C int sizes
                raise TableError(f"this platform stores {code!r} in {column.itemsize} bytes")
            size = (rows if (name, code) in COLUMNS else len(cards)) * column.itemsize
            if offset + size > len(view):
                raise TableError("cut short")
            column.frombytes(view[offset:offset + size])
            if sys.byteorder == "big":  # pragma: no cover
                column.byteswap()
            columns[name] = column
            offset += size
        if offset != len(view):
            raise TableError("longer than its header says")
        if rows and max(columns["card"]) >= len(cards):
            raise TableError("a row names a card that is not listed")
        if stored is not COLUMNS and not _adds_up(rows, columns):
            raise TableError("the per-card totals do not add up to the rows")
        return cls(cards, columns)


def _card_totals(cards: int, columns: dict[str, array[int]]) -> dict[str, array[int]]:
    """`columns` with the per-card totals of its rows (for `cards` cards), summed by
    C-level passes: rows are in day order, so the last row of a card is its latest."""
    card, day, rows = columns["card"], columns["day"], len(columns["card"])
    scheduled = flags(bytes(columns["scheduled"]), bool)
    scheduling = scheduled.to_bytes(rows, "little")
    low = flags(bytes(columns["grade"]), lambda g: g < PASS_GRADE or g >= 0x80)  # signed
    failed = (scheduled & low).to_bytes(rows, "little")
    failed_cards = list(compress(card, failed))
    figures: dict[str, dict[int, int]] = {
        "reviews": Counter(card),
        "schedulings": Counter(compress(card, scheduling)),
        "failures": Counter(failed_cards),
        "last": dict(zip(card, day, strict=True)),
        "last_failed": dict(zip(failed_cards, compress(day, failed), strict=True)),
        "last_ticked": dict(zip(compress(card, scheduling),
                                compress(columns["ticked"], scheduling), strict=True)),
    }
    totals = {name: array(code, bytes(cards * array(code).itemsize))
              for name, code in CARD_COLUMNS}
    for name, per_card in figures.items():
        column = totals[name]
        for position, value in per_card.items():
            column[position] = value
    return columns | totals


def _adds_up(rows: int, columns: dict[str, array[int]]) -> bool:
    """Whether stored per-card totals can be those of the rows: checks that catch totals
    written wrong or for other rows (the table's checksum catches damage on disk), in one
    pass over the cards, none over the rows."""
    scheduled = rows - bytes(columns["scheduled"]).count(0)
    reviews, schedulings, failures = (columns[n] for n in ("reviews", "schedulings",
                                                           "failures"))
    if sum(reviews) != rows or sum(schedulings) != scheduled or sum(failures) > scheduled:
        return False
    days = columns["day"]
    first, last = (days[0], days[-1]) if rows else (0, 0)
    latest = 0
    for n, s, f, day, failed in zip(reviews, schedulings, failures, columns["last"],
                                    columns["last_failed"], strict=True):
        if not (n >= s >= f and (first <= day <= last if n else day == 0)
                and (first <= failed <= day if f else failed == 0)):
            return False
        latest = max(latest, day)
    return latest == last


class LazyTable(ReviewTable):
    """A table read on first use: `load` gives it (and may raise; the next use tries
    again). Until then it holds no rows, so a start never pays for the older reviews."""

    __slots__ = ("_load", "_lock")

    def __init__(self, load: Callable[[], ReviewTable]) -> None:
        # ReviewTable.__init__ is not called: its slots stay empty until first use.
        self._load = load
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        try:
            object.__getattribute__(self, "day")
        except AttributeError:
            return False
        return True

    def __getattr__(self, name: str) -> Any:
        """Called only for a slot not filled yet: read the table, then answer."""
        if name in ("_load", "_lock"):
            raise AttributeError(name)
        with self._lock:  # the statistics' worker and the UI thread may both ask
            if not self.loaded:
                table = self._load()
                self.cards, self._index = table.cards, table._index
                for column, _ in COLUMNS + CARD_COLUMNS:
                    setattr(self, column, table.column(column))
        return object.__getattribute__(self, name)
