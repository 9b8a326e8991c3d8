from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlflash.base.config import Settings
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.deck.model import Deck
from dlflash.journal.history import History
from dlflash.journal.store import Store
from dlflash.study.session import Session

from conftest import KST, FakeClock
from helpers import card, small_deck, write_deck


class MemoryJournal:
    def __init__(self) -> None:
        self.events: list[object] = []

    def append(self, event: object, after: object = None, scheduled: object = None) -> None:
        self.events.append(event)


def make(tmp_path: Path, clock: FakeClock, **settings: int | str) -> Session:
    """A session over the small deck, its new cards in deck order unless told."""
    settings.setdefault("new_order", "deck")
    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"))])
    return Session(deck, History(), MemoryJournal(),
                   Settings(**settings), clock, "testdev")  # type: ignore[arg-type]


def ids_in_order(session: Session, grade: int = 5) -> list[str]:
    seen = []
    while (item := session.current()) is not None:
        seen.append(item.card.id)
        session.grade(grade)
    return seen


def test_new_cards_in_deck_order_up_to_the_limit(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=4)
    counts = session.counts()
    assert (counts.due, counts.new, counts.repeat, counts.done) == (0, 4, 0, 0)
    assert ids_in_order(session) == ["q01", "q01.1", "q01.2", "q02"]
    assert session.counts().done == 4 and session.current() is None


def test_main_question_comes_before_its_follow_ups(tmp_path: Path, clock: FakeClock) -> None:
    write_deck(tmp_path / "d", "a.yaml", [card("q01.1", "q01"), card("q01"), card("q02")])
    deck = load_deck([DeckSource(tmp_path / "d")])
    session = Session(deck, History(), MemoryJournal(), Settings(), clock)
    assert ids_in_order(session) == ["q01", "q01.1", "q02"]


def test_item_is_view_ready(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock)
    session.grade(5)
    item = session.current()
    assert item is not None and item.card.id == "q01.1" and item.reason == "new"
    assert item.parent is not None and item.parent.id == "q01"
    assert item.intervals == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1}


def test_failed_cards_repeat_until_four_or_five(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=2)
    session.grade(2)  # q01 fails
    session.grade(3)  # q01.1 passes SM-2 but < 4: repeats too
    assert session.counts().repeat == 2
    item = session.current()
    assert item is not None and (item.card.id, item.reason) == ("q01", "repeat")
    assert item.intervals == {}
    state_before = session.history.state("q01")
    session.grade(3)  # still < 4: comes back, after q01.1
    assert session.history.state("q01") == state_before  # repeats never reschedule
    assert [session.current().card.id] == ["q01.1"]  # type: ignore[union-attr]
    session.grade(4)
    assert session.current().card.id == "q01"  # type: ignore[union-attr]
    session.grade(5)
    assert session.current() is None
    assert session.counts().done == 5


def test_due_cards_first_most_overdue_then_deck_order(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=2)
    assert ids_in_order(session) == ["q01", "q01.1"]  # due 03-03
    clock.advance(days=1)
    item = session.current()
    assert item is not None and item.reason == "due"
    # due first, then today's new cards; grade 5: q01, q01.1 -> 6 days, new ones -> 1 day
    assert ids_in_order(session) == ["q01", "q01.1", "q01.2", "q02"]
    clock.advance(days=17)  # 03-20: q01.2 and q02 (due 03-04) are the most overdue
    assert ids_in_order(session)[:4] == ["q01.2", "q02", "q01", "q01.1"]


def test_learn_more_is_for_today_only(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=1)
    ids_in_order(session)
    session.learn_more(2)
    assert session.counts().new == 2
    assert ids_in_order(session) == ["q01.1", "q01.2"]
    clock.advance(days=1)
    assert session.counts().new == 1


def test_max_reviews_caps_the_day(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=10, max_reviews_per_day=3)
    assert session.counts().new == 3
    assert len(ids_in_order(session)) == 3


def test_undo_restores_card_state_queue_and_typed_answer(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=3)
    before_counts = session.counts()
    session.grade(2, answer="my answer", ticked=[1])
    session.grade(5)
    clock.advance(minutes=1)
    item = session.undo()
    assert item is not None and item.card.id == "q01.1" and item.reason == "new"
    item = session.undo()
    assert item is not None and item.card.id == "q01" and item.draft == "my answer"
    assert session.counts() == before_counts
    assert session.history.states == {}
    assert session.undo() is None


