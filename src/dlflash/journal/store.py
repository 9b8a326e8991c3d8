"""The data directory on disk: per-device journals, a derived snapshot, a lock.

    DATA_DIR/
      reviews/<device>.jsonl   append-only journal, one event per line: the source of truth
      reviews/<device>.imported.jsonl   events merged from a history document (archive.py)
      state/<device>.snapshot  derived card states and a table of older reviews: a cache
      recovered/               torn or unreadable lines set aside, never silently dropped
      settings.yaml
      .lock-<computer>         held while dlflash runs: one at a time per folder and computer

Each device writes only its own journal, so a data directory in a synced folder merges by
union; state is the replay of all journals merged in time order. Each grade is appended and
fsynced before the caller goes on, at a cost that does not grow with the history.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import heapq
import json
import os
import re
import shutil
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import takewhile
from pathlib import Path
from typing import IO

from dlflash.base.atomic import FILE_MODE, fsync_dir, make_dir, write_atomic
from dlflash.base.errors import DlflashError
from dlflash.journal import checkpoint, replay
from dlflash.journal.events import (
    Event,
    NewerSchemaError,
    RecordError,
    Review,
    Undo,
    decode,
    encode,
)
from dlflash.journal.history import History
from dlflash.journal.review_table import ReviewTable
from dlflash.sm2 import CardState

JOURNAL_DIR = "reviews"
SNAPSHOT_DIR = "state"
RECOVERED_DIR = "recovered"
RESTORING = ".restore-"
"""`.restore-<stamp>.tmp/`: a restore's journals being written; without `.tmp`: complete,
waiting to replace `reviews/` (see `finish_restore`)."""
_STRAY_TMP = re.compile(r"^\..+\.jsonl\.\d+\.tmp$")
"""A journal write of ours cut short (`write_atomic`); a sync tool's own are left alone."""
_DEVICE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
IMPORTED_SUFFIX = ".imported.jsonl"
"""`reviews/<device>.imported.jsonl`: the events `dlflash import --json` merged on that
device (journal/archive.py); no device is named so that its journal could be one."""


_CONFLICT_COPY = re.compile(r"\.sync-conflict-|conflicted copy", re.IGNORECASE)
"""The names Syncthing, Dropbox and Nextcloud give a file two computers changed at once."""

_TAIL = 64
"""Bytes of each journal a snapshot keeps to recognise the prefix it covers."""
SNAPSHOT_MIN_BYTES = 1 << 20
"""Below this much journal (about 3,000 reviews, read in ~50 ms) start-up reads everything:
the session then holds the full history and the stats screen needs no second read."""


_CHUNK = 1 << 20
"""Bytes of a journal read at a time when folding a long history (journal/replay.py)."""


def whole_lines_end(handle: IO[bytes], size: int) -> int:
    """The offset just after the last newline of the file open in `handle` (0: none)."""
    end = size
    while end > 0:
        start = max(0, end - 65536)
        handle.seek(start)
        found = handle.read(end - start).rfind(b"\n")
        if found >= 0:
            return start + found + 1
        end = start
    return 0


def _chunks(path: Path, end: int) -> Iterator[bytes]:
    """The first `end` bytes of `path` (whole lines), a megabyte or so at a time, each
    piece ending at a line's end; a last record without its newline gets one."""
    with open(path, "rb") as handle:
        carry = b""
        left = end
        while left > 0:
            block = handle.read(min(_CHUNK, left))
            if not block:
                raise OSError(errno.EIO, f"{path} went shorter while it was read")
            left -= len(block)
            data = carry + block
            cut = data.rfind(b"\n") + 1
            carry = data[cut:]
            if cut:
                yield data[:cut]
        if carry:
            yield carry + b"\n"


class _Fallback(Exception):
    """Reading from a snapshot is not possible; read the journals in full."""


class StoreError(DlflashError):
    """The data directory cannot be used; the message names the file and the way out."""


class StoreLocked(StoreError):
    """Another dlflash holds the data directory."""

    exit_code = 3


def _os_error(error: OSError, path: Path) -> StoreError:
    """One sentence for a file that cannot be used: which file, why, and the way out."""
    where = error.filename or path
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "free some space and start dlflash again"
    else:
        advice = "move it out of the way or fix its permissions, then start dlflash again"
    return StoreError(f"Cannot use {where}: {error.strerror or error}; {advice}.")


