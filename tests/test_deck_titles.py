"""A card's topic and question without building it (issue 19): the statistics name every
main question of a 10,000-card deck, and building them all cost ~100 ms."""

from __future__ import annotations

from pathlib import Path

import pytest

import dlflash.deck.cache as deck_cache
from dlflash.deck.cache import DeckCache
from dlflash.deck.loader import DeckSource, load_decks
from dlflash.deck.model import Deck

from helpers import small_deck


def load(folder: Path, cache_file: Path) -> Deck:
    deck, problems = load_decks([DeckSource(folder)], DeckCache(cache_file))
    assert problems == []
    return deck


def titles(deck: Deck) -> list[tuple[object, object]]:
    return [deck.title(ref.id) for ref in deck.refs]


def test_a_cached_cards_title_is_read_without_building_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache_file = small_deck(tmp_path / "deck"), tmp_path / "decks.marshal"
    parsed = load(folder, cache_file)
    built: list[str] = []
    real = deck_cache._card
    monkeypatch.setattr(deck_cache, "_card", lambda row: built.append(row[0]) or real(row))
    cached = load(folder, cache_file)
    expected = [(card.topic, card.question) for card in parsed.cards]
    assert titles(cached) == expected and built == []
    assert titles(parsed) == expected  # parsed, not cached: the cards themselves
    cached.by_id["q02"]  # built now: its title comes from the card
    assert cached.title("q02") == expected[3] and built == ["q02", "q02.1", "q03"]


def test_an_unknown_card_has_no_title(tmp_path: Path) -> None:
    deck = load(small_deck(tmp_path / "deck"), tmp_path / "decks.marshal")
    with pytest.raises(KeyError):
        deck.title("nope")
