"""The first read of a long history without a snapshot folds old events while it replays
(journal/replay.py): it must give exactly what reading every event gives, or read in full."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dlflash.journal import checkpoint
from dlflash.journal import store as store_module
from dlflash.journal.events import (
    CardAction,
    Event,
    Flag,
    Forget,
    InterviewAnswer,
    InterviewGrade,
    LearnMore,
    Note,
    Review,
    Undo,
    encode,
    new_id,
)
from dlflash.journal.history import History
from dlflash.journal.store import Store

from helpers import table_rows as rows

KST = timezone(timedelta(hours=9))
WRITTEN = datetime(2026, 4, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fold_small_journals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)


def journal(rng: random.Random, events: int, oddities: bool) -> dict[str, list[Event]]:
    """Two devices' events over a few weeks: mostly reviews, and every other kind."""
    cards = [f"q{i:02}" for i in range(12)] + ["card with space", "카드"]
    out: dict[str, list[Event]] = {"laptop": [], "desktop": []}
    ts = datetime(2026, 3, 1, 9, tzinfo=KST)
    done: list[Event] = []
    for _ in range(events):
        ts += timedelta(minutes=rng.choice([1, 2, 5, 30, 60 * 7, 60 * 20]))
        device = rng.choice(["laptop", "desktop"])
        moment = ts
        if oddities and rng.random() < 0.03:
            moment = ts - timedelta(hours=rng.choice([1, 30, 60]))  # a clock off, or gone back
        day = (moment - timedelta(hours=4)).date()
        if oddities and rng.random() < 0.1:  # the same moment written in another zone
            moment = moment.astimezone(rng.choice([UTC, timezone(timedelta(hours=-5))]))
        card = rng.choice(cards)
        kind = rng.random()
        common = {"id": new_id(), "ts": moment, "day": day, "device": device}
        event: Event
        if kind < 0.75:
            event = Review(card=card, grade=rng.randrange(6), ms=rng.randrange(90_000),
                           answer=rng.choice(["", "a \"quoted\" answer\\", "답 \u2028 ok",
                                              "tab\there"]),
                           ticked=tuple(sorted(rng.sample(range(6), rng.randrange(4)))),
                           language=rng.choice(["ko", "en"]), **common)  # type: ignore[arg-type]
        elif kind < 0.80 and (undoable := [e for e in done[-3:] if oddities or isinstance(
                e, Review | Forget | CardAction | Note | Flag | LearnMore)]):
            # What the app takes back: one of the last few events (odd: any, even an undo
            # or an interview answer, or the very first event)
            target = rng.choice(done[:1] if oddities and rng.random() < 0.2 else undoable)
            event = Undo(target=target.id, **common)  # type: ignore[arg-type]
        elif kind < 0.83:
            event = Forget(card=card, **common)  # type: ignore[arg-type]
        elif kind < 0.87:
            event = CardAction(kind=rng.choice(["suspend", "unsuspend", "bury"]), card=card,
                               **common)  # type: ignore[arg-type]
        elif kind < 0.90:
            event = Note(card=card, text=rng.choice(["", "note"]), **common)  # type: ignore[arg-type]
        elif kind < 0.93:
            event = Flag(card=card, flag=rng.randrange(8), **common)  # type: ignore[arg-type]
        elif kind < 0.96:
            event = LearnMore(count=rng.randrange(3), cards=(card,) if rng.random() < 0.5 else (),
                              repeats=tuple(rng.sample(cards, 2)) if rng.random() < 0.5 else (),
                              **common)  # type: ignore[arg-type]
        else:
            answer = InterviewAnswer(interview="iv", card=card, index=0, of=3, ms=10,
                                     limit_ms=100, **common)  # type: ignore[arg-type]
            event = answer if rng.random() < 0.7 else InterviewGrade(
                target=new_id(), grade=rng.randrange(6), **common)  # type: ignore[arg-type]
        out[device].append(event)
        done.append(event)
    return out


def write(data_dir: Path, journals: dict[str, list[Event]], rng: random.Random,
          oddities: bool) -> None:
    folder = data_dir / "reviews"
    folder.mkdir(parents=True)
    for device, events in journals.items():
        lines = []
        for event in events:
            line = encode(event)
            if oddities and rng.random() < 0.02:
                line = json.dumps(json.loads(line), indent=None).encode() + b"\n"  # spaced
            lines.append(line)
            if oddities and rng.random() < 0.01:
                lines.append(rng.choice([b"\n", b"garbage\n", lines[rng.randrange(len(lines))]]))
        (folder / f"{device}.jsonl").write_bytes(b"".join(lines))


def same(folded: History, full: History) -> None:
    assert folded.states == full.states
    assert folded.suspended_cards() == full.suspended_cards()
    assert folded.study_days() == full.study_days()
    assert folded.notes() == full.notes() and folded.flags() == full.flags()
    assert rows(folded.older_reviews().plus(folded.all_reviews())) == \
        rows(full.older_reviews().plus(full.all_reviews()))
    assert folded.interview_answers() == full.interview_answers()
    one, other = folded.checkpoint(), full.checkpoint()
    assert (one is None) == (other is None)
    if one is not None and other is not None:
        assert checkpoint.dump("d", *one, {}, None, WRITTEN) == \
            checkpoint.dump("d", *other, {}, None, WRITTEN)


