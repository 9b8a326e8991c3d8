"""Journals that cannot be read: our own stops dlflash with one sentence; another device's
is named, and no study session starts on the rest of the history without asking.

Root can read any file whatever its mode, so "unreadable" is made the way that works for
everyone: a folder, a dangling link and a link that loops, where a journal should be."""

from __future__ import annotations

import io
import os
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

import pytest

from dlflash.cli import main
from dlflash.journal.events import encode
from dlflash.journal.store import Store, StoreError
from dlflash.tui.launch import prepared_app

from test_store import review


def as_folder(path: Path) -> None:
    path.mkdir()


def as_dangling_link(path: Path) -> None:
    path.symlink_to(path.parent / "gone" / "away.jsonl")


def as_loop(path: Path) -> None:
    path.symlink_to(path)


BREAKS = pytest.mark.parametrize("unreadable", [as_folder, as_dangling_link, as_loop],
                                 ids=["folder", "dangling-link", "loop"])


def two_devices(data_dir: Path) -> Path:
    """Our journal with one review, and another device's journal path, not yet made."""
    reviews = data_dir / "reviews"
    reviews.mkdir(parents=True)
    (reviews / "testdev.jsonl").write_bytes(encode(review("q01", 5)))
    return reviews / "laptop.jsonl"


@BREAKS
def test_our_own_journal_unreadable_is_one_sentence(data_dir: Path,
                                                    unreadable: Callable[[Path], None]) -> None:
    (data_dir / "reviews").mkdir(parents=True)
    journal = data_dir / "reviews" / "testdev.jsonl"
    unreadable(journal)
    with pytest.raises(StoreError, match=f"^Cannot use {journal}: .*then start dlflash again"):
        Store(data_dir, "testdev").open()
    after = Store(data_dir, "testdev")
    after.lock()  # the failed start released the lock
    after.close()


@BREAKS
def test_due_and_stats_name_an_unreadable_journal(data_dir: Path,
                                                  unreadable: Callable[[Path], None],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    other = two_devices(data_dir)
    unreadable(other)
    for command in (["due", "--json"], ["stats", "--json"]):
        assert main(command) == 0
        err = capsys.readouterr().err
        assert f"{other} cannot be read" in err and "left out" in err, command


@BREAKS
def test_no_session_on_a_partial_history_without_asking(
        data_dir: Path, unreadable: Callable[[Path], None],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    other = two_devices(data_dir)
    unreadable(other)
    args = Namespace(data_dir=None, deck=[])
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))  # the user just presses enter
    with pytest.raises(StoreError, match=f"Nothing was changed; .*{other}"), \
            prepared_app(args, check=False):
        pass
    assert "part of your history" in capsys.readouterr().err
    assert os.path.lexists(other)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    with prepared_app(args, check=False) as app:
        assert app.session.history.state("q01").repetitions == 1
