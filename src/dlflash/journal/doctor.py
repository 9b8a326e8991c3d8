"""`dlflash doctor`: what a data folder holds besides the journals proper, and folding the
sync tools' conflict copies back into their journals.

`examine` only reads, so it runs beside an open dlflash. `fold` (its caller holds the
store's lock) first copies each journal it will rewrite to a backup, then writes it back
with every event of the journal and of its copies, merged by event id in time order, and
moves the copies out of `reviews/`. Nothing is deleted:

    recovered/doctor-20260302T101500123456Z/
      before/laptop-1a2b.jsonl                  the journal as it was before the fold
      laptop-1a2b.sync-conflict-...-ABCDEFG.jsonl   the copy, its events now in the journal

A git merge that left conflict markers in a journal is folded the same way: the events on
both sides are kept once each, the marker lines go (they are in the backup). So is a journal
out of time order (git's union merge, a clock set back): the store replays each journal in
its file's order, and the README promises time order.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dlflash.base.atomic import DIR_MODE, fsync_dir, write_atomic
from dlflash.journal.events import Event, NewerSchemaError, RecordError, decode
from dlflash.journal.store import JOURNAL_DIR, RECOVERED_DIR, SNAPSHOT_DIR
from dlflash.journal.sync_copies import (
    JOURNAL_SUFFIX,
    ConflictCopy,
    conflict_copy,
    temporary_file,
)

_MARKER = re.compile(rb"^(<{7}|={7}|>{7}|\|{7})( |\r?$)")
"""The lines `git merge` writes around a conflict (`|||||||` with merge.conflictStyle diff3)."""
SHOWN = 5
"""Unreadable lines listed one by one per file; the rest are counted."""


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    raw: bytes
    """The line as it is in the file, with its newline (the journal's own bytes are kept:
    a review line records more than its `Event` holds)."""
    event: Event


@dataclass(frozen=True, slots=True)
class Problem:
    number: int
    kind: str
    """`marker` (git), `unreadable`, `incomplete` (the last line, cut short) or `newer`."""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Scan:
    lines: tuple[Line, ...]
    problems: tuple[Problem, ...]

    def of(self, kind: str) -> list[Problem]:
        return [problem for problem in self.problems if problem.kind == kind]

    def out_of_order(self) -> int | None:
        """The first line whose event is earlier than one above it, if any: the store
        replays a journal in its file's order, which is then not the time order."""
        latest = None
        for line in self.lines:
            if latest is not None and line.event.ts < latest:
                return line.number
            latest = line.event.ts if latest is None else max(latest, line.event.ts)
        return None


def scan(data: bytes) -> Scan:
    """Every line of a journal: its events, and what could not be read. A last line without
    its newline is an event when it reads as one (the store keeps it too), else incomplete."""
    lines: list[Line] = []
    problems: list[Problem] = []
    pieces = data.split(b"\n")
    for index, raw in enumerate(pieces):
        number, whole = index + 1, index < len(pieces) - 1
        if not raw.strip():
            continue
        if _MARKER.match(raw):
            problems.append(Problem(number, "marker"))
            continue
        try:
            event = decode(json.loads(raw.decode("utf-8")))
        except NewerSchemaError as error:
            problems.append(Problem(number, "newer", str(error)))
        except (UnicodeDecodeError, json.JSONDecodeError):
            problems.append(Problem(number, "unreadable" if whole else "incomplete", "not JSON"))
        except RecordError as error:
            problems.append(Problem(number, "unreadable", str(error)))
        else:
            lines.append(Line(number, raw + b"\n", event))
    return Scan(tuple(lines), tuple(problems))


def merge(scans: Iterable[Scan]) -> bytes:
    """Every event of `scans` once, as its journal line, in time order; between equal times
    (and for the one line kept of an event found twice) in the order of `scans`."""
    lines = sorted((line for found in scans for line in found.lines),
                   key=lambda line: line.event.ts)
    seen: set[str] = set()
    kept = []
    for line in lines:
        if line.event.id not in seen:
            seen.add(line.event.id)
            kept.append(line.raw)
    return b"".join(kept)


@dataclass(frozen=True, slots=True)
class Journal:
    """One `*.jsonl` in `reviews/`: a device's journal, or a copy of one."""

    path: Path
    copy: ConflictCopy | None
    scan: Scan | None
    """None when the file cannot be read (`error` says why)."""
    digest: bytes = b""
    """Of the bytes scanned, so that a fold sees whether the file changed since."""
    error: str = ""

    @property
    def ids(self) -> set[str]:
        return {line.event.id for line in self.scan.lines} if self.scan else set()


