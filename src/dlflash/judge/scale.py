"""The grade a judged answer deserves, on SM-2's 0-5 scale, from its core points.

- Every core point: 4, or 5 when an extra is there too (or the card has none).
- Three quarters of the core points, or half of them and an extra: 4.
- The central point (the card's first core point, the gist), or half of them: 3.
- Some core point but not the central one, or two extras: 2; one extra or nothing
  relevant: 1.
- Nothing typed, or "I don't know": 0.
- A misconception caps the grade at 2 (1 when nothing else is right).

The thresholds were set on the development part of bench/answers/ and checked on the part
kept aside (see bench/judge_eval.py and the README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dlflash.deck.model import Card

TRAP_CAP = 2
_DONT_KNOW = re.compile(
    r"모르|몰라|모름|기억\s*(?:이\s*)?안|생각\s*(?:이\s*)?안|idk|i\s*don'?t\s*know|no\s*idea"
    r"|not\s*sure|forgot|can'?t\s*remember|pass\b|\?\?+", re.IGNORECASE)
_DONT_KNOW_LENGTH = 40
"""Longer than this, "I don't know" is a hedge inside an answer, not the answer."""


@dataclass(frozen=True, slots=True)
class Score:
    core: int
    core_total: int
    central: bool
    """Whether the card's first core point, its gist, is covered."""
    extra: int
    extra_total: int
    traps: int
    typed: bool
    dont_know: bool

    @classmethod
    def of(cls, card: Card, ticked: frozenset[int], traps: int, answer: str) -> Score:
        core = [index for index, point in enumerate(card.key_points) if point.core]
        extra = [index for index, point in enumerate(card.key_points) if not point.core]
        stripped = answer.strip()
        return cls(
            core=sum(index in ticked for index in core),
            core_total=len(core),
            central=bool(core) and core[0] in ticked,
            extra=sum(index in ticked for index in extra),
            extra_total=len(extra),
            traps=traps,
            typed=bool(stripped),
            dont_know=len(stripped) <= _DONT_KNOW_LENGTH and bool(_DONT_KNOW.search(stripped)),
        )


def _coverage_grade(score: Score) -> int:
    if score.core_total == 0:
        return 0
    share = score.core / score.core_total
    if share >= 1:
        return 5 if score.extra or not score.extra_total else 4
    if share >= 0.75 or (share >= 0.5 and score.extra):
        return 4
    if score.central or share >= 0.5:
        return 3
    if score.core:
        return 2
    return 2 if score.extra >= 2 else 1 if score.extra else 0


def suggested_grade(score: Score) -> int:
    grade = _coverage_grade(score)
    if score.traps:
        return min(grade, TRAP_CAP) if grade >= 2 or score.core or score.extra else 1
    if not score.typed:
        return min(grade, 4)  # ticked by hand: recalled, but nothing shown
    if score.dont_know and not (score.core or score.extra):
        return 0
    return max(grade, 1)
