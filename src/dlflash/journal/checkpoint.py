"""The snapshot file: a history checkpoint and the journal bytes it covers. Pure: bytes in,
bytes out; the store does the reading, writing and checking against the journals.

A JSON line, then the reviews before the window as a column table (`review_table`). The
line starts with the CRC-32 of the rest of the line and names the table's size and CRC-32,
so that damage anywhere in the file (one flipped byte gave silently wrong figures, or dates
out of range) is caught: in the line when the snapshot is loaded, in the table when it is
first read (a start never reads it: 22 MB at a million reviews, for the statistics only):

    {"crc32": "1c291ca3", "schema": 1, "format": 6, "device": "laptop-1a2b",
     "cut": {"laptop-1a2b.jsonl": {"size": 52311, "tail": "<hex of the last 64 bytes>"}},
     "cut_ts": "2026-03-02T21:14:05.120+09:00",    # the latest event covered
     "window_start": "2026-03-01",
     "cards": {"id": ["q01", ...], "reps": [3, ...], "ef": [2.6, ...], "interval": [17, ...],
               "due": [739329, ...]},              # columns; due as date.toordinal(), 0: none
     "suspended": ["q07.2"], "study_days": ["2026-02-27", ...],
     "notes": {"q04": "..."}, "flags": {"q04": 1},
     "interviews": [<journal records of the interview events before the window>],
     "window": [<journal records of the last two study days>],
     "table": {"size": 2200311, "crc32": "09a1b2c3"}}
    <ReviewTable.to_bytes()>
"""

from __future__ import annotations

import json
import zlib
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from dlflash.journal.events import (
    SCHEMA_VERSION,
    Event,
    InterviewAnswer,
    InterviewEvent,
    InterviewGrade,
    RecordError,
    decode,
    encode,
)
from dlflash.journal.history import Base
from dlflash.journal.review_table import LazyTable, ReviewTable, TableError
from dlflash.sm2 import CardState

FORMAT = 6
"""The file's layout; 1 was the JSON line alone, in `state/<device>.json`; 2 had no
checksum; 3 no notes or flags; 4 one checksum over the line and the table; 5 no per-card
totals in the table (still read: the table sums them from its rows)."""
READ = (5, FORMAT)
"""The formats still loaded; earlier ones are dropped and rebuilt from the journals."""
_CRC = slice(10, 18)
"""Where the checksum's 8 hex digits are: after `{"crc32":"`."""


class CheckpointError(ValueError):
    """The snapshot cannot be used; the journals are read in full instead."""


class OutdatedError(CheckpointError):
    """A snapshot of an earlier format: a cache to drop quietly, not damage to report."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    base: Base
    window: list[Event]
    cut: dict[str, tuple[int, bytes]]
    """Per journal file: the bytes covered, and the last few of them (to recognise it)."""
    cut_ts: datetime | None


def dump(device: str, base: Base, window: Sequence[Event],
         cut: Mapping[str, tuple[int, bytes]], cut_ts: datetime | None,
         written: datetime) -> bytes:
    record = {
        "crc32": "0" * 8,
        "schema": SCHEMA_VERSION,
        "format": FORMAT,
        "device": device,
        "written": written.isoformat(timespec="seconds"),
        "cut": {name: {"size": size, "tail": tail.hex()} for name, (size, tail) in
                sorted(cut.items())},
        "cut_ts": cut_ts.isoformat() if cut_ts else None,
        "window_start": base.window_start.isoformat(),
        "cards": _state_columns(base.states),
        "suspended": sorted(base.suspended),
        "study_days": sorted(day.isoformat() for day in base.study_days),
        "notes": dict(sorted(base.notes.items())),
        "flags": dict(sorted(base.flags.items())),
        "interviews": [json.loads(encode(event)) for event in base.interviews],
        "window": [json.loads(encode(event)) for event in window],
    }
    table = base.reviews.to_bytes()
    record["table"] = {"size": len(table), "crc32": f"{zlib.crc32(table):08x}"}
    head = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    return head[: _CRC.start] + _checksum(head) + head[_CRC.stop:] + b"\n" + table


def _checksum(head: bytes) -> bytes:
    return b"%08x" % zlib.crc32(memoryview(head)[_CRC.stop:])


def _verify(head: bytes, record: Any) -> None:
    """Raise unless the line's checksum matches; an earlier format is dropped quietly."""
    if type(record) is dict and record.get("schema") == SCHEMA_VERSION \
            and record.get("format") in range(2, READ[0]):
        raise OutdatedError("written by an earlier dlflash")
    if not (head.startswith(b'{"crc32":"') and head[_CRC] == _checksum(head)):
        raise CheckpointError("the checksum does not match: the file is damaged")


