"""A disk that fills up while grading, or before dlflash starts: on a real file system that
runs out of space (a 64 KiB tmpfs), and with a write that stops halfway (any platform)."""

from __future__ import annotations

import dataclasses
import errno
import os
from pathlib import Path

import pytest

from dlflash.journal.store import Store, StoreError

from conftest import fill
from test_store import review


def grade(store: Store, minutes: int) -> str:
    """Append a grade with a long typed answer (4.5 KB: more than a page of the disk)."""
    event = dataclasses.replace(review("q01", 4, minutes), answer="답" * 1500)
    store.append(event)
    return event.id


def test_a_grade_that_does_not_fit_leaves_no_fragment(small_disk: Path) -> None:
    data = small_disk / "data"
    store = Store(data, "testdev")
    store.open()
    saved = [grade(store, minute) for minute in range(3)]
    filler = fill(small_disk, leave=10_000)  # room for two more grades and a bit
    failures = 0
    for minute in range(3, 40):
        try:
            saved.append(grade(store, minute))
        except StoreError as error:
            assert "was not saved" in str(error) and str(store.journal_path) in str(error)
            failures += 1
            if failures == 3:
                break
    assert failures == 3  # the disk filled up under the journal
    filler.unlink()  # space comes back; the next grade goes after the last whole line
    saved.append(grade(store, 99))
    store.close()
    reopened, report = Store(data, "testdev").read()
    assert report.warnings == []
    assert [r.review.id for r in reopened.all_reviews()] == saved


def test_a_write_that_stops_halfway_is_cut_back(data_dir: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(data_dir, "testdev")
    store.open()
    first = grade(store, 0)
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])  # really on disk, like a full device
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(StoreError, match="No space left on device"):
        grade(store, 1)
    monkeypatch.setattr(os, "write", real_write)
    second = grade(store, 2)
    store.close()
    reopened, report = Store(data_dir, "testdev").read()
    assert report.warnings == []
    assert [r.review.id for r in reopened.all_reviews()] == [first, second]


def test_a_full_disk_at_start_is_one_sentence(small_disk: Path) -> None:
    data = small_disk / "data"
    fill(small_disk)
    with pytest.raises(StoreError, match=r"^Cannot .*No space left on device.*free some space"):
        Store(data, "testdev").open()
