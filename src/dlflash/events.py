"""Journal events and their JSON lines: the source of truth that every state is derived from.

One event per line, each carrying the schema version `v`, a unique `id`, the `device` that
wrote it, an aware timestamp `ts` and the study `day` it counted for.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from dlflash.sm2 import CardState, check_grade

SCHEMA_VERSION = 1

ActionKind = Literal["suspend", "unsuspend", "bury"]
ACTION_KINDS: tuple[ActionKind, ...] = ("suspend", "unsuspend", "bury")


class RecordError(ValueError):
    """A journal line that cannot be used; the message says why."""


class NewerSchemaError(RecordError):
    """A line written by a newer dlflash: reading on could misread the user's data."""


def new_id() -> str:
    """A globally unique event id: devices never coordinate, so ids must not collide."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class Review:
    """One grade given to one card."""

    id: str
    card: str
    ts: datetime
    day: date
    grade: int
    device: str = ""
    ms: int = 0
    answer: str = ""
    ticked: tuple[int, ...] = ()
    language: str = ""


@dataclass(frozen=True, slots=True)
class CardAction:
    """Suspend or unsuspend a card, or bury it for its study day."""

    id: str
    kind: ActionKind
    card: str
    ts: datetime
    day: date
    device: str = ""


@dataclass(frozen=True, slots=True)
class Undo:
    """Takes back the event `target` (a review or a card action)."""

    id: str
    target: str
    ts: datetime
    day: date
    device: str = ""


Event = Review | CardAction | Undo


def encode(event: Event, after: CardState | None = None, scheduled: bool | None = None) -> bytes:
    """One JSON line for the journal. A review also records its outcome, for stats and humans."""
    record: dict[str, Any] = {
        "v": SCHEMA_VERSION,
        "id": event.id,
        "device": event.device,
        "ts": event.ts.isoformat(timespec="milliseconds"),
        "day": event.day.isoformat(),
    }
    if isinstance(event, Review):
        record |= {
            "type": "review",
            "card": event.card,
            "grade": event.grade,
            "ms": event.ms,
            "answer": event.answer,
            "ticked": list(event.ticked),
            "lang": event.language,
        }
        if scheduled is not None:
            record["scheduled"] = scheduled
        if after is not None:
            record |= {
                "reps": after.repetitions,
                "ef": after.easiness,
                "interval": after.interval,
                "due": after.due.isoformat() if after.due else None,
            }
    elif isinstance(event, CardAction):
        record |= {"type": event.kind, "card": event.card}
    else:
        record |= {"type": "undo", "target": event.target}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _field(record: dict[str, Any], key: str, kind: type) -> Any:
    value = record.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise RecordError(f"field {key!r} is missing or not a {kind.__name__}")
    return value


def decode(record: object) -> Event:
    """The event a parsed journal line describes, or `RecordError`."""
    if not isinstance(record, dict):
        raise RecordError("a journal line must be a JSON object")
    version = record.get("v")
    if version != SCHEMA_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) \
                and version > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"written by a newer dlflash (schema {version}); upgrade dlflash to read it"
            )
        raise RecordError(f"unknown schema version {version!r}")
    try:
        ts = datetime.fromisoformat(_field(record, "ts", str))
        day = date.fromisoformat(_field(record, "day", str))
    except ValueError as error:
        raise RecordError(f"bad time or day: {error}") from None
    if ts.tzinfo is None:
        raise RecordError("timestamp has no UTC offset")
    common = {"id": _field(record, "id", str), "ts": ts, "day": day,
              "device": record.get("device") if isinstance(record.get("device"), str) else ""}
    kind = record.get("type")
    if kind == "review":
        try:
            grade = check_grade(record.get("grade"))
        except ValueError as error:
            raise RecordError(str(error)) from None
        ticked = record.get("ticked", [])
        if not isinstance(ticked, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in ticked
        ):
            raise RecordError("field 'ticked' must be a list of key-point numbers")
        ms = record.get("ms", 0)
        return Review(
            card=_field(record, "card", str),
            grade=grade,
            ms=ms if isinstance(ms, int) and not isinstance(ms, bool) and ms >= 0 else 0,
            answer=record.get("answer") if isinstance(record.get("answer"), str) else "",
            ticked=tuple(ticked),
            language=record.get("lang") if isinstance(record.get("lang"), str) else "",
            **common,
        )
    if kind in ACTION_KINDS:
        return CardAction(kind=kind, card=_field(record, "card", str), **common)
    if kind == "undo":
        return Undo(target=_field(record, "target", str), **common)
    raise RecordError(f"unknown event type {kind!r}")
