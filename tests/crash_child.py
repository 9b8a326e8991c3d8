"""Grades cards as fast as it can and prints each review id once its write returned.

Run by test_crash.py, which kills it with SIGKILL at random moments.
Usage: python crash_child.py DATA_DIR SEED
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from dlflash.journal.events import Review, new_id
from dlflash.journal.store import Store

data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
store = Store(data_dir, "crash")
history, _ = store.open()
start = datetime(2026, 3, 2, 9, tzinfo=timezone(timedelta(hours=9)))
last = max((r.review.ts for r in history.all_reviews()), default=start)
count = 0
print("ready", flush=True)
while True:
    count += 1
    ts = last + timedelta(minutes=7 * count)  # so the history spans many study days
    review = Review(id=new_id(), card=f"c{rng.randrange(20):02}", ts=ts,
                    day=(ts - timedelta(hours=4)).date(), grade=rng.randrange(6),
                    device="crash", ms=rng.randrange(60_000),
                    answer="답 " * rng.randrange(1, 300), ticked=(0,))
    scheduled, after = history.outcome(review)
    store.append(review, after=after, scheduled=scheduled)
    history.apply(review)
    print(review.id, flush=True)
    if count % 17 == 0:
        store.write_snapshot(history)