def test_undo_twelve_steps(tmp_path: Path, clock: FakeClock) -> None:
    deck_dir = tmp_path / "d"
    write_deck(deck_dir, "a.yaml", [card(f"c{i:02}") for i in range(12)])
    session = Session(load_deck([DeckSource(deck_dir)]), History(), MemoryJournal(),
                      Settings(new_per_day=12), clock)
    for grade in [0, 1, 2, 3, 4, 5] * 2:
        session.grade(grade)
        clock.advance(seconds=30)
    for _ in range(12):
        assert session.undo() is not None
    assert session.history.states == {} and session.counts().new == 12
    assert session.current().card.id == "c00"  # type: ignore[union-attr]


def test_bury_and_suspend(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=3)
    session.bury()
    session.suspend()
    assert session.current().card.id == "q01.2"  # type: ignore[union-attr]
    assert session.counts().new == 3  # buried and suspended cards use no new-card slot
    clock.advance(days=1)
    assert [session.current().card.id] == ["q01"]  # type: ignore[union-attr]
    assert session.undo() is not None  # un-suspend q01.1
    session.unsuspend("q01.1")
    assert not session.history.is_suspended("q01.1")


def test_rollover_hour(tmp_path: Path, clock: FakeClock) -> None:
    clock.now = datetime(2026, 3, 3, 1, 30, tzinfo=KST)  # 01:30 counts for 03-02
    session = make(tmp_path, clock, new_per_day=1)
    assert session.today == date(2026, 3, 2)
    session.grade(5)
    assert session.current() is None
    clock.now = datetime(2026, 3, 3, 4, 0, tzinfo=KST)  # a new study day: q01 due
    assert session.today == date(2026, 3, 3)
    item = session.current()
    assert item is not None and (item.card.id, item.reason) == ("q01", "due")


def test_next_due_and_new_remaining(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=2)
    assert session.next_due() is None and session.new_remaining() == 6
    ids_in_order(session)
    assert session.next_due() == date(2026, 3, 3)
    assert session.new_remaining() == 4


def test_read_only_session_cannot_change(tmp_path: Path, clock: FakeClock) -> None:
    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"))])
    session = Session(deck, History(), None, Settings(), clock)
    assert session.counts().new == 6
    with pytest.raises(RuntimeError, match="read-only"):
        session.grade(4)


def test_grade_needs_a_card(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=0)
    with pytest.raises(LookupError):
        session.grade(4)
    with pytest.raises(ValueError):
        make(tmp_path, clock).grade(7)


def test_session_state_equals_replay_of_the_store(data_dir: Path, tmp_path: Path,
                                                  clock: FakeClock) -> None:
    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"))])
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    session = Session(deck, history, store, Settings(new_per_day=6), clock, "testdev")
    for grade in (5, 1, 4, 2, 3, 5, 4, 4, 5):
        if session.current() is None:
            clock.advance(days=1)
        session.grade(grade, answer=f"answer {grade}")
        clock.advance(minutes=3)
    session.undo()
    session.bury()
    store.close(history)
    replayed, _ = Store(data_dir, "testdev").read()
    assert replayed.states == history.states
    fresh = Session(deck, replayed, None, Settings(new_per_day=6), clock)
    assert fresh.counts() == session.counts()
    assert fresh.current() == session.current()
    assert timedelta(0) <= clock() - datetime(2026, 3, 2, 9, tzinfo=KST)


@settings(max_examples=40, deadline=None)
@given(ops=st.lists(st.sampled_from(["0", "2", "3", "4", "5", "u", "b", "s", "day"]),
                    max_size=40))
def test_cached_queue_equals_a_fresh_one(ops: list[str]) -> None:
    """Whatever happens, the session's cached queue is what a new session would build."""
    import tempfile

    clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=KST))
    with tempfile.TemporaryDirectory() as folder:
        deck_dir = Path(folder)
        write_deck(deck_dir, "a.yaml", [card(f"c{i:02}") for i in range(8)])
        deck = load_deck([DeckSource(deck_dir)])
    session = Session(deck, History(), MemoryJournal(), Settings(new_per_day=5), clock)
    for op in ops:
        if op == "day":
            clock.advance(days=3)
        elif op == "u":
            session.undo()
        else:
            act_on_card(session, op)
        clock.advance(minutes=2)
        assert_same_as_fresh(session, deck, Settings(new_per_day=5), clock)


