"""Rubric-assisted self-grading: which key points a typed answer covers, and a fair grade.

Matching is deliberately simple and predictable: a key point counts as covered when any of
its keywords occurs in the answer, ignoring case, Unicode form and spacing ("기울기소실"
matches "기울기 소실"). The candidate can always tick or untick by hand.
"""

from __future__ import annotations

import re
import unicodedata

from dlflash.deck import Card

_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def covered_points(card: Card, answer: str) -> frozenset[int]:
    """Indexes of the card's key points whose keywords the answer contains."""
    text = _fold(answer)
    squeezed = _SPACE.sub("", text)
    if not squeezed:
        return frozenset()
    hits = set()
    for index, point in enumerate(card.key_points):
        for keyword in point.keywords:
            folded = _fold(keyword).strip()
            if folded and (folded in text or _SPACE.sub("", folded) in squeezed):
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
