from __future__ import annotations

import math
from dataclasses import FrozenInstanceError
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlflash import sm2
from dlflash.sm2 import MAX_INTERVAL, CardState, preview, review

TODAY = date(2026, 3, 2)


def run(grades: list[int]) -> list[tuple[int, float, int]]:
    state, out = CardState(), []
    for grade in grades:
        state = review(state, grade, TODAY)
        out.append((state.repetitions, state.easiness, state.interval))
    return out


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([5, 5, 5], [(1, 2.6, 1), (2, 2.7, 6), (3, 2.8, 17)]),
        ([4, 4, 4, 4], [(1, 2.5, 1), (2, 2.5, 6), (3, 2.5, 15), (4, 2.5, 38)]),
        ([3, 3, 3], [(1, 2.36, 1), (2, 2.22, 6), (3, 2.08, 14)]),
        ([4, 4, 1, 4], [(1, 2.5, 1), (2, 2.5, 6), (0, 1.96, 1), (1, 1.96, 1)]),
        ([0], [(0, 1.7, 1)]),
        ([0, 0], [(0, 1.7, 1), (0, 1.3, 1)]),
        ([0, 0, 5, 5, 3], [(0, 1.7, 1), (0, 1.3, 1), (1, 1.4, 1), (2, 1.5, 6), (3, 1.36, 9)]),
    ],
)
def test_worked_examples_of_the_spec(grades: list[int], expected: list[tuple]) -> None:
    assert run(grades) == expected


def test_new_card_defaults() -> None:
    state = CardState()
    assert (state.repetitions, state.easiness, state.interval, state.due) == (0, 2.5, 0, None)
    assert state.is_new


def test_easiness_is_exposed_as_exact_hundredths() -> None:
    state = review(CardState(), 3, TODAY)
    assert state.easiness == 2.36
    assert repr(state.easiness) == "2.36"


def test_due_is_today_plus_interval_and_lateness_is_ignored() -> None:
    on_time = review(CardState(repetitions=2, easiness=2.5, interval=6, due=TODAY), 4, TODAY)
    late = review(CardState(repetitions=2, easiness=2.5, interval=6, due=TODAY - timedelta(10)),
                  4, TODAY)
    assert on_time.interval == late.interval == 15
    assert on_time.due == TODAY + timedelta(days=15)


def test_interval_is_capped_at_100_years() -> None:
    state = CardState(repetitions=40, easiness=2.8, interval=30_000, due=TODAY)
    after = review(state, 5, TODAY)
    assert after.interval == MAX_INTERVAL
    assert after.due == TODAY + timedelta(days=MAX_INTERVAL)
    assert review(after, 5, TODAY).interval == MAX_INTERVAL


def test_due_never_runs_past_the_calendar() -> None:
    last = date.max - timedelta(days=3)
    assert review(CardState(repetitions=5, easiness=2.5, interval=300), 5, last).due == date.max


@pytest.mark.parametrize("bad", [True, False, 3.0, 6, -1, "4", None, 4.5])
def test_bad_grades_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match="grade must be an integer from 0 to 5"):
        review(CardState(), bad, TODAY)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        sm2.check_grade(bad)


def test_state_is_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        CardState().interval = 3  # type: ignore[misc]


def test_preview_for_a_new_and_a_mature_card() -> None:
    assert preview(CardState()) == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1}
    mature = CardState(repetitions=3, easiness=2.5, interval=15, due=TODAY)
    assert preview(mature) == {0: 1, 1: 1, 2: 1, 3: 38, 4: 38, 5: 38}


# -- properties ---------------------------------------------------------------------------

grades = st.integers(min_value=0, max_value=5)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 12, 31))


@st.composite
def states(draw: st.DrawFn) -> CardState:
    reps = draw(st.integers(0, 50))
    ef = draw(st.integers(130, 400)) / 100
    interval = draw(st.integers(0, MAX_INTERVAL)) if reps else 0
    due = draw(st.one_of(st.none(), days)) if reps == 0 else draw(days)
    return CardState(reps, ef, interval, due)


def reference(grades_: list[int]) -> tuple[int, Fraction, int]:
    """SM-2 by hand in exact rational arithmetic, independent of the implementation."""
    n, ef, interval = 0, Fraction(5, 2), 0
    for q in grades_:
        if q >= 3:
            interval = 1 if n == 0 else 6 if n == 1 else math.ceil(interval * ef)
            n += 1
        else:
            n, interval = 0, 1
        ef = max(Fraction(13, 10), ef + Fraction(1, 10) - (5 - q) * (Fraction(8, 100)
                                                                     + (5 - q) * Fraction(2, 100)))
        interval = min(interval, MAX_INTERVAL)
    return n, ef, interval


@given(st.lists(grades, min_size=1, max_size=60))
def test_agrees_with_exact_rational_reference(grade_list: list[int]) -> None:
    state = CardState()
    for grade in grade_list:
        state = review(state, grade, TODAY)
    n, ef, interval = reference(grade_list)
    assert (state.repetitions, Fraction(state.easiness).limit_denominator(100), state.interval) \
        == (n, ef, interval)


@given(states(), grades, days)
def test_invariants_of_one_review(state: CardState, grade: int, today: date) -> None:
    before = (state.repetitions, state.easiness, state.interval, state.due)
    after = review(state, grade, today)
    assert (state.repetitions, state.easiness, state.interval, state.due) == before
    assert after.easiness >= 1.3
    assert after.easiness == round(after.easiness * 100) / 100
    assert 1 <= after.interval <= MAX_INTERVAL
    assert after.due is not None and after.due > today
    assert (after.due - today).days == after.interval
    if grade >= 3:
        assert after.repetitions == state.repetitions + 1
    else:
        assert after.repetitions == 0 and after.interval == 1
    assert preview(state)[grade] == after.interval
