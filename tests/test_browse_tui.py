"""The browser, card info and custom study driven with the keyboard (Pilot): what each key
does, what is journaled, and what a restart still shows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from dlflash.journal.events import Flag, Forget, Note, Undo
from dlflash.journal.store import Store
from dlflash.tui.screens.browse import BrowseScreen
from dlflash.tui.screens.card_info import CardInfoScreen
from dlflash.tui.screens.custom_study import CustomStudyScreen
from dlflash.tui.screens.review import ReviewScreen

from conftest import FakeClock
from tui_helpers import make_app, open_browser

SIZE = (100, 30)


def shown(screen: BrowseScreen) -> list[str]:
    return [row.card.id for row in screen.shown]


def text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_browse_filters_as_you_type_and_the_keys_work_outside_the_box(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        assert shown(screen) == ["q01", "q01.1", "q02"]
        assert screen.query_one("#br-filter", Input).has_focus
        await pilot.press(*"descent")
        assert shown(screen) == ["q02"]
        assert screen.query_one("#br-filter", Input).border_subtitle == "1 of 3 cards"
        await pilot.press(*["backspace"] * 7, *"기울기")  # the Korean key point of all three
        assert shown(screen) == ["q01", "q01.1", "q02"]
        # letters type into the box: "t" did not change the topic
        await pilot.press("t")
        assert screen.chosen.topic is None and screen.chosen.query == "기울기t"
        await pilot.press(*["backspace"] * 4, "escape")
        assert screen.table.has_focus
        await pilot.press("o", "o")  # sort: id, topic, question
        assert screen.column == "question"
        assert shown(screen) == ["q02", "q01.1", "q01"]  # Explain, What, Why
        await pilot.press("r")
        assert shown(screen) == ["q01", "q01.1", "q02"]
        await pilot.press("f")  # state: new
        assert screen.chosen.state == "new" and len(shown(screen)) == 3
        await pilot.press("f")  # learning: none
        assert shown(screen) == [] and "No card matches" in screen.table.empty
        await pilot.press("F", "F", "t")
        assert screen.chosen.state == "all" and screen.chosen.topic is not None
        assert "topic: Activations (t)" in text(screen, "#br-status")
        await pilot.press("slash")
        assert screen.query_one("#br-filter", Input).has_focus
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, ReviewScreen)
    store.close()


async def test_enter_opens_card_info_which_reads_without_grading(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"cheap and no vanishing", "ctrl+r", "4")  # q01 graded 4
        screen = await open_browser(pilot)
        await pilot.press(*"q01", "enter")  # enter in the filter box opens the first card
        info = app.screen
        assert isinstance(info, CardInfoScreen) and info.card_id == "q01"
        await pilot.pause()
        history = text(info, "#ci-history")
        assert "grade 4  scheduled  interval 1d, EF 2.50" in history
        assert "answer: cheap and no vanishing" in history
        assert "Read only" in text(info, "#ci-state-short")
        version = app.session.history.version
        await pilot.press("l")  # Korean, then back
        assert "4점" in text(info, "#ci-history")
        await pilot.press("l", "escape")
        assert app.screen is screen and app.session.history.version == version
    store.close()


async def test_note_flag_forget_and_undo_are_journaled_and_survive_a_restart(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "5")  # q01: 5
        await pilot.press("escape", "C")  # card info of the card shown now (q01.1)
        info = app.screen
        assert isinstance(info, CardInfoScreen) and info.card_id == "q01.1"
        await info.dismiss()
        await open_browser(pilot)
        await pilot.press("enter")
        info = app.screen
        assert isinstance(info, CardInfoScreen) and info.card_id == "q01"
        await pilot.press("e", *"BN: 추론 때는 이동 평균", "ctrl+s")
        assert "BN: 추론 때는 이동 평균" in text(info, "#ci-note")
        assert "q01: note saved (u undoes)" in text(info, "#ci-status")
        await pilot.press("3", "x")
        assert app.session.history.flag("q01") == 3
        assert app.session.history.state("q01").is_new
        assert "forgotten (back to new)" in text(info, "#ci-history")
        await pilot.press("u")  # the forget back
        assert not app.session.history.state("q01").is_new
        assert "undone: q01: back to new" in text(info, "#ci-status")
        await pilot.press("escape")
        browser = app.screen
        assert isinstance(browser, BrowseScreen)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = next(row for row in browser.shown if row.card.id == "q01")
        assert (row.flag, row.note, row.kind) == (3, "BN: 추론 때는 이동 평균", "young")
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    assert (history.note("q01"), history.flag("q01")) == ("BN: 추론 때는 이동 평균", 3)
    assert not history.state("q01").is_new and len(history.reviews_of("q01")) == 1
    kinds = [type(event) for event in history.events()
             if isinstance(event, Note | Flag | Forget | Undo)]
    assert kinds == [Note, Flag, Forget, Undo]


async def test_custom_study_of_a_topic_and_the_summarys_mistakes(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "1", "ctrl+r", "4")  # q01 failed, then its repeat passed
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.item is None
        assert "q01  grade 1" in str(screen.query_one("#summary").render())
        clock.advance(seconds=1)  # read (keys sooner were typed for a card)
        await pilot.press("1")  # card info of today's first failed card
        assert isinstance(app.screen, CardInfoScreen) and app.screen.card_id == "q01"
        await pilot.press("escape", "m")  # today's mistakes again, as a repeat
        assert screen.item is not None and (screen.item.card.id, screen.item.reason) == (
            "q01", "repeat")
        await pilot.press("ctrl+r", "5")
        assert screen.item is None
        clock.advance(seconds=1)
        await pilot.press("S")
        dialog = app.screen
        assert isinstance(dialog, CustomStudyScreen)
        # four modes, then the topic (all three cards) and the tags #gd and #relu
        await pilot.press(*["down"] * 6, "space")
        assert dialog.scope == frozenset({"q01", "q01.1"})
        await pilot.press(*["up"] * 6, "enter")  # more new cards of #relu
        assert app.screen is screen and screen.item is not None
        assert screen.item.card.id == "q01.1" and screen.item.reason == "new"
        assert app.session.history.extra_new(app.session.today) == 1
    store.close()


async def test_a_cram_changes_no_schedule_and_writes_nothing(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "S", "down", "down", "down", "enter")  # cram: every card
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.item is not None
        assert screen.item.reason == "cram"
        version = app.session.history.version
        for _ in range(3):
            await pilot.press("ctrl+r", "5")
        assert app.session.history.version == version and app.session.history.states == {}
        assert screen.item is not None and screen.item.reason == "new"  # the real queue
    store.close()


async def test_card_info_counts_in_words_that_agree(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """Found in tmux: 'interval 1, ... 1 reviews'."""
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "4")  # q01: one review, interval 1 day
        await open_browser(pilot)
        await pilot.press("enter")
        info = app.screen
        assert isinstance(info, CardInfoScreen) and info.card_id == "q01"
        await pilot.pause()
        facts = text(info, "#ci-facts")
        assert "interval 1 day, EF 2.50, 1 review, 0 failed" in facts
        await pilot.press("l")
        assert "간격 1일, EF 2.50, 복습 1회, 실패 0" in text(info, "#ci-facts")
    store.close()


async def test_custom_study_counts_one_card_as_one(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """Found in tmux: "Today's 1 failed cards again"."""
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "1", "ctrl+r", "4")  # q01 failed; the day is done
        clock.advance(seconds=5)
        await pilot.press("S")
        dialog = app.screen
        assert isinstance(dialog, CustomStudyScreen)
        await pilot.press("minus", "minus")  # one day ahead
        rows = [text(dialog, f"#cs-{mode}") for mode in ("new", "mistakes", "ahead", "cram")]
        assert rows == ["1. 1 more new card today from the picked topics (scheduled)",
                        "2. Today's failed cards again: 1 card (repeats: the schedule stays)",
                        "3. 1 card due in the next 1 day, ahead of time (scheduled)",
                        "4. Cram the picked topics: 3 cards (the schedule stays)"]
        await pilot.press("l")
        assert text(dialog, "#cs-mistakes") == "2. 오늘 틀린 카드 1장 다시 (재학습: 일정은 그대로)"
        assert text(dialog, "#cs-ahead") == "3. 앞으로 1일 안에 예정된 카드 1장 미리 (일정 반영)"
    store.close()


async def test_korean_headings_fit_80_columns(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """Found in tmux: right-aligned cells were padded by characters, not cells, so each
    Korean heading took two cells more and the last column (핵심) fell off the edge."""
    from rich.cells import cell_len

    app, store = make_app(tmp_path, clock, data_dir, "ko")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r", "4")
        screen = await open_browser(pilot)
        heading = screen.table.render_line(0).text
        assert heading.split() == ["ID^", "질문", "상태", "예정일", "간격", "EF", "복습", "실패",
                                   "최근", "핵심"]
        row = screen.table.render_line(1).text
        assert row.split()[-5:] == ["2.50", "1", "0", "4", "0%"]  # q01, nothing typed
        assert cell_len(heading.rstrip()) == cell_len(row.rstrip())
    store.close()


async def test_typing_puts_the_cursor_on_the_first_match_which_enter_opens(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """Found in tmux: the cursor stayed on the card under it while the list changed as one
    typed, so enter in the box opened that card (s01230 for "s01234") and not the first."""
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        await pilot.press(*"descent")
        assert screen.table.current is not None and screen.table.current.card.id == "q02"
        await pilot.press(*["backspace"] * 7)
        assert shown(screen) == ["q01", "q01.1", "q02"] and screen.table.cursor == 0
        await pilot.press("enter")
        info = app.screen
        assert isinstance(info, CardInfoScreen) and info.card_id == "q01"
        await pilot.press("escape", "escape", "down", "down", "t", "t")  # keys keep it
        assert screen.table.current is not None and screen.table.current.card.id == "q02"
    store.close()
