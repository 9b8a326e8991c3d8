"""Effective reviews as columns: what the statistics read, kept compact enough to live in
the snapshot so that statistics never need to read the whole journal again.

One row per effective review (undone ones are gone), in study-day order, then in the order
replay applied them. A row keeps only what statistics use: the card, the study day, the
grade, whether it scheduled the card, the interval before it (-1 for a new card), the answer
time, the hour of its local timestamp, and the key points ticked (a bit mask). Pure: bytes
in, bytes out.
"""

from __future__ import annotations

import json
import sys
import threading
from array import array
from collections.abc import Callable, Iterable
from itertools import compress
from typing import TYPE_CHECKING, Any

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
_SIZES = {"b": 1, "i": 4, "I": 4}


class TableError(ValueError):
    """Bytes that are not a review table (damaged, or from another platform's dlflash)."""


def tick_mask(ticked: Iterable[int]) -> int:
    return sum(1 << i for i in set(ticked) if 0 <= i < TICK_BITS)


class ReviewTable:
    """Columns of equal length; `cards[card[i]]` is the card id of row `i`, `day[i]` its
    study day as a proleptic ordinal (`date.toordinal`)."""

    __slots__ = ("cards", "_index", *(name for name, _ in COLUMNS))
    card: array[int]
    day: array[int]
    grade: array[int]
    scheduled: array[int]
    before: array[int]
    ms: array[int]
    hour: array[int]
    ticked: array[int]

    def __init__(self, cards: Iterable[str] = (),
                 columns: dict[str, array[int]] | None = None) -> None:
        self.cards: list[str] = list(cards)
        self._index = {card: i for i, card in enumerate(self.cards)}
        for name, code in COLUMNS:
            setattr(self, name, columns[name] if columns else array(code))

    def __len__(self) -> int:
        return len(self.day)

    def column(self, name: str) -> array[int]:
        column: array[int] = getattr(self, name)
        return column

    def plus(self, reviews: Iterable[Replayed]) -> ReviewTable:
        """A new table: these rows, then `reviews` (which must not come earlier in day order).
        The table itself is never changed, so it can be shared between threads."""
        table = ReviewTable(self.cards, {name: array(code, self.column(name))
                                         for name, code in COLUMNS})
        index = table._index
        card, day, grade, scheduled, before, ms, hour, ticked = (
            table.column(name) for name, _ in COLUMNS)
        for r in reviews:
            review = r.review
            position = index.get(review.card)
            if position is None:
                position = index[review.card] = len(table.cards)
                table.cards.append(review.card)
            card.append(position)
            day.append(review.day.toordinal())
            grade.append(review.grade)
            scheduled.append(r.scheduled)
            before.append(-1 if r.before.is_new else r.before.interval)
            ms.append(min(max(review.ms, 0), MAX_MS))
            hour.append(review.ts.hour)
            ticked.append(tick_mask(review.ticked))
        return table

    def where(self, keep: list[bool]) -> ReviewTable:
        """The rows whose card's index is true in `keep` (one flag per `cards` entry)."""
        rows = [keep[c] for c in self.card]
        if all(rows):
            return self
        return ReviewTable(self.cards, {name: array(code, compress(self.column(name), rows))
                                        for name, code in COLUMNS})

    # -- bytes ------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """A JSON line (the card ids and the row count), then the columns, little-endian."""
        head = json.dumps({"rows": len(self), "cards": self.cards}, ensure_ascii=False,
                          separators=(",", ":")).encode()
        parts = [head, b"\n"]
        for name, _ in COLUMNS:
            column = self.column(name)
            if sys.byteorder == "big":  # pragma: no cover - no big-endian machine here
                column = array(column.typecode, column)
                column.byteswap()
            parts.append(column.tobytes())
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes, start: int = 0) -> ReviewTable:
        """The table that `to_bytes` wrote into `data` from offset `start` to the end."""
        end = data.find(b"\n", start)
        view = memoryview(data)
        try:
            if end < 0:
                raise TableError("no header line")
            head = json.loads(data[start:end])
            rows, cards = int(head["rows"]), head["cards"]
            if not isinstance(cards, list) or not all(isinstance(c, str) for c in cards):
                raise TableError("card ids are not strings")
        except (ValueError, KeyError, TypeError) as error:
            raise TableError(f"unreadable header ({error})") from None
        offset = end + 1
        columns: dict[str, array[int]] = {}
        for name, code in COLUMNS:
            column = array(code)
            if column.itemsize != _SIZES[code]:  # pragma: no cover - exotic C int sizes
                raise TableError(f"this platform stores {code!r} in {column.itemsize} bytes")
            size = rows * column.itemsize
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
        return cls(cards, columns)


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
                for column, _ in COLUMNS:
                    setattr(self, column, table.column(column))
        return object.__getattribute__(self, name)
