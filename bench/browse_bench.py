"""The browser at scale: opening it, and each keystroke of its filter, at 10,000 cards and
100,000 reviews (the deck and history of bench/run.py, from `synth`); then card info from a
row and the mock interview's first screen, the other screens of that wave.

    python bench/browse_bench.py                      # 10,000 cards, 100,000 reviews
    python bench/browse_bench.py --keep /tmp/bench    # keep (and reuse) the generated data

Each figure comes from fresh processes (`--runs`, best of them for the open, every
keystroke of every run for the filter). "open" is from `b` on the settled review screen to
the browser painted with its rows; "index" until the filter's index is built (a keystroke
before that shows "indexing"); a keystroke is from the key event to the table repainted
with the rows that match, and "view" is the pure part of it (`Browser.view`). The floor is
the same measurement on a minimal Textual app (a screen with an `Input` and a `Static` that
follows it), and the start-up floor of bench/run.py. Targets: open 200 ms, keystroke p95
30 ms. The last line: `browse_open_ms=... key_p95_ms=... floor_key_p95_ms=...`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from probe import SIZE, WARM_UP_S, dlflash_app, report  # noqa: E402
from run import percentile, workspace  # noqa: E402
from run import probe as start_probe  # noqa: E402
from synth import write_history  # noqa: E402

QUERIES = ("gradient", "질문 1234", "s01234", "explian idea", "learning rate", "포인트 3")
"""Typed a key at a time, then taken back with backspace: a word of every card, Korean with
a number, a card id, a typo, an alias of the judge's table, a Korean key point."""


async def until(done: Callable[[], object], step: float = 0.0) -> None:
    while not done():
        await asyncio.sleep(step)


async def painted(widget: Any) -> None:
    """Until `widget`'s screen has been painted since now."""
    shown = asyncio.Event()
    widget.call_after_refresh(shown.set)
    await shown.wait()


def key_event(key: str) -> Any:
    from textual import events

    return events.Key(key, None if key == "backspace" else key)


async def type_queries(app: Any, box: Any, refreshed: Callable[[], object],
                       typed: Callable[[], str]) -> list[float]:
    """Type each query a key at a time and take it back, timing each key to the repaint."""
    latencies = []
    for query in QUERIES:
        keys = [*query, *["backspace"] * len(query)]
        expected = [query[:n] for n in range(1, len(query) + 1)]
        expected += [query[:n] for n in range(len(query) - 1, -1, -1)]
        for key, after in zip(keys, expected, strict=True):
            start = time.perf_counter()
            app.post_message(key_event(key))
            await until(lambda after=after: typed() == after)  # type: ignore[misc]
            await painted(refreshed())
            latencies.append((time.perf_counter() - start) * 1000)
    return latencies


async def opened(app: Any, action: Callable[[], object], kind: type) -> float:
    """Milliseconds from `action` (what its key does) to a new `kind` screen painted."""
    start = time.perf_counter()
    app.input_came()  # as the key would: the idle reports' worker stops for it
    action()
    await until(lambda: isinstance(app.screen, kind) and app.screen.is_mounted, 0.001)
    await painted(app.screen)
    return (time.perf_counter() - start) * 1000


def browse_probe(data: str, deck: str) -> None:
    from dlflash.tui.screens.browse import BrowseScreen
    from dlflash.tui.screens.card_info import CardInfoScreen
    from dlflash.tui.screens.interview import InterviewScreen

    with dlflash_app(data, deck) as app:
        async def drive(pilot: Any) -> None:
            await pilot.pause()
            await pilot.pause(WARM_UP_S)  # the app's one-off deck warm-up, as probe.py
            await app.workers.wait_for_complete()
            await pilot.pause()
            start = time.perf_counter()
            app.screen.action_browse()
            await until(lambda: isinstance(app.screen, BrowseScreen)
                        and app.screen.browser is not None, 0.001)
            screen = app.screen
            await painted(screen.table)
            open_ms = (time.perf_counter() - start) * 1000
            await until(lambda: screen.browser.index is not None, 0.001)
            index_ms = (time.perf_counter() - start) * 1000
            await pilot.pause()
            box = screen.query_one("#br-filter")
            keys = await type_queries(app, box, lambda: screen.table,
                                      lambda: screen.chosen.query)
            views = []
            for query in QUERIES:
                for n in range(1, len(query) + 1):
                    started = time.perf_counter()
                    screen.browser.view(type(screen.chosen)(query=query[:n]))
                    views.append((time.perf_counter() - started) * 1000)
            info_ms = await opened(app, screen.action_open, CardInfoScreen)
            app.pop_screen()  # back to the browser
            await pilot.pause()
            app.switch_mode("review")
            await pilot.pause()
            start = time.perf_counter()
            interview_ms = await opened(app, app.screen.action_interview, InterviewScreen)
            # then its questions, chosen in a worker (weakest first reads every review)
            await until(lambda: app.screen.plan is not None, 0.001)
            await painted(app.screen)
            planned_ms = (time.perf_counter() - start) * 1000
            report(mode="browse", open_ms=open_ms, index_ms=index_ms, keys_ms=keys,
                   views_ms=views, rows=len(screen.browser.rows), info_ms=info_ms,
                   interview_ms=interview_ms, planned_ms=planned_ms)
            app.exit()

        app.run(headless=True, size=SIZE, auto_pilot=drive)


