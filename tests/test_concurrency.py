"""Two devices writing into one synced folder at the same time lose nothing and agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dlflash.journal.store import Store

WRITER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from dlflash.journal.events import Review, new_id
from dlflash.journal.store import Store

data, device, offset = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = Store(data, device, computer=device)  # each device plays a computer of its own
history, _ = store.open()
start = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
for i in range(150):
    ts = start + timedelta(seconds=2 * i + offset)
    review = Review(id=new_id(), card=f"c{i % 12:02}", ts=ts, day=ts.date(),
                    grade=(i * 7 + offset) % 6, device=device)
    scheduled, after = history.outcome(review)
    store.append(review, after=after, scheduled=scheduled)
    history.apply(review)
store.close(history)
"""


def test_two_devices_at_once(data_dir: Path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), device, str(offset)])
        for device, offset in (("laptop", 0), ("desktop", 1))
    ]
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    laptop, _ = Store(data_dir, "laptop").read()
    desktop, _ = Store(data_dir, "desktop").read()
    assert len(list(laptop.all_reviews())) == 300
    assert laptop.states == desktop.states
    devices = {r.review.device for r in laptop.all_reviews()}
    assert devices == {"laptop", "desktop"}
    # Replay order is time order across both journals, whichever file is read first.
    times = [r.review.ts for r in laptop.all_reviews()]
    assert times == sorted(times)


def test_second_instance_on_one_device_is_refused_while_the_first_writes(
    data_dir: Path,
) -> None:
    first = Store(data_dir, "laptop", computer="laptop")
    first.open()
    result = subprocess.run(
        [sys.executable, "-c", WRITER, str(data_dir), "laptop", "0"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0 and "Another dlflash" in result.stderr
    first.close()
