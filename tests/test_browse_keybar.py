"""Every key of the summary, the browser and card info is in the key bar at 80x24, in Korean
and English: where one line cannot hold them all, the bar takes a second line (a card under
review keeps its one line, and gives up its last keys to the palette)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.screen import Screen

from dlflash.tui.screens.browse import BrowseScreen
from dlflash.tui.screens.card_info import CardInfoScreen
from dlflash.tui.screens.custom_study import CustomStudyScreen
from dlflash.tui.screens.review import ReviewScreen
from dlflash.tui.widgets.keybar import KeyBar, fitted

from conftest import FakeClock
from tui_helpers import make_app

NARROW = (80, 24)


def bar_lines(screen: Screen[object]) -> list[str]:
    return str(screen.query_one(KeyBar).render()).split("\n")


def missing_keys(screen: Screen[object]) -> list[str]:
    """The keys the screen shows (those a key bar lists) that are not in its key bar."""
    bar = " ".join(f" {line} " for line in bar_lines(screen))
    missing, seen = [], set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.show or not active.enabled or binding.action in seen:
            continue
        seen.add(binding.action)
        key = binding.key_display or screen.app.get_key_display(binding)
        if f" {key} {binding.description} " not in bar:
            missing.append(f"{key} {binding.description}")
    return missing


def assert_every_key_shown(screen: Screen[object]) -> None:
    keybar = screen.query_one(KeyBar)
    lines = bar_lines(screen)
    assert missing_keys(screen) == [], lines
    assert all(cell_len(line) <= NARROW[0] for line in lines), lines
    assert keybar.region.height == len(lines)  # the second line is on the screen, not cut
    assert ("^p" in lines[-1]) and len(lines) <= 2


async def settled(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "ko"])
async def test_the_summary_browser_and_card_info_show_every_key_at_80_columns(
        tmp_path: Path, clock: FakeClock, data_dir: Path, language: str) -> None:
    app, store = make_app(tmp_path, clock, data_dir, language, new_per_day=2)
    async with app.run_test(size=NARROW) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("ctrl+r", "1", "ctrl+r", "4", "ctrl+r", "5")  # q01 failed
        await settled(pilot)
        assert review.item is None and app.session.new_remaining() > 0
        keys = {active.binding.action for active in review.active_bindings.values()
                if active.enabled and active.binding.show}
        assert {"undo", "learn_more", "browse", "mistakes", "custom_study", "stats",
                "interview", "toggle_language", "help", "quit"} <= keys
        assert_every_key_shown(review)
        clock.advance(seconds=5)  # the summary read, then one of its keys
        await pilot.press("m")  # a card again: one line, as before
        await settled(pilot)
        assert review.item is not None and len(bar_lines(review)) == 1
        assert review.query_one(KeyBar).region.height == 1
        await pilot.press("ctrl+r", "5")
        await settled(pilot)
        assert review.item is None
        assert_every_key_shown(review)
        clock.advance(seconds=5)
        await pilot.press("b")
        await settled(pilot)
        browser = app.screen
        assert isinstance(browser, BrowseScreen)
        await pilot.press("escape")  # out of the filter box: the table's keys
        await settled(pilot)
        assert_every_key_shown(browser)
        await pilot.press("enter")
        await settled(pilot)
        info = app.screen
        assert isinstance(info, CardInfoScreen)
        await pilot.press("3")  # a change, so that u undoes is shown too
        await settled(pilot)
        assert_every_key_shown(info)
        await pilot.press("escape", "escape", "S")
        await settled(pilot)
        assert isinstance(app.screen, CustomStudyScreen)
        assert_every_key_shown(app.screen)
    store.close()


def test_two_lines_keep_every_key_in_order_and_still_give_up_the_last_ones() -> None:
    entries = [(f"a{n}", "k", f"label{n}") for n in range(8)] + [("help", "?", "help"),
                                                                   ("", "^p", "palette")]
    # each " k labelN " is 10 cells: 3 a line of 30, so 6 of the 10 in two lines
    assert fitted(entries, 30, lines=1) == [*entries[:1], *entries[-2:]]
    assert fitted(entries, 30, lines=2) == [*entries[:4], *entries[-2:]]
    assert fitted(entries, 100, lines=2) == entries
