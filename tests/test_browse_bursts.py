"""Keys in fast bursts (a fast typist over ssh, keys sent by tmux): every key of a burst is
in the app's queue before the first is handled. A key that puts the cursor in a text box
is followed by text that goes into the box, not run as commands, and the text typed just
before ctrl+s is in the note it saves."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from dlflash.tui.screens.browse import BrowseScreen
from dlflash.tui.screens.card_info import CardInfoScreen
from dlflash.tui.screens.custom_study import CustomStudyScreen

from conftest import FakeClock
from tui_helpers import burst, make_app, open_browser

SIZE = (100, 30)


async def settled_browser(pilot: Pilot[None]) -> BrowseScreen:
    screen = await open_browser(pilot)
    await pilot.press("escape")  # to the table
    assert screen.table.has_focus
    return screen


async def test_slash_then_typing_fills_the_filter(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled_browser(pilot)
        await burst(pilot, *"/tor")
        assert screen.query_one("#br-filter", Input).value == "tor"
        assert (screen.chosen.topic, screen.column, screen.descending) == (None, "id", False)
        await pilot.press("escape")
        await burst(pilot, *"/quit")  # q does not quit
        # the box selects its text when it gets the cursor: what is typed replaces it
        assert app.is_running and screen.query_one("#br-filter", Input).value == "quit"
    store.close()


async def card_info_of_q01(pilot: Pilot[None]) -> CardInfoScreen:
    screen = await settled_browser(pilot)
    await pilot.press("enter")
    info = pilot.app.screen
    assert isinstance(info, CardInfoScreen) and info.card_id == "q01" and screen is not info
    await pilot.pause()
    return info


async def test_e_then_a_note_and_ctrl_s_in_one_burst_saves_the_whole_note(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """Before: the note's letters ran as commands (x forgot, digits flagged, u undid) or
    went into the box after ctrl+s had saved it empty; the keys after ctrl+s were typed
    into the hidden box."""
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "5")  # q01 studied, so that x would forget it
        info = await card_info_of_q01(pilot)
        history = app.session.history
        await burst(pilot, "e", *"fix: 2x lr - u!", "ctrl+s", "3")
        assert history.note("q01") == "fix: 2x lr - u!"
        assert history.flag("q01") == 3 and not history.state("q01").is_new
        assert not history.is_suspended("q01") and not info.editing
        assert "fix: 2x lr - u!" in str(info.query_one("#ci-note", Static).render())
        # the box open first, then the note and ctrl+s in a burst, then a key
        await pilot.press("e")
        await burst(pilot, *" again", "ctrl+s", "0")
        assert history.note("q01") == "fix: 2x lr - u! again" and history.flag("q01") == 0
        assert info.focused is info.query_one("#ci-body")
    store.close()


async def test_a_no_op_in_card_info_does_not_offer_an_undo(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """x on a new card changes nothing: its line said '(u undoes)' after a flag, and u
    then took back the flag."""
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        info = await card_info_of_q01(pilot)
        await pilot.press("3", "x")
        status = str(info.query_one("#ci-status", Static).render())
        assert status == "q01 is a new card already"
    store.close()


async def test_custom_study_takes_a_burst_in_its_order(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """Before: the arrows were priority keys, run as they arrived, and space ran after them:
    "down x5, space, up x5" picked nothing (tmux: the wrong topic)."""
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await burst(pilot, "S", *["down"] * 5, "space", *["up"] * 5)
        dialog = app.screen
        assert isinstance(dialog, CustomStudyScreen)
        assert (dialog.cursor, dialog.chosen) == (0, {1})  # four modes, a topic, #gd
        await burst(pilot, "down", "down", "down", "down", "space", "down", "space", "up")
        assert (dialog.cursor, dialog.chosen) == (4, {0})
        await burst(pilot, "k", "k", "j", "k", "+")  # j and k move too; + a day more ahead
        assert (dialog.cursor, dialog.days) == (2, 4)
        assert dialog.query_one("#cs-ahead").has_class("-selected")
    store.close()
