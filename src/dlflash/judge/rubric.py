"""Rubric-assisted self-grading: which key points a typed answer covers, and a fair grade.

Matching is deliberately simple and predictable: a key point counts as covered when one of
its keywords starts a word of the answer, ignoring case, Unicode form and the spacing
inside the keyword ("기울기소실을" matches "기울기 소실"; "vanish" matches "vanishing").
A keyword never matches inside a word, so "hat" does not fire on "that" nor "산" on "계산".
The candidate can always tick or untick by hand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dlflash.deck.model import Card


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern[str] | None:
    words = _fold(keyword).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s*".join(re.escape(word) for word in words))


def covered_points(card: Card, answer: str) -> frozenset[int]:
    """Indexes of the card's key points whose keywords the answer contains."""
    text = _fold(answer)
    if not text.strip():
        return frozenset()
    hits = set()
    for index, point in enumerate(card.key_points):
        for keyword in point.keywords:
            pattern = _pattern(keyword)
            if pattern is not None and pattern.search(text):
                hits.add(index)
                break
    return frozenset(hits)


def suggest_grade(ticked: int, total: int, typed: bool) -> int:
    """A starting grade from the share of key points covered.

    All points: 5 (4 if nothing was typed: recalled in the head, not shown on paper);
    three quarters: 4; half: 3; a quarter: 2; any: 1; none: 1 if something was typed, else 0.
    """
    share = ticked / total if total else 0.0
    if share >= 1:
        return 5 if typed else 4
    for threshold, grade in ((0.75, 4), (0.5, 3), (0.25, 2)):
        if share >= threshold:
            return grade
    if share > 0:
        return 1
    return 1 if typed else 0
