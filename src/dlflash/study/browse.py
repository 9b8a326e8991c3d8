"""The card browser's rows: every card of the loaded decks with its state and figures,
filtered by topic, state and free text, and sorted by any column. Pure; the day is passed
in, and the rows are built from a `StatsInput` (which a worker thread can build).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from dlflash.base.language import Language
from dlflash.deck.model import Card, Deck, Text
from dlflash.sm2 import REPEAT_BELOW
from dlflash.stats.cards import CardTotals
from dlflash.stats.log import LEECH_FAILURES, MATURE_DAYS, StatsInput
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


def _kind(card: str, data: StatsInput, failures: int, learning: set[str]) -> CardKind:
    """One state per card; what keeps it out of the queue first, then what it is."""
    if card in data.suspended:
        return "suspended"
    if card in data.buried:
        return "buried"
    state = data.states.get(card)
    if failures >= LEECH_FAILURES:
        return "leech"
    if card in learning:
        return "learning"
    if state is None or state.is_new:
        return "new"
    return "mature" if state.interval >= MATURE_DAYS else "young"


def _covered(card: Card, ticked: int) -> float | None:
    core = [index for index, point in enumerate(card.key_points) if point.core]
    if not core:
        return None
    return sum(1 for index in core if ticked >> index & 1) / len(core)


def browse_rows(data: StatsInput, flags: Mapping[str, int] | None = None,
                notes: Mapping[str, str] | None = None) -> list[BrowseRow]:
    """Every card of `data.deck`, in deck order."""
    table, totals = data.reviews, CardTotals.of(data)
    # Rows are in day order, then in applied order: the last row of a card is its latest.
    last_grade = dict(zip(table.card, table.grade, strict=True))
    last_ticked = dict(zip(table.card, table.ticked, strict=True))
    today_rows = data.rows(data.today, data.today)
    latest_today = dict(zip(table.card[today_rows], table.grade[today_rows], strict=True))
    learning = {table.cards[index] for index, grade in latest_today.items()
                if grade < REPEAT_BELOW}
    index_of = {card: index for index, card in enumerate(table.cards)}
    flags, notes = flags or {}, notes or {}
    rows = []
    for position, card in enumerate(data.deck.cards):
        index = index_of.get(card.id, -1)
        state = data.states.get(card.id)
        scheduled = state is not None and not state.is_new
        failures = totals.failures.get(card.id, 0)
        rows.append(BrowseRow(
            card=card, position=position,
            kind=_kind(card.id, data, failures, learning),
            due=state.due if scheduled and state is not None else None,
            interval=state.interval if scheduled and state is not None else None,
            easiness=state.easiness if scheduled and state is not None else None,
            reviews=totals.reviews.get(card.id, 0), failures=failures,
            last_grade=last_grade.get(index),
            covered=_covered(card, last_ticked[index]) if index in last_ticked else None,
            flag=flags.get(card.id, 0), note=notes.get(card.id, ""),
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

    def build_index(self) -> SearchIndex:
        self.index = SearchIndex(search_text(row.card) for row in self.rows)
        return self.index

    def _notes_index(self) -> SearchIndex:
        if self._notes is None:  # notes change with the rows; they are few and short
            self._notes = SearchIndex(row.note for row in self.rows)
        return self._notes

    def view(self, chosen: Filter, column: Column = "id", descending: bool = False,
             language: Language = "en") -> list[BrowseRow]:
        """The rows that pass `chosen`, sorted by `column`."""
        found: frozenset[int] | None = None
        if chosen.query.strip():
            index = self.index or self.build_index()
            found = search((index, self._notes_index()), chosen.query)
        rows: Iterable[BrowseRow] = (self.rows if found is None
                                     else (self.rows[number] for number in sorted(found)))
        if chosen.topic is not None:
            rows = (row for row in rows if row.card.topic == chosen.topic)
        if chosen.state != "all":
            rows = (row for row in rows if _state_matches(row, chosen.state))
        return sort_rows(list(rows), column, descending, language)


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
    (never reviewed) come last either way."""
    value = _value(column, language)
    in_order = sorted(rows, key=lambda row: row.position)
    present = [row for row in in_order if value(row) is not None]
    missing = [row for row in in_order if value(row) is None]
    # A stable sort, also reversed: equal values keep their deck order.
    return sorted(present, key=value, reverse=descending) + missing
