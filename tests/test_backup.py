from __future__ import annotations

import argparse
import io
import stat
import tarfile
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from dlflash.cli import main
from dlflash.journal.backup import (
    Backup,
    BackupError,
    find_backup,
    list_backups,
    make_backups,
)
from dlflash.journal.store import Store
from dlflash.tui import launch

from test_store import review


def journal(data_dir: Path, *events: object) -> Store:
    store = Store(data_dir, "testdev")
    store.open()
    for event in events:
        store.append(event)  # type: ignore[arg-type]
    store.close()
    return store


def test_daily_and_weekly_backups_rotate(data_dir: Path) -> None:
    assert make_backups(data_dir, date(2026, 3, 2)) == []  # nothing to back up yet
    journal(data_dir)
    assert make_backups(data_dir, date(2026, 3, 2)) == []  # an empty journal either
    journal(data_dir, review("q01", 5))
    first = make_backups(data_dir, date(2026, 3, 2))
    assert [b.name for b in first] == ["2026-03-02", "2026-W10"]
    assert make_backups(data_dir, date(2026, 3, 2)) == []  # once a day
    for offset in range(1, 30):
        make_backups(data_dir, date(2026, 3, 2) + timedelta(days=offset))
    names = [b.name for b in list_backups(data_dir)]
    assert names[:7] == [(date(2026, 3, 31) - timedelta(days=i)).isoformat() for i in range(7)]
    assert len(names) == 7 + 5  # 7 daily, and the 5 weeks seen so far (8 kept at most)
    mode = stat.S_IMODE(list_backups(data_dir)[0].path.stat().st_mode)
    assert mode == 0o600


def test_backup_keeps_only_whole_lines(data_dir: Path) -> None:
    store = journal(data_dir, review("q01", 5))
    with open(store.journal_path, "ab") as handle:
        handle.write(b'{"half a line')
    [daily, _] = make_backups(data_dir, date(2026, 3, 2))
    with tarfile.open(daily.path) as tar:
        data = tar.extractfile("reviews/testdev.jsonl").read()  # type: ignore[union-attr]
    assert data.endswith(b"\n") and b"half a line" not in data


def test_restore_round_trip(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = journal(data_dir, review("q01", 5))
    make_backups(data_dir, date(2026, 3, 2))
    store.journal_path.write_bytes(b"\x00\x00 destroyed \x00")
    assert main(["restore"]) == 0
    assert "2026-03-02" in capsys.readouterr().out
    assert main(["restore", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert "Restored the journals from backup 2026-03-02" in out
    history, report = Store(data_dir, "testdev").read()
    assert report.warnings == [] and history.state("q01").repetitions == 1
    kept = list((data_dir / "recovered").glob("before-restore-*/reviews/testdev.jsonl"))
    assert kept[0].read_bytes() == b"\x00\x00 destroyed \x00"


def test_restore_errors(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["restore"]) == 0
    assert "No backups yet" in capsys.readouterr().out
    journal(data_dir, review("q01", 5))
    make_backups(data_dir, date(2026, 3, 2))
    assert main(["restore", "1999-01-01"]) == 1
    assert "no backup named '1999-01-01'" in capsys.readouterr().err
    running = Store(data_dir, "testdev")
    running.open()
    assert main(["restore", "2026-03-02"]) == 3
    assert "Another dlflash" in capsys.readouterr().err
    running.close()


def test_a_hostile_archive_is_refused(data_dir: Path) -> None:
    journal(data_dir, review("q01", 5))
    [daily, _] = make_backups(data_dir, date(2026, 3, 2))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("../../escape.jsonl")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    daily.path.write_bytes(buffer.getvalue())
    from dlflash.journal.backup import restore_backup

    with pytest.raises(BackupError, match="unexpected entry"):
        restore_backup(data_dir, find_backup(data_dir, "2026-03-02"))
    assert not (data_dir.parent / "escape.jsonl").exists()


def test_restore_says_what_it_sets_aside(data_dir: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    journal(data_dir, review("q01", 5))
    make_backups(data_dir, date(2026, 3, 2))
    later = [review("q02", 4, day=date(2026, 3, 3)), review("q03", 1, day=date(2026, 3, 4))]
    journal(data_dir, *later)
    assert main(["restore"]) == 0
    listing = capsys.readouterr().out
    assert ("restoring it sets aside 2 reviews and 0 other events (study days 2026-03-03 "
            "to 2026-03-04)") in listing
    assert main(["restore", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert ("Not in the backup, so no longer counted: 2 reviews and 0 other events (study "
            "days 2026-03-03 to 2026-03-04).") in out
    assert main(["restore", "2026-03-02"]) == 0  # the same journals again: nothing to lose
    assert "no longer counted" not in capsys.readouterr().out


def _args(data_dir: Path) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data_dir), deck=[], days=30)


def test_the_days_backup_is_taken_beside_the_start_up(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app is ready before the backup is done (it took 0.4 s of a start at 100,000
    reviews), and the store is not let go before it is."""
    journal(data_dir, review("q01", 5))
    release, taken = threading.Event(), threading.Event()

    def slow_backups(data: Path, today: date) -> list[Backup]:
        assert release.wait(timeout=30)
        written = make_backups(data, today)
        taken.set()
        return written

    monkeypatch.setattr(launch, "make_backups", slow_backups)
    with launch.prepared_app(_args(data_dir), check=False):
        assert not taken.is_set()  # the app is here, the backup still under way
        release.set()
    assert taken.is_set()  # waited for on the way out
    assert [backup.kind for backup in list_backups(data_dir)] == ["daily", "weekly"]


def test_a_backup_that_cannot_be_written_is_said_at_exit(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal(data_dir, review("q01", 5))
    (data_dir / "backups").write_text("a file where the backups folder goes")
    with launch.prepared_app(_args(data_dir), check=False):
        pass
    assert "could not write today's backup" in capsys.readouterr().err
    store = Store(data_dir, "testdev")
    assert len(store.open()[0].reviews_of("q01")) == 1  # nothing lost
    store.close()
