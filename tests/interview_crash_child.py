"""Runs mock interviews as fast as it can and prints each answer's event id once
`Interviewer.answer` has returned (the answer is then on disk).

Run by test_interview_crash.py, which kills it with SIGKILL at random moments.
Usage: python interview_crash_child.py DATA_DIR DECK_DIR SEED
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from dlflash.base.config import Settings
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal.store import Store
from dlflash.study.interviewer import Interviewer, new_plan, request_for
from dlflash.study.session import Session

data_dir, deck_dir, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
store = Store(data_dir, "crash")
history, _ = store.open()
now = [datetime(2026, 3, 2, 9, tzinfo=timezone(timedelta(hours=9))) + timedelta(days=seed)]
session = Session(load_deck([DeckSource(deck_dir)]), history, store, Settings(),
                  lambda: now[0], "crash")
print("ready", flush=True)
while True:
    interviewer = Interviewer(new_plan(session, request_for(Settings(), order="random",
                                                            seed=rng.randrange(99))), session)
    interviewer.show()
    while interviewer.current is not None:
        now[0] += timedelta(seconds=rng.randrange(1, 200))
        typed = " ".join(rng.choice(("kw1", "키워드2", "답", "aloud")) for _ in range(
            rng.randrange(0, 400)))
        print(interviewer.answer(typed, "ko").event_id, flush=True)
