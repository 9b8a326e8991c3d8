"""Rotating backups of the journals, and restoring one.

    DATA_DIR/backups/daily/2026-03-02.tar.gz    one a day, the newest 7 kept
    DATA_DIR/backups/weekly/2026-W10.tar.gz     one a week, the newest 8 kept

A backup holds every device's journal as it was when the day's first session opened. Only
whole lines are copied, so a backup taken while another device's journal is mid-sync is
still valid. Restoring never deletes: the current journals are moved aside first.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tarfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import IO

from dlflash.base.atomic import DIR_MODE, fsync_dir, make_dir, replace_with, write_atomic
from dlflash.base.errors import DlflashError
from dlflash.journal.store import JOURNAL_DIR, RESTORING, finish_restore, whole_lines_end

BACKUP_DIR = "backups"
KEEP = {"daily": 7, "weekly": 8}
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-W\d{2})\.tar\.gz$")


class BackupError(DlflashError):
    """A backup cannot be made, found or restored."""


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    kind: str
    """daily or weekly"""

    @property
    def name(self) -> str:
        return self.path.name.removesuffix(".tar.gz")


def _label(kind: str, day: date) -> str:
    if kind == "daily":
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02}"


def make_backups(data_dir: Path, today: date) -> list[Backup]:
    """Take today's daily and this week's weekly backup if missing; prune old ones.

    Returns the backups it wrote. Does nothing while the journals are empty.
    """
    journals = sorted((data_dir / JOURNAL_DIR).glob("*.jsonl"))
    if not any(path.stat().st_size for path in journals):
        return []  # nothing studied yet: an empty backup would only take today's slot
    written: list[Backup] = []
    for kind, keep in KEEP.items():
        folder = data_dir / BACKUP_DIR / kind
        target = folder / f"{_label(kind, today)}.tar.gz"
        if target.exists():
            continue
        make_dir(folder.parent)
        make_dir(folder)
        replace_with(target, partial(_copy, written[0].path) if written
                      else partial(_archive, journals))
        written.append(Backup(target, kind))
        for old in sorted(p for p in folder.iterdir() if _NAME.match(p.name))[:-keep]:
            old.unlink()
    return written


def _copy(source: Path, out: IO[bytes]) -> None:
    """The week's backup is the day's, when both are taken at once."""
    with open(source, "rb") as handle:
        shutil.copyfileobj(handle, out)


def _archive(journals: list[Path], out: IO[bytes]) -> None:
    """The journals' whole lines as a .tar.gz, written to `out` as it is compressed: the
    journals are never held in memory (36 MB at 100,000 reviews)."""
    # Level 1: journals compress about 8x at this level, in a fraction of level 9's time.
    with tarfile.open(fileobj=out, mode="w:gz", compresslevel=1) as tar:
        for path in journals:
            with open(path, "rb") as handle:
                info = tarfile.TarInfo(name=f"{JOURNAL_DIR}/{path.name}")
                info.size = whole_lines_end(handle, os.fstat(handle.fileno()).st_size)
                info.mode = 0o600
                info.mtime = int(os.fstat(handle.fileno()).st_mtime)
                handle.seek(0)
                tar.addfile(info, handle)  # copies exactly info.size bytes


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup, newest first within each kind, daily before weekly."""
    found = []
    for kind in KEEP:
        folder = data_dir / BACKUP_DIR / kind
        if folder.is_dir():
            found += [Backup(p, kind) for p in sorted(folder.iterdir(), reverse=True)
                      if _NAME.match(p.name)]
    return found


def find_backup(data_dir: Path, name: str) -> Backup:
    for backup in list_backups(data_dir):
        if backup.name == name:
            return backup
    names = ", ".join(b.name for b in list_backups(data_dir)) or "none yet"
    raise BackupError(f"There is no backup named {name!r}; the backups are: {names}.")


def _members(backup: Backup) -> dict[str, bytes]:
    try:
        with tarfile.open(backup.path, mode="r:gz") as tar:
            members = {}
            for member in tar.getmembers():
                name = Path(member.name)
                # Only plain journal files, by name: nothing in an archive can write elsewhere.
                if (not member.isfile() or name.parent != Path(JOURNAL_DIR)
                        or name.suffix != ".jsonl" or name.name.startswith(".")):
                    raise BackupError(f"{backup.path}: unexpected entry {member.name!r}.")
                handle = tar.extractfile(member)
                assert handle is not None
                members[name.name] = handle.read()
            return members
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{backup.path} cannot be read ({error}); try another backup.") \
            from None


@dataclass(frozen=True, slots=True)
class SetAside:
    """What of the journals there are now a backup does not have: what restoring it sets
    aside (moved beside the backup's journals, not deleted)."""

    reviews: int
    others: int
    """Every other event (bury, suspend, undo, notes, ...) and every unreadable line."""
    days: tuple[str, ...]
    """The study days of those events, sorted."""


def set_aside_by(data_dir: Path, backup: Backup) -> SetAside:
    kept = {line for data in _members(backup).values() for line in data.splitlines()}
    reviews = others = 0
    days: set[str] = set()
    for path in sorted((data_dir / JOURNAL_DIR).glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            if not line.strip() or line in kept:
                continue
            try:
                event = json.loads(line)
            except ValueError:
                event = None
            if isinstance(event, dict) and event.get("type") == "review":
                reviews += 1
            else:
                others += 1
            if isinstance(event, dict) and isinstance(event.get("day"), str):
                days.add(event["day"])
    return SetAside(reviews, others, tuple(sorted(days)))


def restore_backup(data_dir: Path, backup: Backup) -> Path:
    """Replace the journals with the backup's; return where the current ones were moved.

    The backup's journals are written to a folder of their own first, which then takes
    the place of reviews/ (`finish_restore`), so that a crash at any moment leaves either
    the journals there were or the backup's, never a mix or none. The caller holds the
    store's lock, so no dlflash writes meanwhile.
    """
    members = _members(backup)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    ready = data_dir / f"{RESTORING}{stamp}"
    staging = ready.with_name(f"{ready.name}.tmp")
    staging.mkdir(mode=DIR_MODE)
    for name, data in members.items():
        write_atomic(staging / name, data)
    os.rename(staging, ready)  # complete: from here on, the next start finishes it
    fsync_dir(data_dir)
    aside = finish_restore(data_dir)
    assert aside is not None
    return aside
