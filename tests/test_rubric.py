from __future__ import annotations

import unicodedata

import pytest

from dlflash.deck.model import Card, KeyPoint, Text
from dlflash.judge.rubric import covered_points, suggest_grade


def make_card(*keywords: tuple[str, ...]) -> Card:
    points = tuple(KeyPoint(Text(ko="k", en="e"), kws) for kws in keywords)
    return Card(id="c", question=Text(en="q"), answer=Text(en="a"), key_points=points,
                topic=Text(en="t"))


CARD = make_card(("vanishing", "기울기 소실"), ("sparse", "희소"), ("ReLU6", "dead relu"))


def test_matches_case_insensitively_and_ignoring_spaces() -> None:
    assert covered_points(CARD, "It avoids VANISHING gradients") == {0}
    assert covered_points(CARD, "기울기소실을 막는다, 활성이 희소해짐") == {0, 1}
    assert covered_points(CARD, "the Dead ReLU problem") == {2}
    assert covered_points(CARD, "deadrelu") == {2}
    assert covered_points(CARD, "(sparse)") == {1}


def test_keywords_only_match_at_the_start_of_a_word() -> None:
    card = make_card(("hat",), ("산",), ("nce",))
    assert covered_points(card, "that is since 계산") == frozenset()
    assert covered_points(card, "a hat, 산을 넘어, nce loss") == {0, 1, 2}


def test_nfd_input_matches_nfc_keywords() -> None:
    assert covered_points(CARD, unicodedata.normalize("NFD", "기울기 소실")) == {0}


def test_empty_answer_covers_nothing() -> None:
    assert covered_points(CARD, "   \n ") == frozenset()


@pytest.mark.parametrize(
    ("ticked", "total", "typed", "grade"),
    [(4, 4, True, 5), (4, 4, False, 4), (3, 4, True, 4), (2, 4, True, 3), (1, 4, True, 2),
     (1, 5, True, 1), (0, 4, True, 1), (0, 4, False, 0), (0, 0, False, 0)],
)
def test_suggested_grade(ticked: int, total: int, typed: bool, grade: int) -> None:
    assert suggest_grade(ticked, total, typed) == grade