def table(data: bytes, size: int, crc: str) -> ReviewTable:
    """The older reviews' table from the bytes after the snapshot's line, checked against
    the size and checksum the line gives."""
    if len(data) != size or f"{zlib.crc32(data):08x}" != crc:
        raise CheckpointError("the table's checksum does not match: the file is damaged")
    try:
        return ReviewTable.from_bytes(data)
    except TableError as error:
        raise CheckpointError(f"not a usable table ({error})") from None


def _mapping(value: Any, kind: type[Any]) -> dict[str, Any]:
    """Card ids to notes or flags, each checked to be of `kind`."""
    if type(value) is not dict or not all(type(v) is kind for v in value.values()):
        raise CheckpointError(f"notes or flags that are not {kind.__name__}s")
    return {str(card): v for card, v in value.items()}


def _interview_events(records: Any) -> tuple[InterviewEvent, ...]:
    events: list[InterviewEvent] = []
    for record in records:
        event = decode(record)
        if not isinstance(event, InterviewAnswer | InterviewGrade):
            raise CheckpointError("an event among the interviews that is not one of them")
        events.append(event)
    return tuple(events)


def _state_columns(states: Mapping[str, CardState]) -> dict[str, list[Any]]:
    """Card states as columns: a tenth of the parsing time of an object per card."""
    ordered = sorted(states.items())
    return {
        "id": [card for card, _ in ordered],
        "reps": [state.repetitions for _, state in ordered],
        "ef": [state.easiness for _, state in ordered],
        "interval": [state.interval for _, state in ordered],
        "due": [state.due.toordinal() if state.due else 0 for _, state in ordered],
    }


def _states(columns: dict[str, list[Any]]) -> dict[str, CardState]:
    # Typed arrays refuse a value of the wrong type in C, without a check per value.
    reps, easiness = array("i", columns["reps"]), array("d", columns["ef"])
    intervals, dues = array("i", columns["interval"]), array("i", columns["due"])
    ids = columns["id"]
    if not len(ids) == len(reps) == len(easiness) == len(intervals) == len(dues):
        raise CheckpointError("card columns of different lengths")
    if not all(type(card) is str for card in ids):
        raise CheckpointError("a card id is not a string")
    day = date.fromordinal
    return {card: CardState(r, e, i, day(d) if d else None)
            for card, r, e, i, d in zip(ids, reps, easiness, intervals, dues, strict=True)}


def load(raw: bytes, device: str, rest: Callable[[], bytes] | None = None,
         rebuild: Callable[[date], ReviewTable] | None = None) -> Snapshot:
    """The snapshot in `raw`: the whole file, or its first line alone with `rest` to read
    what follows it when the older reviews are first used (`LazyTable`). A table that turns
    out damaged or unreadable then is `rebuild(window_start)`, or raises `CheckpointError`."""
    end = raw.find(b"\n")
    head = raw[:end] if end >= 0 else raw
    try:
        record: Any = json.loads(head)
        _verify(head, record)
        if record.get("schema") != SCHEMA_VERSION or record.get("format") not in READ \
                or record.get("device") != device:
            raise CheckpointError("written by another dlflash or for another device")
        cut = {name: (int(entry["size"]), bytes.fromhex(entry["tail"]))
               for name, entry in record["cut"].items()}
        cut_ts = datetime.fromisoformat(record["cut_ts"]) if record["cut_ts"] else None
        states = _states(record["cards"])
        base = Base(
            window_start=date.fromisoformat(record["window_start"]),
            states=states,
            suspended=frozenset(str(card) for card in record["suspended"]),
            study_days=frozenset(date.fromisoformat(day) for day in record["study_days"]),
            reviews=_reviews(raw[end + 1:] if end >= 0 and rest is None else None, rest,
                             int(record["table"]["size"]), str(record["table"]["crc32"]),
                             partial(rebuild, date.fromisoformat(record["window_start"]))
                             if rebuild else None),
            notes=_mapping(record["notes"], str),
            flags=_mapping(record["flags"], int),
            # A snapshot from before the interviews has none (nor did its journals).
            interviews=_interview_events(record.get("interviews", ())),
        )
        window = [decode(event) for event in record["window"]]
    except CheckpointError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecordError,
            TableError) as error:
        raise CheckpointError(f"not a usable snapshot ({error})") from None
    return Snapshot(base, window, cut, cut_ts)


def _reviews(data: bytes | None, rest: Callable[[], bytes] | None, size: int, crc: str,
             rebuild: Callable[[], ReviewTable] | None) -> ReviewTable:
    if rest is None:
        if data is None:
            raise CheckpointError("no table after the line")
        return table(data, size, crc)

    def read() -> ReviewTable:
        try:
            return table(rest(), size, crc)
        except (OSError, CheckpointError):
            if rebuild is None:
                raise
            return rebuild()

    return LazyTable(read)