def act_on_card(session: Session, op: str) -> None:
    """Grade ("0"-"5"), bury ("b") or suspend ("s") the current card, if there is one."""
    if session.current() is None:
        return
    if op == "b":
        session.bury()
    elif op == "s":
        session.suspend()
    else:
        session.grade(int(op))


def assert_same_as_fresh(session: Session, deck: Deck, rules: Settings,
                         clock: FakeClock) -> None:
    """The session's kept-up queue is the one a new session would build from its history."""
    fresh = Session(deck, session.history, None, rules, clock)
    assert session.counts() == fresh.counts()
    assert session.current() == fresh.current()


def test_undoing_a_due_card_brings_it_back_first(tmp_path: Path, clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=3)
    ids_in_order(session, grade=4)  # q01, q01.1, q01.2: due tomorrow
    clock.advance(days=1)
    session.learn_more(0)
    assert [session.current().card.id] == ["q01"]  # type: ignore[union-attr]
    session.grade(5)
    session.grade(5)
    assert session.current().card.id == "q01.2"  # type: ignore[union-attr]
    session.undo()
    session.undo()
    item = session.current()
    assert item is not None and (item.card.id, item.reason) == ("q01", "due")
    assert session.counts().due == 3


def test_undoing_yesterdays_grade_makes_the_card_due_today(tmp_path: Path,
                                                           clock: FakeClock) -> None:
    session = make(tmp_path, clock, new_per_day=1)
    session.grade(5)  # q01: due tomorrow
    clock.advance(days=1)
    session.grade(5)  # q01 again: due in 6 days
    clock.advance(days=1)
    assert session.current() is None or session.current().card.id != "q01"  # type: ignore[union-attr]
    session.undo()  # yesterday's grade: q01 was due yesterday, so it is overdue today
    item = session.current()
    assert item is not None and (item.card.id, item.reason) == ("q01", "due")


@settings(max_examples=150, deadline=None)
@given(
    max_reviews=st.sampled_from([3, 6, 200]),
    new_per_day=st.sampled_from([3, 20]),
    ops=st.lists(st.one_of(
        st.sampled_from(["0", "2", "3", "4", "5", "5", "u", "b", "s", "unsuspend", "more",
                         "day", "days", "hours"]),
    ), max_size=80),
)
def test_queue_kept_up_by_each_change_equals_one_built_from_the_history(
        max_reviews: int, new_per_day: int, ops: list[str]) -> None:
    """The session moves its queue on event by event; after every step it must be what a
    new session builds from the same history: due cards over several days (most overdue
    first), the review cap, new cards, repeats, buried, suspended and unsuspended cards,
    extra new cards, undo and study-day rollover."""
    import tempfile

    clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=KST))
    with tempfile.TemporaryDirectory() as folder:
        deck_dir = Path(folder)
        cards = []
        for i in range(4):
            cards += [card(f"c{i}"), card(f"c{i}.1", f"c{i}")]
        write_deck(deck_dir, "a.yaml", cards)
        deck = load_deck([DeckSource(deck_dir)])
    rules = Settings(new_per_day=new_per_day, max_reviews_per_day=max_reviews)
    history = History()
    # Three days of study first, so that cards fall due on several days.
    first = Session(deck, history, MemoryJournal(), Settings(new_per_day=2), clock)
    for grades in ((5, 4), (2, 5, 5), (5, 3, 5, 4)):
        for grade in grades:
            first.grade(grade)
        clock.advance(days=1)
    clock.advance(days=5)
    session = Session(deck, history, MemoryJournal(), rules, clock)
    for op in ops:
        if op == "day":
            clock.advance(days=1)
        elif op == "days":
            clock.advance(days=4)
        elif op == "hours":
            clock.advance(hours=7)  # sometimes across the rollover
        elif op == "u":
            session.undo()
        elif op == "more":
            session.learn_more(2)
        elif op == "unsuspend":
            suspended = sorted(session.history.suspended_cards())
            if suspended:
                session.unsuspend(suspended[0])
        else:
            act_on_card(session, op)
        clock.advance(minutes=2)
        assert_same_as_fresh(session, deck, rules, clock)
