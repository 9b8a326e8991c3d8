"""Pictures of the interview and report screens, at 80x24 and 120x40, in both languages,
with a fixed clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from conftest import FakeClock
from tui_helpers import make_app


async def _into_follow_up(pilot: Pilot[None], clock: FakeClock) -> None:
    """Start, answer the main question, then stay 75 s on its follow-up."""
    await pilot.pause()
    await pilot.press("escape", "I")
    await pilot.app.workers.wait_for_complete()  # the questions are chosen in a worker
    await pilot.pause()
    await pilot.press("enter", *"no vanishing gradient, cheap")
    clock.advance(seconds=50)
    await pilot.press("ctrl+n", *"stacked linear layers stay linear")
    await pilot.pause()
    clock.advance(seconds=75)
    pilot.app.screen.refresh_clock()  # type: ignore[attr-defined]
    pilot.app.screen.query_one("#iv-notes").cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


def _snap(tmp_path: Path, clock: FakeClock, data_dir: Path, snap_compare: object,
          size: tuple[int, int], language: str,
          steps: Callable[[Pilot[None]], Awaitable[None]]) -> bool:
    app, store = make_app(tmp_path, clock, data_dir, language=language)
    try:
        return bool(snap_compare(app, terminal_size=size, run_before=steps))  # type: ignore[operator]
    finally:
        store.close()


def test_follow_up_in_overtime_wide(snap_compare, tmp_path: Path, clock: FakeClock,
                                    data_dir: Path) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await _into_follow_up(pilot, clock)

    assert _snap(tmp_path, clock, data_dir, snap_compare, (120, 40), "en", steps)


def test_follow_up_looked_up_korean_narrow(snap_compare, tmp_path: Path, clock: FakeClock,
                                           data_dir: Path) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await _into_follow_up(pilot, clock)
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert _snap(tmp_path, clock, data_dir, snap_compare, (80, 24), "ko", steps)


async def _to_report(pilot: Pilot[None], clock: FakeClock) -> None:
    await _into_follow_up(pilot, clock)
    await pilot.press("ctrl+n")
    clock.advance(seconds=20)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("down", "2")
    await pilot.pause()


def test_report_wide(snap_compare, tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await _to_report(pilot, clock)

    assert _snap(tmp_path, clock, data_dir, snap_compare, (120, 40), "en", steps)


def test_report_korean_narrow(snap_compare, tmp_path: Path, clock: FakeClock,
                              data_dir: Path) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await _to_report(pilot, clock)

    assert _snap(tmp_path, clock, data_dir, snap_compare, (80, 24), "ko", steps)


def test_report_narrow_english_looked_up(snap_compare, tmp_path: Path, clock: FakeClock,
                                         data_dir: Path) -> None:
    """At 80 columns the longest rows (overtime, looked up, an own grade) take a shorter
    form instead of being cut; the chosen row's title says it was looked up."""
    async def steps(pilot: Pilot[None]) -> None:
        await _into_follow_up(pilot, clock)
        await pilot.press("ctrl+r", "ctrl+n")
        clock.advance(seconds=20)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "2")
        await pilot.pause()

    assert _snap(tmp_path, clock, data_dir, snap_compare, (80, 24), "en", steps)
