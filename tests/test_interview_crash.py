"""Kill a mock interview with SIGKILL midway, again and again: every answer already given
is kept, and the data folder always opens afterwards."""

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

from dlflash.journal.store import Store

from helpers import small_deck

CHILD = Path(__file__).with_name("interview_crash_child.py")
KILLS = 8


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_interview_keeps_every_answer_given(tmp_path: Path, data_dir: Path) -> None:
    deck = small_deck(tmp_path / "deck")
    rng = random.Random(20261202)
    acknowledged: list[str] = []
    for attempt in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(deck), str(attempt)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read()  # type: ignore[union-attr]
        acknowledged.append(child.stdout.readline().strip())  # it is answering: kill it
        time.sleep(rng.uniform(0.0, 0.1))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged += [line for line in out.splitlines() if line]

        store = Store(data_dir, "crash")
        history, report = store.open()
        assert not [w for w in report.warnings if "cut short" not in w
                    and "did not close cleanly" not in w], report.warnings
        kept = Counter(answer.id for answer in history.interview_answers())
        assert all(kept[answer_id] == 1 for answer_id in acknowledged)
        assert history.states == {}  # answers never schedule a card
        store.close(history)
        records = [json.loads(line) for line in store.journal_path.read_bytes().splitlines()]
        assert {record["type"] for record in records} == {"interview"}
    assert len(acknowledged) > KILLS  # the kills landed while answering
    print(f"{KILLS} kills, {len(acknowledged)} answers acknowledged, all kept")
