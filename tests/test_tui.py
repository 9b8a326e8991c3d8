from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual import events
from textual.screen import Screen
from textual.widgets import Static

from dlflash.base.config import load_settings
from dlflash.journal.store import Store
from dlflash.tui.commands import REVIEW_COMMANDS
from dlflash.tui.screens.help import HelpScreen, help_rows
from dlflash.tui.screens.review import ReviewScreen
from dlflash.tui.widgets.checklist import Checklist
from dlflash.tui.widgets.keybar import KeyBar
from dlflash.tui.widgets.model_answer import ModelAnswer

from conftest import FakeClock
from tui_helpers import make_app

SIZE = (100, 30)


def help_text(screen: Screen[object], selector: str) -> str:
    """A help table's text, one row a line (wide enough that nothing wraps)."""
    console = Console(width=300, record=True, file=io.StringIO())
    static = screen.query_one(selector, Static)
    # Textual 3.3 (the lowest allowed) names what a Static shows `renderable`, later ones `content`
    console.print(getattr(static, "content", None) or getattr(static, "renderable"))  # noqa: B009
    return console.export_text()


def text_of(screen: ReviewScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_type_reveal_tick_grade_and_durable(tmp_path: Path, clock: FakeClock,
                                                  data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.item is not None and screen.item.card.id == "q01"
        assert screen.focused is screen.answer_box
        await pilot.press(*"no vanishing, cheap")
        clock.advance(seconds=42)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.revealed and screen.ticked == {0, 1}
        assert screen.suggested_grade == 3  # 2 of 4 core points
        assert "Suggested 3: 2 of 4 core points" in text_of(screen, "#hint")
        assert "It avoids vanishing gradients" in screen.query_one("#model", ModelAnswer).source
        assert "4 1d" in text_of(screen, "#grade-4")
        await pilot.press("c")  # tick "sparse" by hand
        assert screen.ticked == {0, 1, 2} and screen.suggested_grade == 4
        await pilot.press("d", "d")
        assert screen.ticked == {0, 1, 2}
        await pilot.press("enter")  # accept the suggestion: 4
        await pilot.pause()
        assert screen.item is not None and screen.item.card.id == "q01.1"
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    [replayed] = list(history.all_reviews())
    review = replayed.review
    assert (review.card, review.grade, review.ticked) == ("q01", 4, (0, 1, 2))
    assert review.answer == "no vanishing, cheap" and review.ms == 42_000


async def test_grades_only_after_reveal_and_letters_type_in_the_box(
    tmp_path: Path, clock: FakeClock, data_dir: Path
) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("5", "u", "q", "l", "space")
        assert screen.answer_box.text == "5uql "
        assert not screen.revealed and app.is_running
        await pilot.press("escape")
        assert screen.focused is not screen.answer_box
        assert screen.check_action("grade", (5,)) is False
        await pilot.press("space")
        assert screen.revealed
        assert screen.check_action("reveal", ()) is False
    store.close()


async def test_failed_card_comes_back_as_repeat_then_undo(tmp_path: Path, clock: FakeClock,
                                                          data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press(*"my try", "ctrl+r", "1")  # q01 fails
        await pilot.press("ctrl+r", "5")  # q01.1 passes
        await pilot.pause()
        assert screen.item is not None
        assert (screen.item.card.id, screen.item.reason) == ("q01", "repeat")
        assert "[again]" in text_of(screen, "#where")
        await pilot.press("ctrl+r")
        assert "0 again" in text_of(screen, "#grade-0") and "4 done" in text_of(screen, "#grade-4")
        await pilot.press("4")
        await pilot.pause()
        assert screen.item is None  # day done: the summary
        clock.advance(seconds=1)  # read it (keys sooner were typed for a card)
        await pilot.press("u")
        await pilot.pause()
        assert screen.item is not None and screen.item.reason == "repeat"
        await pilot.press("escape", "u", "escape", "u")
        await pilot.pause()
        assert screen.item.card.id == "q01" and screen.item.reason == "new"
        assert screen.answer_box.text == "my try"  # the typed answer is restored
        assert app.session.history.states == {}
    store.close()


async def test_language_switch_relabels_everything(tmp_path: Path, clock: FakeClock,
                                                   data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("escape", "l")
        await pilot.pause()
        assert app.language == "ko"
        assert "요즘 Sigmoid" in text_of(screen, "#question")
        assert "활성화 함수" in text_of(screen, "#where")
        descriptions = {b.binding.description for b in screen.active_bindings.values()}
        assert "정답" in descriptions and "reveal" not in descriptions
        keybar = str(screen.query_one("KeyBar", Static).render())
        assert "정답" in keybar and "^p 명령" in keybar
        await pilot.press("l")
        assert app.language == "en"
    store.close()
    assert load_settings(data_dir).language == "en"  # remembered


async def test_bury_and_suspend(tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("escape", "minus")
        await pilot.pause()
        assert screen.item.card.id == "q01.1"
        await pilot.press("escape", "exclamation_mark")
        await pilot.pause()
        assert screen.item.card.id == "q02"
        assert app.session.history.is_suspended("q01.1")
        assert app.session.history.is_buried("q01", app.session.today)
    store.close()


async def test_nothing_due_offers_more_new_cards(tmp_path: Path, clock: FakeClock,
                                                 data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.item is None
        summary = str(screen.query_one("#summary", Static).render())
        assert "Nothing is due today" in summary and "n: learn 3 more new cards today" in summary
        await pilot.press("n")
        await pilot.pause()
        assert screen.item is not None and screen.item.card.id == "q01"
    store.close()


async def test_summary_after_the_last_card(tmp_path: Path, clock: FakeClock,
                                           data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "5")
        assert app.screen.query_one("#parent").display  # q01.1 is a follow-up
        clock.advance(seconds=75)  # answer time runs until reveal
        await pilot.press("ctrl+r", "5")
        await pilot.pause()
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "Done for today" in summary and "2 reviews of 2 cards (2 new, 0 repeats)" in summary
        assert not app.screen.query_one("#parent").display
        assert not app.screen.query_one("#question").display
        assert "answer time 1m 15s (until each reveal)" in summary
        assert "streak: 1 day\n" in summary and "due tomorrow: 2 cards" in summary
        assert "next card due on" not in summary  # tomorrow is the next due date
    store.close()


async def test_help_lists_every_command(tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = help_text(app.screen, "#help-body")
        for key, text in help_rows(REVIEW_COMMANDS, "en"):
            assert key in body and text in body
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
    store.close()


def test_footer_help_and_palette_agree() -> None:
    rows = dict(help_rows(REVIEW_COMMANDS, "en"))
    for command in REVIEW_COMMANDS:
        if command.show or command.palette:
            assert command.text(command.help, "en") in rows.values() or command.group
    keys = [key for command in REVIEW_COMMANDS for key in command.keys.split(",")]
    clashes = {k for k in keys if keys.count(k) > 1}
    # check_action picks one: enter reveals before, accepts after; b browses before reveal
    # and ticks point b after; 1-5 grade after reveal and open today's failed cards on the
    # summary
    assert clashes == {"enter", "b", "1", "2", "3", "4", "5"}


async def test_palette_offers_screen_commands(tmp_path: Path, clock: FakeClock,
                                              data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Reveal" in titles and "Help" in titles and "Undo" not in titles
    store.close()


async def test_markup_in_deck_text_is_shown_literally(tmp_path: Path, clock: FakeClock,
                                                      data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "5")
        await pilot.pause()
        assert "[SRS]" in text_of(app.screen, "#question")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "linear [/]." in app.screen.query_one("#model", ModelAnswer).source
    store.close()


async def test_too_small_terminal_says_so(tmp_path: Path, clock: FakeClock,
                                          data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        notice = app.screen.query_one("#too-small", Static)
        assert notice.display and "70x20" in str(notice.render()) and "80x24" in str(
            notice.render())
        await pilot.resize_terminal(80, 24)  # the window grows: the card is there
        await pilot.pause()
        assert not notice.display and app.screen.focused is app.screen.answer_box
    store.close()


async def test_save_failure_keeps_the_card(tmp_path: Path, clock: FakeClock, data_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"answer", "ctrl+r")
        import os

        def full(fd: int, data: bytes) -> int:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "write", full)
        await pilot.press("5")
        await pilot.pause()
        assert app.screen.item.card.id == "q01" and app.screen.revealed
        monkeypatch.undo()
        await pilot.press("5")
        assert app.screen.item.card.id == "q01.1"
    store.close()


async def test_theme_is_remembered(tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    store.close()
    assert load_settings(data_dir).theme == "nord"


async def test_checklist_shows_deck_text_literally(tmp_path: Path, clock: FakeClock,
                                                  data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"dying", "ctrl+r")
        await pilot.pause()
        texts = [str(w.render()) for w in app.screen.query(".point-text").results(Static)]
        assert "Dying ReLU [bold]units[/]" in texts
        assert app.screen.query_one("#points").boxes() == [
            "[ ] a", "[ ] b", "[ ] c", "[x] d"]
    store.close()


async def test_q_quits_outside_the_answer_box(tmp_path: Path, clock: FakeClock,
                                              data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert app.is_running and app.screen.answer_box.text == "q"
        await pilot.press("ctrl+r", "q")
        await pilot.pause()
        assert not app.is_running
    store.close()


async def test_next_cards_mount_no_widgets(tmp_path: Path, clock: FakeClock,
                                           data_dir: Path) -> None:
    """Revealed and graded, card after card: the answer's blocks and the checklist's rows
    are reused, not mounted anew (thrown-away widgets made the collector pause on grades)."""
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=3)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("ctrl+r")  # q01: a paragraph and a list, four key points
        await pilot.pause()
        known = {id(widget) for widget in screen.walk_children()}
        await pilot.press("5")
        for card_id, boxes in (("q01.1", 3), ("q02", 3)):
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert screen.item is not None and screen.item.card.id == card_id
            assert {id(widget) for widget in screen.walk_children()} <= known
            assert screen.query_one("#points", Checklist).boxes() == [
                "[ ] a", "[ ] b", "[ ] c"][:boxes]
            shown = [str(w.render()) for w in screen.query(".point-text").results(Static)
                     if w.parent is not None and w.parent.display]
            assert shown == [point.text.get("en") for point in screen.item.card.key_points]
            await pilot.press("5")
        clock.advance(seconds=1)  # the summary, read
        for _ in range(3):  # back to q01: four points again
            await pilot.press("escape", "u")
            await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.item is not None and screen.item.card.id == "q01"
        assert screen.query_one("#points", Checklist).boxes() == [
            "[ ] a", "[ ] b", "[ ] c", "[ ] d"]
        assert screen.query_one("#model", ModelAnswer).source.startswith("**It avoids")
    store.close()


async def test_key_bar_rebuilds_once_for_changes_in_a_row(tmp_path: Path, clock: FakeClock,
                                                          data_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        keybar = screen.query_one(KeyBar)
        rebuilds: list[object] = []
        rebuild = keybar._rebuild
        monkeypatch.setattr(keybar, "_rebuild", lambda s: (rebuilds.append(s), rebuild(s)))
        await pilot.pause()
        rebuilds.clear()
        screen.set_reactive(ReviewScreen.revealed, True)
        for _ in range(3):  # as showing a card does: revealed, item, focus
            screen.refresh_bindings()
        await pilot.pause()
        assert len(rebuilds) == 1
        assert "accept" in str(keybar.render()) and "reveal" not in str(keybar.render())
    store.close()


async def test_keys_typed_in_a_burst_before_reveal_all_count(tmp_path: Path, clock: FakeClock,
                                                            data_dir: Path) -> None:
    # A fast typist (or tmux send-keys) queues every key before ctrl+r is handled: the
    # reveal must see them all, and the screen, the ticks and the journal must agree.
    app, store = make_app(tmp_path, clock, data_dir)
    typed = "it is cheap and does not vanish"
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for char in typed:
            app.post_message(events.Key("space" if char == " " else char, char))
        app.post_message(events.Key("ctrl+r", None))
        await pilot.pause()
        assert screen.revealed
        assert text_of(screen, "#typed") == typed
        assert screen.ticked == {0, 1}  # "vanish" and "cheap", the last words typed
        await pilot.press("enter")
        await pilot.pause()
    store.close()
    history, _ = Store(data_dir, "testdev").read()
    [replayed] = list(history.all_reviews())
    assert replayed.review.answer == typed and replayed.review.ticked == (0, 1)
