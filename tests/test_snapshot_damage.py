"""A snapshot damaged anywhere, one byte at a time, is never used: the checksum catches it,
and the journals give the same figures as if there were no snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dlflash.cli import main
from dlflash.journal import checkpoint
from dlflash.journal import store as store_module
from dlflash.journal.store import Store
from test_store_snapshot import read_in_full, study


@pytest.fixture(autouse=True)
def _snapshots_for_small_journals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)


def test_every_flipped_byte_is_caught(data_dir: Path) -> None:
    study(data_dir, days=3, per_day=2)
    path = data_dir / "state" / "testdev.snapshot"
    good = path.read_bytes()
    assert checkpoint.load(good, "testdev")
    full, _ = Store(data_dir, "testdev").read(full=True)
    for offset in range(len(good)):
        damaged = bytearray(good)
        damaged[offset] ^= 0x20  # letter case, a digit into another sign, a quote into \x02
        with pytest.raises(checkpoint.CheckpointError):
            checkpoint.load(bytes(damaged), "testdev")
        path.write_bytes(damaged)
        history, _ = Store(data_dir, "testdev").read()
        assert read_in_full(history, data_dir) and history.states == full.states, offset


def test_a_damaged_snapshot_is_set_aside_and_stats_are_right(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    study(data_dir)
    assert main(["stats", "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    path = data_dir / "state" / "testdev.snapshot"
    good = path.read_bytes()
    for offset in range(0, len(good), max(1, len(good) // 40)):
        damaged = bytearray(good)
        damaged[offset] ^= 0x01
        path.write_bytes(damaged)
        assert main(["stats", "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == expected, offset
    # Damage in the first line is found at start: set aside, reported, rebuilt at close.
    damaged = bytearray(good)
    damaged[good.index(b"\n") // 2] ^= 0x01
    path.write_bytes(damaged)
    store = Store(data_dir, "testdev")
    history, report = store.open()
    assert "snapshot could not be used" in report.warnings[0]
    store.close(history)
    assert path.read_bytes() != damaged and checkpoint.load(path.read_bytes(), "testdev")
    # The older reviews' table is read and checked on first use, not at start (issue 19):
    # damaged, it is rebuilt from the journals then, and a good snapshot written at close.
    good = path.read_bytes()
    damaged = bytearray(good)
    damaged[-3] ^= 0x01
    path.write_bytes(damaged)
    store = Store(data_dir, "testdev")
    history, report = store.open()
    assert report.warnings == [] and history.partial
    kept = set((data_dir / "recovered").iterdir())
    assert read_in_full(history, data_dir)
    assert [side.read_bytes() for side in set((data_dir / "recovered").iterdir()) - kept] == [
        bytes(damaged)]
    store.close(history)
    assert checkpoint.load(path.read_bytes(), "testdev")


def test_a_snapshot_without_a_checksum_from_the_last_version_is_dropped_quietly(
        data_dir: Path) -> None:
    history = study(data_dir)
    path = data_dir / "state" / "testdev.snapshot"
    head, table = path.read_bytes().split(b"\n", 1)
    record = json.loads(head)
    del record["crc32"]
    path.write_bytes(json.dumps({**record, "format": 2}).encode() + b"\n" + table)
    store = Store(data_dir, "testdev")
    reopened, report = store.open()
    assert report.warnings == [] and read_in_full(reopened, data_dir)
    assert reopened.states == history.states
    store.close(reopened)
    assert Store(data_dir, "testdev").read()[0].partial
