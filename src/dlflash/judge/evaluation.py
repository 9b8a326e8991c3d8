"""How well suggested grades agree with an interviewer's: the figures bench/judge_eval.py
prints and the test of the judge's floor holds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Agreement:
    answers: int
    exact: float
    within_one: float
    within_one_passed: float
    """Within one grade, among the answers the interviewer graded 3 or better."""
    bias: float
    """Mean suggested minus interviewer's grade."""
    false_passes: float
    """Share of all answers the interviewer failed (<= 2) that were suggested >= 3."""
    false_fails: float
    """Share of all answers the interviewer graded >= 4 that were suggested <= 2."""


def agreement(pairs: Iterable[tuple[int, int]]) -> Agreement:
    """Agreement over (interviewer's grade, suggested grade) pairs."""
    graded = list(pairs)
    count = len(graded)
    if not count:
        return Agreement(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    passed = [(human, suggested) for human, suggested in graded if human >= 3]
    return Agreement(
        answers=count,
        exact=sum(human == suggested for human, suggested in graded) / count,
        within_one=sum(abs(human - suggested) <= 1 for human, suggested in graded) / count,
        within_one_passed=(sum(abs(h - s) <= 1 for h, s in passed) / len(passed)
                           if passed else 0.0),
        bias=sum(suggested - human for human, suggested in graded) / count,
        false_passes=sum(human <= 2 and suggested >= 3 for human, suggested in graded) / count,
        false_fails=sum(human >= 4 and suggested <= 2 for human, suggested in graded) / count,
    )
