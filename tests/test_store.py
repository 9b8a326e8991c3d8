from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dlflash.journal import store as store_module
from dlflash.journal.events import CardAction, Review, Undo, encode, new_id
from dlflash.journal.history import History
from dlflash.journal.store import Store, StoreError, StoreLocked

KST = timezone(timedelta(hours=9))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=KST)


def review(card: str, grade: int, minutes: int = 0, day: date | None = None,
           device: str = "testdev") -> Review:
    ts = T0 + timedelta(minutes=minutes)
    return Review(id=new_id(), card=card, ts=ts, day=day or ts.date(), grade=grade,
                  device=device, ms=1200, answer="typed 답", ticked=(0, 2), language="ko")


def test_append_is_durable_and_replays(data_dir: Path) -> None:
    store = Store(data_dir, "testdev")
    history, report = store.open()
    assert report.warnings == [] and history.states == {}
    events = [review("q01", 5), review("q01", 2, 1), review("q02", 4, 2)]
    for event in events:
        scheduled, after = history.outcome(event)
        store.append(event, after=after, scheduled=scheduled)
        history.apply(event)
    store.close(history)
    again, _ = Store(data_dir, "testdev").read()
    assert again.states == history.states
    assert [r.review for r in again.all_reviews()] == events
    line = json.loads(store.journal_path.read_text().splitlines()[0])
    assert line["v"] == 1 and line["type"] == "review" and line["card"] == "q01"
    assert line["ts"].endswith("+09:00") and line["day"] == "2026-03-02"
    assert line["scheduled"] is True and line["interval"] == 1 and line["ef"] == 2.6
    assert line["answer"] == "typed 답" and line["ticked"] == [0, 2] and line["ms"] == 1200


def test_files_are_private(data_dir: Path) -> None:
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    store.append(review("q01", 4))
    store.close(history)
    assert stat.S_IMODE(store.journal_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.snapshot_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "reviews").stat().st_mode) == 0o700


def test_torn_last_line_is_set_aside_not_kept(data_dir: Path) -> None:
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    good = review("q01", 4)
    store.append(good)
    store.close()
    with open(store.journal_path, "ab") as handle:
        handle.write(b'{"v":1,"id":"torn","type":"rev')
    # A read-only look skips it and changes nothing.
    size = store.journal_path.stat().st_size
    _, report = Store(data_dir, "testdev").read()
    assert store.journal_path.stat().st_size == size
    assert "incomplete" in report.warnings[0]
    # Opening (with the lock) moves it to recovered/ and cuts the journal.
    history, report = Store(data_dir, "testdev").open()
    assert [r.review.id for r in history.all_reviews()] == [good.id]
    assert "cut short by a crash" in report.warnings[0]
    [side] = (data_dir / "recovered").iterdir()
    assert side.read_bytes() == b'{"v":1,"id":"torn","type":"rev'
    assert store.journal_path.read_bytes().endswith(b"\n")


def test_journal_with_only_a_torn_line(data_dir: Path) -> None:
    (data_dir / "reviews").mkdir(parents=True)
    (data_dir / "reviews" / "testdev.jsonl").write_bytes(b'{"v":1')
    store = Store(data_dir, "testdev")
    history, _report = store.open()
    assert history.states == {} and store.journal_path.read_bytes() == b""
    store.append(review("q01", 4))
    store.close()
    assert len(Store(data_dir, "testdev").read()[0].states) == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"not json", "unreadable line"),
        (b"\xff\xfe", "unreadable line"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"v": 1, "id": "x", "type": "review", "ts": "2026-03-02T09:00:00", '
         b'"day": "2026-03-02", "card": "q", "grade": 3}', "no UTC offset"),
        (b'{"v": 1, "id": "x", "type": "review", "ts": "2026-03-02T09:00:00+09:00", '
         b'"day": "2026-03-02", "card": "q", "grade": 9}', "grade must be"),
        (b'{"v": 1, "id": "x", "type": "dance", "ts": "2026-03-02T09:00:00+09:00", '
         b'"day": "2026-03-02"}', "unknown event type"),
    ],
)
def test_corrupt_middle_lines_are_reported_and_the_file_is_kept(
    data_dir: Path, line: bytes, message: str
) -> None:
    good1, good2 = review("q01", 4), review("q02", 5, 1)
    path = data_dir / "reviews" / "testdev.jsonl"
    path.parent.mkdir(parents=True)
    original = encode(good1) + line + b"\n" + encode(good2)
    path.write_bytes(original)
    history, report = Store(data_dir, "testdev").open()
    assert [r.review.id for r in history.all_reviews()] == [good1.id, good2.id]
    assert any(f"{path}:2:" in w and message in w for w in report.warnings), report.warnings
    assert path.read_bytes() == original


def test_a_newer_schema_stops_without_changing_anything(data_dir: Path) -> None:
    path = data_dir / "reviews" / "testdev.jsonl"
    path.parent.mkdir(parents=True)
    original = encode(review("q01", 4)) + b'{"v": 2, "id": "x", "type": "review"}\n'
    path.write_bytes(original)
    with pytest.raises(StoreError, match=r"jsonl:2: written by a newer dlflash \(schema 2\)"):
        Store(data_dir, "testdev").open()
    assert path.read_bytes() == original
    assert Store(data_dir, "testdev").lock() is False  # released, and cleanly


