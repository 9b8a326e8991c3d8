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

from dlflash.base.safe_text import printable
from dlflash.sm2 import CardState

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


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if type(value) is not str:
        raise RecordError(f"field {key!r} is missing or not a str")
    return value


def _optional_text(value: object) -> str:
    return value if type(value) is str else ""


def decode(record: object) -> Event:
    """The event a parsed journal line describes, or `RecordError`.

    Exact types (`type(x) is int`, so a JSON true is never a grade): this runs once per
    journal line, 100,000 times for a long history.
    """
    if type(record) is not dict:
        raise RecordError("a journal line must be a JSON object")
    get = record.get
    version = get("v")
    if version != SCHEMA_VERSION or type(version) is not int:
        if type(version) is int and version > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"written by a newer dlflash (schema {version}); upgrade dlflash to read it"
            )
        raise RecordError(f"unknown schema version {version!r}")
    try:
        ts = datetime.fromisoformat(_text(record, "ts"))
        day = date.fromisoformat(_text(record, "day"))
    except ValueError as error:
        raise RecordError(f"bad time or day: {error}") from None
    if ts.tzinfo is None:
        raise RecordError("timestamp has no UTC offset")
    event_id, device = _text(record, "id"), _optional_text(get("device"))
    kind = get("type")
    if kind == "review":
        grade = get("grade")
        if type(grade) is not int or not 0 <= grade <= 5:
            raise RecordError(f"grade must be an integer from 0 to 5, got {grade!r}")
        ticked = get("ticked", [])
        if type(ticked) is not list or any(type(i) is not int for i in ticked):
            raise RecordError("field 'ticked' must be a list of key-point numbers")
        ms = get("ms", 0)
        # A journal synced from elsewhere is shown too (card info, past answers): no escapes.
        return Review(
            id=event_id, card=printable(_text(record, "card")), ts=ts, day=day, grade=grade,
            device=device, ms=ms if type(ms) is int and ms >= 0 else 0,
            answer=printable(_optional_text(get("answer"))), ticked=tuple(ticked),
            language=_optional_text(get("lang")),
        )
    if kind in ACTION_KINDS:
        return CardAction(id=event_id, kind=kind, card=_text(record, "card"), ts=ts, day=day,
                          device=device)
    if kind == "undo":
        return Undo(id=event_id, target=_text(record, "target"), ts=ts, day=day, device=device)
    raise RecordError(f"unknown event type {kind!r}")


@dataclass(frozen=True, slots=True)
class Replayed:
    """A review with what replay made of it."""

    review: Review
    scheduled: bool
    before: CardState
    after: CardState
