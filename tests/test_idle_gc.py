"""The collector's full passes wait for a pause: keys put the pass off, and it runs once
when no key has come for `IDLE_S` (the timer's callback is run by hand: no test sleeps)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import dlflash.tui.idle_gc as idle_gc
from dlflash.tui.idle_gc import IDLE_S

from conftest import FakeClock
from tui_helpers import make_app


class _Timer:
    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback, self.stopped = callback, False

    def stop(self) -> None:
        self.stopped = True


async def test_keys_put_the_pass_off_until_a_pause(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    passes: list[int] = []
    monkeypatch.setattr(idle_gc.gc, "collect", lambda: passes.append(1) or 0)
    app, _ = make_app(tmp_path, clock, data_dir)
    timers: list[tuple[float, _Timer]] = []

    set_any_timer = app.set_timer

    def set_timer(delay: float, callback: Callable[[], None], *, name: str | None = None,
                  **rest: object) -> object:
        if name != "idle-gc":  # Textual's own timers run as they do
            return set_any_timer(delay, callback, name=name, **rest)  # type: ignore[arg-type]
        timers.append((delay, _Timer(callback)))
        return timers[-1][1]

    async with app.run_test() as pilot:
        monkeypatch.setattr(app, "set_timer", set_timer)
        await pilot.press(*"relu")
        assert [delay for delay, _ in timers] == [IDLE_S] * 4
        assert [timer.stopped for _, timer in timers] == [True, True, True, False]
        assert passes == [] and app.idle_collector.pending
        timers[-1][1].callback()  # the pause has come
        assert passes == [1] and not app.idle_collector.pending
