"""The card browser's rows: every card of the loaded decks with its state and figures,
filtered by topic, state and free text, and sorted by any column. Pure; the day is passed
in, and the rows are built from a `BrowseInput` or a `StatsInput` (which a worker thread
can build).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, pairwise
from operator import attrgetter, itemgetter
from typing import Any, Literal, Protocol

from dlflash.base.language import Language
from dlflash.deck.model import Card, Deck, Text
from dlflash.journal.history import History
from dlflash.journal.review_table import ReviewTable
from dlflash.sm2 import PASS_GRADE, REPEAT_BELOW, CardState
from dlflash.stats.log import LEECH_FAILURES, MATURE_DAYS
from dlflash.study.search import SearchIndex, search

CardKind = Literal["new", "learning", "young", "mature", "suspended", "buried", "leech"]
KINDS: tuple[CardKind, ...] = ("new", "learning", "young", "mature", "leech", "buried",
                               "suspended")
StateFilter = Literal["all", "new", "learning", "young", "mature", "leech", "buried",
                      "suspended", "flagged", "noted"]
STATE_FILTERS: tuple[StateFilter, ...] = ("all", *KINDS, "flagged", "noted")

Column = Literal["id", "topic", "question", "state", "due", "interval", "ef", "reviews",
                 "failures", "last", "covered"]
COLUMNS: tuple[Column, ...] = ("id", "topic", "question", "state", "due", "interval", "ef",
                               "reviews", "failures", "last", "covered")


@dataclass(frozen=True, slots=True)
class BrowseRow:
    """One card as the browser shows it; None where a card has no such figure yet."""

    card: Card
    position: int
    """The card's place in deck order (the table's first order)."""
    kind: CardKind
    due: date | None
    interval: int | None
    easiness: float | None
    reviews: int
    failures: int
    last_grade: int | None
    covered: float | None
    """The share of the card's core key points ticked at its latest review."""
    flag: int = 0
    note: str = ""


