"""The browser's core without Textual: the filter (search), the rows, the sort."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dlflash.deck.loader import DeckSource, load_deck
from dlflash.deck.model import Deck
from dlflash.journal.events import Review, new_id
from dlflash.journal.history import History
from dlflash.stats.log import LEECH_FAILURES, StatsInput
from dlflash.study.browse import (
    BrowseInput,
    Browser,
    Filter,
    browse_rows,
    row_topics,
    sort_rows,
    topics,
)
from dlflash.study.search import SearchIndex, search, terms
from dlflash.workspace import open_deck

from conftest import KST
from helpers import card, write_deck

DAY = date(2026, 3, 2)


def bundled(tmp_path: Path) -> Deck:
    return open_deck(tmp_path / "data")


def found(browser: Browser, query: str) -> list[str]:
    return [row.card.id for row in browser.view(Filter(query=query))]


@pytest.fixture(scope="module")
def bundled_browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    deck = open_deck(tmp_path_factory.mktemp("data"))
    return Browser(browse_rows(StatsInput.capture(History(), deck, DAY)))


def test_korean_finds_batch_normalization_and_so_does_its_alias(bundled_browser: Browser) -> None:
    korean = found(bundled_browser, "정규화")
    english = found(bundled_browser, "batchnorm")
    bn = [row.card.id for row in bundled_browser.rows
          if any(form in (row.card.answer.en or "").casefold()
                 for form in ("batch norm", "batchnorm"))]
    assert "q08" in bn and set(bn) <= set(english)
    assert "q08" in korean
    # typed with a particle and without the space, and the English the other way round
    assert found(bundled_browser, "배치정규화를") == found(bundled_browser, "batch norm")
    assert found(bundled_browser, "BN") == english


def test_case_unicode_typos_and_stems(bundled_browser: Browser) -> None:
    dropout = found(bundled_browser, "dropout")
    assert dropout
    assert found(bundled_browser, "DROPOUT") == dropout
    # a typo: the English word's cards (its Korean alias is not typo-matched)
    english = [row.card.id for row in bundled_browser.rows
               if "dropout" in (row.card.answer.en or "").casefold()]
    assert set(english) <= set(found(bundled_browser, "dropuot")) <= set(dropout)
    assert set(english) <= set(found(bundled_browser, "dropoutt")) <= set(dropout)
    assert found(bundled_browser, "드롭아웃") == dropout
    nfd = unicodedata.normalize("NFD", "드롭아웃")
    assert found(bundled_browser, nfd) == dropout
    assert set(found(bundled_browser, "normalizing")) >= set(found(bundled_browser,
                                                                   "normalization"))
    assert found(bundled_browser, "xdropout") == []  # never a typo in the first letter


def test_every_word_must_match_and_ids_are_words(bundled_browser: Browser) -> None:
    assert found(bundled_browser, "q08") == ["q08", "q08.1", "q08.2", "q08.3"]
    assert found(bundled_browser, "q08.1") == ["q08.1"]
    both = set(found(bundled_browser, "dropout inference"))
    assert both and both <= set(found(bundled_browser, "dropout"))
    assert both <= set(found(bundled_browser, "inference"))
    assert found(bundled_browser, "dropout zzzzqqq") == []
    assert found(bundled_browser, "   ") == [row.card.id for row in bundled_browser.rows]


def test_terms_group_an_alias_of_several_words() -> None:
    (alias,) = terms("learning rate")
    assert ("lr",) in alias and ("학습률",) in alias
    assert terms("dying units") == [(("dying",),), (("units",),)]


def test_notes_are_searched_with_the_cards() -> None:
    index = SearchIndex(["first card about attention", "second card"])
    notes = SearchIndex(["", "remember the softmax temperature"])
    assert search((index, notes), "softmax") == frozenset({1})
    assert search((index, notes), "card softmax") == frozenset({1})
    assert search((index, notes), "attention softmax") == frozenset()
    assert search((index, notes), "") is None


def review(card_id: str, day: date, grade: int, ticked: tuple[int, ...] = ()) -> Review:
    ts = datetime(day.year, day.month, day.day, 9, tzinfo=KST)
    return Review(new_id(), card_id, ts, day, grade, ticked=ticked)


def small(tmp_path: Path) -> Deck:
    cards = [card("q01"), card("q01.1", "q01"), card("q02"), card("q03")]
    cards[2]["key_points"][1]["core"] = False  # type: ignore[index]
    write_deck(tmp_path / "deck", "a.yaml", cards[:2], topic={"ko": "가", "en": "A"})
    write_deck(tmp_path / "deck", "b.yaml", cards[2:], topic={"ko": "나", "en": "B"})
    return load_deck([DeckSource(tmp_path / "deck")])


def test_rows_carry_each_cards_state_and_figures(tmp_path: Path) -> None:
    deck = small(tmp_path)
    events = [review("q01", DAY - timedelta(days=30), 5),
              review("q01", DAY - timedelta(days=29), 2),
              review("q01", DAY - timedelta(days=28), 4, ticked=(0, 2)),
              review("q02", DAY, 1, ticked=(1,))]
    events += [review("q03", DAY - timedelta(days=n), 0) for n in range(LEECH_FAILURES, 0, -1)]
    history = History(events)
    rows = {row.card.id: row for row in browse_rows(StatsInput.of(
        deck, DAY, history.all_reviews(), history.states, buried=["q01.1"]), {"q02": 3},
        {"q03": "hard one"})}
    q01 = rows["q01"]
    assert (q01.reviews, q01.failures, q01.last_grade) == (3, 1, 4)
    assert q01.covered == pytest.approx(2 / 3)
    assert q01.kind == "young" and q01.interval is not None and q01.due is not None
    assert rows["q01.1"].kind == "buried" and rows["q01.1"].due is None
    # q02's only core points are 0 and 2 (1 is an extra): ticking the extra covers none
    assert rows["q02"].kind == "learning" and rows["q02"].covered == 0
    assert rows["q02"].flag == 3
    assert rows["q03"].kind == "leech" and rows["q03"].note == "hard one"


def test_filter_by_topic_state_flag_and_note(tmp_path: Path) -> None:
    deck = small(tmp_path)
    history = History([review("q02", DAY, 5)])
    browser = Browser(browse_rows(StatsInput.of(deck, DAY, history.all_reviews(),
                                                history.states), {"q03": 1}, {"q01": "n"}))
    first, second = topics(deck)
    assert row_topics(browser.rows) == [first, second]  # as the screen gets them
    assert [r.card.id for r in browser.view(Filter(topic=second))] == ["q02", "q03"]
    assert [r.card.id for r in browser.view(Filter(state="new"))] == ["q01", "q01.1", "q03"]
    assert [r.card.id for r in browser.view(Filter(topic=first, state="new",
                                                   query="q01.1"))] == ["q01.1"]
    assert [r.card.id for r in browser.view(Filter(state="flagged"))] == ["q03"]
    assert [r.card.id for r in browser.view(Filter(state="noted"))] == ["q01"]


def test_sort_by_any_column_ties_in_deck_order_missing_values_last(tmp_path: Path) -> None:
    deck = small(tmp_path)
    history = History([review("q02", DAY - timedelta(days=3), 5),
                       review("q03", DAY - timedelta(days=3), 5),
                       review("q01.1", DAY - timedelta(days=3), 3)])
    rows = browse_rows(StatsInput.of(deck, DAY, history.all_reviews(), history.states))
    by = {column: [r.card.id for r in sort_rows(rows, column)]  # type: ignore[arg-type]
          for column in ("id", "due", "last", "reviews")}
    assert by["id"] == ["q01", "q01.1", "q02", "q03"]
    assert by["due"] == ["q01.1", "q02", "q03", "q01"]  # all due on one day; q01 is new
    assert by["last"] == ["q01.1", "q02", "q03", "q01"]
    assert [r.card.id for r in sort_rows(rows, "last", descending=True)] == [
        "q02", "q03", "q01.1", "q01"]
    assert [r.card.id for r in sort_rows(rows, "reviews", descending=True)] == [
        "q01.1", "q02", "q03", "q01"]
    assert sort_rows(rows, "question", language="ko")[0].card.id == "q01"


def test_browse_input_gives_the_rows_stats_input_gives(tmp_path: Path) -> None:
    """The browser's own light capture and the statistics' one agree row for row, a
    repeat today and a failure that is only a repeat included."""
    deck = small(tmp_path)
    events = [review("q01", DAY - timedelta(days=9), 5), review("q01", DAY, 1),
              review("q01", DAY, 2), review("q02", DAY - timedelta(days=3), 4, ticked=(0,)),
              review("q03", DAY - timedelta(days=2), 0), review("q03", DAY - timedelta(days=2), 5)]
    history = History(events)
    light = browse_rows(BrowseInput.later(history, deck, DAY)(), {"q02": 1})
    assert light == browse_rows(StatsInput.capture(history, deck, DAY), {"q02": 1})
    rows = {row.card.id: row for row in light}
    assert rows["q01"].kind == "learning" and rows["q01"].failures == 1
    assert (rows["q03"].failures, rows["q03"].reviews) == (1, 2)


def test_a_card_id_typed_whole_comes_first_whatever_else_matches(tmp_path: Path) -> None:
    """Found in tmux on the 10,000-card deck: "s01234" listed 68 cards (one typo away, as
    s01230 and s00234) in id order, s01234 among them; the card asked for comes first."""
    deck_dir = tmp_path / "deck"
    write_deck(deck_dir, "a.yaml", [card(f"s0123{n}") for n in range(6)] + [card("s00234")])
    deck = load_deck([DeckSource(deck_dir)])
    browser = Browser(browse_rows(StatsInput.capture(History(), deck, DAY)))
    assert found(browser, "s01234")[0] == "s01234"
    assert found(browser, " S01234 ")[0] == "s01234"  # case and spaces as any query
    assert found(browser, "s0123")[:2] == ["s01230", "s01231"]  # a prefix: deck order
    by_id_descending = browser.view(Filter(query="s01234"), "id", descending=True)
    assert by_id_descending[0].card.id == "s01234"


def test_a_korean_typo_is_forgiven(bundled_browser: Browser) -> None:
    # Found in tmux: "배치 정규하" found nothing.
    typo = set(found(bundled_browser, "배치 정규하"))  # the cards that say it (no aliases)
    assert "q08" in typo and typo <= set(found(bundled_browser, "배치 정규화"))
    assert found(bundled_browser, "졍규화") == []  # never in the first syllable
    assert found(bundled_browser, "q01.9") == []


def test_ids_and_numbers_carry_no_typo(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    write_deck(deck_dir, "a.yaml", [card(f"s0123{n}") for n in range(6)] + [card("s00234")])
    browser = Browser(browse_rows(StatsInput.capture(History(),
                                                     load_deck([DeckSource(deck_dir)]), DAY)))
    assert found(browser, "s01234") == ["s01234"]  # not s01230 or s00234, one typo away
