"""Deck text and typed answers never drive the terminal: control characters and escape
sequences (OSC 52 writes the clipboard, OSC 2 the window title, CSI clears the screen) are
refused in decks with file:line and stripped from whatever else reaches the screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dlflash.base.config import Settings
from dlflash.base.safe_text import printable
from dlflash.cli import main
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal.events import decode, encode
from dlflash.journal.history import History
from dlflash.study.session import Session

from conftest import FakeClock
from helpers import card, small_deck, write_deck
from test_store import review

ATTACKS = {
    "clipboard": "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07",
    "title": "\x1b]2;pwned\x1b\\",
    "clear": "\x1b[2J\x1b[H",
    "c1-csi": "\x9b31m",
    "c1-osc": "\x9d0;title\x9c",
    "bell": "\x07",
    "backspace": "ok\x08\x08no",
    "carriage-return": "shown\rhidden",
}


@pytest.mark.parametrize("escape", ATTACKS.values(), ids=ATTACKS.keys())
def test_validate_refuses_escapes_with_file_and_line(tmp_path: Path, escape: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    evil = card("q09")
    evil["answer"] = {"en": f"Fine text {escape} more", "ko": "답"}
    path = write_deck(tmp_path / "deck", "evil.yaml", [card("q08"), evil])
    assert "\x1b" not in path.read_text() and "\\" in path.read_text()  # written as "\e"
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "Fine" in text)
    assert f"{path}:{line}: " in out and "control character" in out
    assert "\x1b" not in out and "\x9b" not in out


def test_tab_and_newline_are_text(tmp_path: Path) -> None:
    fine = card("q01")
    fine["answer"] = {"en": "a\ttable\nand lines", "ko": "답"}
    deck = load_deck([DeckSource(write_deck(tmp_path / "deck", "d.yaml", [fine]))])
    assert deck.by_id["q01"].answer.en == "a\ttable\nand lines"


@pytest.mark.parametrize("escape", ATTACKS.values(), ids=ATTACKS.keys())
def test_printable_strips_every_escape(escape: str) -> None:
    text = printable(f"before{escape}after\tand\nnext")
    assert text.startswith("before") and text.endswith("after\tand\nnext")
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 for c in text)
    assert "]52" not in text and "pwned" not in text and "[2J" not in text


def test_a_typed_answer_is_recorded_without_escapes(tmp_path: Path, clock: FakeClock) -> None:
    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"))])
    journal = Recorder()
    session = Session(deck, History(), journal, Settings(), clock, "testdev")
    session.grade(4, answer=f"ReLU {ATTACKS['clipboard']}is cheap{ATTACKS['clear']}")
    assert journal.events[0].answer == "ReLU is cheap"


def test_answers_and_ids_from_another_devices_journal_are_stripped() -> None:
    record = json.loads(encode(review("q01", 4)))
    record |= {"answer": f"x{ATTACKS['title']}y", "card": f"q01{ATTACKS['c1-csi']}"}
    event = decode(record)
    assert event.answer == "xy" and event.card == "q01"  # type: ignore[union-attr]


class Recorder:
    def __init__(self) -> None:
        self.events: list[object] = []

    def append(self, event: object, after: object = None, scheduled: object = None) -> None:
        self.events.append(event)

    def read(self, repair: bool = False, full: bool = False) -> tuple[History, object]:
        raise AssertionError("not needed")
