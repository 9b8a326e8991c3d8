"""The store's smaller promises: a last line without its newline, the folder entries made
durable, private modes whatever the umask, one dlflash per folder and computer, conflict
copies named, and a start that says what it found."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dlflash.journal.backup import make_backups
from dlflash.journal.events import encode
from dlflash.journal.store import Store, StoreLocked
from dlflash.workspace import device_name

from test_store import review


def test_a_complete_last_line_without_its_newline_is_kept(data_dir: Path) -> None:
    first, last = review("q01", 5), review("q02", 4, 1)
    (data_dir / "reviews").mkdir(parents=True)
    journal = data_dir / "reviews" / "testdev.jsonl"
    journal.write_bytes(encode(first) + encode(last).rstrip(b"\n"))  # an editor stripped it
    other = data_dir / "reviews" / "laptop.jsonl"
    other.write_bytes(encode(review("q03", 3, 2, device="laptop")).rstrip(b"\n"))
    read, report = Store(data_dir, "testdev").read()
    assert report.warnings == [] and len(list(read.all_reviews())) == 3
    store = Store(data_dir, "testdev")
    history, report = store.open()
    assert report.warnings == [] and len(list(history.all_reviews())) == 3
    store.append(review("q04", 4, 3))  # lands on a line of its own
    store.close(history)
    assert journal.read_bytes().count(b"\n") == 3 and not (data_dir / "recovered").exists()
    assert len(list(Store(data_dir, "testdev").read()[0].all_reviews())) == 4


def test_new_folders_and_the_first_journal_are_made_durable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:  # the real fsync, and which file or folder it was
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name the synced descriptors")
    monkeypatch.setattr(os, "fsync", recording)
    data = tmp_path / "new" / "data"
    store = Store(data, "testdev")
    store.open()
    store.close()
    for folder in (data.parent, data, data / "reviews"):
        assert str(folder) in synced, synced  # holds a new entry: the folder made durable


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    yield
    os.umask(old)


def test_files_and_folders_are_private_under_any_umask(data_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       open_umask: None) -> None:
    monkeypatch.delenv("DLFLASH_DEVICE")
    device = device_name()
    store = Store(data_dir, device)
    history, _ = store.open()
    store.append(review("q01", 5))
    make_backups(data_dir, date(2026, 3, 2))
    store.close(history)
    config = tmp_path / "home" / "xdg_config_home" / "dlflash"
    made = [data_dir, *data_dir.rglob("*"), config, *config.rglob("*")]
    assert len(made) > 8
    for path in made:
        want = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == want, path


HOLD = """
import sys, time
from pathlib import Path
from dlflash.journal.store import Store
store = Store(Path(sys.argv[1]), sys.argv[2])
store.open()
print("ready", flush=True)
time.sleep(60)
"""


def test_one_dlflash_per_folder_and_computer_whatever_the_device_name(
        data_dir: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(data_dir), "laptop-a"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match=f"pid {holder.pid}"):
            Store(data_dir, "laptop-b").open()
    finally:
        holder.kill()
        holder.wait()


def test_conflict_copies_are_named_with_what_to_do(data_dir: Path) -> None:
    folder = data_dir / "reviews"
    folder.mkdir(parents=True)
    first, second = review("q01", 5), review("q02", 4, 1)
    (folder / "testdev.jsonl").write_bytes(encode(first) + encode(second))
    copy = folder / "testdev.sync-conflict-20260302-101010-ABCDEFG.jsonl"
    copy.write_bytes(encode(first))
    dropbox = folder / "testdev (conflicted copy 2026-03-02).jsonl"
    only_there = review("q03", 3, 2)
    dropbox.write_bytes(encode(second) + encode(only_there))
    history, report = Store(data_dir, "testdev").read()
    assert len(list(history.all_reviews())) == 3
    [said_copy] = [w for w in report.warnings if str(copy) in w]
    assert "can be deleted" in said_copy
    [said_dropbox] = [w for w in report.warnings if str(dropbox) in w]
    assert "keep it" in said_dropbox and "1 of its" in said_dropbox


def test_a_start_after_a_crash_says_what_it_found(data_dir: Path) -> None:
    def crash(torn: bool) -> None:
        code = ("import sys, os; from pathlib import Path; from dlflash.journal.store import "
                "Store; s = Store(Path(sys.argv[1]), 'testdev'); s.open(); os._exit(9)")
        subprocess.run([sys.executable, "-c", code, str(data_dir)], check=False)
        if torn:
            with open(data_dir / "reviews" / "testdev.jsonl", "ab") as handle:
                handle.write(encode(review("q09", 1))[:20])

    journal = data_dir / "reviews" / "testdev.jsonl"
    (data_dir / "reviews").mkdir(parents=True)
    journal.write_bytes(encode(review("q01", 5)))
    crash(torn=False)
    store = Store(data_dir, "testdev")
    _, report = store.open()
    store.close()
    [said] = report.warnings
    assert "did not close cleanly" in said and "every grade it saved" in said
    crash(torn=True)
    store = Store(data_dir, "testdev")
    _, report = store.open()
    store.close()
    assert not any("nothing was lost" in w or "every grade" in w for w in report.warnings)
    assert any("cut short by a crash" in w for w in report.warnings)