@pytest.mark.parametrize(
    "content",
    [b'{"schema": 1, "cards": {"q01": ', b"\x00\xff garbage", b"[1, 2, 3]", b"",
     b'{"schema": 7, "cards": {}}', b'{"schema": 1, "cards": []}'],
    ids=["truncated", "garbage", "wrong-shape", "empty", "future-schema", "cards-not-a-map"],
)
def test_bad_snapshot_is_kept_aside_and_rebuilt(data_dir: Path, content: bytes,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    store.append(review("q01", 5))
    store.close()
    store.snapshot_path.write_bytes(content)
    store = Store(data_dir, "testdev")
    history, report = store.open()
    assert "snapshot could not be used" in report.warnings[0]
    assert str(store.snapshot_path) in report.warnings[0]
    [side] = (data_dir / "recovered").iterdir()
    assert side.read_bytes() == content
    store.close(history)
    assert json.loads(store.snapshot_path.read_bytes().split(b"\n")[0])["schema"] == 1
    reopened, _ = Store(data_dir, "testdev").read()
    assert reopened.partial and reopened.states == history.states


def test_review_of_a_deleted_card_keeps_its_history(data_dir: Path) -> None:
    store = Store(data_dir, "testdev")
    store.open()
    store.append(review("gone", 5))
    store.close()
    history, report = Store(data_dir, "testdev").read()
    assert report.warnings == [] and history.state("gone").repetitions == 1


def test_two_devices_merge_by_time_and_agree(data_dir: Path) -> None:
    laptop, desktop = Store(data_dir, "laptop"), Store(data_dir, "desktop")
    _a, _ = laptop.open()
    laptop.append(review("q01", 5, 0, device="laptop"))
    laptop.append(review("q01", 5, 60 * 24, day=date(2026, 3, 3), device="laptop"))
    laptop.close()
    desktop.open()
    desktop.append(review("q02", 3, 30, device="desktop"))
    desktop.append(review("q01", 1, 60 * 48, day=date(2026, 3, 4), device="desktop"))
    desktop.close()
    seen_by_laptop, _ = Store(data_dir, "laptop").read()
    seen_by_desktop, _ = Store(data_dir, "desktop").read()
    assert seen_by_laptop.states == seen_by_desktop.states
    assert seen_by_laptop.state("q01").repetitions == 0  # the desktop's fail came last
    assert len(list(seen_by_laptop.all_reviews())) == 4


def test_duplicated_event_counts_once(data_dir: Path) -> None:
    event = review("q01", 5)
    folder = data_dir / "reviews"
    folder.mkdir(parents=True)
    (folder / "a.jsonl").write_bytes(encode(event))
    (folder / "a-copy.jsonl").write_bytes(encode(event))
    history, report = Store(data_dir, "testdev").read()
    assert len(list(history.all_reviews())) == 1
    assert "appear twice" in report.warnings[0]


def test_second_instance_is_refused(data_dir: Path) -> None:
    first = Store(data_dir, "testdev")
    first.open()
    with pytest.raises(StoreLocked, match=r"Another dlflash .*pid"):
        Store(data_dir, "testdev").open()
    first.close()
    Store(data_dir, "testdev").open()


def test_second_process_is_refused_and_a_dead_holder_is_taken_over(data_dir: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from dlflash.journal.store import Store;"
         f"s = Store(Path({str(data_dir)!r}), 'testdev'); s.open(); print('ready', flush=True);"
         "time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match=f"pid {holder.pid}"):
            Store(data_dir, "testdev").open()
    finally:
        holder.kill()
        holder.wait()
    _, report = Store(data_dir, "testdev").open()
    assert "did not close cleanly" in report.warnings[0]


def test_unwritable_data_directory(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("x")
        target = blocker / "data"  # a path below a file can never be created
    else:
        target = tmp_path / "ro"
        target.mkdir(mode=0o500)
    with pytest.raises(StoreError, match="Cannot create the data directory"):
        Store(target, "testdev").open()


def test_write_failure_is_a_clear_error(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(data_dir, "testdev")
    store.open()

    def full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StoreError, match=r"No space left on device.*was not saved"):
        store.append(review("q01", 4))


def test_bad_device_name() -> None:
    with pytest.raises(StoreError, match="device name"):
        Store(Path("/tmp"), "../evil")


def test_undo_and_actions_replay(data_dir: Path) -> None:
    first, second = review("q01", 5), review("q02", 4, 1)
    bury = CardAction(id=new_id(), kind="bury", card="q03", ts=T0, day=T0.date())
    suspend = CardAction(id=new_id(), kind="suspend", card="q04", ts=T0, day=T0.date())
    undo = Undo(id=new_id(), target=second.id, ts=T0 + timedelta(minutes=2), day=T0.date())
    history = History([first, second, bury, suspend, undo])
    assert "q02" not in history.states and "q01" in history.states
    assert history.is_buried("q03", T0.date()) and not history.is_buried("q03", date(2026, 3, 3))
    assert history.is_suspended("q04") and history.suspended_cards() == {"q04"}