def floor_probe() -> None:
    """The same measurements on a minimal Textual app: what Textual itself costs."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Input, Static

    class Page(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="box")
            yield Static("\n".join(f"row {n}" for n in range(40)), id="rows")

        def on_mount(self) -> None:
            self.query_one("#box").focus()

        def on_input_changed(self, event: Input.Changed) -> None:
            self.query_one("#rows", Static).update(
                "\n".join(f"{event.value} row {n}" for n in range(40)))

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("review")

    async def drive(pilot: Any) -> None:
        app = pilot.app
        await pilot.pause()
        start = time.perf_counter()
        page = Page()
        app.push_screen(page)
        await until(lambda: app.screen is page and page.is_mounted, 0.001)
        await painted(page)
        open_ms = (time.perf_counter() - start) * 1000
        await pilot.pause()
        box = page.query_one("#box", Input)
        keys = await type_queries(app, box, lambda: page.query_one("#rows"), lambda: box.value)
        report(mode="floor", open_ms=open_ms, keys_ms=keys)
        app.exit()

    Floor().run(headless=True, size=SIZE, auto_pilot=drive)


def child(env: dict[str, str], *args: str) -> dict[str, Any]:
    result = subprocess.run([sys.executable, __file__, "--probe", *args], capture_output=True,
                            text=True, env=env, check=False, timeout=900)
    if result.returncode != 0:
        raise SystemExit(f"browse_bench {args[0]} failed:\n{result.stderr[-3000:]}")
    line: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return line


def main() -> None:
    if sys.argv[1:2] == ["--probe"]:
        if sys.argv[2] == "floor":
            floor_probe()
        else:
            browse_probe(sys.argv[3], sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()

    work, env, deck = workspace(args.keep, "dlflash-browse-bench-", args.cards)
    data = work / f"data-{args.reviews}"
    if not (data / "reviews").exists():
        print(f"generating {args.reviews:,} reviews ...", file=sys.stderr)
        write_history(data, args.reviews, args.cards)
    (data / "settings.yaml").write_text("new_per_day: 9999\nmax_reviews_per_day: 99999\n")

    child(env, "browse", str(data), str(deck))  # the first start writes the snapshot
    start_floor = min(float(start_probe(env, "floor")["startup_ms"]) for _ in range(args.runs))
    floors = [child(env, "floor") for _ in range(args.runs)]
    runs = [child(env, "browse", str(data), str(deck)) for _ in range(args.runs)]

    def keys(results: list[dict[str, Any]], name: str = "keys_ms") -> list[float]:
        return [float(ms) for result in results for ms in result[name]]

    def figures(values: list[float]) -> str:
        return (f"p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} "
                f"ms, max {max(values):.1f} ms")

    browse_keys, floor_keys, views = keys(runs), keys(floors), keys(runs, "views_ms")
    open_ms = min(float(run["open_ms"]) for run in runs)
    index_ms = min(float(run["index_ms"]) for run in runs)
    floor_open = min(float(floor["open_ms"]) for floor in floors)
    print(f"\ndlflash browse benchmark: {runs[0]['rows']:,} cards, {args.reviews:,} reviews, "
          f"{SIZE[0]}x{SIZE[1]}; {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}; best of {args.runs} "
          f"processes, {len(browse_keys)} keystrokes")
    print(f"floor (minimal Textual app): start {start_floor:.0f} ms, open a screen "
          f"{floor_open:.1f} ms, keystroke {figures(floor_keys)}")
    print(f"open (b to rows painted): {open_ms:.0f} ms (target 200 ms); "
          f"filter ready (index built): {index_ms:.0f} ms")
    print(f"filter keystroke (key to table repainted): {figures(browse_keys)} (target p95 "
          f"30 ms)")
    print(f"  of which the filter itself (Browser.view): {figures(views)}")
    print(f"card info (enter on a row to painted): "
          f"{min(float(run['info_ms']) for run in runs):.0f} ms; the interview's first screen "
          f"(I on the review screen to painted): "
          f"{min(float(run['interview_ms']) for run in runs):.0f} ms, its questions chosen and "
          f"shown {min(float(run['planned_ms']) for run in runs):.0f} ms (best of the runs; "
          f"the floor's new screen {floor_open:.0f} ms)")
    print(f"\nbrowse_open_ms={open_ms:.0f} index_ms={index_ms:.0f} "
          f"key_p95_ms={percentile(browse_keys, 0.95):.1f} "
          f"floor_key_p95_ms={percentile(floor_keys, 0.95):.1f} "
          f"floor_start_ms={start_floor:.0f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
