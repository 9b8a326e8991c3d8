"""The stats screen's own benchmark (issue 19): opening it, and switching its range.

    python bench/stats_bench.py                        # 1k, 100k and 1M reviews
    python bench/stats_bench.py --sizes 100000 --runs 5
    python bench/stats_bench.py --work /tmp/bench      # reuse (or keep) generated data
    python bench/stats_bench.py --profile 100000       # cProfile of one opening, top lines
    python bench/stats_bench.py --profile 100000 --changed   # ... right after a grade

Each figure is measured in a fresh process (`child` mode) on a settled app at 120x40, as
bench/probe.py does: "open" is from `s` to every figure painted, once the app has been idle
long enough for the reports to be worked out (`tui/stats_ready.py`; "reports ready after"
is how long after start-up that was), "range" each `r` press to the new range painted (90,
365, back to 30 days), and "open after a grade" the opening right after a grade, whose
report is worked out after `s` (each in its own process, interleaved with the others).
The floor is the start-up of a bare Textual app with the review screen's
widgets, in the same run, and the table gives the best, the median and the worst of the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from probe import SIZE, WARM_UP_S, Floor, stats_shown  # noqa: E402
from run import workspace  # noqa: E402
from synth import write_history  # noqa: E402

# -- in the child process ---------------------------------------------------------------------


def child_floor() -> dict[str, Any]:
    result: dict[str, Any] = {}

    async def ready(pilot: Any) -> None:
        await pilot.pause()
        result["ready_at"] = time.time()
        pilot.app.exit()

    Floor().run(headless=True, size=SIZE, auto_pilot=ready)
    return result


def child_stats(data: str, deck: str, profile: bool, changed: bool) -> dict[str, Any]:
    from dlflash.tui.launch import prepared_app

    result: dict[str, Any] = {"worker_ms": []}
    if profile:  # how long the worker takes, beside the UI thread's profile
        import dlflash.stats.report as report_module

        build = report_module.build_report

        def timed(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return build(*args)
            finally:
                result["worker_ms"].append((time.perf_counter() - start) * 1000)

        report_module.build_report = timed  # type: ignore[assignment]

    async def drive(pilot: Any) -> None:
        try:
            from dlflash.tui.stats_ready import ReadyReports
        except ImportError:  # the code before issue 19's precompute, for comparison
            ReadyReports = None

        await pilot.pause()
        await asyncio.sleep(WARM_UP_S)
        await pilot.app.workers.wait_for_complete()
        if changed:  # a grade just before `s`: the reports ready are of the history before
            await pilot.press("ctrl+r", "4")
            await pilot.pause()
        elif ReadyReports is not None:  # idle long enough for every range's report
            ready = ReadyReports.of(pilot.app)
            deadline = time.perf_counter() + 120
            while ready.report(365) is None and time.perf_counter() < deadline:
                await asyncio.sleep(0.05)
            result["ready_s"] = time.perf_counter() - deadline + 120
            await pilot.app.workers.wait_for_complete()
        await pilot.press("escape")  # out of the answer box, as a candidate is before `s`
        await pilot.pause()
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        start = time.perf_counter()
        await stats_shown(pilot, "s")
        result["open_ms"] = (time.perf_counter() - start) * 1000
        if profiler is not None:
            profiler.disable()
            import io
            import pstats

            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(int(os.environ.get("PROFILE_LINES", 45)))
            for name in filter(None, os.environ.get("PROFILE_CALLEES", "").split(",")):
                stats.print_callees(name)
            result["profile"] = out.getvalue()
        ranges = []
        for _ in range(3):
            start = time.perf_counter()
            await stats_shown(pilot, "r")
            ranges.append((time.perf_counter() - start) * 1000)
        result["range_ms"] = ranges
        pilot.app.exit()

    with prepared_app(argparse.Namespace(data_dir=data, deck=[deck], days=30),
                      check=False) as app:
        app.run(headless=True, size=SIZE, auto_pilot=drive)
    return result


# -- the parent ---------------------------------------------------------------------------------


def run_child(env: dict[str, str], *args: str) -> dict[str, Any]:
    started = time.time()
    done = subprocess.run([sys.executable, __file__, "child", *args], capture_output=True,
                          text=True, env=env, check=False, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if "ready_at" in result:
        result["startup_ms"] = (float(result["ready_at"]) - started) * 1000
    return result


def spread(values: list[float]) -> str:
    return f"{min(values):.0f} / {statistics.median(values):.0f} / {max(values):.0f}"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        mode, *rest = sys.argv[2:]
        result = child_floor() if mode == "floor" else child_stats(
            rest[0], rest[1], mode.startswith("profile"), mode.endswith("changed"))
        print(json.dumps(result), flush=True)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--profile", type=int, metavar="REVIEWS",
                        help="print the profile of one opening at this size, and stop")
    parser.add_argument("--changed", action="store_true",
                        help="with --profile: the opening right after a grade")
    args = parser.parse_args()

    work, env, deck = workspace(args.work, "dlflash-stats-bench-", args.cards)
    sizes = [args.profile] if args.profile else [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        data = work / f"data-{size}"
        if not (data / "reviews").exists():
            print(f"generating {size:,} reviews ...", file=sys.stderr)
            write_history(data, size, args.cards)
        (data / "settings.yaml").write_text("new_per_day: 9999\nmax_reviews_per_day: 99999\n")
    if args.profile:
        result = run_child(env, "profile-changed" if args.changed else "profile",
                           str(work / f"data-{args.profile}"), str(deck))
        print(result["profile"])
        print(f"open {result['open_ms']:.0f} ms (profiled); the report in its worker: "
              + ", ".join(f"{ms:.0f} ms" for ms in result["worker_ms"]))
        return

    floors = [run_child(env, "floor")["startup_ms"] for _ in range(args.runs)]
    rows = []
    for size in sizes:
        runs, after = [], []
        for _ in range(args.runs):  # interleaved
            runs.append(run_child(env, "stats", str(work / f"data-{size}"), str(deck)))
            after.append(run_child(env, "stats-changed", str(work / f"data-{size}"),
                                   str(deck)))
        opens = [float(r["open_ms"]) for r in runs]
        switches = [float(ms) for r in runs for ms in r["range_ms"]]
        changed = [float(r["open_ms"]) for r in after]
        ready = [float(r.get("ready_s", 0)) for r in runs]
        rows.append((size, opens, switches, changed, ready))

    floor = min(floors)
    print(f"\ndlflash stats screen: {args.cards:,} cards; {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; "
          f"{args.runs} runs")
    print(f"floor (bare Textual app, the review screen's widgets): start {spread(floors)} ms "
          "(best / median / worst)\n")
    print("reviews | open best / median / worst | open best / floor | "
          "range switch best / median / worst | open after a grade | reports ready after")
    print("---|---|---|---|---|---")
    for size, opens, switches, changed, ready in rows:
        print(f"{size:,} | {spread(opens)} ms | {min(opens) / floor:.2f} | "
              f"{spread(switches)} ms | {spread(changed)} ms | "
              f"{min(ready):.1f}-{max(ready):.1f} s")
    by_size = {size: min(opens) for size, opens, *_ in rows}
    if 100_000 in by_size and 1_000_000 in by_size:
        print(f"\n1M / 100k open: {by_size[1_000_000] / by_size[100_000]:.2f}")


if __name__ == "__main__":
    main()
