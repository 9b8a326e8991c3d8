"""The dlflash benchmark: a 10,000-card deck and histories of 1,000 to 1,000,000 reviews.

    python bench/run.py                      # 1k, 100k and 1M reviews (a few minutes)
    python bench/run.py --sizes 1000,100000  # quicker
    python bench/run.py --keep /tmp/bench    # keep the generated data
    python bench/run.py --cold               # each size's first start without a snapshot

Every figure is the best of several fresh processes (start-up, `due --json`,
`stats --json`), or a distribution within one process (grades). "1st start" and "1st RSS"
are each size's first start: with `--cold` (or on freshly generated data) the one without a
snapshot or today's backup, as a new version meets the journals; "new computer" is the
first start of another device on the same (synced) folder, which starts from the benchmark
device's snapshot; "start"
and "RSS" are the later starts (best time, highest peak). It prints one table and a final
line `startup_ratio=... grade_p95_ms=... grade_p99_ms=... stats_open_ms=... rss_mb=...
first_start_ms=... first_rss_mb=...` for 100,000 reviews (or the largest size run). A
last run reveals and grades the bundled deck's 64 cards in a fresh data folder: its model
answers are the longest the app lays out (the synthetic ones are a few lines).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import write_deck, write_history  # noqa: E402

PROBE = HERE / "probe.py"


def environment(home: Path) -> dict[str, str]:
    env = {**os.environ, "DLFLASH_DEVICE": "bench", "TEXTUAL_ANIMATIONS": "none",
           "HOME": str(home)}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("DLFLASH_HOME", None)
    return env


def compile_package() -> None:
    """dlflash's bytecode, as an installed package has it: from a checkout (an editable
    install) with PYTHONDONTWRITEBYTECODE set, every measured start compiled dlflash's
    sources again, ~80 ms that no installed dlflash pays and the floor (Textual, compiled
    when installed) never paid."""
    spec = importlib.util.find_spec("dlflash")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=1)


def workspace(keep: Path | None, prefix: str, cards: int) -> tuple[Path, dict[str, str], Path]:
    """The benchmark's folder (`keep`, or a new temporary one), the environment of its
    processes, and its deck of `cards` cards, generated once."""
    work = keep or Path(tempfile.mkdtemp(prefix=prefix))
    work.mkdir(parents=True, exist_ok=True)
    compile_package()
    deck = work / "deck"
    if not deck.exists():
        print(f"generating a {cards:,}-card deck ...", file=sys.stderr)
        write_deck(deck, cards)
    return work, environment(work / "home"), deck


def probe(env: dict[str, str], *args: str) -> dict[str, object]:
    """Run the probe; its `ready_at` minus our spawn time is the start-up time."""
    started = time.time()
    result = subprocess.run([sys.executable, str(PROBE), *args], capture_output=True, text=True,
                            env=env, check=False, timeout=900)
    if result.returncode != 0:
        raise SystemExit(f"probe {args[0]} failed:\n{result.stderr[-3000:]}")
    line = json.loads(result.stdout.strip().splitlines()[-1])
    line["startup_ms"] = (float(line["ready_at"]) - started) * 1000
    return line


def new_computer_start(env: dict[str, str], data: Path, deck: Path) -> dict[str, object]:
    """The first start of another computer on the same synced folder: no snapshot of its
    own, the benchmark device's beside it. Its traces are removed again (an empty journal,
    its snapshot), so that every run finds the same folder."""
    device = "newcomputer"
    traces = (data / "state" / f"{device}.snapshot", data / "reviews" / f"{device}.jsonl")

    def clear() -> None:
        for path in traces:
            path.unlink(missing_ok=True)

    clear()
    try:
        return probe({**env, "DLFLASH_DEVICE": device}, "startup", str(data), str(deck))
    finally:
        clear()


def command_ms(env: dict[str, str], runs: int, *args: str) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "dlflash", *args], capture_output=True,
                                env=env, check=False, timeout=900)
        if result.returncode != 0:
            raise SystemExit(f"dlflash {' '.join(args)} failed: {result.stderr[-2000:]!r}")
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def distribution(values: list[float]) -> str:
    return (f"p50 {statistics.median(values):.1f}, p95 {percentile(values, 0.95):.1f}, "
            f"p99 {percentile(values, 0.99):.1f}, max {max(values):.1f} ms")


def bundled_deck(env: dict[str, str], work: Path, think: float) -> dict[str, list[float]]:
    """Reveal and grade every card of the bundled deck, new, in a fresh data folder."""
    data = work / "data-bundled"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    (data / "settings.yaml").write_text("new_per_day: 64\nnew_order: deck\n")
    line = probe(env, "grades", str(data), "-", "64", str(think))
    return {"grade": [float(x) for x in line["latencies_ms"]],  # type: ignore[union-attr]
            "reveal": [float(x) for x in line["reveals_ms"]]}  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--grades", type=int, default=200)
    parser.add_argument("--think", type=float, default=0.6,
                        help="seconds on each new card before answering (the app's idle work "
                             "runs then, as when a candidate reads the question); 0: none")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--cold", action="store_true",
                        help="remove each size's snapshot and backups before its first start")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    work, env, deck = workspace(args.keep, "dlflash-bench-", args.cards)

    floors = [probe(env, "floor") for _ in range(args.runs)]
    floor_ms = min(float(f["startup_ms"]) for f in floors)
    floor_rss = max(float(f["rss_mb"]) for f in floors)
    floor_grades = [float(x) for x in  # type: ignore[union-attr]
                    probe(env, "floor-grades", str(args.grades))["latencies_ms"]]
    rows = []
    for size in sizes:
        data = work / f"data-{size}"
        if not (data / "reviews").exists():
            print(f"generating {size:,} reviews ...", file=sys.stderr)
            write_history(data, size, args.cards)
        (data / "settings.yaml").write_text("new_per_day: 9999\nmax_reviews_per_day: 99999\n")
        runs = args.runs if size < 1_000_000 else max(2, args.runs // 2)
        journal_mb = sum(p.stat().st_size for p in (data / "reviews").glob("*.jsonl")) / 2**20
        if args.cold:
            shutil.rmtree(data / "state", ignore_errors=True)
            shutil.rmtree(data / "backups", ignore_errors=True)
        starts = [probe(env, "startup", str(data), str(deck)) for _ in range(runs)]
        newcomer = new_computer_start(env, data, deck)
        grades = probe(env, "grades", str(data), str(deck), str(args.grades), str(args.think))
        latencies = [float(x) for x in grades["latencies_ms"]]  # type: ignore[union-attr]
        reveals = [float(x) for x in grades["reveals_ms"]]  # type: ignore[union-attr]
        stats = min(float(probe(env, "stats", str(data), str(deck))["open_ms"])
                    for _ in range(min(runs, 3)))
        common = ("--data-dir", str(data), "--deck", str(deck))
        rows.append({
            "reviews": size,
            "journal_mb": journal_mb,
            "first_start_ms": float(starts[0]["startup_ms"]),
            "startup_ms": min(float(s["startup_ms"]) for s in starts[1:] or starts),
            "first_rss_mb": float(starts[0]["rss_mb"]),
            "new_computer_ms": float(newcomer["startup_ms"]),
            "new_computer_rss_mb": float(newcomer["rss_mb"]),
            "grade_p50_ms": statistics.median(latencies),
            "grade_p95_ms": percentile(latencies, 0.95),
            "grade_p99_ms": percentile(latencies, 0.99),
            "grade_max_ms": max(latencies),
            "reveals": reveals,
            "stats_open_ms": stats,
            "due_ms": command_ms(env, runs, "due", "--json", *common),
            "stats_json_ms": command_ms(env, min(runs, 3), "stats", "--json", *common),
            "rss_mb": max(float(s["rss_mb"]) for s in starts[1:] or starts),
        })

    print(f"\ndlflash benchmark: {args.cards:,} cards; {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}")
    print(f"floor (minimal Textual app, same widgets): start {floor_ms:.0f} ms, "
          f"RSS {floor_rss:.0f} MB; its next card painted {distribution(floor_grades)}\n")
    header = ("reviews", "journal MB", "1st start", "new computer", "start", "x floor",
              "grade p50",
              "grade p95", "grade p99", "grade max", "stats open", "due --json",
              "stats --json", "1st RSS MB", "RSS MB")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for row in rows:
        print(" | ".join((
            f"{row['reviews']:,}", f"{row['journal_mb']:.1f}", f"{row['first_start_ms']:.0f} ms",
            f"{row['new_computer_ms']:.0f} ms ({row['new_computer_rss_mb']:.0f} MB)",
            f"{row['startup_ms']:.0f} ms", f"{row['startup_ms'] / floor_ms:.2f}",
            f"{row['grade_p50_ms']:.1f} ms", f"{row['grade_p95_ms']:.1f} ms",
            f"{row['grade_p99_ms']:.1f} ms", f"{row['grade_max_ms']:.1f} ms",
            f"{row['stats_open_ms']:.0f} ms", f"{row['due_ms']:.0f} ms",
            f"{row['stats_json_ms']:.0f} ms", f"{row['first_rss_mb']:.0f}",
            f"{row['rss_mb']:.0f}",
        )))
    print()
    for row in rows:
        print(f"reveal to model answer painted, {row['reviews']:,} reviews: "
              f"{distribution(row['reveals'])}")
    bundled = bundled_deck(env, work, args.think)
    print(f"bundled deck, 64 new cards: reveal {distribution(bundled['reveal'])}; "
          f"grade to next card {distribution(bundled['grade'])}")
    key = next((row for row in rows if row["reviews"] == 100_000), rows[-1])
    print(f"\nstartup_ratio={key['startup_ms'] / floor_ms:.2f} "
          f"grade_p95_ms={key['grade_p95_ms']:.1f} grade_p99_ms={key['grade_p99_ms']:.1f} "
          f"stats_open_ms={key['stats_open_ms']:.0f} "
          f"rss_mb={key['rss_mb']:.0f} first_start_ms={key['first_start_ms']:.0f} "
          f"first_rss_mb={key['first_rss_mb']:.0f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