def _read(path: Path) -> Journal:
    copy = conflict_copy(path.name)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Journal(path, copy, None, error=error.strerror or str(error))
    return Journal(path, copy, scan(data), hashlib.blake2b(data).digest())


@dataclass(frozen=True, slots=True)
class Checkup:
    """What `examine` found in a data folder."""

    data_dir: Path
    journals: tuple[Journal, ...]
    temporary: tuple[tuple[Path, str], ...]
    """Temporary files in `reviews/` and `state/`, with the program that left them."""

    def name(self, path: Path) -> str:
        return path.relative_to(self.data_dir).as_posix()

    def foldable(self) -> dict[str, list[Journal]]:
        """Per journal name, the journals to fold into it (itself first, where it exists):
        those with conflict copies, with git's conflict markers, or out of time order."""
        groups: dict[str, list[Journal]] = {}
        for journal in self.journals:
            if journal.copy is not None:
                groups.setdefault(journal.copy.journal, []).append(journal)
            elif journal.scan and (journal.scan.of("marker") or journal.scan.out_of_order()):
                groups.setdefault(journal.path.name, [])
        proper = {journal.path.name: journal for journal in self.journals if not journal.copy}
        return {name: ([proper[name]] if name in proper else []) + copies
                for name, copies in sorted(groups.items())}

    def findings(self) -> list[str]:
        """Every finding, one sentence each, naming its file (relative to the data folder)."""
        found: list[str] = []
        proper = [journal for journal in self.journals if journal.copy is None]
        in_journals = set().union(*(journal.ids for journal in proper))
        for journal in self.journals:
            found += self._about(journal, in_journals)
        counts = Counter(line.event.id for journal in proper if journal.scan
                         for line in journal.scan.lines)
        twice = {event_id for event_id, count in counts.items() if count > 1}
        if twice:
            files = ", ".join(self.name(journal.path) for journal in proper
                              if journal.ids & twice)
            found.append(
                f"{len(twice)} event(s) appear more than once in {files}; each is counted "
                "once. If one of these files is a copy you made, move it out of reviews/.")
        for path, tool in self.temporary:
            found.append(f"{self.name(path)}: " + (
                "left by a dlflash write cut short; dlflash removes it at its next start."
                if tool == "dlflash" else
                f"a temporary file of {tool}; dlflash does not read it. If {tool} is not "
                "busy with this folder, it can be removed."))
        return found

    def _about(self, journal: Journal, in_journals: set[str]) -> list[str]:
        name = self.name(journal.path)
        if journal.scan is None:
            return [f"{name} cannot be read ({journal.error}), so its events are left out; "
                    "fix its permissions or copy it again from the computer that wrote it."]
        found = []
        if journal.copy is not None:
            events = journal.ids
            only_here = len(events - in_journals)
            tool = journal.copy.tool
            what = "a copy" if tool == "a copy" else f"a conflict copy made by {tool}"
            found.append(
                f"{name} is {what} of {journal.copy.journal}: "
                + (f"{only_here} of its {len(events)} events are in no other journal; "
                   f"`dlflash doctor --fix` folds them into {journal.copy.journal}."
                   if only_here else
                   f"all its {len(events)} events are in the journals too; "
                   "`dlflash doctor --fix` moves it to recovered/."))
        markers = journal.scan.of("marker")
        disorder = journal.scan.out_of_order()
        if markers:
            found.append(
                f"{name}:{markers[0].number}: git's conflict markers ({len(markers)} lines); "
                "the events on both sides are read, and `dlflash doctor --fix` writes the "
                "journal back without the markers, in time order.")
        elif disorder and journal.copy is None:
            found.append(
                f"{name}:{disorder}: an event earlier than the one above it (a git merge, or "
                "a clock set back), so the grades are replayed out of time order; "
                "`dlflash doctor --fix` puts the journal in time order.")
        unreadable = journal.scan.of("unreadable")
        found += [f"{name}:{problem.number}: unreadable line, skipped ({problem.detail})."
                  for problem in unreadable[:SHOWN]]
        if len(unreadable) > SHOWN:
            found.append(f"{name}: {len(unreadable) - SHOWN} more unreadable lines, skipped.")
        found += [f"{name}:{problem.number}: the last line is incomplete (a crash, or still "
                  "syncing); dlflash skips it." for problem in journal.scan.of("incomplete")]
        found += [f"{name}:{problem.number}: {problem.detail}; this dlflash will not open "
                  "the folder." for problem in journal.scan.of("newer")]
        return found


