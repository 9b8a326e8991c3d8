"""The whole history as one JSON document, and merging one back in by event id.

    {"format": "dlflash-history", "schema": 1, "exported": "2026-03-02T09:00:00.000+09:00",
     "devices": ["laptop-1a2b", "phone-3c4d"], "count": 2,
     "events": [
    {"v":1,"id":"...","device":"laptop-1a2b","ts":"...","day":"2026-03-02","type":"review",...},
    ...
    ]}

Each event is exactly a journal line (`events.encode`/`decode`), so every event type the
journal knows goes out and comes back, whatever types are added later; one event a line
keeps the file readable and friendly to diff. `schema` versions the document around them;
each event carries the journal's own `v`.

Merged events go to `reviews/<device>.imported.jsonl`: a journal that only this device
writes (no clash with another computer in a synced folder) and that is not the live
journal the app appends to while it runs, so an import can be taken back by deleting it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dlflash.base.atomic import write_atomic
from dlflash.base.errors import DlflashError
from dlflash.journal.events import Event, RecordError, decode, encode
from dlflash.journal.store import IMPORTED_SUFFIX, JOURNAL_DIR, Store

FORMAT = "dlflash-history"
SCHEMA = 1


class ArchiveError(DlflashError):
    """A history document that cannot be merged; nothing was changed."""


def dump(events: Iterable[Event], exported: datetime) -> bytes:
    """The document for `events` (in the order given: the journals' time order)."""
    events = list(events)
    lines = [encode(event).rstrip(b"\n") for event in events]
    devices = sorted({event.device for event in events})
    head = json.dumps({
        "format": FORMAT,
        "schema": SCHEMA,
        "exported": exported.isoformat(timespec="milliseconds"),
        "devices": devices,
        "count": len(lines),
    }, ensure_ascii=False)
    body = b",\n".join(lines)
    return head[:-1].encode() + b', "events": [\n' + body + (b"\n" if lines else b"") + b"]}\n"


def load(data: bytes, name: str) -> list[Event]:
    """The events of a document; `ArchiveError` naming `name` (and the event) if any of it
    cannot be used, or if a newer dlflash wrote it."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(
            f"{name} is not a JSON document ({error}); nothing was imported.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError(
            f"{name} is not a dlflash history (made by `dlflash export --json`); "
            "nothing was imported.")
    schema = document.get("schema")
    if type(schema) is not int or schema < 1:
        raise ArchiveError(f"{name} has no valid schema number; nothing was imported.")
    if schema > SCHEMA:
        raise ArchiveError(
            f"{name} was written by a newer dlflash (history schema {schema}, this one reads "
            f"{SCHEMA}); upgrade dlflash to import it. Nothing was imported.")
    records = document.get("events")
    if not isinstance(records, list):
        raise ArchiveError(f"{name} has no list of events; nothing was imported.")
    events = []
    for number, record in enumerate(records, start=1):
        try:
            events.append(decode(record))
        except RecordError as error:
            raise ArchiveError(
                f"{name}: event {number}: {error}; nothing was imported.") from None
    return events


@dataclass(frozen=True)
class Merged:
    added: int
    known: int
    path: Path


def merge(store: Store, events: list[Event]) -> Merged:
    """Add the events the journals do not hold yet to this device's imported journal, under
    the store's lock; events already known (by id) are left out, so merging twice adds
    nothing the second time."""
    store.lock()
    try:
        history, _ = store.read(full=True)
        known = {event.id for event in history.events()}
        fresh: dict[str, Event] = {}
        for event in events:
            if event.id not in known:
                fresh.setdefault(event.id, event)
        path = store.data_dir / JOURNAL_DIR / f"{store.device}{IMPORTED_SUFFIX}"
        if fresh:
            try:
                before = path.read_bytes()
            except FileNotFoundError:
                before = b""
            except OSError as error:
                raise ArchiveError(f"Cannot read {path}: {error.strerror}; nothing was "
                                   "imported.") from None
            if before and not before.endswith(b"\n"):
                raise ArchiveError(
                    f"{path} ends in an incomplete line (still syncing?); try again once it "
                    "is complete. Nothing was imported.")
            try:
                write_atomic(path, before + b"".join(map(encode, fresh.values())))
            except OSError as error:
                raise ArchiveError(f"Cannot write {path}: {error.strerror}; nothing was "
                                   "imported.") from None
        return Merged(added=len(fresh), known=len(events) - len(fresh), path=path)
    finally:
        store.close()
