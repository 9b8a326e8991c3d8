"""Kill a grading process with SIGKILL at random moments; nothing acknowledged may be lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from dlflash.journal import store as store_module
from dlflash.journal.store import Store

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 20


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_never_loses_an_acknowledged_review(data_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)  # reopen from the snapshot
    rng = random.Random(20261124)
    acknowledged: list[str] = []
    torn_seen = 0
    for attempt in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(attempt)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read()  # type: ignore[union-attr]
        acknowledged.append(child.stdout.readline().strip())  # it is grading: now kill it
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged += [line for line in out.splitlines() if line]
        journal = data_dir / "reviews" / "crash.jsonl"
        if attempt % 5 == 4:  # a write torn by the crash: half of a line, no newline
            whole = journal.read_bytes().splitlines()[-1]
            with open(journal, "ab") as handle:
                handle.write(whole[: len(whole) // 2])

        store = Store(data_dir, "crash")
        history, report = store.open()
        torn = sum("cut short by a crash" in w for w in report.warnings)
        assert torn >= (attempt % 5 == 4)  # a kill may also tear a line for real
        torn_seen += torn
        assert not [w for w in report.warnings if "cut short" not in w
                    and "did not close cleanly" not in w], report.warnings
        store.close(history)

        lines = store.journal_path.read_bytes().splitlines()
        records = [json.loads(line) for line in lines]
        counts = Counter(record["id"] for record in records)
        assert all(counts[review_id] == 1 for review_id in acknowledged)
        assert max(counts.values()) == 1
        full, _ = Store(data_dir, "crash").read(full=True)
        replayed = {r.review.id: r for r in full.all_reviews()}
        for record in records:  # state equals a replay of the log
            after = replayed[record["id"]].after
            assert (record["reps"], record["ef"], record["interval"]) == (
                after.repetitions, after.easiness, after.interval)
        assert history.states == full.states  # opened from the snapshot or not
        again, _ = Store(data_dir, "crash").read()
        assert again.states == history.states
    assert len(acknowledged) > KILLS  # the kills landed while grading, many times
    assert len(list((data_dir / "recovered").iterdir())) == torn_seen >= KILLS // 5
    print(f"{KILLS} kills, {len(acknowledged)} acknowledged reviews, {torn_seen} torn tails")
