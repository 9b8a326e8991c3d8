"""One measured dlflash process, started by bench/run.py. Prints one JSON line.

    probe.py startup DATA_DIR DECK          the review screen ready, then exit
    probe.py floor                          a minimal Textual app with the same widgets
    probe.py floor-grades COUNT             the same app showing COUNT "next cards": the
                                            least a grade's repaint can cost in Textual
    probe.py grades DATA_DIR DECK COUNT [THINK_S]
                                            reveal and grade COUNT cards: the reveal painted,
                                            and the grade to the next card painted; THINK_S
                                            (default 0) is a pause on each new card, as a
                                            candidate reads it, when the app's idle work runs
    probe.py stats DATA_DIR DECK            open the stats screen until its figures show

Grades and stats start once the app has settled (its background deck warm-up done). DECK
"-" loads the bundled deck alone (its answers are the longest the app shows).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer, Header, Markdown, Static, TextArea

SIZE = (120, 40)
WARM_UP_S = 0.6
"""Longer than the app waits before it warms the deck up (`DlflashApp` schedules it)."""


def peak_rss_kb() -> int:
    """This process's peak memory. Linux carries `ru_maxrss` over from the parent at fork
    and keeps it across exec, so a probe started by a benchmark that has just generated a
    million reviews reported the generator's peak (929 MB); VmHWM belongs to this process's
    own memory alone."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return next(int(line.split()[1]) for line in status.splitlines()
                if line.startswith("VmHWM:"))


def report(**values: object) -> None:
    print(json.dumps({**values, "rss_mb": peak_rss_kb() / 1024, "ready_at": time.time()}),
          flush=True)


class Floor(App[None]):
    """What Textual itself costs: the review screen's widgets, no dlflash."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Why is ReLU used more than sigmoid these days?")
        yield TextArea(soft_wrap=True)
        yield Markdown("**It avoids vanishing gradients.**\n\n- cheap\n- sparse")
        yield Footer()


def run(app: App[None], pilot_fn: Callable[[Pilot[None]], Coroutine[Any, Any, None]]) -> None:
    app.run(headless=True, size=SIZE, auto_pilot=pilot_fn)


async def floor_grades(pilot: Pilot[None]) -> None:
    """What a grade's repaint costs at the least: the next question in the `Static`, the
    answer box emptied, the model answer pane hidden, as the review screen does; from the
    change to the screen painted (dlflash's figure adds the grade's fsync and the queue)."""
    app = pilot.app
    await pilot.pause(WARM_UP_S)
    question, box, answer = app.query_one(Static), app.query_one(TextArea), app.query_one(Markdown)
    latencies = []
    for index in range(int(sys.argv[2])):
        box.insert("relu gradient vanishing cheap sparse")
        answer.display = True
        await pilot.pause()
        shown = asyncio.Event()
        start = time.perf_counter()
        question.update(f"Question {index}: why is ReLU used more than sigmoid these days?")
        box.clear()
        answer.display = False
        app.call_after_refresh(shown.set)
        await shown.wait()
        latencies.append((time.perf_counter() - start) * 1000)
        await pilot.pause()
    report(mode="floor-grades", latencies_ms=latencies)
    app.exit()


async def stats_shown(pilot: Pilot[Any], key: str) -> None:
    """`key` sent as the terminal sends it, then the report of the current range shown
    (ready, or computed in its worker) and the screen rendered after it. Other work of the
    app's workers is not waited for, nor are the pilot's waits for idle counted (a
    `pilot.press` waits for the app to go idle after each key, which no key typed does)."""
    from textual import events

    from dlflash.tui.screens.stats import StatsScreen

    app = pilot.app
    before = getattr(app.screen, "report", None)
    app.post_message(events.Key(key, key))
    deadline = time.perf_counter() + 120

    def shown() -> bool:
        screen = app.screen
        return (isinstance(screen, StatsScreen) and screen.report is not None
                and screen.report is not before
                and screen.report.range_days == screen.range_days
                and not screen.query_one("#stats-body").loading)

    while not shown() and time.perf_counter() < deadline:
        await asyncio.sleep(0.001)
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


def dlflash_app(data: str, deck: str):  # type: ignore[no-untyped-def]
    from dlflash.tui.launch import prepared_app

    decks = [] if deck == "-" else [deck]
    return prepared_app(argparse.Namespace(data_dir=data, deck=decks, days=30), check=False)


def main() -> None:
    mode = sys.argv[1]
    if mode == "floor":
        async def floor_ready(pilot: Pilot[None]) -> None:
            await pilot.pause()
            report(mode=mode)
            pilot.app.exit()

        run(Floor(), floor_ready)
        return
    if mode == "floor-grades":
        run(Floor(), floor_grades)
        return

    data, deck = sys.argv[2], sys.argv[3]
    with dlflash_app(data, deck) as app:
        async def drive(pilot: Pilot[None]) -> None:
            await pilot.pause()
            if mode != "startup":
                # Grades and the stats screen are measured on a settled app: the one-off
                # deck warm-up (a worker started half a second after start-up) is done.
                await pilot.pause(WARM_UP_S)
                await app.workers.wait_for_complete()
                await pilot.pause()
            if mode == "startup":
                report(mode=mode)
            elif mode == "grades":
                latencies, reveals = [], []
                screen = app.screen
                think_s = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
                for _ in range(int(sys.argv[4])):
                    if screen.item is None:
                        break
                    # The answer goes in at once: pressing its keys one by one costs the
                    # pilot three idle waits a key (~2.7 s a card), and typing is not measured.
                    screen.answer_box.insert("relu gradient vanishing cheap sparse")
                    app.input_came()  # as the keys typed would
                    await pilot.pause()
                    # From the reveal key to the model answer painted: judged, laid out for
                    # the pane's width and rendered.
                    revealed = asyncio.Event()
                    start = time.perf_counter()
                    screen.action_reveal()
                    app.input_came()
                    screen.call_after_refresh(revealed.set)
                    await revealed.wait()
                    reveals.append((time.perf_counter() - start) * 1000)
                    await pilot.pause()
                    # From the key to the next card painted: the grade is fsynced, the
                    # queue moves on, the screen is laid out and rendered.
                    shown = asyncio.Event()
                    start = time.perf_counter()
                    screen.action_grade(4)  # grade 4: a pass, so no repeats pile up
                    app.input_came()
                    screen.call_after_refresh(shown.set)
                    await shown.wait()
                    latencies.append((time.perf_counter() - start) * 1000)
                    await pilot.pause(think_s)
                report(mode=mode, latencies_ms=latencies, reveals_ms=reveals)
            elif mode == "stats":
                await pilot.press("escape")  # out of the answer box, as before `s`
                await pilot.pause()
                start = time.perf_counter()
                await stats_shown(pilot, "s")
                report(mode=mode, open_ms=(time.perf_counter() - start) * 1000)
            app.exit()

        run(app, drive)


if __name__ == "__main__":
    main()
