"""A mock interview's weakest answers put into today's review: new cards moved forward into
today's new cards, studied cards asked again as same-day repeats that do not reschedule;
one journal line (a `learn_more` that names its cards), kept across a restart, undone,
merged from two devices and carried by the snapshot."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from dlflash.base.config import Settings
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal import store as store_module
from dlflash.journal.events import LearnMore, RecordError, decode, encode, new_id
from dlflash.journal.history import History
from dlflash.journal.store import Store
from dlflash.sm2 import CardState
from dlflash.study.interviewer import Interviewer, new_plan, request_for
from dlflash.study.session import Session

from conftest import FakeClock
from helpers import small_deck
from test_store import T0, review


def _open(tmp_path: Path, data_dir: Path, clock: FakeClock, device: str = "testdev",
          **settings: object) -> tuple[Session, Store]:
    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"))])
    store = Store(data_dir, device)
    history, _ = store.open()
    return Session(deck, history, store, Settings(**settings), clock, device), store  # type: ignore[arg-type]


def _learnt(session: Session, clock: FakeClock, *cards: str) -> None:
    """Each card studied twice (interval 6), then two days on: studied, not due, not
    reviewed today."""
    for _ in range(2):
        for card in cards:
            session.grade(5, card_id=card)
        clock.advance(days=1)
    clock.advance(days=1)


def at(minutes: int, device: str = "testdev") -> dict[str, object]:
    ts = T0 + timedelta(minutes=minutes)
    return {"id": new_id(), "ts": ts, "day": ts.date(), "device": device}


# -- the journal line --------------------------------------------------------------------------


def test_the_line_names_its_cards_and_reads_back() -> None:
    event = LearnMore(count=1, cards=("q02",), repeats=("q01", "q01.1"), **at(0))  # type: ignore[arg-type]
    line = json.loads(encode(event))
    assert (line["type"], line["count"], line["cards"], line["repeats"]) == (
        "learn_more", 1, ["q02"], ["q01", "q01.1"])
    assert decode(line) == event


def test_a_plain_learn_more_line_is_as_before() -> None:
    """No new fields on a line that names no card: an older dlflash reads the same bytes;
    and a line of an older dlflash reads as naming none."""
    event = LearnMore(count=3, **at(0))  # type: ignore[arg-type]
    line = json.loads(encode(event))
    assert "cards" not in line and "repeats" not in line
    assert decode(line) == event and decode(line).cards == ()


@pytest.mark.parametrize("change", [{"cards": "q01"}, {"repeats": [1]}, {"cards": [None]}])
def test_bad_card_lists_are_refused(change: dict[str, object]) -> None:
    line = json.loads(encode(LearnMore(count=0, **at(0)))) | change  # type: ignore[arg-type]
    with pytest.raises(RecordError, match="list of card ids"):
        decode(line)


def test_card_ids_from_a_synced_line_cannot_drive_the_terminal() -> None:
    line = json.loads(encode(LearnMore(count=1, cards=("q01",), **at(0))))  # type: ignore[arg-type]
    line["cards"] = ["q01\x1b]2;x\x07"]
    event = decode(line)
    assert isinstance(event, LearnMore) and event.cards == ("q01",)


# -- the queue ---------------------------------------------------------------------------------


def test_new_cards_are_moved_forward_beyond_the_daily_limit(
        tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, new_per_day=1)
    assert session.current().card.id == "q01"  # type: ignore[union-attr]
    assert session.into_today(["q02.1", "q03"]) == (["q02.1", "q03"], [])
    assert session.counts().new == 3  # the day's one, and the two moved forward
    item = session.current()
    assert item is not None and (item.card.id, item.reason) == ("q02.1", "new")
    assert item.intervals  # a new card: its first grade schedules it
    session.grade(4)
    assert session.history.state("q02.1").interval == 1
    assert session.current().card.id == "q03"  # type: ignore[union-attr]
    session.grade(5)
    assert session.current().card.id == "q01"  # type: ignore[union-attr]
    session.grade(5)
    assert session.current() is None
    store.close()


def test_studied_cards_come_back_as_repeats_that_keep_their_schedule(
        tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    _learnt(session, clock, "q01")
    state = session.history.state("q01")
    assert state.due is not None and state.due > session.today
    assert session.current() is None
    assert session.into_today(["q01"]) == ([], ["q01"])
    item = session.current()
    assert item is not None and (item.card.id, item.reason) == ("q01", "repeat")
    assert item.intervals == {}
    replayed = session.grade(2, answer="still shaky")
    assert not replayed.scheduled and session.history.state("q01") == state
    assert session.current().card.id == "q01"  # type: ignore[union-attr]
    replayed = session.grade(5)
    assert not replayed.scheduled and session.history.state("q01") == state
    assert session.current() is None
    assert session.counts().done == 2  # both logged, as repeats are
    store.close()
    on_disk, _ = Store(data_dir, "testdev").read()
    assert on_disk.state("q01") == state  # the replay agrees: no reschedule


def test_cards_already_in_todays_queue_are_left_where_they_are(
        tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    session.grade(5, card_id="q01")
    clock.advance(days=1)
    session.grade(1, card_id="q02.1")  # a repeat today already
    assert session.current().card.id == "q01"  # type: ignore[union-attr]  # due today
    journal = len(store.journal_path.read_bytes().splitlines())
    assert session.into_today(["q01", "q02.1", "nope"]) == ([], [])
    assert len(store.journal_path.read_bytes().splitlines()) == journal  # nothing written
    session.suspend("q03")
    assert session.into_today(["q03"]) == ([], [])  # suspended: left alone
    assert session.into_today(["q02", "q01.1"]) == (["q02", "q01.1"], [])
    assert session.into_today(["q02"]) == ([], [])  # once
    session.bury("q02")  # buried after it was moved forward: the next one comes
    assert session.current().card.id == "q01"  # type: ignore[union-attr]
    session.grade(5)
    assert session.current().card.id == "q01.1"  # type: ignore[union-attr]
    store.close()


def test_a_card_asked_again_after_passing_comes_back_again(
        tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    session.grade(5, card_id="q01")
    clock.advance(days=1, hours=1)
    session.grade(4)  # due today: reviewed, passed
    clock.advance(minutes=1)
    assert session.into_today(["q01"]) == ([], ["q01"])
    clock.advance(minutes=1)
    session.grade(5)
    assert session.current() is None
    clock.advance(minutes=1)
    assert session.into_today(["q01"]) == ([], ["q01"])  # a second interview the same day
    assert session.current().reason == "repeat"  # type: ignore[union-attr]
    store.close()


def test_a_restart_keeps_them(tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    session.grade(5, card_id="q01")
    clock.advance(days=2)
    assert session.into_today(["q02", "q01"]) == (["q02"], [])  # q01 is due today
    store.close()
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    shown = []
    while (item := session.current()) is not None:
        shown.append((item.card.id, item.reason))
        session.grade(4)
    assert shown == [("q01", "due"), ("q02", "new")]
    assert session.history.state("q01.1") == CardState()
    store.close()


def test_a_restart_keeps_a_repeat_until_it_passes(tmp_path: Path, data_dir: Path,
                                                  clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    _learnt(session, clock, "q01")
    state = session.history.state("q01")
    session.into_today(["q01"])
    clock.advance(minutes=1)
    session.grade(3)
    store.close()
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    assert [(session.current().card.id, session.current().reason)] == [  # type: ignore[union-attr]
        ("q01", "repeat")]
    session.grade(4)
    store.close()
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    assert session.current() is None
    assert session.history.state("q01") == state
    store.close()


def test_undo_takes_them_out_and_reschedules_what_was_graded(
        tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    history = History()
    day = T0.date()
    history.apply(review("q01", 5, 0, day=day - timedelta(days=5)))
    asked = LearnMore(count=1, cards=("q02",), repeats=("q01",), **at(1))  # type: ignore[arg-type]
    history.apply(asked)
    graded = review("q01", 5, 2)
    history.apply(graded)
    assert history.moved_forward(day) == ["q02"] and list(history.asked_again(day)) == ["q01"]
    assert not history.replayed(graded.id).scheduled  # type: ignore[union-attr]
    history.apply(_undo(asked.id))
    assert history.moved_forward(day) == [] and history.asked_again(day) == {}
    assert history.replayed(graded.id).scheduled  # type: ignore[union-attr]
    assert history.state("q01").repetitions == 2


def _undo(target: str) -> object:
    from dlflash.journal.events import Undo

    return Undo(target=target, **at(3))  # type: ignore[arg-type]


def test_replay_gives_the_same_wherever_the_line_arrives() -> None:
    """Reviews made after the line on another device, applied before it (the line synced
    late): the outcome is the one of time order."""
    day = T0.date()
    events = [review("q01", 5, 0, day=day - timedelta(days=3)),
              LearnMore(count=0, repeats=("q01",), **at(10, "laptop")),  # type: ignore[arg-type]
              review("q01", 1, 15, device="desktop"), review("q01", 4, 20, device="desktop"),
              review("q01.1", 5, 25, device="desktop")]
    reference = History(events)
    assert [r.scheduled for r in reference.reviews_of("q01")] == [True, False, False]
    reviews, line = [events[0], *events[2:]], events[1]
    for position in range(len(reviews) + 1):
        arrived = History([*reviews[:position], line, *reviews[position:]])
        assert arrived.states == reference.states
        assert [r.scheduled for r in arrived.reviews_of("q01")] == [True, False, False]


def test_two_devices_agree(tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    laptop, laptop_store = _open(tmp_path, data_dir, clock, "laptop", new_per_day=0)
    _learnt(laptop, clock, "q01")
    laptop_store.close()
    desktop, desktop_store = _open(tmp_path, data_dir, clock, "desktop", new_per_day=0)
    state = desktop.history.state("q01")
    assert desktop.into_today(["q01", "q02"]) == (["q02"], ["q01"])
    clock.advance(minutes=1)
    desktop.grade(5)  # q02, moved forward: scheduled
    desktop.grade(2)  # q01, a repeat
    desktop_store.close()
    seen = [Store(data_dir, device).read()[0] for device in ("laptop", "desktop")]
    for history in seen:
        assert history.state("q01") == state
        assert history.state("q02").repetitions == 1
    assert seen[0].states == seen[1].states
    laptop, laptop_store = _open(tmp_path, data_dir, clock, "laptop", new_per_day=0)
    assert (laptop.current().card.id, laptop.current().reason) == ("q01", "repeat")  # type: ignore[union-attr]
    laptop_store.close()


def test_the_snapshot_carries_them(tmp_path: Path, data_dir: Path, clock: FakeClock,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    _learnt(session, clock, "q01")
    assert session.into_today(["q01", "q02"]) == (["q02"], ["q01"])
    store.close(session.history)
    partial, report = Store(data_dir, "testdev").read()
    assert report.warnings == [] and partial.partial
    full, _ = Store(data_dir, "testdev").read(full=True)
    day = session.today
    for history in (partial, full):
        assert history.moved_forward(day) == ["q02"]
        assert list(history.asked_again(day)) == ["q01"]
        assert history.states == session.history.states


# -- the interviewer ---------------------------------------------------------------------------


def test_the_interviewer_puts_its_weakest_answers_in(tmp_path: Path, data_dir: Path,
                                                     clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    _learnt(session, clock, "q01.2")
    interviewer = Interviewer(new_plan(session, request_for(session.settings, count=1,
                                                            topics=("q01",))), session)
    interviewer.show()
    for text in ("kw1 kw2 kw3", "", "kw1"):
        interviewer.answer(text, "ko")
    weakest = interviewer.report.weakest()
    assert [a.question.card.id for a in weakest] == ["q01.1", "q01.2"]
    assert interviewer.into_review(weakest) == (["q01.1"], ["q01.2"])
    assert interviewer.into_review(weakest) == ([], [])
    assert [(r.review.card, r.review.grade) for r in session.history.reviews_on(
        session.today)] == []  # nothing graded by putting them in
    shown = []
    while (item := session.current()) is not None:
        shown.append((item.card.id, item.reason))
        session.grade(5)
    assert shown == [("q01.1", "new"), ("q01.2", "repeat")]
    interviewer.accept()  # without interview_counts_as_review: no review added
    assert len(list(session.history.all_reviews())) == 2 + 2
    store.close()
