"""The data directory on disk: per-device journals, a derived snapshot, a lock.

    DATA_DIR/
      reviews/<device>.jsonl   append-only journal, one event per line: the source of truth
      state/<device>.json      snapshot of derived card states: a cache, rebuilt at will
      recovered/               torn or unreadable lines set aside, never silently dropped
      settings.yaml
      .lock-<device>           held while dlflash runs

Each device writes only its own journal, so a data directory in a synced folder merges by
union; state is the replay of all journals merged in time order. Each grade is appended and
fsynced before the caller goes on, at a cost that does not grow with the history.
"""

from __future__ import annotations

import contextlib
import heapq
import json
import os
import re
import socket
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from dlflash.atomic import DIR_MODE, FILE_MODE, write_atomic
from dlflash.errors import DlflashError
from dlflash.events import (
    SCHEMA_VERSION,
    Event,
    NewerSchemaError,
    RecordError,
    decode,
    encode,
)
from dlflash.history import History
from dlflash.sm2 import CardState

JOURNAL_DIR = "reviews"
SNAPSHOT_DIR = "state"
RECOVERED_DIR = "recovered"
_DEVICE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class StoreError(DlflashError):
    """The data directory cannot be used; the message names the file and the way out."""


class StoreLocked(StoreError):
    """Another dlflash holds the data directory."""

    exit_code = 3