def check_device(name: str) -> str:
    if not _DEVICE_RE.match(name) or f"{name}.jsonl".endswith(IMPORTED_SUFFIX):
        raise StoreError(
            f"device name {name!r} must be 1-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit, and not end in '.imported'."
        )
    return name


def default_device_name() -> str:
    """This machine's name, made safe for a file name."""
    host = re.sub(r"[^A-Za-z0-9._-]", "-", socket.gethostname()).strip(".-_") or "device"
    return host[:48]


def _size(path: Path) -> int:
    """A journal's size; 0 for one that cannot be read (reading it reports why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


@dataclass
class LoadReport:
    """What loading found besides the events: each warning is one sentence naming a file."""

    warnings: list[str] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    """Journals that could not be read at all: the history lacks their events."""


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:  # not UTF-8, or not JSON: cut short
        return False
    return True


def _ready_restores(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.glob(f"{RESTORING}*") if not p.name.endswith(".tmp"))


def finish_restore(data_dir: Path) -> Path | None:
    """Put a restore's complete journals in place, under the caller's lock: move the
    current journals and snapshots to recovered/, then rename the restored folder to
    reviews/. Every step can be done again, so a start after a crash finishes the job; a
    restore whose journals were not all written is dropped (its backup is still there).
    Return the folder the journals were moved to, if a restore was finished."""
    for partial in data_dir.glob(f"{RESTORING}*.tmp"):
        shutil.rmtree(partial)
    aside = None
    for ready in _ready_restores(data_dir):
        aside = data_dir / RECOVERED_DIR / f"before-{ready.name.removeprefix('.')}"
        make_dir(aside.parent)
        make_dir(aside)
        for sub in (JOURNAL_DIR, SNAPSHOT_DIR):
            if (data_dir / sub).exists():
                os.rename(data_dir / sub, aside / sub)
        fsync_dir(aside)
        os.rename(ready, data_dir / JOURNAL_DIR)
        fsync_dir(data_dir)
    return aside


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

    @property
    def held(self) -> bool:
        return self._handle is not None

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

    def __init__(self, data_dir: Path, device: str, computer: str | None = None) -> None:
        """`computer` names the lock: one dlflash per folder and computer, whatever
        `DLFLASH_DEVICE` says (tests that play two computers give two names)."""
        self.data_dir = data_dir
        self.device = check_device(device)
        self.journal_path = data_dir / JOURNAL_DIR / f"{device}.jsonl"
        self.snapshot_path = data_dir / SNAPSHOT_DIR / f"{device}.snapshot"
        self._lock = _Lock(data_dir / f".lock-{check_device(computer or default_device_name())}")
        self._fd: int | None = None
        self._cut: dict[str, tuple[int, bytes]] = {}
        """Per journal: the bytes the history holds, and their last few (see checkpoint)."""
        self._cut_ts: datetime | None = None
        self._loaded_snapshot: checkpoint.Snapshot | None = None
        """The snapshot `open()` has just parsed, for the read that follows it (only)."""
        self._lock_notes: list[str] = []
        """What taking the lock found and did (a restore finished), for `open()` to say."""

    # -- life cycle -----------------------------------------------------------------------

    def lock(self) -> bool:
        """Take the lock, finish a restore cut short, create the folders; return whether
        the last holder died without releasing the lock."""
        self._make_dirs("")
        with self._released_on_error(self._lock.path):
            stale = self._lock.acquire()
            aside = finish_restore(self.data_dir)
            if aside is not None:
                self._lock_notes.append(
                    f"A restore cut short was finished; the journals you had are in {aside}.")
            journals = self.data_dir / JOURNAL_DIR
            for leftover in journals.glob(".*.tmp") if journals.is_dir() else ():
                if _STRAY_TMP.match(leftover.name):
                    leftover.unlink()
            self._make_dirs(JOURNAL_DIR, SNAPSHOT_DIR)
        return stale

    @contextlib.contextmanager
    def _released_on_error(self, path: Path) -> Iterator[None]:
        """Release the lock if what follows fails; an OSError becomes one sentence."""
        try:
            yield
        except BaseException as error:
            self._lock.release()
            if isinstance(error, OSError):
                raise _os_error(error, path) from None
            raise

    def open(self) -> tuple[History, LoadReport]:
        """Lock the directory, read every journal, and replay them into a `History`."""
        stale = self.lock()
        with self._released_on_error(self.journal_path):
            for leftover in self.snapshot_path.parent.glob(f".{self.snapshot_path.name}.*.tmp"):
                leftover.unlink()  # a snapshot write cut short by a crash; the lock is ours
            # The snapshot of earlier versions: a cache in a layout this one does not read.
            self.snapshot_path.with_suffix(".json").unlink(missing_ok=True)
            report = LoadReport()
            self._check_snapshot(report)
            history, read_report = self.read(repair=True)
            report.warnings += read_report.warnings
            report.unreadable += read_report.unreadable
            if stale and not any(w.startswith(str(self.journal_path))
                                 for w in report.warnings):
                report.warnings.insert(0, (  # only what was checked: our journal read whole
                    "The last dlflash session did not close cleanly; every grade it saved "
                    f"was read back from {self.journal_path}."))
            first = not self.journal_path.exists()
            self._fd = os.open(
                self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE
            )
            if first:
                fsync_dir(self.journal_path.parent)
        report.warnings[:0] = self._lock_notes
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

    def _make_dirs(self, *subs: str) -> None:
        try:
            for sub in subs:
                make_dir(self.data_dir / sub)
        except OSError as error:
            raise StoreError(
                f"Cannot create the data directory {self.data_dir}: {error.strerror}. "
                "Choose another with --data-dir or DLFLASH_HOME."
            ) from None
        if not os.access(self.data_dir / subs[0], os.W_OK | os.X_OK):
            raise StoreError(
                f"The data directory {self.data_dir / subs[0]} is not writable. "
                "Fix its permissions or choose another with --data-dir or DLFLASH_HOME."
            )

    # -- writing --------------------------------------------------------------------------

    def append(
        self, event: Event, after: CardState | None = None, scheduled: bool | None = None
    ) -> None:
        """Append one event to this device's journal and fsync it before returning."""
        if self._fd is None:
            raise StoreError(f"{self.journal_path} is not open for writing; restart dlflash.")
        line = encode(event, after=after, scheduled=scheduled)
        try:
            before = os.fstat(self._fd).st_size
            try:
                written = os.write(self._fd, line)
                if written != len(line):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                os.fsync(self._fd)
            except OSError:
                self._cut_back(before)
                raise
        except OSError as error:
            raise StoreError(
                f"Could not save to {self.journal_path}: {error.strerror or error}. "
                "The last grade was not saved; free some space or fix the disk and try again."
            ) from None
        size, tail = self._cut.get(self.journal_path.name, (0, b""))
        self._cut[self.journal_path.name] = (size + len(line), (tail + line)[-_TAIL:])
        self._cut_ts = max(self._cut_ts, event.ts) if self._cut_ts else event.ts

    def _cut_back(self, size: int) -> None:
        """Remove what a failed append wrote (part of a line, on a full disk), so that the
        next grade does not land on the fragment and become unreadable with it. If even
        that fails, stop writing: the fragment stays last and is set aside at start."""
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, size)
            os.fsync(self._fd)
        except OSError:
            os.close(self._fd)
            self._fd = None

    def write_snapshot(self, history: History) -> None:
        """A checkpoint of `history` and the journal bytes it covers, written atomically.

        Only a cache: loading checks it against the journals and falls back to reading
        them in full. Kept as it is when the history cannot be checkpointed exactly.
        """
        checkpointed = history.checkpoint()
        if checkpointed is None:
            return
        base, window = checkpointed
        write_atomic(self.snapshot_path, checkpoint.dump(
            self.device, base, window, self._cut, self._cut_ts, datetime.now(UTC)))

    def _check_snapshot(self, report: LoadReport) -> None:
        """A snapshot that is not ours to overwrite (damaged, or from a newer dlflash) is
        moved to recovered/ and reported; the journals rebuild it at close."""
        path = self.snapshot_path
        try:
            self._loaded_snapshot = self._load_snapshot()
        except FileNotFoundError:
            return
        except OSError as error:
            report.warnings.append(f"{path}: cannot read the snapshot ({error.strerror}).")
            return
        except checkpoint.OutdatedError:
            path.unlink()  # a cache in a layout this version no longer writes
        except checkpoint.CheckpointError as error:
            side = self._set_aside(path, path.read_bytes())
            path.unlink()
            report.warnings.append(
                f"{path}: the snapshot could not be used ({error}); it was moved to {side} and "
                "will be rebuilt from the journals, which hold every review."
            )

    def _load_snapshot(self) -> checkpoint.Snapshot:
        """Our snapshot, or, when this computer has none yet, the newest usable one of
        another computer in the same (synced) folder: it is checked against the journals as
        ours would be, and it covers the same ones, so a computer new to a long synced
        history does not replay all of it. Another computer's snapshot is only read: one
        that does not check out is passed over, never moved or reported."""
        try:
            return self._load_snapshot_at(self.snapshot_path, self.device)
        except FileNotFoundError:
            others = sorted((path for path in self.snapshot_path.parent.glob("*.snapshot")
                             if path != self.snapshot_path), key=_mtime, reverse=True)
            for path in others:
                with contextlib.suppress(OSError, checkpoint.CheckpointError):
                    return self._load_snapshot_at(path, path.stem)
            raise

    def _load_snapshot_at(self, path: Path, device: str) -> checkpoint.Snapshot:
        """The snapshot's first line, parsed and checked: the older reviews' table after it
        is read, checked and decoded when it is first used (the statistics, the next
        snapshot), never at start; if it is damaged by then, the journals rebuild it."""
        with open(path, "rb") as handle:
            parts = []
            while block := handle.read(1 << 20):
                end = block.find(b"\n")
                if end >= 0:
                    parts.append(block[:end + 1])
                    break
                parts.append(block)
        head = b"".join(parts)

        def rest() -> bytes:
            with open(path, "rb") as handle:
                handle.seek(len(head))
                return handle.read()

        return checkpoint.load(head, device, rest=rest,
                               rebuild=functools.partial(self._older_reviews, path))

    def _older_reviews(self, snapshot: Path, window_start: date) -> ReviewTable:
        """The effective reviews before `window_start`, from every journal (what a snapshot's
        table holds, when that table cannot be read). A damaged snapshot that is ours (the
        lock held) is moved to recovered/, as one found damaged at start is."""
        if self._lock.held and snapshot == self.snapshot_path:
            with contextlib.suppress(OSError):
                self._set_aside(self.snapshot_path, self.snapshot_path.read_bytes())
                self.snapshot_path.unlink()
        full, _ = Store(self.data_dir, self.device).read(full=True)
        return ReviewTable().plus(
            takewhile(lambda r: r.review.day < window_start, full.all_reviews()))

    def _set_aside(self, path: Path, data: bytes) -> Path:
        """Keep `data` from `path` in recovered/, never overwriting an earlier copy."""
        recovered = self.data_dir / RECOVERED_DIR
        make_dir(recovered)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        side = recovered / f"{path.stem}.{stamp}{path.suffix}.txt"
        write_atomic(side, data)
        return side

    # -- reading --------------------------------------------------------------------------

    def _journal_paths(self) -> list[Path]:
        return sorted((self.data_dir / JOURNAL_DIR).glob("*.jsonl"))

    def read(self, repair: bool = False, full: bool = False) -> tuple[History, LoadReport]:
        """Read and merge every device's journal, without the lock unless `repair`.

        With `repair` (the lock held), a torn tail of our own journal is set aside and cut;
        otherwise it is only skipped, so read-only commands never change a file. Unless
        `full`, a valid snapshot spares reading what it covers; the history is then
        `partial` (older reviews only as the snapshot's table, which is enough for a study
        session and for the statistics).
        """
        loaded, self._loaded_snapshot = self._loaded_snapshot, None
        if _ready_restores(self.data_dir):
            raise StoreError(
                f"A restore in {self.data_dir} was cut short; start dlflash once to finish "
                "it, then run this again."
            )
        report = LoadReport()
        if not (self.data_dir / JOURNAL_DIR).is_dir():
            return History(), report
        paths = self._journal_paths()
        long = sum(map(_size, paths)) >= SNAPSHOT_MIN_BYTES
        if not full and long:
            fast = self._read_from_snapshot(report, repair, paths, loaded)
            if fast is not None:
                return fast, report
        self._cut, self._cut_ts = {}, None
        ends = {path: self._whole_lines(path, report, repair) for path in paths}
        if not full and long:
            folded = self._read_folded(ends)
            if folded is not None:
                return folded, report
            self._cut_ts = None
        streams = [self._read_lines(path, end, report, repair) for path, end in ends.items()]
        history = History(heapq.merge(*streams, key=lambda event: event.ts))
        self._report_duplicates(history, report, dict(zip(paths, streams, strict=True)))
        return history, report

    def _read_folded(self, ends: dict[Path, int | None]) -> History | None:
        """A long history read without a snapshot, with everything before its last two
        study days folded into a base while replaying (journal/replay.py): the history a
        start from a snapshot gives, in a third of the memory of holding every event. None
        when that cannot be exact, and the caller reads everything."""
        readable = [(path, end) for path, end in ends.items() if end is not None]
        try:
            voided: set[str] = set()
            last = b""
            for path, end in readable:
                for chunk in _chunks(path, end):
                    targets, latest = replay.scan(chunk)
                    voided |= targets
                    last = max(last, latest)
            base, window, cut_ts = replay.fold(
                [_chunks(path, end) for path, end in readable], voided, last)
        except (OSError, replay.Unsupported):
            return None
        self._cut_ts = cut_ts
        return History(window, base=base)

    @staticmethod
    def _report_duplicates(history: History, report: LoadReport,
                           read: dict[Path, list[Event]] | None = None) -> None:
        """Events counted once though found twice. `read` is every journal read in full:
        with it, the files are named, and a sync tool's conflict copy whose events are all
        in the journals proper is said to be safe to delete."""
        if not history.duplicate_ids:
            return
        ids = {path: {event.id for event in events} for path, events in (read or {}).items()}
        copies = [path for path in ids if _CONFLICT_COPY.search(path.name)]
        proper = set().union(*(found for path, found in ids.items() if path not in copies))
        for copy in copies:
            only_here = len(ids[copy] - proper)
            report.warnings.append(
                f"{copy} is a sync tool's conflict copy; {only_here} of its "
                f"{len(ids[copy])} events are in no other journal and were counted, so keep it."
                if only_here else
                f"{copy} is a sync tool's conflict copy whose events are all in the other "
                "journals too (each was counted once); it can be deleted."
            )
        duplicated = set(history.duplicate_ids)
        files = [path.name for path, found in ids.items()
                 if path not in copies and found & duplicated]
        if len(files) > 1 or not copies:
            where = f" ({', '.join(files)})" if files else ""
            report.warnings.append(
                f"{len(duplicated)} event(s) appear twice in the journals{where}; each was "
                "counted once."
            )

    def _read_from_snapshot(self, report: LoadReport, repair: bool, paths: list[Path],
                            loaded: checkpoint.Snapshot | None) -> History | None:
        """The snapshot's checkpoint (`loaded`: parsed a moment ago by `open()`, under the
        same lock) plus what the journals gained since; None when any check fails, and the
        caller reads everything."""
        try:
            snapshot = loaded or self._load_snapshot()
        except (OSError, checkpoint.CheckpointError):
            return None
        if set(snapshot.cut) - {path.name for path in paths}:
            return None  # a journal went away (a restore): start over
        offsets: dict[Path, tuple[int, bytes]] = {}
        for path in paths:
            size, tail = snapshot.cut.get(path.name, (0, b""))
            if size and not self._starts_with(path, size, tail):
                return None
            offsets[path] = (size, tail)
        self._cut, self._cut_ts = {}, snapshot.cut_ts
        try:
            streams = [self._read_journal(path, report, repair, *offsets[path])
                       for path in paths]
        except _Fallback:
            return None
        known = {event.id for event in snapshot.window}
        for event in (event for stream in streams for event in stream):
            if (snapshot.cut_ts is not None and event.ts <= snapshot.cut_ts) or (
                    isinstance(event, Review) and event.day < snapshot.base.window_start):
                return None  # it belongs before the checkpoint in time order
            known.add(event.id)
        for stream in streams:
            if any(isinstance(e, Undo) and e.target not in known for e in stream):
                return None  # it takes back something inside the checkpoint
        history = History(snapshot.window, base=snapshot.base)
        for event in heapq.merge(*streams, key=lambda event: event.ts):
            history.apply(event)
        self._report_duplicates(history, report)
        return history

    @staticmethod
    def _starts_with(path: Path, size: int, tail: bytes) -> bool:
        try:
            with open(path, "rb") as handle:
                handle.seek(max(0, size - len(tail)))
                return path.stat().st_size >= size and handle.read(len(tail)) == tail
        except OSError:
            return False

    def _whole_lines(self, path: Path, report: LoadReport, repair: bool) -> int | None:
        """Where the whole lines of `path` end, once its last line is dealt with: a torn
        one set aside and cut (ours, with `repair`) or skipped, a whole record without its
        newline kept. None when the file cannot be read (reported)."""
        try:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                end = whole_lines_end(handle, size)
                handle.seek(max(0, end - _TAIL))
                last = handle.read(size - max(0, end - _TAIL))
        except OSError as error:
            if repair and path == self.journal_path:
                raise  # ours: `open()` says which file and what to do
            self._unreadable(path, error, report)
            return None
        tail = last[len(last) - (size - end):]
        if tail and _is_json(tail):
            # A whole record without its newline (an editor or sync tool stripped it, or a
            # power cut took only the last byte): kept, and ours gets it back, so that the
            # next grade starts a line of its own.
            end = size
            if repair and path == self.journal_path:
                self._end_line(path)
        elif tail:
            if repair and path == self.journal_path:
                self._set_aside_tail(path, end, tail, report)
            else:
                report.warnings.append(
                    f"{path}: the last line is incomplete (a crash, or still syncing); "
                    "it was skipped and the file left as it is."
                )
        self._cut[path.name] = (end, last[:len(last) - (size - end)][-_TAIL:])
        return end

    @staticmethod
    def _unreadable(path: Path, error: OSError, report: LoadReport) -> None:
        report.unreadable.append(path)
        report.warnings.append(
            f"{path} cannot be read ({error.strerror}), so its reviews are left out of "
            "everything shown; fix it or copy it again from the computer that wrote it."
        )

    def _read_lines(self, path: Path, end: int | None, report: LoadReport,
                    repair: bool) -> list[Event]:
        """The events of `path`'s whole lines (`_whole_lines`), from its start."""
        if end is None:
            return []
        try:
            with open(path, "rb") as handle:
                body = handle.read(end)
        except OSError as error:
            if repair and path == self.journal_path:
                raise
            self._unreadable(path, error, report)
            return []
        return self._decode_lines(path, body.removesuffix(b"\n"), report, 0)

    def _read_journal(self, path: Path, report: LoadReport, repair: bool,
                      offset: int, known_tail: bytes) -> list[Event]:
        """The events of `path` from byte `offset` on (where a snapshot ends). Any line that
        cannot be read raises `_Fallback`, so that a full read reports it with its true
        line number."""
        try:
            with open(path, "rb") as handle:
                handle.seek(offset)
                data = handle.read()
        except OSError as error:
            if repair and path == self.journal_path:
                raise  # ours: `open()` says which file and what to do
            if offset:
                raise _Fallback from None
            self._unreadable(path, error, report)
            return []
        body, newline, tail = data.rpartition(b"\n")
        if tail and _is_json(tail):
            # A whole record without its newline (see `_whole_lines`).
            body, newline, tail = data, b"", b""
            if repair and path == self.journal_path:
                self._end_line(path)
        elif tail:
            if repair and path == self.journal_path:
                self._set_aside_tail(path, offset + len(body) + len(newline), tail, report)
            else:
                report.warnings.append(
                    f"{path}: the last line is incomplete (a crash, or still syncing); "
                    "it was skipped and the file left as it is."
                )
        consumed = len(body) + len(newline)
        self._cut[path.name] = (offset + consumed, (known_tail + data[:consumed])[-_TAIL:])
        return self._decode_lines(path, body, report, offset)

    def _decode_lines(self, path: Path, body: bytes, report: LoadReport,
                      offset: int) -> list[Event]:
        """The events of `body`'s lines; read from an `offset`, an unreadable line raises
        `_Fallback`, from the start it is reported by its number and skipped."""
        events: list[Event] = []
        for number, raw in enumerate(body.split(b"\n") if body else [], start=1):
            if not raw.strip():
                continue
            try:
                event = decode(json.loads(raw.decode("utf-8")))
            except NewerSchemaError as error:
                raise StoreError(
                    f"{path}:{number}: {error}. Nothing was changed."
                ) from None
            except (UnicodeDecodeError, json.JSONDecodeError):
                if offset:
                    raise _Fallback from None
                report.warnings.append(f"{path}:{number}: unreadable line skipped.")
                continue
            except RecordError as error:
                if offset:
                    raise _Fallback from None
                report.warnings.append(f"{path}:{number}: line skipped: {error}.")
                continue
            events.append(event)
            if self._cut_ts is None or event.ts > self._cut_ts:
                self._cut_ts = event.ts
        return events

    @staticmethod
    def _end_line(path: Path) -> None:
        with open(path, "ab") as handle:
            handle.write(b"\n")
            handle.flush()
            os.fsync(handle.fileno())

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

