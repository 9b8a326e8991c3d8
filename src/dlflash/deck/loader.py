"""Loading decks: the bundled deck and the user's, parsed (or read from the cache) and
checked across files (duplicate ids, parents)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dlflash.deck.cache import DeckCache
from dlflash.deck.model import Card, CardRef, Deck, LazyCards, Problem
from dlflash.deck.parser import DECK_SUFFIXES, FileParser, IdSite


class DeckError(Exception):
    """The decks have problems; `problems` lists every one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(
            f"{count} problem{'s' * (count != 1)} in the deck; "
            f"the first is {self.problems[0]}"
        )


def bundled_deck_dir() -> Path:
    """The deck shipped with dlflash: inside the wheel, or the checkout's `deck/`.

    An editable install does not see the wheel's force-included `deck_data`, so fall back to
    the repository's top-level `deck/`.
    """
    packaged = Path(__file__).parents[1] / "deck_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "deck"


def deck_files(path: Path) -> list[Path]:
    """The YAML files a path names: itself, or the deck files in a folder, sorted."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in DECK_SUFFIXES and p.is_file())
    return [path]


@dataclass(frozen=True, slots=True)
class DeckSource:
    """A place decks come from. The bundled deck is held to the strict rules: both
    languages everywhere and 3 to 6 key points; a deck of your own may be in one language
    and have 1 to 6 key points."""

    path: Path
    bundled: bool = False


def load_decks(sources: Iterable[DeckSource],
               cache: DeckCache | None = None) -> tuple[Deck, list[Problem]]:
    """Load every deck file of `sources`; return the cards that loaded and every problem.

    With a `cache`, files unchanged since they last loaded cleanly are not parsed again.
    """
    parts: list[Card | LazyCards] = []
    problems: list[Problem] = []
    ids: list[IdSite | CardRef] = []  # every id seen, valid card or not
    for source in sources:
        if not source.path.exists():
            problems.append(Problem(str(source.path), 0, "no such file or folder"))
            continue
        files = deck_files(source.path)
        if not files:
            problems.append(Problem(str(source.path), 0, "folder holds no .yaml deck files"))
        for path in files:
            name = "" if source.bundled else (source.path.stem if source.path.is_file()
                                                 else path.stem)
            key = cache.key(path, source.bundled, name) if cache else None
            cached = cache.get(key) if cache else None
            if cached is not None:
                parts.append(cached)
                ids.extend(cached.refs)
                continue
            parser = FileParser(path, source.bundled, name)
            parsed = parser.parse()
            parts.extend(parsed)
            problems.extend(parser.problems)
            ids.extend(parser.ids)
            if cache and not parser.problems:
                cache.put(key, parsed)
    deck = Deck(parts)
    problems.extend(_cross_file_problems(ids, deck.refs))
    if cache:
        cache.save()
    if not len(deck) and not problems:
        problems.append(Problem("(decks)", 0, "the deck is empty: no cards were found"))
    return deck, problems


def load_deck(sources: Iterable[DeckSource], cache: DeckCache | None = None) -> Deck:
    """Load the decks, or raise `DeckError` listing every problem."""
    deck, problems = load_decks(sources, cache)
    if problems:
        raise DeckError(problems)
    return deck


def _cross_file_problems(ids: Sequence[IdSite | CardRef],
                         cards: Sequence[CardRef]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, IdSite | CardRef] = {}
    for seen in ids:
        card_id = seen.id
        if card_id in first:
            other = first[card_id]
            problems.append(
                Problem(
                    seen.source,
                    seen.line,
                    f"duplicate card id {card_id!r}, first used at {other.source}:{other.line}",
                )
            )
        else:
            first[card_id] = seen
    known = {card.id: card for card in reversed(cards)}
    for card in cards:
        if card.parent is None:
            continue
        parent = known.get(card.parent)
        if parent is None and card.parent in first:
            continue  # the parent exists but is broken; its own problems say why
        if parent is None:
            problems.append(
                Problem(card.source, card.line, f"parent {card.parent!r} is not a card id")
            )
        elif parent.parent is not None:
            problems.append(
                Problem(
                    card.source,
                    card.line,
                    f"parent {card.parent!r} is itself a follow-up; name a main question",
                )
            )
    return problems