def check_device(name: str) -> str:
    if not _DEVICE_RE.match(name):
        raise StoreError(
            f"device name {name!r} must be 1-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return name


def default_device_name() -> str:
    """This machine's name, made safe for a file name."""
    host = re.sub(r"[^A-Za-z0-9._-]", "-", socket.gethostname()).strip(".-_") or "device"
    return host[:48]


@dataclass
class LoadReport:
    """What loading found besides the events: each warning is one sentence naming a file."""

    warnings: list[str] = field(default_factory=list)
    events: int = 0


class _Lock:
    """An exclusive advisory lock on a file; the OS drops it when the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; return whether a previous holder had died without releasing it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        handle = os.fdopen(fd, "r+", encoding="utf-8")
        try:
            _lock_file(handle)
        except OSError:
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StoreLocked(
                f"Another dlflash ({holder}) is using {self.path.parent}; "
                "close it first, or give this one its own --data-dir."
            ) from None
        stale = bool(handle.read().strip())
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}")
        handle.flush()
        self._handle = handle
        return stale

    def release(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self._handle.seek(0)
            self._handle.truncate()
            self._handle.flush()
        self._handle.close()  # closing the descriptor releases the lock
        self._handle = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_file(handle: IO[str]) -> None:
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock_file(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


class Store:
    """One device's view of a data directory. Use `open()`, then `append()`, then `close()`."""

    def __init__(self, data_dir: Path, device: str) -> None:
        self.data_dir = data_dir
        self.device = check_device(device)
        self.journal_path = data_dir / JOURNAL_DIR / f"{device}.jsonl"
        self.snapshot_path = data_dir / SNAPSHOT_DIR / f"{device}.json"
        self._lock = _Lock(data_dir / f".lock-{device}")
        self._fd: int | None = None

    # -- life cycle -----------------------------------------------------------------------

    def lock(self) -> bool:
        """Create the directories and take the lock; return whether the last holder died."""
        self._make_dirs()
        return self._lock.acquire()

    def open(self) -> tuple[History, LoadReport]:
        """Lock the directory, read every journal, and replay them into a `History`."""
        stale = self.lock()
        try:
            for leftover in self.snapshot_path.parent.glob(f".{self.snapshot_path.name}.*.tmp"):
                leftover.unlink()  # a snapshot write cut short by a crash; the lock is ours
            history, report = self.read(repair=True)
            self._check_snapshot(report)
            if stale:
                report.warnings.insert(
                    0, "The last dlflash session did not close cleanly; nothing was lost."
                )
            self._fd = os.open(
                self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE
            )
        except BaseException:
            self._lock.release()
            raise
        return history, report

    def close(self, history: History | None = None) -> None:
        """Write the snapshot (best effort: it is only a cache) and release the lock."""
        try:
            if history is not None:
                with contextlib.suppress(OSError):
                    self.write_snapshot(history)
        finally:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
            self._lock.release()

    def _make_dirs(self) -> None:
        try:
            for sub in ("", JOURNAL_DIR, SNAPSHOT_DIR):
                (self.data_dir / sub).mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"Cannot create the data directory {self.data_dir}: {error.strerror}. "
                "Choose another with --data-dir or DLFLASH_HOME."
            ) from None
        if not os.access(self.data_dir / JOURNAL_DIR, os.W_OK | os.X_OK):
            raise StoreError(
                f"The data directory {self.data_dir / JOURNAL_DIR} is not writable. "
                "Fix its permissions or choose another with --data-dir or DLFLASH_HOME."
            )

    # -- writing --------------------------------------------------------------------------

    def append(
        self, event: Event, after: CardState | None = None, scheduled: bool | None = None
    ) -> None:
        """Append one event to this device's journal and fsync it before returning."""
        if self._fd is None:
            raise StoreError("The store is not open.")
        line = encode(event, after=after, scheduled=scheduled)
        try:
            written = os.write(self._fd, line)
            if written != len(line):
                raise OSError(28, "short write")
            os.fsync(self._fd)
        except OSError as error:
            raise StoreError(
                f"Could not save to {self.journal_path}: {error.strerror or error}. "
                "The last grade was not saved; free some space or fix the disk and try again."
            ) from None

    def write_snapshot(self, history: History) -> None:
        """The derived card states, written atomically; loading never depends on it."""
        snapshot = {
            "schema": SCHEMA_VERSION,
            "device": self.device,
            "written": datetime.now(UTC).isoformat(timespec="seconds"),
            "journals": {
                path.name: path.stat().st_size for path in self._journal_paths()
            },
            "cards": {
                card: {
                    "reps": state.repetitions,
                    "ef": state.easiness,
                    "interval": state.interval,
                    "due": state.due.isoformat() if state.due else None,
                }
                for card, state in sorted(history.states.items())
            },
            "suspended": sorted(history.suspended_cards()),
        }
        data = json.dumps(snapshot, ensure_ascii=False, indent=1).encode()
        write_atomic(self.snapshot_path, data)

    def _check_snapshot(self, report: LoadReport) -> None:
        """A snapshot that is not ours to overwrite (damaged, or from a newer dlflash) is
        moved to recovered/ and reported; the journals rebuild it at close."""
        path = self.snapshot_path
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            report.warnings.append(f"{path}: cannot read the snapshot ({error.strerror}).")
            return
        try:
            data = json.loads(raw)
            if not (isinstance(data, dict) and data.get("schema") == SCHEMA_VERSION
                    and isinstance(data.get("cards"), dict)):
                raise ValueError("not a dlflash snapshot of this version")
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError included
            side = self._set_aside(path, raw)
            path.unlink()
            report.warnings.append(
                f"{path}: the snapshot could not be used ({error}); it was moved to {side} and "
                "will be rebuilt from the journals, which hold every review."
            )

    def _set_aside(self, path: Path, data: bytes) -> Path:
        """Keep `data` from `path` in recovered/, never overwriting an earlier copy."""
        recovered = self.data_dir / RECOVERED_DIR
        recovered.mkdir(mode=DIR_MODE, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        side = recovered / f"{path.stem}.{stamp}{path.suffix}.txt"
        write_atomic(side, data)
        return side

    # -- reading --------------------------------------------------------------------------

    def _journal_paths(self) -> list[Path]:
        return sorted((self.data_dir / JOURNAL_DIR).glob("*.jsonl"))

    def read(self, repair: bool = False) -> tuple[History, LoadReport]:
        """Read and merge every device's journal, without the lock unless `repair`.

        With `repair` (the lock held), a torn tail of our own journal is set aside and cut;
        otherwise it is only skipped, so read-only commands never change a file.
        """
        report = LoadReport()
        if not (self.data_dir / JOURNAL_DIR).is_dir():
            return History(), report
        streams = [self._read_journal(path, report, repair) for path in self._journal_paths()]
        history = History(heapq.merge(*streams, key=lambda event: event.ts))
        report.events = sum(len(stream) for stream in streams)
        if history.duplicate_ids:
            report.warnings.append(
                f"{len(history.duplicate_ids)} event(s) appear twice in the journals "
                f"(first: {history.duplicate_ids[0]}); each was counted once."
            )
        return history, report

    def _read_journal(self, path: Path, report: LoadReport, repair: bool) -> list[Event]:
        try:
            data = path.read_bytes()
        except OSError as error:
            report.warnings.append(f"{path}: cannot read this journal ({error.strerror}).")
            return []
        body, newline, tail = data.rpartition(b"\n")
        if tail:
            if repair and path == self.journal_path:
                self._set_aside_tail(path, len(body) + len(newline), tail, report)
            else:
                report.warnings.append(
                    f"{path}: the last line is incomplete (a crash, or still syncing); "
                    "it was skipped and the file left as it is."
                )
        events: list[Event] = []
        for number, raw in enumerate(body.split(b"\n") if body else [], start=1):
            if not raw.strip():
                continue
            try:
                events.append(decode(json.loads(raw.decode("utf-8"))))
            except NewerSchemaError as error:
                raise StoreError(
                    f"{path}:{number}: {error}. Nothing was changed."
                ) from None
            except (UnicodeDecodeError, json.JSONDecodeError):
                report.warnings.append(f"{path}:{number}: unreadable line skipped.")
            except RecordError as error:
                report.warnings.append(f"{path}:{number}: line skipped: {error}.")
        return events

    def _set_aside_tail(self, path: Path, keep: int, tail: bytes, report: LoadReport) -> None:
        """A crash mid-append leaves a torn last line: save it to a side file, then cut it."""
        side = self._set_aside(path, tail)
        with open(path, "r+b") as handle:
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
        report.warnings.append(
            f"{path}: the last line was cut short by a crash; it was moved to {side}."
        )

