"""`dlflash export --anki`, proved against the real Anki: the `anki` package (the test extra)
imports the file into a fresh collection, and a second export updates the notes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from dlflash.cli import main
from dlflash.commands import export
from dlflash.deck.interop.markup import html_to_markdown, markdown_to_html

from conftest import KST
from helpers import card, write_deck


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def import_into(collection: Collection, package: Path) -> tuple[int, int]:
    """Import as Anki's File > Import does by default; (new notes, updated notes)."""
    result = collection.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions()))
    return len(result.log.new), len(result.log.updated)


def notes(collection: Collection) -> dict[str, tuple[list[str], list[str], str]]:
    found = {}
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        found[note.guid] = (list(note.fields), sorted(note.tags),
                            collection.decks.name(note.cards()[0].did))
    return found


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(export, "system_clock", lambda: moment)


def test_the_exported_decks_open_in_anki_and_a_second_export_updates_them(
    tmp_path: Path, data_dir: Path, collection: Collection,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = [card("mine1", langs=("en",)), card("mine1.1", "mine1", langs=("en",))]
    write_deck(data_dir / "decks", "mine.yaml", mine, topic={"en": "My topic"})
    package = tmp_path / "dlflash.apkg"
    at(monkeypatch, datetime(2026, 3, 2, 9, 0, tzinfo=KST))
    code, out, _ = run(capsys, "export", "--anki", str(package), "--language", "en")
    assert code == 0 and "Wrote 66 notes in 2 decks" in out
    assert import_into(collection, package) == (66, 0)
    found = notes(collection)
    assert collection.note_count() == 66 and len(found) == 66
    question, answer, points, main_question = found["dlflash/q04"][0]
    assert question == "Tell me what you know about CNNs."
    assert answer.startswith("<p><strong>A CNN is a neural network") and "<ul>" in answer
    assert points.startswith("<ul><li>Small learned filters") and points.count("<li>") == 6
    assert main_question == ""
    follow_up = found["dlflash/q04.1"][0]
    assert follow_up[3] == question
    assert found["dlflash/q04"][2] == "dlflash::interview"
    assert "topic::Convolutional_neural_networks_(CNN)" in found["dlflash/q04"][1]
    assert "<pre><code" in "".join(fields[1] for fields, _, _ in found.values())
    assert found["dlflash/mine1.1"] == (
        ["mine1.1 question in en", "<p><strong>mine1.1</strong> answer in en</p>",
         "<ul><li>point 1 of mine1.1 (en)</li><li>point 2 of mine1.1 (en)</li>"
         "<li>point 3 of mine1.1 (en)</li></ul>", "mine1 question in en"],
        ["dlflash", "test", "topic::My_topic"], "dlflash::decks::mine")

    mine[0]["question"] = {"en": "mine1, reworded"}
    write_deck(data_dir / "decks", "mine.yaml", mine, topic={"en": "My topic"})
    at(monkeypatch, datetime(2026, 3, 3, 9, 0, tzinfo=KST))
    assert run(capsys, "export", "--anki", str(package), "--language", "ko")[0] == 0
    assert import_into(collection, package) == (0, 66)
    assert collection.note_count() == 66
    again = notes(collection)
    assert again["dlflash/mine1"][0][0] == "mine1, reworded"
    assert again["dlflash/mine1.1"][0][3] == "mine1, reworded"
    assert again["dlflash/q04"][0][0] == "CNN에 대해서 아는대로 얘기하라"


def test_both_languages_and_a_topic(tmp_path: Path, collection: Collection,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    package = tmp_path / "cnn.apkg"
    code, out, _ = run(capsys, "export", "--anki", str(package), "--topic", "Q04",
                       "--language", "both")
    assert code == 0 and "Wrote 6 notes" in out
    import_into(collection, package)
    question = notes(collection)["dlflash/q04"][0][0]
    assert question == ('<div class="ko" lang="ko">CNN에 대해서 아는대로 얘기하라</div>'
                        '<div class="en" lang="en">Tell me what you know about CNNs.</div>')


def test_an_unknown_topic_and_a_missing_extra_are_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "export", "--anki", str(tmp_path / "x.apkg"), "--topic", "q99")
    assert code == 1 and "No cards for the topic 'q99'" in err
    monkeypatch.setitem(sys.modules, "genanki", None)  # as if it were not installed
    code, _, err = run(capsys, "export", "--anki", str(tmp_path / "x.apkg"))
    assert code == 1 and "pip install 'dlflash[anki]'" in err and "Traceback" not in err
    assert not (tmp_path / "x.apkg").exists()
    code, _, err = run(capsys, "export", "--json", str(tmp_path / "h.json"), "--topic", "q01")
    assert code == 1 and "go with --anki" in err


@pytest.mark.parametrize("markdown", [
    "**Bold** and *italic* with `code`, 2 < 3 & 4 * 5_6.",
    "- one\n- two\n\n1. first\n2. second",
    "```\ndef f(x):\n    return x  # [0]\n```",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "# Heading\n\nA [link](https://example.com) and ~~gone~~.",
])
def test_markdown_survives_the_round_trip_through_html(markdown: str) -> None:
    html = markdown_to_html(markdown)
    back, media = html_to_markdown(html)
    assert markdown_to_html(back) == html and media == []


def test_anki_html_becomes_markdown_and_media_is_named() -> None:
    html = ('What is <b>ReLU</b>?<br>max(0,&nbsp;x)<div>a &amp;lt; b</div>'
            '<img src="plot.png">[sound:relu.mp3]')
    assert html_to_markdown(html) == (
        "What is **ReLU**?\n\nmax(0, x)\n\na \\&lt; b", ["relu.mp3", "plot.png"])
    assert markdown_to_html("a \\&lt; b") == "<p>a &amp;lt; b</p>"
