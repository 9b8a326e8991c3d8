"""The review table's per-card totals (issue 19): kept up to date as rows are added, stored
in the snapshot, summed from the rows when a snapshot of format 5 has none, and refused
(the journals rebuild the table) when they do not add up."""

from __future__ import annotations

import json
import zlib
from array import array
from datetime import date
from pathlib import Path

import pytest

from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal import checkpoint
from dlflash.journal import store as store_module
from dlflash.journal.review_table import CARD_COLUMNS, COLUMNS, ReviewTable, TableError
from dlflash.journal.store import Store
from dlflash.stats import StatsInput, build_report, to_json
from test_review_table import SAMPLE, D
from test_store_snapshot import study

from helpers import card, table_rows, write_deck

TODAY = date(2026, 3, 8)


def totals(table: ReviewTable) -> dict[str, list[int]]:
    return {name: list(table.column(name)) for name, _ in CARD_COLUMNS}


def summed(table: ReviewTable) -> dict[str, list[int]]:
    """The totals of `table` worked out again from its rows alone."""
    return totals(ReviewTable(table.cards, {name: table.column(name) for name, _ in COLUMNS}))


@pytest.fixture(autouse=True)
def _snapshots_for_small_journals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)


def test_plus_keeps_each_cards_totals() -> None:
    table = ReviewTable().plus(SAMPLE)
    d = D.toordinal()
    assert totals(table) == {  # q01: 5 then 3 six days later; q02: 1, then a repeat
        "reviews": [2, 2], "schedulings": [2, 1], "failures": [0, 1], "last": [d + 6, d],
        "last_failed": [0, d], "last_ticked": [0, 0]}
    assert totals(ReviewTable().plus(SAMPLE[:1])) == {
        "reviews": [1], "schedulings": [1], "failures": [0], "last": [d], "last_failed": [0],
        "last_ticked": [0b101]}
    assert totals(ReviewTable().plus(SAMPLE[:2]).plus(SAMPLE[2:])) == totals(table)
    assert summed(table) == totals(table)


def test_where_leaves_the_cards_left_out_without_totals() -> None:
    table = ReviewTable().plus(SAMPLE).where([False, True])
    assert totals(table)["reviews"] == [0, 2] and summed(table) == totals(table)


def test_bytes_keep_the_totals_and_bytes_without_them_get_them_summed() -> None:
    table = ReviewTable().plus(SAMPLE)
    assert totals(ReviewTable.from_bytes(table.to_bytes())) == totals(table)
    head = json.dumps({"rows": len(table), "cards": table.cards}).encode()
    format5 = b"".join([head, b"\n", *(table.column(name).tobytes() for name, _ in COLUMNS)])
    again = ReviewTable.from_bytes(format5)
    assert table_rows(again) == table_rows(table) and totals(again) == totals(table)


@pytest.mark.parametrize("column, value", [
    ("reviews", 3), ("schedulings", 0), ("failures", 2), ("last", 0), ("last", 1),
    ("last_failed", 0), ("last_failed", D.toordinal() + 1)])
def test_totals_that_do_not_add_up_are_refused(column: str, value: int) -> None:
    table = ReviewTable().plus(SAMPLE)
    table.column(column)[1] = value
    with pytest.raises(TableError, match="do not add up"):
        ReviewTable.from_bytes(table.to_bytes())


def _rewrite(path: Path, table: bytes, fmt: int) -> None:
    """The snapshot at `path` with `table` after its line, checksums made to match."""
    head, _ = path.read_bytes().split(b"\n", 1)
    record = json.loads(head)
    record["format"] = fmt
    record["table"] = {"size": len(table), "crc32": f"{zlib.crc32(table):08x}"}
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    checksum = b"%08x" % zlib.crc32(line[checkpoint._CRC.stop:])
    path.write_bytes(line[:checkpoint._CRC.start] + checksum + line[checkpoint._CRC.stop:]
                     + b"\n" + table)


def _stats(data_dir: Path, tmp_path: Path, full: bool = False) -> str:
    folder = tmp_path / "deck"
    write_deck(folder, "a.yaml", [card(f"c{i}") for i in range(4)])
    deck = load_deck([DeckSource(folder)])
    history, report = Store(data_dir, "testdev").read(full=full)
    assert report.warnings == []
    return json.dumps(to_json(build_report(StatsInput.capture(history, deck, TODAY))))


def test_a_format_5_snapshot_is_still_used_and_gives_the_same_figures(
        data_dir: Path, tmp_path: Path) -> None:
    study(data_dir, days=6)
    path = data_dir / "state" / "testdev.snapshot"
    older = ReviewTable.from_bytes(path.read_bytes().split(b"\n", 1)[1])
    head = json.dumps({"rows": len(older), "cards": older.cards}).encode()
    _rewrite(path, b"".join([head, b"\n", *(older.column(name).tobytes()
                                            for name, _ in COLUMNS)]), 5)
    history, report = Store(data_dir, "testdev").read()
    assert history.partial and report.warnings == []
    assert totals(history.older_reviews()) == totals(older)
    assert _stats(data_dir, tmp_path) == _stats(data_dir, tmp_path, full=True)


def test_stored_totals_that_do_not_add_up_are_rebuilt_from_the_journals(
        data_dir: Path, tmp_path: Path) -> None:
    study(data_dir, days=6)
    path = data_dir / "state" / "testdev.snapshot"
    older = ReviewTable.from_bytes(path.read_bytes().split(b"\n", 1)[1])
    right = totals(older)
    # Written wrong (more failures than grades), under checksums that match.
    older.column("failures")[0] = older.column("schedulings")[0] + 1
    _rewrite(path, older.to_bytes(), checkpoint.FORMAT)
    history, report = Store(data_dir, "testdev").read()
    assert history.partial and report.warnings == []  # the line is fine: the table is lazy
    assert totals(history.older_reviews()) == right
    assert _stats(data_dir, tmp_path) == _stats(data_dir, tmp_path, full=True)


def test_totals_of_no_rows() -> None:
    empty = ReviewTable(["a"])
    assert totals(empty) == {name: [0] for name, _ in CARD_COLUMNS}
    assert totals(ReviewTable(["a"], {name: array(code) for name, code in COLUMNS})) == \
        totals(empty)
