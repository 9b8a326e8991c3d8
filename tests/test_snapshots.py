"""Pictures of the screens a person looks at, at a fixed size, with a fixed clock."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from conftest import FakeClock
from tui_helpers import make_app


async def _steady(pilot: Pilot[None]) -> None:
    await pilot.pause()
    pilot.app.screen.query_one(TextArea).cursor_blink = False
    await pilot.pause()


def test_question(snap_compare, tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    try:
        assert snap_compare(app, terminal_size=(100, 30), run_before=_steady)
    finally:
        store.close()


def test_revealed_korean_narrow(snap_compare, tmp_path: Path, clock: FakeClock,
                                data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, language="ko")

    async def reveal(pilot: Pilot[None]) -> None:
        await _steady(pilot)
        await pilot.press(*"vanishing", "ctrl+r")
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=reveal)
    finally:
        store.close()


def test_revealed_wide(snap_compare, tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)

    async def reveal(pilot: Pilot[None]) -> None:
        await _steady(pilot)
        await pilot.press(*"it is cheap, no vanishing", "ctrl+r")
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(120, 32), run_before=reveal)
    finally:
        store.close()


def test_summary(snap_compare, tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)

    async def finish(pilot: Pilot[None]) -> None:
        await _steady(pilot)
        await pilot.press("ctrl+r")
        clock.advance(seconds=40)
        await pilot.press("2", "ctrl+r", "5", "ctrl+r", "4")
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(100, 30), run_before=finish)
    finally:
        store.close()
