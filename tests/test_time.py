"""Time: rollover boundaries, daylight saving, time-zone changes, clocks that go backwards."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlflash.base.clock import study_day
from dlflash.base.config import Settings
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal.events import Review, new_id
from dlflash.journal.history import History
from dlflash.journal.store import Store
from dlflash.sm2 import MAX_INTERVAL
from dlflash.study.session import Session

from conftest import FakeClock
from helpers import small_deck

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("moment", "hour", "day"),
    [
        (datetime(2026, 3, 3, 3, 59, 59, tzinfo=BERLIN), 4, date(2026, 3, 2)),
        (datetime(2026, 3, 3, 4, 0, tzinfo=BERLIN), 4, date(2026, 3, 3)),
        (datetime(2026, 3, 3, 0, 0, tzinfo=BERLIN), 0, date(2026, 3, 3)),
        (datetime(2026, 3, 2, 23, 59, tzinfo=BERLIN), 0, date(2026, 3, 2)),
        # The night clocks spring forward (02:00 -> 03:00) and fall back (03:00 -> 02:00).
        (datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN), 4, date(2026, 3, 28)),
        (datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN), 4, date(2026, 3, 29)),
        (datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN), 4, date(2026, 10, 24)),
        (datetime(2026, 10, 25, 4, 0, tzinfo=BERLIN), 4, date(2026, 10, 25)),
    ],
)
def test_study_day_boundaries(moment: datetime, hour: int, day: date) -> None:
    assert study_day(moment, hour) == day


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        study_day(datetime(2026, 3, 3), 4)


def test_session_across_a_dst_change(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 28, 22, 0, tzinfo=BERLIN))
    deck = load_deck([DeckSource(small_deck(tmp_path))])
    session = Session(deck, History(), _Memory(), Settings(new_per_day=1), clock)
    session.grade(5)
    clock.now = datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)  # after the jump, before 04:00
    assert session.today == date(2026, 3, 28) and session.current() is None
    clock.now = datetime(2026, 3, 29, 4, 30, tzinfo=BERLIN)
    assert session.current() is not None and session.current().reason == "due"


class _Memory:
    def append(self, *args: object, **kwargs: object) -> None:
        pass


def test_time_zone_change_between_sessions(tmp_path: Path, data_dir: Path) -> None:
    """Seoul in the morning, New York the same evening: each review keeps its study day."""
    deck = load_deck([DeckSource(small_deck(tmp_path))])
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    seoul = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=9))))
    session = Session(deck, history, store, Settings(new_per_day=2), seoul, "testdev")
    session.grade(5)
    # Fourteen hours later in New York it is still 2026-03-01 locally: an earlier study day.
    new_york = FakeClock(datetime(2026, 3, 1, 23, 0, tzinfo=NEW_YORK))
    session.clock = new_york
    session.grade(4)
    store.close(history)
    replayed, _ = Store(data_dir, "testdev").read()
    assert replayed.states == history.states
    days = [r.review.day for r in replayed.all_reviews()]
    assert sorted(days) == [date(2026, 3, 1), date(2026, 3, 2)]
    assert all(state.interval >= 1 for state in replayed.states.values())


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(st.tuples(st.integers(-72, 72), st.integers(0, 5),
                                st.sampled_from(["q01", "q02", "q03"])), max_size=40))
def test_clock_jumps_never_give_negative_intervals(steps: list[tuple[int, int, str]]) -> None:
    """Any order of timestamps, backwards jumps included: same states on every replay."""
    base = datetime(2026, 3, 2, 12, tzinfo=UTC)
    events, now = [], base
    for hours, grade, card in steps:
        now += timedelta(hours=hours)
        events.append(Review(id=new_id(), card=card, ts=now, day=study_day(now, 4),
                             grade=grade))
    first, second = History(events), History(events)
    assert first.states == second.states
    for replayed in first.all_reviews():
        assert 1 <= replayed.after.interval <= MAX_INTERVAL or not replayed.scheduled
        if replayed.after.due is not None and replayed.scheduled:
            assert replayed.after.due > replayed.review.day


def test_interval_cap_in_a_long_history() -> None:
    day = date(2026, 1, 1)
    events = []
    for _index in range(30):
        ts = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        events.append(Review(id=new_id(), card="q01", ts=ts, day=day, grade=5))
        day = min(History(events).state("q01").due or day, date(9000, 1, 1))
    state = History(events).state("q01")
    assert state.interval == MAX_INTERVAL
