"""Card types: what a deck is made of, immutable and already NFC-normalised."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from dlflash.base.language import Language


@dataclass(frozen=True, slots=True)
class Text:
    """A string in Korean and/or English; a user deck may have one language only."""

    ko: str | None = None
    en: str | None = None

    def get(self, language: Language) -> str:
        """The text in `language`, or in the other language when it has only that one."""
        preferred, other = (self.ko, self.en) if language == "ko" else (self.en, self.ko)
        return preferred if preferred is not None else (other or "")


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: Text
    keywords: tuple[str, ...]
    core: bool = True
    """What a complete interview answer must contain; an extra (`core: false`) is nuance,
    history or current practice, which can lift a grade but never hold it down."""


@dataclass(frozen=True, slots=True)
class Trap:
    """A misconception an interviewer listens for, and its one-line correction."""

    says: Text
    fix: Text
    patterns: tuple[str, ...]
    """Each pattern is terms joined by " + ", all of which must appear in one sentence; a
    term's alternatives are joined by " | " (see judge/traps.py)."""


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    question: Text
    answer: Text
    key_points: tuple[KeyPoint, ...]
    topic: Text
    parent: str | None = None
    tags: tuple[str, ...] = ()
    source: str = ""
    line: int = 0
    deck: str = ""
    """The name of the user deck it comes from (its file or folder); empty when bundled."""
    traps: tuple[Trap, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a deck, printed the way compilers do: `file:line: message`."""

    path: str
    line: int
    """0 when the problem is not at a line."""
    message: str

    def __str__(self) -> str:
        if not self.line:  # about the whole file or folder (one that is missing, say)
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class CardRef(NamedTuple):
    """What the queue and the statistics need of a card, without its text."""

    id: str
    parent: str | None
    source: str
    line: int
    points: int
    """How many key points the card has."""
    core: int
    """Its core key points as a bit mask (all its points for a card with none marked core),
    so that statistics over every card need no card built."""


@dataclass(frozen=True)
class LazyCards:
    """Cards kept as cached rows, built the first time one of them is looked at."""

    refs: tuple[CardRef, ...]
    build: Callable[[], list[Card]]
    titles: Callable[[], list[tuple[Text, Text]]] | None = None
    """Each card's topic and question, in the order of `refs`: far cheaper than `build`."""


class Deck:
    """Cards in deck order (file by file, card by card).

    Cards read from the deck cache are only built when looked at, file by file: a study
    session on a 10,000-card deck starts with their ids and parents (`refs`) and builds the
    few it shows. `cards` builds them all (statistics, validation).
    """

    def __init__(self, cards: Iterable[Card | LazyCards] = ()) -> None:
        self._parts: list[LazyCards | Card] = list(cards)
        refs: list[CardRef] = []
        self._part_of: dict[str, int] = {}
        for index, part in enumerate(self._parts):
            for ref in part.refs if isinstance(part, LazyCards) else [card_ref(part)]:
                if ref.id not in self._part_of:  # the first card with an id wins
                    self._part_of[ref.id] = index
                    refs.append(ref)
        self.refs: tuple[CardRef, ...] = tuple(refs)
        self._built: dict[str, Card] = {}
        self._titles: dict[str, tuple[Text, Text]] = {}
        self._building = threading.Lock()
        self.by_id: Mapping[str, Card] = _ById(self)

    def _card(self, card_id: str) -> Card:
        card = self._built.get(card_id)
        if card is None:
            with self._building:  # a worker warming the deck and the stats may both ask
                card = self._built.get(card_id)
                if card is None:
                    part = self._parts[self._part_of[card_id]]
                    for built in part.build() if isinstance(part, LazyCards) else [part]:
                        self._built.setdefault(built.id, built)
                    card = self._built[card_id]
        return card

    def title(self, card_id: str) -> tuple[Text, Text]:
        """The card's topic and question. A card read from the deck cache is not built for
        them: the statistics name every main question of a 10,000-card deck."""
        index = self._part_of[card_id]
        part = self._parts[index]
        if card_id in self._built or not isinstance(part, LazyCards) or part.titles is None:
            card = self._card(card_id)
            return card.topic, card.question
        with self._building:
            if card_id not in self._titles:
                self._titles.update((ref.id, title) for ref, title in
                                    zip(part.refs, part.titles(), strict=True)
                                    if self._part_of[ref.id] == index)
        return self._titles[card_id]

    @property
    def cards(self) -> tuple[Card, ...]:
        return tuple(self._card(ref.id) for ref in self.refs)

    def __len__(self) -> int:
        return len(self.refs)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._part_of

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deck) and self.cards == other.cards

    __hash__ = None  # type: ignore[assignment]

    def get(self, card_id: str) -> Card | None:
        return self._card(card_id) if card_id in self._part_of else None


class _ById(Mapping[str, Card]):
    def __init__(self, deck: Deck) -> None:
        self._deck = deck

    def __getitem__(self, card_id: str) -> Card:
        if card_id not in self._deck:
            raise KeyError(card_id)
        return self._deck._card(card_id)

    def __iter__(self) -> Iterator[str]:
        return (ref.id for ref in self._deck.refs)

    def __len__(self) -> int:
        return len(self._deck)


def card_ref(card: Card) -> CardRef:
    core = sum(1 << index for index, point in enumerate(card.key_points) if point.core)
    return CardRef(card.id, card.parent, card.source, card.line, len(card.key_points),
                   core or (1 << len(card.key_points)) - 1)