class RowSource(Protocol):
    """What the rows are built from: a `StatsInput` is one, `BrowseInput` the least one."""

    @property
    def deck(self) -> Deck: ...
    @property
    def today(self) -> date: ...
    @property
    def reviews(self) -> ReviewTable: ...
    @property
    def states(self) -> Mapping[str, CardState]: ...
    @property
    def suspended(self) -> frozenset[str]: ...
    @property
    def buried(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class BrowseInput:
    """The history as the rows need it: its effective reviews as a column table (in study
    day order), the card states, the suspended cards and those buried today."""

    deck: Deck
    today: date
    reviews: ReviewTable
    states: Mapping[str, CardState]
    suspended: frozenset[str]
    buried: frozenset[str]

    @classmethod
    def later(cls, history: History, deck: Deck, today: date) -> Callable[[], BrowseInput]:
        """Copy what the rows need now, on the thread that owns `history` (cheap: the older
        reviews are an immutable table), and return a function that builds the input from
        the copy anywhere (a worker thread)."""
        earlier, recent = history.older_reviews(), tuple(history.all_reviews())
        states = dict(history.states)
        suspended = frozenset(history.suspended_cards())
        buried = frozenset(history.buried_on(today))
        return lambda: cls(deck, today, earlier.plus(recent), states, suspended, buried)


def _core_mask(card: Card) -> int:
    return sum(1 << index for index, point in enumerate(card.key_points) if point.core)


def browse_rows(data: RowSource, flags: Mapping[str, int] | None = None,
                notes: Mapping[str, str] | None = None) -> list[BrowseRow]:
    """Every card of `data.deck`, in deck order.

    Counted by C-level passes over the table's columns (10,000 cards and 100,000 reviews
    in a few tens of milliseconds): `failures` are scheduling grades below 3 (as
    `stats.cards.CardTotals`), `last_grade` and `covered` come from the latest review.
    """
    table = data.reviews
    # Rows are in day order, then in applied order: the last row of a card is its latest.
    reviews = Counter(table.card)
    failures = Counter(compress(table.card, [scheduled and grade < PASS_GRADE for scheduled,
                                             grade in zip(table.scheduled, table.grade,
                                                          strict=True)]))
    last_grade = dict(zip(table.card, table.grade, strict=True))
    last_ticked = dict(zip(table.card, table.ticked, strict=True))
    days = table.day
    today = data.today.toordinal()
    first, last = bisect_left(days, today), bisect_right(days, today)
    latest_today = dict(zip(table.card[first:last], table.grade[first:last], strict=True))
    index_of = {card: index for index, card in enumerate(table.cards)}
    flags, notes = flags or {}, notes or {}
    states, suspended, buried = data.states, data.suspended, data.buried
    rows = []
    for position, card in enumerate(data.deck.cards):
        card_id = card.id
        index = index_of.get(card_id, -1)
        state = states.get(card_id)
        failed = failures.get(index, 0)
        kind: CardKind
        if card_id in suspended:
            kind = "suspended"
        elif card_id in buried:
            kind = "buried"
        elif failed >= LEECH_FAILURES:
            kind = "leech"
        elif latest_today.get(index, REPEAT_BELOW) < REPEAT_BELOW:
            kind = "learning"
        elif state is None or state.is_new:
            kind = "new"
        else:
            kind = "mature" if state.interval >= MATURE_DAYS else "young"
        covered = None
        ticked = last_ticked.get(index)
        if ticked is not None and (core := _core_mask(card)):
            covered = (ticked & core).bit_count() / core.bit_count()
        scheduled = state is not None and not state.is_new
        rows.append(BrowseRow(
            card, position, kind,
            state.due if scheduled and state is not None else None,
            state.interval if scheduled and state is not None else None,
            state.easiness if scheduled and state is not None else None,
            reviews.get(index, 0), failed, last_grade.get(index), covered,
            flags.get(card_id, 0), notes.get(card_id, ""),
        ))
    return rows


def search_text(card: Card) -> str:
    """Everything of a card that the filter reads, in both languages."""
    parts: list[str | None] = [card.id, card.deck, *card.tags]
    for text in (card.topic, card.question, card.answer,
                 *(point.text for point in card.key_points)):
        parts += [text.ko, text.en]
    for point in card.key_points:
        parts += point.keywords
    return "\n".join(part for part in parts if part)


def topics(deck: Deck) -> list[Text]:
    """The decks' topics in deck order, each once."""
    return list(dict.fromkeys(card.topic for card in deck.cards))


def row_topics(rows: Sequence[BrowseRow]) -> list[Text]:
    """The rows' topics in deck order, each once: `topics` of the rows' deck."""
    return list(dict.fromkeys(row.card.topic for row in rows))


@dataclass(frozen=True, slots=True)
class Filter:
    """What the browser shows: a topic (None for all), a state, and a text query."""

    topic: Text | None = None
    state: StateFilter = "all"
    query: str = ""


def _state_matches(row: BrowseRow, state: StateFilter) -> bool:
    if state == "all":
        return True
    if state == "flagged":
        return row.flag > 0
    if state == "noted":
        return bool(row.note)
    return row.kind == state


@dataclass(slots=True)
class Browser:
    """The rows, their search index, and the filtered, sorted view of them."""

    rows: list[BrowseRow]
    index: SearchIndex | None = None
    """Built once over the cards' text (`build_index`), often in a worker thread."""
    _notes: SearchIndex | None = field(default=None, init=False)
    _ids: dict[str, BrowseRow] | None = field(default=None, init=False)

    def build_index(self) -> SearchIndex:
        """The index of the cards' text, with what the first query would otherwise build
        (the notes' index and the ids, 10-20 ms at 10,000 cards): all of it in one go, in
        the worker thread that calls this."""
        self._notes_index()
        self._ids_folded()
        self.index = SearchIndex(search_text(row.card) for row in self.rows)
        return self.index

    def _notes_index(self) -> SearchIndex:
        if self._notes is None:  # notes change with the rows; they are few and short
            self._notes = SearchIndex(row.note for row in self.rows)
        return self._notes

    def _ids_folded(self) -> dict[str, BrowseRow]:
        if self._ids is None:
            self._ids = {row.card.id.casefold(): row for row in self.rows}
        return self._ids

    def view(self, chosen: Filter, column: Column = "id", descending: bool = False,
             language: Language = "en") -> list[BrowseRow]:
        """The rows that pass `chosen`, sorted by `column`."""
        found: frozenset[int] | None = None
        if chosen.query.strip():
            index = self.index or self.build_index()
            found = search((index, self._notes_index()), chosen.query)
        every = self.rows
        rows = (every if found is None or len(found) == len(every)
                else [every[number] for number in sorted(found)])
        if chosen.topic is not None:
            rows = [row for row in rows if row.card.topic == chosen.topic]
        if chosen.state != "all":
            rows = [row for row in rows if _state_matches(row, chosen.state)]
        rows = _sorted(rows, column, descending, language)  # in deck order already
        return self._asked_first(rows, chosen.query) if found is not None else rows

    def _asked_first(self, rows: list[BrowseRow], query: str) -> list[BrowseRow]:
        """`rows` with the card whose id is the whole query first: its neighbours one typo
        away (s01230 for s01234) match too, and are not what was asked for."""
        asked = self._ids_folded().get(query.strip().casefold())
        if asked is not None:
            for index, row in enumerate(rows):  # by identity: a row's == compares its card
                if row is asked:
                    return [asked, *rows[:index], *rows[index + 1:]] if index else rows
        return rows


def _value(column: Column, language: Language) -> Callable[[BrowseRow], Any]:
    """What a column sorts by; None where a card has no value (a new card's due date)."""
    values: dict[Column, Callable[[BrowseRow], Any]] = {
        "id": lambda row: row.position,
        "topic": lambda row: row.card.topic.get(language).casefold(),
        "question": lambda row: row.card.question.get(language).casefold(),
        "state": lambda row: KINDS.index(row.kind),
        "due": lambda row: row.due,
        "interval": lambda row: row.interval,
        "ef": lambda row: row.easiness,
        "reviews": lambda row: row.reviews,
        "failures": lambda row: row.failures,
        "last": lambda row: row.last_grade,
        "covered": lambda row: row.covered,
    }
    return values[column]


def sort_rows(rows: Sequence[BrowseRow], column: Column, descending: bool = False,
              language: Language = "en") -> list[BrowseRow]:
    """`rows` sorted by `column`, ties in deck order either way; cards without a value
    (never reviewed) come last either way. Each value is read once (a keystroke of the
    filter sorts up to every row)."""
    in_order = list(rows)
    if any(a.position > b.position for a, b in pairwise(in_order)):
        in_order.sort(key=attrgetter("position"))
    return _sorted(in_order, column, descending, language)


def _sorted(in_order: Sequence[BrowseRow], column: Column, descending: bool,
            language: Language) -> list[BrowseRow]:
    """`sort_rows` of rows in deck order."""
    if column == "id":
        return list(in_order[::-1] if descending else in_order)
    value = _value(column, language)
    keyed = [(value(row), row) for row in in_order]
    present = [pair for pair in keyed if pair[0] is not None]
    # A stable sort, also reversed: equal values keep their deck order.
    present.sort(key=itemgetter(0), reverse=descending)
    return [row for _, row in present] + [row for found, row in keyed if found is None]
