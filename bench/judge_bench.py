"""How long the judge takes for one typed answer: `python bench/judge_bench.py`.

Each of the graded answers in bench/answers/ is judged against its card, over and over, in
random order, three ways. "cold": every cache of the judge emptied first, even of English
stems (the worst case: a card, and every word, seen for the first time; the judge's cost is
one card's keywords and traps, whatever the size of the deck). "reveal": the caches
emptied, then `prepare(card)` run untimed, as the review screen does in a worker while the
candidate types; this is what a reveal waits for. "warm": the same card again, as when the
grade is worked out anew. Prints the distributions in milliseconds, and the one-off cost
of loading the judge (done off the UI thread, half a second after start-up).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dlflash.deck.loader import DeckSource, bundled_deck_dir, load_deck  # noqa: E402
from dlflash.deck.model import Card  # noqa: E402
from dlflash.judge import fold, matcher, traps, verdict  # noqa: E402
from dlflash.judge.verdict import judge, prepare  # noqa: E402


def _clear_caches() -> None:
    for cached in (fold.stem, matcher.compile_keyword, matcher.vocabulary,
                   traps.compile_pattern, verdict.in_question):
        cached.cache_clear()


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    pick = [ordered[min(len(ordered) - 1, int(share * len(ordered)))]
            for share in (0.5, 0.95, 0.99)]
    return (f"p50 {pick[0]:.2f} ms  p95 {pick[1]:.2f} ms  p99 {pick[2]:.2f} ms  "
            f"max {ordered[-1]:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    deck = load_deck([DeckSource(bundled_deck_dir(), bundled=True)])
    answers = [json.loads(line) for path in sorted((ROOT / "bench" / "answers").glob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [(deck.by_id[row["card"]], row["answer"]) for row in answers]
    rng = random.Random(7)
    times: dict[str, list[float]] = {"cold": [], "reveal": [], "warm": []}

    def timed(kind: str, card: Card, answer: str) -> None:
        start = time.perf_counter()
        judge(card, answer)
        times[kind].append((time.perf_counter() - start) * 1000)

    for _ in range(args.runs):
        card, answer = rng.choice(pairs)
        _clear_caches()
        timed("cold", card, answer)
        _clear_caches()
        prepare(card)
        timed("reveal", card, answer)
        timed("warm", card, answer)
    load = subprocess.run(
        [sys.executable, "-c", "import time; t = time.perf_counter(); "
         "import dlflash.judge.verdict; print((time.perf_counter() - t) * 1000)"],
        capture_output=True, text=True, check=True, cwd=ROOT / "src")
    print(f"{platform.machine()}, Python {platform.python_version()}, {args.runs} answers "
          f"from {len(pairs)} graded ones, {len(deck)} cards")
    for kind, values in times.items():
        print(f"{kind + ':':<8}{_percentiles(values)}")
    print(f"loading the judge (once, off the UI thread): {float(load.stdout):.0f} ms")


if __name__ == "__main__":
    main()