@pytest.mark.parametrize("oddities", [False, True], ids=["plain", "odd"])
def test_folding_while_reading_gives_what_reading_everything_gives(
        tmp_path: Path, oddities: bool) -> None:
    rng = random.Random(19 + oddities)
    folded_count = 0
    for case in range(60):
        data_dir = tmp_path / f"d{case}"
        write(data_dir, journal(rng, rng.randrange(20, 300), oddities), rng, oddities)
        store = Store(data_dir, "laptop")
        folded, report = store.read()
        full_store = Store(data_dir, "laptop")
        full, full_report = full_store.read(full=True)
        assert report.warnings == full_report.warnings
        assert (store._cut, store._cut_ts) == (full_store._cut, full_store._cut_ts)
        same(folded, full)
        folded_count += folded.partial
    # Plain journals are folded whenever an undo does not reach across the window's start.
    assert folded_count >= (5 if oddities else 50)


def test_a_folded_read_keeps_studying_like_a_full_one(data_dir: Path) -> None:
    rng = random.Random(7)
    write(data_dir, journal(rng, 400, False), rng, False)
    store = Store(data_dir, "laptop")
    history, _ = store.open()
    assert history.partial
    last = max(history.study_days())
    event = Review(id=new_id(), card="q01", ts=datetime(2026, 9, 1, 9, tzinfo=KST),
                   day=last + timedelta(days=1), grade=4, device="laptop")
    scheduled, after = history.outcome(event)
    store.append(event, after=after, scheduled=scheduled)
    history.apply(event)
    store.close(history)
    again, _ = Store(data_dir, "laptop").read()
    same(again, Store(data_dir, "laptop").read(full=True)[0])


@pytest.mark.parametrize("line", [
    b'{"v":1,"id":"' + b"a" * 32 + b'","device":"x","ts":"2026-03-01T09:00:00.000+09:00",'
    b'"day":"2026-03-01","type":"review","card":"q01","grade":4,"ms":012,"answer":"",'
    b'"ticked":[],"lang":"ko"}\n',  # a leading zero: not JSON
    b'{"v":1,"id":"' + b"a" * 32 + b'","device":"x","ts":"2026-03-01T09:00:00.000+09:00",'
    b'"day":"2026-02-30","type":"review","card":"q01","grade":4,"ms":1,"answer":"",'
    b'"ticked":[],"lang":"ko"}\n',  # no such day
    b'{"v":1,"id":"' + b"a" * 32 + b'","device":"x","ts":"2026-03-01T09:00:00.000+09:00",'
    b'"day":"2026-03-01","type":"review","card":"q01","grade":4,"ms":1,"answer":"\x01",'
    b'"ticked":[],"lang":"ko"}\n',  # a raw control character in a string
    b'{"v":1,"id":"' + b"a" * 32 + b'","device":"x","ts":"2026-03-01T09:00:00.000+09:00",'
    b'"day":"2026-03-01","type":"review","card":"q01","grade":4,"ms":1,"answer":"\xff",'
    b'"ticked":[],"lang":"ko"}\n',  # not UTF-8
], ids=["leading-zero", "bad-day", "control", "not-utf8"])
def test_a_line_the_full_read_skips_is_never_folded(data_dir: Path, line: bytes) -> None:
    folder = data_dir / "reviews"
    folder.mkdir(parents=True)
    good = Review(id=new_id(), card="q02", ts=datetime(2026, 3, 5, 9, tzinfo=KST),
                  day=date(2026, 3, 5), grade=5)
    (folder / "laptop.jsonl").write_bytes(line + encode(good))
    history, report = Store(data_dir, "laptop").read()
    assert not history.partial and report.warnings == [
        f"{folder / 'laptop.jsonl'}:1: " + ("unreadable line skipped." if b"\xff" in line
                                           or b"012" in line or b"\x01" in line
                                           else "line skipped: bad time or day: "
                                           "day is out of range for month.")]
    assert set(history.states) == {"q02"}


def test_an_undo_across_the_windows_start_reads_in_full(data_dir: Path) -> None:
    folder = data_dir / "reviews"
    folder.mkdir(parents=True)
    old = Review(id=new_id(), card="q01", ts=datetime(2026, 3, 1, 9, tzinfo=KST),
                 day=date(2026, 3, 1), grade=5)
    later = [Review(id=new_id(), card="q02", ts=datetime(2026, 3, d, 9, tzinfo=KST),
                    day=date(2026, 3, d), grade=4) for d in (2, 3, 4, 5)]
    undo = Undo(id=new_id(), target=old.id, ts=datetime(2026, 3, 5, 10, tzinfo=KST),
                day=date(2026, 3, 5))
    (folder / "laptop.jsonl").write_bytes(b"".join(map(encode, [old, *later, undo])))
    history, _ = Store(data_dir, "laptop").read()
    assert not history.partial and "q01" not in history.states
