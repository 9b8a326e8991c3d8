"""SM-2 scheduling as published by P. A. Wozniak, exactly as `shared/sm2-spec.md` reads it.

Pure: no clock, no I/O, no globals. The E-Factor is kept in whole hundredths so that no
binary-float drift can move an interval by a day (grades 0, 0, 5, 5, 3 must give 9 days).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

GRADES: tuple[int, ...] = (0, 1, 2, 3, 4, 5)
PASS_GRADE = 3
"""A grade at or above this counts as recalled and advances the card."""
REPEAT_BELOW = 4
"""SM-2 asks a card again the same day until it scores at least this."""
MAX_INTERVAL = 36_500
"""Days; Anki's cap too, so a perfect card never runs past the calendar's end."""

_START_EF = 250
_MIN_EF = 130


def _hundredths(easiness: float) -> int:
    return round(easiness * 100)


@dataclass(frozen=True, slots=True)
class CardState:
    """The SM-2 state of one card; `CardState()` is a new card."""

    repetitions: int = 0
    easiness: float = _START_EF / 100
    interval: int = 0
    due: date | None = field(default=None)

    @property
    def is_new(self) -> bool:
        return self.due is None


def check_grade(grade: object) -> int:
    """Return `grade` if it is an int 0-5 (not a bool), else raise `ValueError`."""
    if isinstance(grade, bool) or not isinstance(grade, int) or grade not in GRADES:
        raise ValueError(f"grade must be an integer from 0 to 5, got {grade!r}")
    return grade


def _ef_delta(grade: int) -> int:
    """SM-2's E-Factor change in hundredths: +10, 0, -14, -32, -54, -80 for grades 5..0."""
    q = 5 - grade
    return 10 - q * (8 + q * 2)


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def next_interval(state: CardState, grade: int) -> int:
    """The interval in days that `grade` gives `state`, before the due date is set."""
    grade = check_grade(grade)
    if grade < PASS_GRADE:
        return 1
    if state.repetitions == 0:
        interval = 1
    elif state.repetitions == 1:
        interval = 6
    else:
        interval = _ceil_div(state.interval * _hundredths(state.easiness), 100)
    return min(max(interval, 1), MAX_INTERVAL)


def easiness_after(state: CardState, grade: int) -> float:
    """The E-Factor that `grade` gives `state`."""
    return max(_MIN_EF, _hundredths(state.easiness) + _ef_delta(check_grade(grade))) / 100


def review(state: CardState, grade: int, today: date) -> CardState:
    """The state after grading `state` with `grade` on the study day `today`."""
    interval = next_interval(state, grade)
    repetitions = state.repetitions + 1 if grade >= PASS_GRADE else 0
    return CardState(
        repetitions=repetitions,
        easiness=easiness_after(state, grade),
        interval=interval,
        due=today + timedelta(days=min(interval, (date.max - today).days)),
    )


def preview(state: CardState) -> dict[int, int]:
    """The interval each grade would give, for the grade buttons."""
    return {grade: next_interval(state, grade) for grade in GRADES}
