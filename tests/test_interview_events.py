"""Interview events: their journal lines, their replay on one device and two, the snapshot,
and the interviewer that writes them (never touching the schedule unless asked)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from dlflash.base.config import Settings
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal import store as store_module
from dlflash.journal.events import (
    InterviewAnswer,
    InterviewGrade,
    RecordError,
    decode,
    encode,
    new_id,
)
from dlflash.journal.store import Store
from dlflash.study.interview import InterviewRequest
from dlflash.study.interviewer import Interviewer, new_plan, request_for
from dlflash.study.session import Session

from conftest import FakeClock
from helpers import small_deck
from test_store import T0, review


def at(minutes: int, device: str = "testdev") -> dict[str, object]:
    ts = T0 + timedelta(minutes=minutes)
    return {"id": new_id(), "ts": ts, "day": ts.date(), "device": device}


def answer_event(card: str = "q01", minutes: int = 0, device: str = "testdev",
                 **fields: object) -> InterviewAnswer:
    values: dict[str, object] = {
        "interview": "iv1", "card": card, "index": 0, "of": 3, "ms": 95_000,
        "limit_ms": 120_000, "answer": "기울기 소실 \x1b]2;x\x07", "language": "ko",
        "looked_up": True, "ticked": (0, 2), "traps": (1,), "core": 2, "core_total": 3,
        "suggested": 2, **at(minutes, device), **fields}
    return InterviewAnswer(**values)  # type: ignore[arg-type]


def test_interview_events_read_back_as_written() -> None:
    answer = answer_event(answer="plain")
    assert decode(json.loads(encode(answer))) == answer
    grade = InterviewGrade(target=answer.id, grade=4, **at(1))
    assert decode(json.loads(encode(grade))) == grade
    line = json.loads(encode(answer))
    assert (line["type"], line["limit_ms"], line["looked_up"], line["lang"]) == (
        "interview", 120_000, True, "ko")


def test_a_synced_answer_cannot_drive_the_terminal() -> None:
    event = decode(json.loads(encode(answer_event())))
    assert isinstance(event, InterviewAnswer) and event.answer == "기울기 소실 "


@pytest.mark.parametrize("change", [
    {"grade": 6}, {"grade": -1}, {"grade": True}, {"target": 3},
])
def test_bad_grades_are_refused(change: dict[str, object]) -> None:
    line = {**json.loads(encode(InterviewGrade(target="x", grade=3, **at(0)))), **change}
    with pytest.raises(RecordError):
        decode(line)


@pytest.mark.parametrize("change", [
    {"ms": -5}, {"ms": 1.5}, {"index": None}, {"ticked": [0, "a"]}, {"traps": "1"},
    {"suggested": 7}, {"interview": None}, {"card": None},
])
def test_bad_answers_are_refused(change: dict[str, object]) -> None:
    line = {**json.loads(encode(answer_event())), **change}
    with pytest.raises(RecordError):
        decode(line)


def test_replay_keeps_answers_and_the_latest_own_grade_and_no_state(data_dir: Path) -> None:
    store = Store(data_dir, "testdev")
    store.open()
    first = answer_event()
    store.append(first)
    store.append(InterviewGrade(target=first.id, grade=1, **at(1)))
    store.append(InterviewGrade(target=first.id, grade=3, **at(2)))
    store.close()
    history, report = Store(data_dir, "testdev").read()
    assert report.warnings == []
    assert history.interview_answers()[0].id == first.id
    assert history.own_grade(first.id) == 3 and history.own_grade("other") is None
    assert history.states == {} and list(history.all_reviews()) == []  # the schedule: as was


def test_two_devices_see_every_interview(data_dir: Path) -> None:
    laptop, desktop = Store(data_dir, "laptop"), Store(data_dir, "desktop")
    laptop.open()
    on_laptop = answer_event("q01", 0, "laptop")
    laptop.append(on_laptop)
    laptop.append(review("q02", 5, 10, device="laptop"))
    laptop.close()
    desktop.open()
    on_desktop = answer_event("q02", 5, "desktop", interview="iv2")
    desktop.append(on_desktop)
    desktop.append(InterviewGrade(target=on_laptop.id, grade=5, **at(20, "desktop")))
    desktop.close()
    seen = [Store(data_dir, device).read()[0] for device in ("laptop", "desktop")]
    for history in seen:
        assert [a.id for a in history.interview_answers()] == [on_laptop.id, on_desktop.id]
        assert history.own_grade(on_laptop.id) == 5
        assert history.state("q02").repetitions == 1  # the review, and only the review
    assert seen[0].states == seen[1].states


def test_interviews_older_than_the_window_live_in_the_snapshot(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    old = answer_event("q01", 0)
    events = [old, InterviewGrade(target=old.id, grade=2, **at(1)), review("q01", 5, 2),
              answer_event("q02", 60 * 24 * 5, day=date(2026, 3, 7)),
              review("q03", 5, 60 * 24 * 5 + 1, day=date(2026, 3, 7))]
    for event in events:
        store.append(event)
        history.apply(event)
    store.close(history)
    partial, report = Store(data_dir, "testdev").read()
    assert report.warnings == []
    assert partial.partial and partial.base is not None
    assert [e.id for e in partial.base.interviews] == [old.id, events[1].id]
    assert [a.card for a in partial.interview_answers()] == ["q01", "q02"]
    assert partial.own_grade(old.id) == 2
    full, _ = Store(data_dir, "testdev").read(full=True)
    assert full.interview_answers() == partial.interview_answers()


# -- the interviewer ------------------------------------------------------------------------


def _open(tmp_path: Path, data_dir: Path, clock: FakeClock,
          **settings: object) -> tuple[Session, Store]:
    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"))])
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    return Session(deck, history, store, Settings(**settings), clock, "testdev"), store  # type: ignore[arg-type]


def test_request_for_takes_the_settings_minutes() -> None:
    request = request_for(Settings(interview_minutes=1.5, interview_follow_up_minutes=0.25),
                          count=2)
    assert request == InterviewRequest(main_ms=90_000, follow_up_ms=15_000, count=2)


def test_an_interview_journals_each_answer_before_the_next_question(
        tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock)
    plan = new_plan(session, request_for(session.settings, count=1))
    interviewer = Interviewer(plan, session)
    assert interviewer.countdown() is None  # not shown yet: no clock
    interviewer.show()
    clock.advance(seconds=130)
    countdown = interviewer.countdown()
    assert countdown is not None and countdown.over and countdown.text == "+0:10"
    interviewer.look_up()
    first = interviewer.answer("kw1 kw2 kw3", "en")
    assert (first.ms, first.looked_up, first.verdict.grade) == (130_000, True, 5)
    on_disk, _ = Store(data_dir, "testdev").read()  # durable already, before the next
    assert [a.card for a in on_disk.interview_answers()] == ["q01"]
    assert interviewer.current is not None and interviewer.current.card.id == "q01.1"
    assert not interviewer.looked_up and interviewer.elapsed_ms() == 0
    clock.advance(seconds=20)
    interviewer.answer("")  # answered aloud
    clock.advance(seconds=5)
    interviewer.answer("kw1")
    assert interviewer.current is None
    with pytest.raises(LookupError):
        interviewer.answer("more")
    saved = on_disk = Store(data_dir, "testdev").read()[0]
    answers = saved.interview_answers()
    assert [(a.card, a.index, a.of, a.ms, a.limit_ms, a.looked_up) for a in answers] == [
        ("q01", 0, 3, 130_000, 120_000, True), ("q01.1", 1, 3, 20_000, 60_000, False),
        ("q01.2", 2, 3, 5_000, 60_000, False)]
    assert {a.interview for a in answers} == {plan.id}
    assert (answers[0].core, answers[0].core_total, answers[0].suggested) == (3, 3, 5)
    assert saved.states == {} and session.history.states == {}  # no effect on the schedule
    assert interviewer.report.ms == 155_000
    store.close()


def test_own_grades_and_into_todays_review(tmp_path: Path, data_dir: Path,
                                            clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, new_per_day=0)
    interviewer = Interviewer(new_plan(session, request_for(session.settings, count=1)),
                              session)
    interviewer.show()
    for text in ("kw1 kw2 kw3", "", "kw1"):
        interviewer.answer(text)
    interviewer.grade(0, 4)
    interviewer.grade(0, 4)  # the same grade again writes nothing
    assert [a.own for a in interviewer.answers] == [4, 0, 3]
    assert session.current() is None  # no new cards today, nothing due
    weakest = interviewer.report.weakest()
    assert [a.question.card.id for a in weakest] == ["q01.1", "q01.2"]
    # new cards: moved forward into today's new cards, not graded (test_interview_into_review)
    assert interviewer.into_review(weakest) == (["q01.1", "q01.2"], [])
    assert interviewer.into_review(weakest) == ([], [])  # once only
    item = session.current()
    assert item is not None and (item.card.id, item.reason) == ("q01.1", "new")
    interviewer.accept()
    history, _ = Store(data_dir, "testdev").read()
    grades = {a.card: history.own_grade(a.id) for a in history.interview_answers()}
    assert grades == {"q01": 4, "q01.1": 0, "q01.2": 3}
    assert list(history.all_reviews()) == [] and history.states == {}
    assert history.moved_forward(session.today) == ["q01.1", "q01.2"]
    assert len(store.journal_path.read_bytes().splitlines()) == 3 + 3 + 1
    store.close()


def test_counting_as_review_schedules_cards_not_reviewed_today(
        tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock, interview_counts_as_review=True)
    session.grade(2, card_id="q01.2")  # reviewed today already: the interview leaves it
    interviewer = Interviewer(new_plan(session, request_for(session.settings, count=1)),
                              session)
    interviewer.show()
    for text in ("kw1 kw2 kw3", "", "kw1"):
        interviewer.answer(text)
    interviewer.accept()
    reviews = [(r.review.card, r.review.grade) for r in session.history.all_reviews()]
    assert reviews == [("q01.2", 2), ("q01", 5), ("q01.1", 0)]
    assert session.history.state("q01").interval == 1
    store.close()


def test_the_plan_puts_the_weakest_first_from_reviews_and_interviews(
        tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    session, store = _open(tmp_path, data_dir, clock)
    for card in ("q01", "q01.1", "q01.2"):
        session.grade(5, answer="kw1 kw2 kw3", ticked=(0, 1, 2), card_id=card)
    mains = [q.card.id for q in new_plan(session, request_for(session.settings)).mains]
    assert mains == ["q02", "q03", "q01"]
    store.close()


# -- the stats ------------------------------------------------------------------------------


def test_the_stats_count_interviews_time_and_core_points(tmp_path: Path) -> None:
    from dlflash.stats import StatsInput, build_report, to_json
    from dlflash.stats.text import text_report

    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"))])
    day = T0.date()
    finished = [answer_event("q01", 0, index=0, of=2, ms=150_000, core=1, core_total=3),
                answer_event("q01.1", 3, index=1, of=2, ms=30_000, limit_ms=60_000, core=3,
                             core_total=3, looked_up=False)]
    cut_short = answer_event("q02", 60 * 24 * 8, interview="iv2", day=day + timedelta(days=8),
                             ms=60_000, core=0, core_total=3, looked_up=False, of=5)
    old = answer_event("q03", -60 * 24 * 40, interview="iv0", day=day - timedelta(days=40))
    elsewhere = answer_event("gone", 1, interview="iv3")  # a card not in this deck
    data = StatsInput.of(deck, day + timedelta(days=8),
                         interviews=[old, *finished, elsewhere, cut_short])
    stats = build_report(data, 30).interviews
    assert (stats.interviews, stats.finished, stats.answers, stats.looked_up, stats.over) == (
        2, 1, 3, 1, 1)
    assert (stats.all_time, stats.last) == (3, day + timedelta(days=8))
    assert stats.seconds_per_answer == 80 and stats.limit_per_answer == 100
    assert (stats.covered.ticked, stats.covered.possible) == (4, 9)
    assert [(w.reviews, w.ticked) for w in stats.weeks if w.reviews] == [(2, 4), (1, 0)]
    figures = to_json(build_report(data, 30))["interviews"]
    assert figures["interviews"] == 2 and figures["core"]["share"] == round(4 / 9, 4)
    assert len(figures["core"]["weeks"]) == 5 and figures["last"] == "2026-03-10"
    text = text_report(build_report(data, 30), "en")
    assert "Mock interviews\n  2 interviews (1 finished), 3 answers, 1 over time, 1 looked " \
           "up; 3 in all, the last on 2026-03-10\n  80s per answer against a limit of " \
           "100s; core points covered 4/9 (44%)" in text
    empty = text_report(build_report(StatsInput.of(deck, day), 30), "ko")
    assert "최근 30일 동안 모의 면접이 없습니다" in empty


def test_the_stats_read_the_interviews_from_the_history(tmp_path: Path, data_dir: Path,
                                                        clock: FakeClock) -> None:
    from dlflash.stats import StatsInput

    session, store = _open(tmp_path, data_dir, clock)
    interviewer = Interviewer(new_plan(session, request_for(session.settings, count=1)),
                              session)
    interviewer.show()
    interviewer.answer("kw1")
    data = StatsInput.capture(session.history, session.deck, session.today)
    assert [a.card for a in data.interviews] == ["q01"]
    store.close()
