"""Pictures of the browser (80x24, Korean), card info (120x40, English) and the custom study
dialog, with a fixed clock and a short history."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from dlflash.tui.screens.browse import BrowseScreen

from conftest import FakeClock
from tui_helpers import make_app


async def _studied(pilot: Pilot[None], clock: FakeClock) -> None:
    """q01 failed (its repeat still to come), q01.1 and q02 passed; typed answers."""
    pilot.app.screen.query_one(TextArea).cursor_blink = False
    await pilot.press(*"sigmoid saturates")
    clock.advance(seconds=20)
    await pilot.press("ctrl+r", "2")
    clock.advance(seconds=30)
    await pilot.press(*"vanishing gradients", "ctrl+r", "4")
    clock.advance(seconds=45)
    await pilot.press(*"a stack of linear maps is linear", "ctrl+r", "5")
    clock.advance(seconds=5)  # the next keys read what is on the screen now
    await pilot.press("escape")


async def _browser(pilot: Pilot[None]) -> None:
    await pilot.press("b")
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen)
    while screen.browser is None or screen.browser.index is None:
        await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    screen.query_one(Input).cursor_blink = False
    await pilot.pause()


def test_browse_korean_80x24(snap_compare, tmp_path: Path, clock: FakeClock,
                             data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, language="ko")

    async def run(pilot: Pilot[None]) -> None:
        await _studied(pilot, clock)
        await _browser(pilot)
        await pilot.press(*"relu")
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=run)
    finally:
        store.close()


def test_card_info_english_120x40(snap_compare, tmp_path: Path, clock: FakeClock,
                                  data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)

    async def run(pilot: Pilot[None]) -> None:
        await _studied(pilot, clock)
        await _browser(pilot)
        await pilot.press("enter")  # q01
        await pilot.pause()
        await pilot.press("e", *"Say 'vanishing gradients' first", "ctrl+s", "4")
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(120, 40), run_before=run)
    finally:
        store.close()


def test_custom_study_dialog(snap_compare, tmp_path: Path, clock: FakeClock,
                             data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)

    async def run(pilot: Pilot[None]) -> None:
        await _studied(pilot, clock)
        await pilot.press("S", "down", "down", "down", "down", "down", "down", "space", "up")
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(100, 30), run_before=run)
    finally:
        store.close()
