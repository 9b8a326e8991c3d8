"""A restore killed at any step (SIGKILL) leaves either the journals it started from or the
backup's, whole, never an empty or half-restored history; nothing is lost either way."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dlflash.journal.backup import make_backups
from dlflash.journal.store import Store, StoreError
from test_backup import journal

from test_store import review

CHILD = Path(__file__).with_name("restore_child.py")


def ids(store_dir: Path) -> set[str]:
    history, report = Store(store_dir, "testdev").read()
    assert report.warnings == [], report.warnings
    return {r.review.id for r in history.all_reviews()}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_restore_killed_at_every_step(tmp_path: Path) -> None:
    template = tmp_path / "template"
    before = review("q01", 5)
    journal(template, before)
    (template / "reviews" / "laptop.jsonl").write_bytes(b"")
    make_backups(template, date(2026, 3, 2))
    store = Store(template, "testdev")
    history, _ = store.open()
    store.append(review("q02", 4, 5))  # after the backup: only in the current journals
    store.close(history)
    current, backed_up = ids(template), {before.id}
    outcomes = set()
    for kill_at in range(200):
        data = tmp_path / f"run{kill_at}"
        shutil.copytree(template, data, symlinks=True)
        child = subprocess.run([sys.executable, str(CHILD), str(data), "2026-03-02",
                                str(kill_at)], capture_output=True, text=True, check=False)
        killed = child.returncode == -9
        assert killed or child.returncode == 0, child.stderr
        store = Store(data, "testdev")
        history, report = store.open()  # a start after the kill finishes or undoes it
        store.close(history)
        assert not list((data / "reviews").glob(".*")), kill_at
        got = {r.review.id for r in history.all_reviews()}
        assert got in (current, backed_up), (kill_at, report.warnings)
        outcomes.add(frozenset(got))
        kept = {line for path in data.rglob("*.jsonl")
                for line in path.read_bytes().splitlines()}
        assert len(kept) == len(current), kill_at  # the journals we had are kept somewhere
        if not killed:
            assert got == backed_up
            break
    else:
        pytest.fail("the restore never finished")
    assert outcomes == {frozenset(current), frozenset(backed_up)} and kill_at > 5


def test_our_stray_temporary_files_are_removed_and_a_sync_tools_kept(data_dir: Path) -> None:
    reviews = data_dir / "reviews"
    reviews.mkdir(parents=True)
    ours = reviews / ".testdev.jsonl.4242.tmp"  # an earlier version's restore, cut short
    theirs = reviews / ".syncthing.laptop.jsonl.tmp"
    ours.write_bytes(b"{")
    theirs.write_bytes(b"{")
    store = Store(data_dir, "testdev")
    store.open()
    store.close()
    assert not ours.exists() and theirs.exists()


def test_read_only_commands_refuse_a_restore_cut_short(data_dir: Path) -> None:
    journal(data_dir, review("q01", 5))
    make_backups(data_dir, date(2026, 3, 2))
    (data_dir / ".restore-20260302T000000000000Z").mkdir()
    with pytest.raises(StoreError, match=r"restore .* was cut short; start dlflash once"):
        Store(data_dir, "testdev").read()
