"""The statistics' per-row columns worked out in C (`kinds_of`, `outcomes_of`) agree with
their one-row definitions, on every edge of the byte tricks they use."""

from __future__ import annotations

from array import array
from itertools import product

from dlflash.journal.review_table import COLUMNS, ReviewTable
from dlflash.sm2 import PASS_GRADE
from dlflash.stats.log import REPEAT, kind_of, kinds_of, outcomes_of

# Around the sign, the 21-day threshold and every byte boundary of an int32.
BEFORE = (-2**31, -65536, -256, -2, -1, 0, 1, 20, 21, 22, 127, 128, 255, 256, 277, 65535,
          65536, 65536 + 21, 2**24, 2**24 + 5, 2**31 - 1)


def test_kinds_match_kind_of_on_every_edge() -> None:
    rows = list(product((0, 1), BEFORE))
    scheduled = array("b", (s for s, _ in rows))
    before = array("i", (b for _, b in rows))
    assert list(kinds_of(scheduled, before)) == [kind_of(s, b) for s, b in rows]


def test_outcomes_are_kind_and_pass() -> None:
    kinds = bytes(k for k in range(REPEAT + 1) for _ in range(6))
    grades = array("b", list(range(6)) * (REPEAT + 1))
    assert list(outcomes_of(kinds, grades)) == [
        2 * k + (g >= PASS_GRADE) for k, g in zip(kinds, grades, strict=True)]


def test_no_rows() -> None:
    assert kinds_of(array("b"), array("i")) == b""
    assert outcomes_of(b"", array("b")) == b""


def test_where_keeps_the_table_when_every_card_stays() -> None:
    table = ReviewTable(["a", "b"], {name: array(code) for name, code in COLUMNS})
    assert table.where([True, True]) is table
