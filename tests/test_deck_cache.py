from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from dlflash.deck.cache import DeckCache
from dlflash.deck.loader import DeckSource, load_decks
from dlflash.deck.model import Card, CardRef, Deck, LazyCards, Text

from helpers import card, small_deck, write_deck


def load(folder: Path, cache_file: Path) -> tuple[object, list[str]]:
    deck, problems = load_decks([DeckSource(folder)], DeckCache(cache_file))
    return deck, [str(p) for p in problems]


def test_a_cached_deck_equals_a_parsed_one(tmp_path: Path) -> None:
    folder, cache_file = small_deck(tmp_path / "deck"), tmp_path / "cache" / "decks.marshal"
    parsed, _ = load_decks([DeckSource(folder)])
    first, _ = load(folder, cache_file)
    assert cache_file.exists()
    cached, _ = load(folder, cache_file)
    assert first == parsed and cached == parsed
    assert cached.cards == parsed.cards  # type: ignore[attr-defined]


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    folder, cache_file = small_deck(tmp_path / "deck"), tmp_path / "decks.marshal"
    load(folder, cache_file)
    write_deck(folder, "b.yaml", [card("q02"), card("q09")])
    path = folder / "b.yaml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    deck, _ = load(folder, cache_file)
    assert "q09" in deck and "q03" not in deck  # type: ignore[operator]


def test_problems_are_never_cached(tmp_path: Path) -> None:
    folder, cache_file = tmp_path / "deck", tmp_path / "decks.marshal"
    write_deck(folder, "a.yaml", [card("q01", points=0)])
    _, problems = load(folder, cache_file)
    _, again = load(folder, cache_file)
    assert problems and again == problems


def test_an_unreadable_cache_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    folder, cache_file = small_deck(tmp_path / "deck"), tmp_path / "decks.marshal"
    for garbage in (b"", b"\x00garbage", b"\xe3\x00\x00"):
        cache_file.write_bytes(garbage)
        deck, problems = load(folder, cache_file)
        assert len(deck) == 6 and problems == []  # type: ignore[arg-type]
    assert DeckCache(cache_file).get(DeckCache.key(folder / "a.yaml", False, "a")) is not None


def test_cached_cards_are_built_only_when_looked_at(tmp_path: Path, monkeypatch) -> None:
    import dlflash.deck.cache as deck_cache

    folder, cache_file = small_deck(tmp_path / "deck"), tmp_path / "decks.marshal"
    load(folder, cache_file)
    built: list[str] = []
    real = deck_cache._card
    monkeypatch.setattr(deck_cache, "_card", lambda row: built.append(row[0]) or real(row))
    deck, _ = load(folder, cache_file)
    assert built == [] and [r.id for r in deck.refs][:2] == ["q01", "q01.1"]  # type: ignore[attr-defined]
    assert deck.by_id["q02"].question.en == "q02 question in en"  # type: ignore[attr-defined]
    assert built == ["q02", "q02.1", "q03"]  # only that file's cards
    assert "q01" in deck and deck.get("nope") is None  # type: ignore[operator,attr-defined]
    assert len(deck.cards) == 6  # type: ignore[attr-defined]


def test_a_lazy_file_is_built_once_when_two_threads_ask() -> None:
    calls: list[int] = []

    def build() -> list[Card]:
        calls.append(1)
        time.sleep(0.05)  # long enough for the other thread to ask meanwhile
        return [Card(id=f"c{i}", question=Text("q"), answer=Text("a"), key_points=(),
                     topic=Text()) for i in range(2)]

    deck = Deck([LazyCards((CardRef("c0", None, "f", 1, 0, 0), CardRef("c1", None, "f", 2, 0, 0)),
                           build)])
    threads = [threading.Thread(target=deck.get, args=(card,)) for card in ("c0", "c1")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1] and [card.id for card in deck.cards] == ["c0", "c1"]


def test_a_cached_cards_core_mask_is_known_without_building_it(tmp_path: Path) -> None:
    folder, cache_file = tmp_path / "deck", tmp_path / "decks.marshal"
    marked = card("q01", points=4)
    for index in (1, 3):  # the second and fourth of four points are extras
        marked["key_points"][index]["core"] = False  # type: ignore[index]
    write_deck(folder, "a.yaml", [marked, card("q02", points=3)])
    load(folder, cache_file)
    cached, _ = load(folder, cache_file)
    refs = {ref.id: ref for ref in cached.refs}  # type: ignore[attr-defined]
    assert refs["q01"].core == 0b0101 and refs["q02"].core == 0b111  # unmarked: all core
    assert not cached._built  # type: ignore[attr-defined]
