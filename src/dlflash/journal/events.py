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
FLAGS = 7
"""Flag colours 1-7 (Anki's: red, orange, green, blue, pink, turquoise, purple); 0 is none."""


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


@dataclass(frozen=True, slots=True)
class Forget:
    """Puts a card back to new: its reviews stay in the history, its schedule starts over."""

    id: str
    card: str
    ts: datetime
    day: date
    device: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """The candidate's own note on a card: the latest counts; an empty text removes it."""

    id: str
    card: str
    text: str
    ts: datetime
    day: date
    device: str = ""


@dataclass(frozen=True, slots=True)
class Flag:
    """A coloured flag on a card (1 to `FLAGS`), or 0 to take it off: the latest counts."""

    id: str
    card: str
    flag: int
    ts: datetime
    day: date
    device: str = ""


@dataclass(frozen=True, slots=True)
class LearnMore:
    """`count` more new cards allowed on its study day (the summary's "learn more").

    A mock interview's answers put into today's review also name their cards: `cards`, new
    cards moved forward (the first of the day's new cards, `count` of them), and `repeats`,
    studied cards asked again that day as same-day repeats, whose grades after this event
    do not reschedule them. A dlflash that does not know these fields still reads the line
    (as `count` more new cards)."""

    id: str
    count: int
    ts: datetime
    day: date
    device: str = ""
    cards: tuple[str, ...] = ()
    repeats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InterviewAnswer:
    """One question of a mock interview, answered (typed, aloud, or both) and judged when
    the candidate moved on. It leaves the card's schedule alone."""

    id: str
    interview: str
    """The interview's id, shared by its answers."""
    card: str
    ts: datetime
    day: date
    index: int
    """The question's position in the interview, from 0, of `of` questions."""
    of: int
    ms: int
    """The time taken; `limit_ms` the time the question had."""
    limit_ms: int
    device: str = ""
    answer: str = ""
    language: str = ""
    looked_up: bool = False
    """Whether the model answer was shown during the interview."""
    ticked: tuple[int, ...] = ()
    """The judge's verdict: the key points ticked, `core` of the `core_total` core points,
    the traps hit and the suggested grade."""
    traps: tuple[int, ...] = ()
    core: int = 0
    core_total: int = 0
    suggested: int = 0


@dataclass(frozen=True, slots=True)
class InterviewGrade:
    """The candidate's own grade of an interview answer (`target`); the latest counts."""

    id: str
    target: str
    grade: int
    ts: datetime
    day: date
    device: str = ""


InterviewEvent = InterviewAnswer | InterviewGrade


Event = Review | CardAction | Undo | Forget | Note | Flag | LearnMore | InterviewEvent


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
    elif isinstance(event, InterviewAnswer):
        record |= {"type": "interview", "interview": event.interview, "card": event.card,
                   "index": event.index, "of": event.of, "ms": event.ms,
                   "limit_ms": event.limit_ms, "answer": event.answer,
                   "lang": event.language, "looked_up": event.looked_up,
                   "ticked": list(event.ticked), "traps": list(event.traps),
                   "core": event.core, "core_total": event.core_total,
                   "suggested": event.suggested}
    elif isinstance(event, InterviewGrade):
        record |= {"type": "interview_grade", "target": event.target, "grade": event.grade}
    elif isinstance(event, CardAction):
        record |= {"type": event.kind, "card": event.card}
    elif isinstance(event, Undo):
        record |= {"type": "undo", "target": event.target}
    elif isinstance(event, Forget):
        record |= {"type": "forget", "card": event.card}
    elif isinstance(event, Note):
        record |= {"type": "note", "card": event.card, "text": event.text}
    elif isinstance(event, Flag):
        record |= {"type": "flag", "card": event.card, "flag": event.flag}
    else:
        record |= {"type": "learn_more", "count": event.count}
        if event.cards:
            record["cards"] = list(event.cards)
        if event.repeats:
            record["repeats"] = list(event.repeats)
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
    if kind in ("interview", "interview_grade"):
        return _interview_event(record, kind, event_id, ts, day, device)
    # A card event's id is shown too (dlflash unsuspend lists the suspended), and names the
    # same card as a review's would: no escapes, as for a review.
    if kind in ACTION_KINDS:
        return CardAction(id=event_id, kind=kind, card=printable(_text(record, "card")), ts=ts,
                          day=day, device=device)
    if kind == "undo":
        return Undo(id=event_id, target=_text(record, "target"), ts=ts, day=day, device=device)
    if kind == "forget":
        return Forget(id=event_id, card=printable(_text(record, "card")), ts=ts, day=day,
                      device=device)
    if kind == "note":
        return Note(id=event_id, card=printable(_text(record, "card")),
                    text=printable(_text(record, "text")), ts=ts, day=day, device=device)
    if kind == "flag":
        flag = get("flag")
        if type(flag) is not int or not 0 <= flag <= FLAGS:
            raise RecordError(f"flag must be an integer from 0 to {FLAGS}, got {flag!r}")
        return Flag(id=event_id, card=printable(_text(record, "card")), flag=flag, ts=ts,
                    day=day, device=device)
    if kind == "learn_more":
        count = get("count")
        if type(count) is not int or count < 0:
            raise RecordError(f"count must be a whole number, got {count!r}")
        return LearnMore(id=event_id, count=count, ts=ts, day=day, device=device,
                         cards=_card_ids(record, "cards"), repeats=_card_ids(record, "repeats"))
    raise RecordError(f"unknown event type {kind!r}")


def _count(record: dict[str, Any], key: str, high: int | None = None) -> int:
    value = record.get(key)
    if type(value) is not int or value < 0 or (high is not None and value > high):
        limit = f"from 0 to {high}" if high is not None else "of 0 or more"
        raise RecordError(f"field {key!r} must be a whole number {limit}, got {value!r}")
    return value


def _numbers(record: dict[str, Any], key: str) -> tuple[int, ...]:
    value = record.get(key, [])
    if type(value) is not list or any(type(i) is not int for i in value):
        raise RecordError(f"field {key!r} must be a list of numbers")
    return tuple(value)


def _card_ids(record: dict[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key, [])
    if type(value) is not list or any(type(card) is not str for card in value):
        raise RecordError(f"field {key!r} must be a list of card ids")
    return tuple(printable(card) for card in value)


def _interview_event(record: dict[str, Any], kind: str, event_id: str, ts: datetime,
                     day: date, device: str) -> InterviewEvent:
    if kind == "interview_grade":
        return InterviewGrade(id=event_id, target=_text(record, "target"),
                              grade=_count(record, "grade", 5), ts=ts, day=day, device=device)
    looked_up = record.get("looked_up", False)
    return InterviewAnswer(
        id=event_id, interview=_text(record, "interview"), card=printable(_text(record, "card")),
        ts=ts, day=day, index=_count(record, "index"), of=_count(record, "of"),
        ms=_count(record, "ms"), limit_ms=_count(record, "limit_ms"), device=device,
        answer=printable(_optional_text(record.get("answer"))),
        language=_optional_text(record.get("lang")), looked_up=looked_up is True,
        ticked=_numbers(record, "ticked"), traps=_numbers(record, "traps"),
        core=_count(record, "core"), core_total=_count(record, "core_total"),
        suggested=_count(record, "suggested", 5))


@dataclass(frozen=True, slots=True)
class Replayed:
    """A review with what replay made of it."""

    review: Review
    scheduled: bool
    before: CardState
    after: CardState
