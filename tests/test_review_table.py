"""The column table of effective reviews that the snapshot keeps for the statistics."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from dlflash import sm2
from dlflash.journal.events import Replayed, Review, new_id
from dlflash.journal.history import History
from dlflash.journal.review_table import MAX_MS, ReviewTable, TableError, tick_mask
from dlflash.sm2 import CardState

from helpers import table_rows as rows

D = date(2026, 3, 2)
KST = timezone(timedelta(hours=9))


def replayed(card: str, grade: int, day: date = D, *, before: CardState | None = None,
             scheduled: bool = True, ms: int = 1_000, hour: int = 9,
             ticked: tuple[int, ...] = ()) -> Replayed:
    before = before or CardState()
    ts = datetime(day.year, day.month, day.day, hour, tzinfo=KST)
    review = Review(new_id(), card, ts, day, grade, ms=ms, ticked=ticked)
    return Replayed(review, scheduled, before,
                    sm2.review(before, grade, day) if scheduled else before)


SAMPLE = [
    replayed("q01", 5, ticked=(0, 2)),
    replayed("q02", 1, ms=MAX_MS + 99, hour=23),
    replayed("q02", 4, scheduled=False, ticked=(5, 5, -1, 40)),
    replayed("q01", 3, D + timedelta(days=6), before=CardState(1, 2.6, 6, D + timedelta(6))),
]


def test_rows_keep_what_the_statistics_read() -> None:
    table = ReviewTable().plus(SAMPLE)
    d = D.toordinal()
    assert table.cards == ["q01", "q02"]
    assert rows(table) == [
        ("q01", d, 5, 1, -1, 1_000, 9, 0b101),
        ("q02", d, 1, 1, -1, MAX_MS, 23, 0),  # an absurd answer time is capped, not lost
        ("q02", d, 4, 0, -1, 1_000, 9, 0b100000),  # repeats and out-of-range ticks
        ("q01", d + 6, 3, 1, 6, 1_000, 9, 0),  # the interval BEFORE the review
    ]
    assert tick_mask((31, 32, 0)) == (1 << 31) | 1


def test_plus_leaves_the_table_it_extends_alone() -> None:
    first = ReviewTable().plus(SAMPLE[:2])
    second = first.plus(SAMPLE[2:])
    assert len(first) == 2 and first.cards == ["q01", "q02"]
    assert rows(second) == rows(ReviewTable().plus(SAMPLE))


def test_where_keeps_the_rows_of_chosen_cards() -> None:
    table = ReviewTable().plus(SAMPLE)
    assert table.where([True, True]) is table
    assert [row[0] for row in rows(table.where([False, True]))] == ["q02", "q02"]
    assert len(table.where([False, False])) == 0


def test_bytes_round_trip() -> None:
    for table in (ReviewTable(), ReviewTable().plus(SAMPLE)):
        data = b"prefix\n" + table.to_bytes()
        again = ReviewTable.from_bytes(data, len(b"prefix\n"))
        assert again.cards == table.cards and rows(again) == rows(table)


def test_a_history_keeps_the_same_rows_whether_read_whole_or_from_a_checkpoint() -> None:
    events = [r.review for r in SAMPLE]
    full = History(events)
    checkpoint = full.checkpoint()
    assert checkpoint is not None
    base, window = checkpoint
    rebuilt = History(window, base=base)
    assert len(base.reviews) == 3 and rebuilt.partial
    assert rows(rebuilt.older_reviews().plus(rebuilt.all_reviews())) == \
        rows(full.older_reviews().plus(full.all_reviews()))


@pytest.mark.parametrize("damage", ["empty", "no-newline", "bad-json", "cut", "longer",
                                    "card-out-of-range", "cards-not-strings"])
def test_damaged_bytes_are_refused(damage: str) -> None:
    good = ReviewTable().plus(SAMPLE).to_bytes()
    head, body = good.split(b"\n", 1)
    data = {
        "empty": b"",
        "no-newline": head,
        "bad-json": b"{rows: 4}\n" + body,
        "cut": good[:-3],
        "longer": good + b"\0",
        "card-out-of-range": b'{"rows":4,"cards":["q01"]}\n' + body,
        "cards-not-strings": b'{"rows":4,"cards":[1,2]}\n' + body,
    }[damage]
    with pytest.raises(TableError):
        ReviewTable.from_bytes(data)