def examine(data_dir: Path) -> Checkup:
    """Read everything in `reviews/` (and the names in `state/`); change nothing."""
    journals, temporary = [], []
    for sub in (JOURNAL_DIR, SNAPSHOT_DIR):
        folder = data_dir / sub
        for path in sorted(folder.iterdir()) if folder.is_dir() else ():
            tool = temporary_file(path.name)
            if tool is not None:
                temporary.append((path, tool))
            elif sub == JOURNAL_DIR and path.name.endswith(JOURNAL_SUFFIX):
                journals.append(_read(path))
    return Checkup(data_dir, tuple(journals), tuple(temporary))


@dataclass
class Folded:
    """What `fold` did and left, one sentence each."""

    done: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    aside: Path | None = None
    """The folder in recovered/ that holds the backups and the copies, if anything was done."""


def fold(checkup: Checkup, now: datetime) -> Folded:
    """Fold every conflict copy into its journal and write journals with git's conflict
    markers back without them. The caller holds the store's lock; a journal that cannot be
    folded safely (unreadable, cut short, from a newer dlflash, or changed since
    `checkup`) is left as it is, with the reason in `left`."""
    result = Folded()
    aside = checkup.data_dir / RECOVERED_DIR / f"doctor-{now.strftime('%Y%m%dT%H%M%S%fZ')}"
    for name, members in checkup.foldable().items():
        target = checkup.data_dir / JOURNAL_DIR / name
        refusal = _refusal(checkup, members)
        if refusal:
            result.left.append(f"{checkup.name(target)} was left as it is: {refusal}")
            continue
        own = members[0] if members and members[0].copy is None else None
        copies = [journal for journal in members if journal is not own]
        before = target.read_bytes() if own else b""
        if own and hashlib.blake2b(before).digest() != own.digest:
            result.left.append(f"{checkup.name(target)} changed while doctor read it (a sync?); "
                               "it was left as it is: run `dlflash doctor --fix` again.")
            continue
        (aside / "before").mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        if own:
            write_atomic(aside / "before" / name, before)  # the backup, before anything else
        merged = merge(journal.scan for journal in members if journal.scan)
        if merged != before:
            write_atomic(target, merged)
        for copy in copies:
            os.rename(copy.path, aside / copy.path.name)
        fsync_dir(aside)
        fsync_dir(target.parent)
        result.aside = aside
        result.done.append(_done(checkup, target, own, copies, before, merged, aside))
    return result


def _refusal(checkup: Checkup, members: list[Journal]) -> str:
    for journal in members:
        name = checkup.name(journal.path)
        if journal.scan is None:
            return f"{name} cannot be read ({journal.error})."
        if journal.scan.of("newer"):
            return f"{name} has lines written by a newer dlflash; upgrade dlflash first."
        if journal.copy is None and journal.scan.of("incomplete"):
            return ("its last line is incomplete (a crash, or still syncing); let the sync "
                    "finish or start dlflash once, then run `dlflash doctor --fix` again.")
    return ""


def _done(checkup: Checkup, target: Path, own: Journal | None, copies: list[Journal],
          before: bytes, merged: bytes, aside: Path) -> str:
    added = merged.count(b"\n") - len(own.scan.lines if own and own.scan else ())
    parts = []
    if copies:
        names = ", ".join(copy.path.name for copy in copies)
        parts.append(f"{max(added, 0)} event(s) from {names} folded in, the "
                     f"cop{'ies' if len(copies) > 1 else 'y'} moved to {checkup.name(aside)}")
    if own and own.scan and own.scan.of("marker"):
        parts.append("git's conflict markers taken out")
    elif own and own.scan and own.scan.out_of_order():
        parts.append("its events put in time order")
    dropped = len(own.scan.of("unreadable")) if own and own.scan else 0
    if dropped:
        parts.append(f"{dropped} unreadable line(s) left out (they are in the backup)")
    backup = f"; it was backed up to {checkup.name(aside / 'before' / target.name)}" \
        if before else ""
    return f"{checkup.name(target)}: {' and '.join(parts)}{backup}."
