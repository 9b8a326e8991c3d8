"""Start-up from the snapshot: the same history as reading every journal, or a full read."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dlflash.journal import store as store_module
from dlflash.journal.checkpoint import Snapshot
from dlflash.journal.events import CardAction, Undo, encode, new_id
from dlflash.journal.history import History
from dlflash.journal.store import Store

from helpers import table_rows as rows
from test_store import review


@pytest.fixture(autouse=True)
def _snapshots_for_small_journals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)


def study(data_dir: Path, days: int = 5, per_day: int = 4, device: str = "testdev") -> History:
    """A few days of grading through the store, closed with a snapshot."""
    store = Store(data_dir, device)
    history, _ = store.open()
    for day in range(days):
        for slot in range(per_day):
            event = review(f"c{slot}", (day + slot) % 6, minutes=day * 1440 + slot,
                           day=date(2026, 3, 2) + timedelta(days=day), device=device)
            scheduled, after = history.outcome(event)
            store.append(event, after=after, scheduled=scheduled)
            history.apply(event)
    bury = CardAction(id=new_id(), kind="suspend", card="c1", ts=event.ts, day=event.day,
                      device=device)
    store.append(bury)
    history.apply(bury)
    store.close(history)
    return history


def agree(partial: History, full: History) -> None:
    assert partial.partial and not full.partial
    assert partial.states == full.states
    assert partial.suspended_cards() == full.suspended_cards()
    assert partial.study_days() == full.study_days()
    assert len(partial.older_reviews()) > 0
    assert rows(partial.older_reviews().plus(partial.all_reviews())) == \
        rows(full.older_reviews().plus(full.all_reviews()))
    last = max(full.study_days())
    for day in (last, last - timedelta(days=1)):
        assert [r.review.id for r in partial.reviews_on(day)] == \
            [r.review.id for r in full.reviews_on(day)]


def read_in_full(history: History, data_dir: Path, device: str = "testdev") -> bool:
    """Whether `history` is what reading every journal gives, not what a snapshot said. (A
    long history read without a snapshot is folded while it is read: it may be partial.)"""
    full, _ = Store(data_dir, device).read(full=True)
    return (history.states == full.states
            and history.suspended_cards() == full.suspended_cards()
            and history.study_days() == full.study_days()
            and rows(history.older_reviews().plus(history.all_reviews()))
            == rows(full.older_reviews().plus(full.all_reviews())))


def test_reopening_uses_the_snapshot_and_agrees(data_dir: Path) -> None:
    study(data_dir)
    store = Store(data_dir, "testdev")
    partial, _ = store.open()
    full, _ = Store(data_dir, "testdev").read(full=True)
    agree(partial, full)
    # Keep studying on the partial history, close, reopen: still the same as a full read.
    event = review("c2", 1, minutes=5 * 1440 + 60, day=date(2026, 3, 6))
    scheduled, after = partial.outcome(event)
    store.append(event, after=after, scheduled=scheduled)
    partial.apply(event)
    undo = Undo(id=new_id(), target=event.id, ts=event.ts + timedelta(seconds=5), day=event.day)
    store.append(undo)
    partial.apply(undo)
    store.close(partial)
    again, _ = Store(data_dir, "testdev").read()
    agree(again, Store(data_dir, "testdev").read(full=True)[0])


def test_another_devices_newer_events_are_added(data_dir: Path) -> None:
    study(data_dir)
    other = data_dir / "reviews" / "desktop.jsonl"
    later = review("c3", 5, minutes=6 * 1440, day=date(2026, 3, 8), device="desktop")
    other.write_bytes(encode(later))
    partial, _ = Store(data_dir, "testdev").read()
    assert partial.partial and partial.state("c3") == Store(data_dir, "testdev").read(
        full=True)[0].state("c3")


def test_falls_back_to_a_full_read_when_the_snapshot_cannot_cover(data_dir: Path) -> None:
    study(data_dir)
    # An older review synced in from another device belongs before the checkpoint.
    other = data_dir / "reviews" / "desktop.jsonl"
    other.write_bytes(encode(review("c0", 0, minutes=30, device="desktop")))
    history, _ = Store(data_dir, "testdev").read()
    assert read_in_full(history, data_dir)
    other.unlink()
    assert Store(data_dir, "testdev").read()[0].partial
    # The journal was replaced (a restore): its start no longer matches.
    journal = data_dir / "reviews" / "testdev.jsonl"
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"".join(lines[:5]))
    assert read_in_full(Store(data_dir, "testdev").read()[0], data_dir)
    # A snapshot of another device is never used.
    study(data_dir / "x", device="laptop")
    state = data_dir / "x" / "state"
    (state / "laptop.snapshot").rename(state / "other.snapshot")
    assert read_in_full(Store(data_dir / "x", "other").read()[0], data_dir / "x", "other")


def test_a_bad_line_after_the_snapshot_is_reported_with_its_line(data_dir: Path) -> None:
    study(data_dir, days=2)
    journal = data_dir / "reviews" / "testdev.jsonl"
    lines = len(journal.read_bytes().splitlines())
    with open(journal, "ab") as handle:
        handle.write(b"garbage\n")
    history, report = Store(data_dir, "testdev").read()
    assert not history.partial
    assert report.warnings == [f"{journal}:{lines + 1}: unreadable line skipped."]


def test_snapshot_records_the_cut(data_dir: Path) -> None:
    study(data_dir, days=3)
    snapshot = json.loads((data_dir / "state" / "testdev.snapshot").read_bytes().split(b"\n")[0])
    journal = data_dir / "reviews" / "testdev.jsonl"
    assert snapshot["cut"]["testdev.jsonl"]["size"] == journal.stat().st_size
    assert bytes.fromhex(snapshot["cut"]["testdev.jsonl"]["tail"]) == journal.read_bytes()[-64:]
    assert snapshot["window_start"] == "2026-03-03"
    assert len(snapshot["window"]) == 9  # two days of four reviews, and the suspend


def test_a_clock_gone_back_before_the_window_reloads_everything(data_dir: Path,
                                                                tmp_path: Path) -> None:
    from datetime import datetime

    from dlflash.base.config import Settings
    from dlflash.deck.loader import DeckSource, load_deck
    from dlflash.study.session import Session

    from conftest import KST, FakeClock
    from helpers import card, write_deck

    study(data_dir, days=6)
    deck = load_deck([DeckSource(write_deck(tmp_path / "d", "d.yaml",
                                            [card(f"c{i}") for i in range(4)]))])
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    assert history.partial
    clock = FakeClock(datetime(2026, 3, 3, 12, tzinfo=KST))  # two days before the window
    session = Session(deck, history, store, Settings(new_per_day=9), clock, "testdev")
    session.grade(5)
    assert not session.history.partial
    store.close(session.history)
    full, _ = Store(data_dir, "testdev").read(full=True)
    assert session.history.states == full.states
    for replayed in full.reviews_on(date(2026, 3, 3)):
        assert session.history.replayed(replayed.review.id) == replayed


def test_the_summary_streak_counts_days_before_the_snapshot_window(data_dir: Path,
                                                                   tmp_path: Path) -> None:
    from dlflash.deck.loader import DeckSource, load_deck
    from dlflash.stats import day_summary

    from helpers import card, write_deck

    study(data_dir, days=6)
    deck = load_deck([DeckSource(write_deck(tmp_path / "d", "d.yaml",
                                            [card(f"c{i}") for i in range(4)]))])
    partial, _ = Store(data_dir, "testdev").read()
    full, _ = Store(data_dir, "testdev").read(full=True)
    last = date(2026, 3, 7)
    assert partial.partial
    assert day_summary(partial, deck, last, None) == day_summary(full, deck, last, None)
    assert day_summary(partial, deck, last, None).streak == 6


def test_the_snapshot_of_an_earlier_version_is_dropped_and_rebuilt(data_dir: Path) -> None:
    history = study(data_dir)
    legacy = data_dir / "state" / "testdev.json"  # the JSON-only layout of earlier versions
    legacy.write_text('{"schema": 1, "device": "testdev"}')
    (data_dir / "state" / "testdev.snapshot").unlink()
    store = Store(data_dir, "testdev")
    reopened, report = store.open()
    assert not legacy.exists() and report.warnings == []
    assert read_in_full(reopened, data_dir) and reopened.states == history.states
    store.close(reopened)
    assert Store(data_dir, "testdev").read()[0].partial


Damage = Callable[[dict[str, Any], bytes], tuple[dict[str, Any], bytes]]


@pytest.mark.parametrize("damage", [
    lambda h, t: ({**h, "cards": {**h["cards"], "reps": ["3"] * len(h["cards"]["reps"])}}, t),
    lambda h, t: ({**h, "cards": {**h["cards"], "ef": h["cards"]["ef"][1:]}}, t),
    lambda h, t: ({**h, "cards": {**h["cards"], "due": [-5] * len(h["cards"]["due"])}}, t),
    lambda h, t: ({**h, "cards": {**h["cards"], "id": list(range(len(h["cards"]["id"])))}}, t),
    lambda h, t: ({**h, "cards": None}, t),
    lambda h, t: (h, t[:-1]),
    lambda h, t: (h, b""),
], ids=["reps-not-ints", "short-column", "bad-due", "ids-not-strings", "no-cards", "table-cut",
        "no-table"])
def test_a_snapshot_damaged_inside_is_set_aside_and_rebuilt(data_dir: Path,
                                                            damage: Damage) -> None:
    history = study(data_dir)
    path = data_dir / "state" / "testdev.snapshot"
    head, table = path.read_bytes().split(b"\n", 1)
    head_record, table = damage(json.loads(head), table)
    path.write_bytes(json.dumps(head_record).encode() + b"\n" + table)
    store = Store(data_dir, "testdev")
    reopened, report = store.open()
    assert "snapshot could not be used" in report.warnings[0]
    assert read_in_full(reopened, data_dir) and reopened.states == history.states
    store.close(reopened)
    assert Store(data_dir, "testdev").read()[0].partial


def test_opening_reads_and_parses_the_snapshot_once(data_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    study(data_dir)
    parsed = []
    real_load = store_module.checkpoint.load

    def counting(raw: bytes, device: str, **table: Any) -> Snapshot:
        parsed.append(len(raw))
        return real_load(raw, device, **table)

    monkeypatch.setattr(store_module.checkpoint, "load", counting)
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    assert history.partial and len(parsed) == 1  # checked for damage, then used as it is
    assert Store(data_dir, "testdev").read()[0].partial and len(parsed) == 2
    store.close(history)


def test_the_older_reviews_table_is_read_on_first_use_only(data_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    from dlflash.journal.review_table import ReviewTable

    study(data_dir)
    decoded: list[int] = []
    real = ReviewTable.from_bytes

    def counting(cls: type[ReviewTable], data: bytes, start: int = 0) -> ReviewTable:
        decoded.append(len(data))
        return real(data, start)

    monkeypatch.setattr(ReviewTable, "from_bytes", classmethod(counting))
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    assert history.partial and decoded == []  # a start does not read it (issue 19)
    agree(history, Store(data_dir, "testdev").read(full=True)[0])
    assert len(decoded) == 1
    assert len(history.older_reviews()) > 0 and len(decoded) == 1  # once
    store.close(history)


def _no_replay(*_: object) -> None:
    raise AssertionError("replayed the journals instead of starting from a snapshot")


def test_a_computer_new_to_a_synced_folder_starts_from_anothers_snapshot(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    study(data_dir, device="laptop")
    laptops = data_dir / "state" / "laptop.snapshot"
    written = laptops.read_bytes()
    monkeypatch.setattr(store_module.replay, "fold", _no_replay)
    store = Store(data_dir, "desktop")
    history, report = store.open()
    assert report.warnings == []
    full, _ = Store(data_dir, "desktop").read(full=True)
    agree(history, full)
    event = review("c2", 4, minutes=5 * 1440 + 60, day=date(2026, 3, 6), device="desktop")
    scheduled, after = history.outcome(event)
    store.append(event, after=after, scheduled=scheduled)
    history.apply(event)
    store.close(history)
    assert laptops.read_bytes() == written  # only read: it is the laptop's to write
    again, _ = Store(data_dir, "desktop").read()
    agree(again, Store(data_dir, "desktop").read(full=True)[0])


@pytest.mark.parametrize("damage", [
    lambda raw: raw[:40] + b"X" + raw[41:],  # the checked first line
    lambda raw: raw[:-3],  # the older reviews' table, read on first use
], ids=["head", "table"])
def test_another_computers_damaged_snapshot_is_passed_over_and_left_alone(
        data_dir: Path, damage: Callable[[bytes], bytes]) -> None:
    history = study(data_dir, device="laptop")
    laptops = data_dir / "state" / "laptop.snapshot"
    laptops.write_bytes(damage(laptops.read_bytes()))
    damaged = laptops.read_bytes()
    store = Store(data_dir, "desktop")
    reopened, report = store.open()
    assert report.warnings == []
    assert read_in_full(reopened, data_dir, "desktop") and reopened.states == history.states
    store.close(reopened)
    assert laptops.read_bytes() == damaged and not (data_dir / "recovered").exists()
