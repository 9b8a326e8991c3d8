"""The interview and report screens, driven with Pilot on a fixed clock (the countdown is
moved by moving the clock, never by waiting), and `dlflash interview`'s options."""

from __future__ import annotations

import argparse
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual import events
from textual.widgets import Static

from dlflash.base.errors import DlflashError
from dlflash.cli import build_parser, main
from dlflash.journal.store import Store
from dlflash.study import interviewer as interviewer_module
from dlflash.study.interview import InterviewError, Plan
from dlflash.study.interviewer import new_plan, request_for
from dlflash.tui.app import DlflashApp
from dlflash.tui.launch import prepared_app
from dlflash.tui.screens.interview import InterviewScreen
from dlflash.tui.screens.interview_report import InterviewReportScreen
from dlflash.tui.screens.review import ReviewScreen
from dlflash.tui.text import tr

from conftest import FakeClock
from tui_helpers import make_app

SIZE = (100, 30)


def text_of(app: DlflashApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _open_interview(app: DlflashApp, pilot: object) -> InterviewScreen:
    await pilot.press("escape", "I")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()  # the questions are chosen in a worker
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def test_a_whole_interview_against_the_clock(tmp_path: Path, clock: FakeClock,
                                                   data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_interview(app, pilot)
        assert "2 main questions, 3 questions with their follow-ups, 5:00 in all" in \
            text_of(app, "#iv-intro")
        assert "1. q01  Why is ReLU used more than sigmoid these days?  (follow-ups: 1)\n" \
               "2. q02  Explain gradient descent simply.  (follow-ups: 0)" in \
            text_of(app, "#iv-intro")
        assert text_of(app, "#iv-clock") == ""  # the clock waits for the start
        clock.advance(minutes=3)
        await pilot.press("enter")
        assert "[main question]" in text_of(app, "#iv-where")
        assert text_of(app, "#iv-question") == "Why is ReLU used more than sigmoid these days?"
        assert not screen.query_one("#iv-chain").display
        assert text_of(app, "#iv-clock") == "time left 2:00"
        await pilot.press(*"vanishing, cheap")
        clock.advance(seconds=130)
        screen.refresh_clock()
        assert text_of(app, "#iv-clock") == "over time +0:10"  # never cut off
        assert screen.query_one("#iv-clock").has_class("-over")
        await pilot.press(*" and sparse")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "q01.1  [follow-up]" in text_of(app, "#iv-where")
        assert text_of(app, "#iv-chain") == (
            "Asked so far\nq01  Why is ReLU used more than sigmoid these days?")
        assert text_of(app, "#iv-clock") == "time left 1:00"
        assert not screen.query_one("#iv-model").display
        await pilot.press("ctrl+r")  # look it up
        assert screen.query_one("#iv-model").display
        assert "[looked up]" in text_of(app, "#iv-where")
        clock.advance(seconds=20)
        await pilot.press("enter")  # the box is empty: answered aloud, next
        await pilot.pause()
        assert "q02  [main question]" in text_of(app, "#iv-where")
        assert not screen.query_one("#iv-model").display
        clock.advance(seconds=30)
        await pilot.press(*"gradient", "escape", "space")  # outside the box: space moves on
        await pilot.pause()
        report = app.screen
        assert isinstance(report, InterviewReportScreen)
        rows = [text_of(app, f"#rp-row-{i}") for i in range(3)]
        assert rows[0].startswith("1    q01     2:10/2:00 +0:10")
        assert "core 3/4" in rows[0] and "grade 4 (suggested)" in rows[0]
        assert rows[1].startswith("1.1  q01.1   0:20/1:00") and rows[1].endswith("looked up")
        assert text_of(app, "#rp-summary") == (
            "main questions: 2; questions answered: 3 of 3, in 3:00 (limit 5:00); "
            "over time: 1; looked up: 1")
        assert "q01.1, grade 0" in text_of(app, "#rp-weak")
        assert not report.query_one("#rp-model").display
        await pilot.press("m")
        assert report.query_one("#rp-model").display
        await pilot.press("down", "2")
        assert "grade 2" in text_of(app, "#rp-row-1")
        await pilot.press("t")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert "Into today's review: moved forward as new cards: q02, q01.1." in notes
        await pilot.press("enter")  # done: the suggestions become the own grades
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        item = app.session.current()  # the weakest first, as new cards, not graded yet
        assert item is not None and (item.card.id, item.reason) == ("q02", "new")
        assert text_of(app, "#question") == "Explain gradient descent simply."
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    answers = history.interview_answers()
    assert [(a.card, a.answer, a.ms, a.looked_up) for a in answers] == [
        ("q01", "vanishing, cheap and sparse", 130_000, False), ("q01.1", "", 20_000, True),
        ("q02", "gradient", 30_000, False)]
    assert [history.own_grade(a.id) for a in answers] == [4, 2, answers[2].suggested]
    assert list(history.all_reviews()) == []  # put into today's review, not graded
    assert history.moved_forward(answers[0].day) == ["q02", "q01.1"]  # the weakest first


async def test_the_questions_are_chosen_off_the_ui_thread(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Weakest first reads every review (0.8 s at a million): `I` opens the screen at once
    and the app answers keys while a worker chooses; start waits for the questions."""
    release, threads = threading.Event(), []
    real = interviewer_module.topic_strength

    def slow(*args: Any) -> dict[str, float]:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(timeout=10)  # set below; the timeout only ends a test that failed
        return real(*args)

    monkeypatch.setattr(interviewer_module, "topic_strength", slow)
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "I")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.plan is None
        assert text_of(app, "#iv-intro") == "Choosing the questions (weakest first)..."
        await pilot.press("enter")  # nothing to start yet
        assert screen.interviewer is None
        await pilot.press("l")  # the app answers meanwhile
        assert text_of(app, "#iv-intro") == "질문을 고르는 중입니다 (약한 주제부터)..."
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert threads == [False]
        assert "1. q01" in text_of(app, "#iv-intro")
        await pilot.press("enter")
        assert screen.interviewer is not None and screen.stage == "asking"
    store.close()


async def test_questions_that_cannot_be_chosen_are_one_sentence(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any) -> Plan:
        raise InterviewError("The deck has no main question to ask.")

    monkeypatch.setattr(interviewer_module, "plan_interview", fail)
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "I")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert [n.message for n in app._notifications] == [
            "The deck has no main question to ask."]
    store.close()


async def test_keys_typed_in_a_burst_before_ctrl_n_all_count(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _open_interview(app, pilot)
        await pilot.press("enter")
        for char in "dying":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+n", None))
        await pilot.pause()
        await pilot.pause()
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    assert [a.answer for a in history.interview_answers()] == ["dying"]


@pytest.mark.parametrize("move_on", ["ctrl+n", "enter"])
async def test_answers_and_moves_on_in_one_burst_each_count(
        tmp_path: Path, clock: FakeClock, data_dir: Path, move_on: str) -> None:
    """Two answers and a skip typed faster than the screen moves on: every key queued
    before a move-on belongs to that question, every move-on moves on once (two quick
    presses skip two questions answered aloud)."""
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _open_interview(app, pilot)
        await pilot.press("enter")
        for answer in ("dying", "linear", ""):
            for char in answer:
                app.post_message(events.Key(char, char))
            # enter on a box with text is a new line: ctrl+n moves on from it
            key = move_on if not answer else "ctrl+n"
            app.post_message(events.Key(key, "\r" if key == "enter" else None))
        await pilot.pause()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, InterviewReportScreen)
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    assert [(a.card, a.answer) for a in history.interview_answers()] == [
        ("q01", "dying"), ("q01.1", "linear"), ("q02", "")]


@pytest.mark.parametrize("move_on", ["ctrl+n", "enter"])
async def test_two_quick_presses_skip_two_questions(
        tmp_path: Path, clock: FakeClock, data_dir: Path, move_on: str) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _open_interview(app, pilot)
        await pilot.press("enter")
        for _ in range(2):
            app.post_message(events.Key(move_on, "\r" if move_on == "enter" else None))
        await pilot.pause()
        await pilot.pause()
        assert "q02  [main question]" in text_of(app, "#iv-where")
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    assert [(a.card, a.answer) for a in history.interview_answers()] == [
        ("q01", ""), ("q01.1", "")]


async def test_keys_typed_right_after_enter_on_an_empty_box_are_the_next_answer(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _open_interview(app, pilot)
        await pilot.press("enter")
        app.post_message(events.Key("enter", "\r"))  # answered aloud
        for char in "linear":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+n", None))
        await pilot.pause()
        await pilot.pause()
        assert "q02  [main question]" in text_of(app, "#iv-where")
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    assert [(a.card, a.answer) for a in history.interview_answers()] == [
        ("q01", ""), ("q01.1", "linear")]


async def test_keys_typed_right_after_space_outside_the_box_go_into_the_next_box(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """space outside the box moves on and puts the focus in the next box: letters typed
    right after it, faster than the focus moves, are that answer's, not commands (q would
    quit, x end the interview)."""
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_interview(app, pilot)
        await pilot.press("enter", *"cheap", "escape")
        await pilot.pause()
        for key, char in (("space", " "), ("q", "q"), ("u", "u"), ("i", "i"), ("x", "x"),
                          ("space", " "), ("l", "l")):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert "q01.1  [follow-up]" in text_of(app, "#iv-where")
        assert screen.notes.text == "quix l"
        assert screen.notes.has_focus
        await pilot.press("ctrl+n")
        await pilot.pause()
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    assert [(a.card, a.answer) for a in history.interview_answers()] == [
        ("q01", "cheap"), ("q01.1", "quix l")]


async def test_a_look_up_typed_after_ctrl_n_is_the_next_questions(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_interview(app, pilot)
        await pilot.press("enter")
        for char in "dying":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+n", None))
        app.post_message(events.Key("ctrl+r", None))
        await pilot.pause()
        await pilot.pause()
        assert "q01.1  [follow-up]  [looked up]" in text_of(app, "#iv-where")
        assert screen.query_one("#iv-model").display
        await pilot.press("ctrl+n")
        await pilot.pause()
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    assert [(a.card, a.answer, a.looked_up) for a in history.interview_answers()] == [
        ("q01", "dying", False), ("q01.1", "", True)]


async def test_grades_given_in_a_burst_go_to_the_rows_chosen_before_them(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """down 2 down 0 typed faster than the screen follows: each grade goes to the row
    chosen when it was typed (the arrows were handled before the grades queued ahead)."""
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _open_interview(app, pilot)
        await pilot.press("enter", "ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewReportScreen)
        for key in ("3", "down", "2", "down", "0", "m", "up", "m"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        rows = [text_of(app, f"#rp-row-{i}") for i in range(3)]
        assert [row.split("  ")[-1] for row in rows] == ["grade 3", "grade 2", "grade 0"]
        assert app.screen.query_one("#rp-model").display  # shown again after up
        assert "q01.1" in text_of(app, "#rp-detail-title")
    store.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_looked_up_answer_comes_into_view(tmp_path: Path, clock: FakeClock,
                                                  data_dir: Path,
                                                  size: tuple[int, int]) -> None:
    """A follow-up deep in its chain at 80x24: the chain and the box fill the body, so
    ctrl+r scrolls the dimmed chain away and brings the model answer in (the question and
    the box stay); where it is in view already, nothing moves."""
    from textual.containers import VerticalScroll

    from dlflash.base.config import Settings
    from dlflash.deck.loader import DeckSource, load_deck
    from dlflash.study.session import Session

    from helpers import card, write_deck

    folder = tmp_path / "deck"
    last = card("q01.5", "q01")
    last["answer"] = {lang: "\n\n".join(f"Paragraph {i} of the answer." for i in range(9))
                      for lang in ("ko", "en")}
    write_deck(folder, "a.yaml", [card("q01"), *(card(f"q01.{i}", "q01") for i in range(1, 5)),
                                  last])
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    session = Session(load_deck([DeckSource(folder)]), history, store, Settings(), clock,
                      "testdev")
    app = DlflashApp(session, clock, data_dir, "en")  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        screen = await _open_interview(app, pilot)
        await pilot.press("enter", *(["ctrl+n"] * 5))
        await pilot.pause()
        assert "q01.5" in text_of(app, "#iv-where")
        body = screen.query_one("#iv-body", VerticalScroll)
        assert body.scroll_y == 0
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.pause()
        view = body.scroll_y, body.scroll_y + body.scrollable_content_region.height
        title = screen.query_one("#iv-model-title").virtual_region
        assert view[0] <= title.y and title.y + 3 <= view[1]  # the title, lines of it
        question = screen.query_one("#iv-question").virtual_region
        assert view[0] <= question.y  # the question stays in view
        assert (body.scroll_y > 0) == (size == (80, 24))
    store.close()


async def test_ending_early_keeps_what_is_typed(tmp_path: Path, clock: FakeClock,
                                                data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _open_interview(app, pilot)
        await pilot.press("enter", *"cheap", "escape", "x")
        await pilot.pause()
        report = app.screen
        assert isinstance(report, InterviewReportScreen)
        assert len(report.report.answers) == 1
        assert "1 of 3" in text_of(app, "#rp-summary")
        await pilot.press("q")
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    assert [a.answer for a in history.interview_answers()] == ["cheap"]
    assert history.own_grade(history.interview_answers()[0].id) is None  # not confirmed


async def test_the_intro_reorders_and_cancels(tmp_path: Path, clock: FakeClock,
                                              data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_interview(app, pilot)
        assert "(weakest first)" in text_of(app, "#iv-intro")
        await pilot.press("r")
        assert "(at random)" in text_of(app, "#iv-intro")
        assert screen.request.seed == int(clock().timestamp() * 1000)
        await pilot.press("w")
        assert "(weakest first)" in text_of(app, "#iv-intro")
        await pilot.press("x", "ctrl+n")  # not before the start
        assert screen.interviewer is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    store.close()
    assert Store(data_dir, "testdev").read()[0].interview_answers() == []


@pytest.mark.parametrize(("topic", "language", "plan"), [
    ("q02", "en", "1 main question, 1 question, 2:00 in all (weakest first)"),
    ("q01", "en", "1 main question, 2 questions with their follow-ups, 3:00 in all"),
    ("q02", "ko", "메인 질문 1개, 꼬리 질문까지 1문항, 제한 시간 합계 2:00 (약한 주제부터)")])
async def test_the_plan_counts_in_the_singular_too(tmp_path: Path, clock: FakeClock,
                                                   data_dir: Path, topic: str, language: str,
                                                   plan: str) -> None:
    app, store = make_app(tmp_path, clock, data_dir, language=language)
    request = request_for(app.session.settings, count=1, topics=(topic,))
    app.first_screen = lambda: InterviewScreen(new_plan(app.session, request), request)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#iv-intro").startswith(plan)
    store.close()


async def test_the_markdown_report_follows_the_screen(tmp_path: Path, clock: FakeClock,
                                                      data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, language="ko")
    path = tmp_path / "report.md"
    request = request_for(app.session.settings, count=1)
    app.first_screen = lambda: InterviewScreen(new_plan(app.session, request), request, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "모의 면접" in text_of(app, "#iv-where")
        await pilot.press("enter", *"vanishing", "ctrl+n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewReportScreen)
        first = path.read_text(encoding="utf-8")
        assert first.startswith("# 모의 면접, 2026-03-02 09:00")
        assert "| 1.1 | q01.1 |" in first and "내 점수: 0 (추천 그대로)" in first
        await pilot.press("down", "3")
        assert "| 1.1 | q01.1 | Non-Linearity라는 말의 의미와 그 필요성은? | 0:00 | 1:00 | " \
               "0/3 | 0 | 0 | 3 |" in path.read_text(encoding="utf-8")
    store.close()


async def test_a_report_that_cannot_be_written_is_said(tmp_path: Path, clock: FakeClock,
                                                       data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    path = tmp_path / "gone" / "report.md"
    request = request_for(app.session.settings, count=1)
    app.first_screen = lambda: InterviewScreen(new_plan(app.session, request), request, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewReportScreen)
        assert any("Could not write the report to" in str(n.message)
                   for n in app._notifications)
    store.close()


async def test_the_screens_fit_80x24_and_say_when_smaller(tmp_path: Path, clock: FakeClock,
                                                          data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(79, 24)) as pilot:
        screen = await _open_interview(app, pilot)
        notice = screen.query_one("#too-small", Static)
        assert notice.display and "79x24" in str(notice.render())
    store.close()



@pytest.mark.parametrize(("language", "width", "progress"), [
    ("ko", 80, "질문 2/3, 메인 1/2"), ("en", 80, "2/3"), ("ko", 120, "질문 2/3, 메인 질문 1/2"),
    ("en", 120, "question 2 of 3, main question 1 of 2")])
async def test_the_top_line_fits_without_being_cut(tmp_path: Path, clock: FakeClock,
                                                  data_dir: Path, language: str, width: int,
                                                  progress: str) -> None:
    """A follow-up looked up in overtime, the longest top line: the progress takes the
    longest form that fits, never cut short with an ellipsis (an ambiguous-width glyph)."""
    app, store = make_app(tmp_path, clock, data_dir, language=language)
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await _open_interview(app, pilot)
        await pilot.press("enter", "ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+r")
        clock.advance(seconds=75)
        screen.refresh_clock()
        await pilot.pause()
        shown = text_of(app, "#iv-progress")
        assert shown == progress
        assert cell_len(shown) <= screen.query_one("#iv-progress").content_region.width
        await pilot.resize_terminal(200 - width, 24)  # refitted on resize
        await pilot.pause()
        assert text_of(app, "#iv-progress") != progress
    store.close()


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("width", [80, 120])
async def test_the_report_rows_fit_without_being_cut(tmp_path: Path, clock: FakeClock,
                                                     data_dir: Path, language: str,
                                                     width: int) -> None:
    """The longest rows (overtime, looked up, an own grade apart from the suggestion,
    traps hit) fit the row at 80 columns too, never cut short with an ellipsis: shorter
    forms drop what another part already says, the looked-up flag last (the chosen
    question's title keeps it)."""
    from dlflash.judge.verdict import TrapHit
    from dlflash.tui.screens.interview_report import row_text

    app, store = make_app(tmp_path, clock, data_dir, language=language)
    async with app.run_test(size=(width, 24)) as pilot:
        await _open_interview(app, pilot)
        await pilot.press("enter", *"cheap")
        clock.advance(seconds=130)
        await pilot.press("ctrl+r", "ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        report = app.screen
        assert isinstance(report, InterviewReportScreen)
        await pilot.press("1")
        await pilot.pause()
        looked = tr("iv.looked_up", language)
        for index in range(3):
            row = report.query_one(f"#rp-row-{index}", Static)
            shown = str(row.render())
            assert cell_len(shown) <= row.content_region.width, shown
        zero_traps = tr("rp.traps", language, traps=0)
        assert len({zero_traps in text_of(app, f"#rp-row-{i}") for i in range(3)}) == 1, \
            "the rows in one form, their columns under each other"
        first = text_of(app, "#rp-row-0")
        assert "+0:10" in first and tr("rp.own", language, grade=1) in first
        assert looked in first
        assert looked in text_of(app, "#rp-detail-title")  # the chosen row's
        answer = report.report.answers[0]
        verdict = answer.verdict
        trapped = replace(answer, verdict=replace(
            verdict, traps=(TrapHit(0, "x"), TrapHit(1, "y")),
            score=replace(verdict.score, traps=2)))
        room = report.query_one("#rp-row-0").content_region.width
        text = row_text(trapped, "1", language, room)
        assert cell_len(text) <= room, text
        assert tr("rp.traps", language, traps=2) in text
        assert tr("rp.own", language, grade=1) in text
        await pilot.resize_terminal(200 - width, 24)  # refitted on resize
        await pilot.pause()
        for index in range(3):
            row = report.query_one(f"#rp-row-{index}", Static)
            assert cell_len(str(row.render())) <= row.content_region.width
        wide = text_of(app, "#rp-row-0")
        assert (tr("rp.suggests", language, suggested=answer.verdict.grade) in wide) and (
            looked in wide)
    store.close()


async def test_the_stats_screen_shows_the_interviews(tmp_path: Path, clock: FakeClock,
                                                     data_dir: Path) -> None:
    from dlflash.study.interviewer import Interviewer

    app, store = make_app(tmp_path, clock, data_dir, language="ko")
    interviewer = Interviewer(new_plan(app.session, request_for(app.session.settings)),
                              app.session)
    interviewer.show()
    clock.advance(seconds=150)
    interviewer.answer("vanishing")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "모의 면접" in text_of(app, "#h-interviews")
        assert text_of(app, "#stats-interviews").startswith(
            "모의 면접 1회 (끝까지 0), 답 1개, 시간 초과 1, 찾아봄 0")
        assert app.screen.query_one("#stats-interview-weeks").display
    store.close()

# -- dlflash interview ----------------------------------------------------------------------


def args_of(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["interview", *argv])


@pytest.mark.parametrize(("argv", "message"), [
    (["--minutes", "0"], "--minutes takes minutes from 0.25 to 60"),
    (["--minutes", "3,x"], "not '3,x'"),
    (["--minutes", "1,2,3"], "for a main question and a follow-up"),
    (["--report", "/nonexistent/dir/r.md"], "the folder /nonexistent/dir does not exist"),
])
def test_bad_options_are_one_sentence(argv: list[str], message: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interview", *argv]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_report_folder_is_refused(tmp_path: Path) -> None:
    from dlflash.commands.interview import setup_for

    with pytest.raises(DlflashError, match="is a folder"):
        setup_for(args_of("--report", str(tmp_path)))


def _planned(tmp_path: Path, *argv: str) -> InterviewScreen:
    from dlflash.commands.interview import setup_for

    args = args_of(*argv)  # on the bundled deck
    setup = setup_for(args)
    with prepared_app(args, check=False) as app:
        setup(app)
        assert app.first_screen is not None
        screen = app.first_screen()
    assert isinstance(screen, InterviewScreen)
    return screen


def test_the_options_make_the_plan(tmp_path: Path) -> None:
    screen = _planned(tmp_path, "--topic", "q02", "--minutes", "3,0.5")
    assert [q.card.id for q in screen.plan.mains] == ["q02"]
    assert len(screen.plan.questions) > 1 and screen.plan.questions[1].card.parent == "q02"
    assert (screen.request.main_ms, screen.request.follow_up_ms) == (180_000, 30_000)
    seeded = _planned(tmp_path, "--seed", "4", "-n", "1")
    assert (seeded.request.order, seeded.request.seed, len(seeded.plan.mains)) == (
        "random", 4, 1)


@pytest.mark.parametrize(("argv", "message"), [
    (["--topic", "blockchain"], "No main question matches the topic 'blockchain'"),
    (["-n", "0"], "at least one main question"),
])
def test_a_plan_that_cannot_be_made_stops_before_the_app(tmp_path: Path, argv: list[str],
                                                         message: str) -> None:
    with pytest.raises(DlflashError, match=message):
        _planned(tmp_path, *argv)
