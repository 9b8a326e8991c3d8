"""`dlflash import`: a small collection made by the real Anki, exported as Notes in Plain
Text, .apkg (current and legacy) and .colpkg, and a CSV of one's own, become a deck of the
user's that `dlflash validate` accepts; nothing is overwritten, every skip is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)

from dlflash.cli import main

from helpers import card, write_deck


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def exports(tmp_path: Path) -> dict[str, Path]:
    """Two notes and a cloze in Anki's deck "ML::Basics", exported four ways."""
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    deck = col.decks.id("ML::Basics")
    for front, back, tags in [
        ("What is <b>ReLU</b>?", "max(0, x)<br>Zero for negatives<img src=\"relu.png\">",
         ["act", "ml::nn"]),
        ("배치 정규화란?", "<div>미니배치의 평균과 분산으로 정규화합니다.</div>"
                          "<pre>x = (x - mu) / sigma</pre>", ["bn"]),
    ]:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"], note.tags = front, back, tags
        col.add_note(note, deck)
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"] = "{{c1::Adam}} is an optimizer"
    col.add_note(cloze, deck)
    files = {name: tmp_path / name for name in ("notes.txt", "new.apkg", "legacy.apkg",
                                                "all.colpkg")}
    col.export_note_csv(out_path=str(files["notes.txt"]), limit=None, with_html=True,
                        with_tags=True, with_deck=True, with_notetype=True, with_guid=True)
    for name, legacy in (("new.apkg", False), ("legacy.apkg", True)):
        col.export_anki_package(out_path=str(files[name]), limit=None,
                                options=ExportAnkiPackageOptions(legacy=legacy,
                                                                 with_media=True))
    col.export_collection_package(str(files["all.colpkg"]), include_media=True, legacy=False)
    return files


@pytest.mark.parametrize("name", ["notes.txt", "new.apkg", "legacy.apkg", "all.colpkg"])
def test_an_anki_export_becomes_a_deck_that_validates(
    name: str, exports: dict[str, Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "import", str(exports[name]), "--name", "ml")
    assert code == 0, err
    written = data_dir / "decks" / "ml.yaml"
    assert f"Wrote 2 cards to {written}" in out
    assert "skipped: a cloze note" in err and "media left out" in err
    deck = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert deck["topic"] == {"ko": "Basics", "en": "Basics"}
    relu, bn = deck["cards"]
    assert relu["question"] == {"en": "What is **ReLU**?"}
    assert relu["answer"] == {"en": "max(0, x)\n\nZero for negatives"}
    assert relu["tags"] == ["act", "ml::nn"]
    assert bn["answer"]["ko"].endswith("```\nx = (x - mu) / sigma\n```")
    assert bn["key_points"][0]["ko"] == "미니배치의 평균과 분산으로 정규화합니다."
    assert run(capsys, "validate")[0] == 0

    before = written.read_bytes()
    code, out, err = run(capsys, "import", str(exports[name]), "--name", "ml")
    assert code == 0 and "No card to import" in out and "is in your decks already" in err
    assert written.read_bytes() == before


def test_our_own_export_comes_back_as_nothing_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "dlflash.apkg"
    run(capsys, "export", "--anki", str(package))
    code, out, err = run(capsys, "import", str(package))
    assert code == 0 and out == "No card to import (64 skipped).\n"
    assert err.count("is in your decks already") == 64


@pytest.mark.parametrize("name", ["notes.txt", "again.apkg"])
def test_both_languages_come_back_as_both_through_anki(
    name: str, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deck of one's own exported with --language both, imported into Anki and exported
    from it again, comes back into another data folder with each language in its place."""
    mine = write_deck(tmp_path / "mine", "mine.yaml", [
        card("my1"), card("my1.1", "my1"), card("my2", langs=("ko",))]).parent
    package = tmp_path / "both.apkg"
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "other"), "--deck", str(mine),
                         "export", "--anki", str(package), "--language", "both",
                         "--topic", "my1", "--topic", "my2")
    assert code == 0 and "Wrote 3 notes" in out, err
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package),
                                                     options=ImportAnkiPackageOptions()))
    again = tmp_path / name
    if name == "notes.txt":
        col.export_note_csv(out_path=str(again), limit=None, with_html=True, with_tags=True,
                            with_deck=True, with_notetype=True, with_guid=True)
    else:
        col.export_anki_package(out_path=str(again), limit=None,
                                options=ExportAnkiPackageOptions(legacy=False))
    col.close()

    code, out, err = run(capsys, "import", str(again), "--name", "back")
    assert code == 0 and "Wrote 3 cards" in out, err
    first, follow_up, korean = yaml.safe_load(
        (data_dir / "decks" / "back.yaml").read_text(encoding="utf-8"))["cards"]
    assert first["question"] == {"ko": "my1 question in ko", "en": "my1 question in en"}
    assert first["answer"] == {"ko": "**my1** answer in ko", "en": "**my1** answer in en"}
    assert first["key_points"][0] == {"ko": "point 1 of my1 (ko)", "en": "point 1 of my1 (en)",
                                      "keywords": ["point"]}
    assert (follow_up["id"], follow_up["parent"]) == ("my1.1", "my1")
    assert follow_up["question"]["en"] == "my1.1 question in en"
    assert korean["question"] == {"ko": "my2 question in ko"}
    assert [set(point) for point in korean["key_points"]] == [{"ko", "keywords"}] * 3
    assert run(capsys, "validate")[0] == 0


def test_a_csv_with_a_header_key_points_and_a_dry_run(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "my questions.csv"
    source.write_text(
        "Answer;Question;Key points;Tags\n"
        "max(0, x);What is ReLU?;\"Zero for negative inputs\nIdentity for positives\";act nn\n"
        ";Why batch norm?;;\n"
        "max(0, x);What is ReLU?;;\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(source), "--dry-run")
    assert code == 0 and "Dry run: nothing was written" in out
    assert not (data_dir / "decks").exists()
    assert f"{source}:4: skipped: no answer" in err
    assert f"{source}:5: skipped: the same card as {source}:2" in err
    code, out, _ = run(capsys, "import", str(source))
    assert code == 0 and "Wrote 1 card to" in out
    (card,) = yaml.safe_load((data_dir / "decks" / "my-questions.yaml").read_text())["cards"]
    assert [p["en"] for p in card["key_points"]] == ["Zero for negative inputs",
                                                     "Identity for positives"]
    assert card["key_points"][0]["keywords"] == ["negative", "inputs", "zero"]
    assert card["tags"] == ["act", "nn"]
    assert run(capsys, "validate")[0] == 0
    other = tmp_path / "other.csv"
    other.write_text("question,answer\nWhat is a GAN?,Two networks\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(other), "--name", "my-questions")
    assert code == 1 and "exists already; nothing was written" in err


def test_files_that_cannot_be_imported_are_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("question,answer\ncaf\xe9,ok\n".encode("latin-1"))
    assert "is not UTF-8 text" in run(capsys, "import", str(latin))[2]
    fake = tmp_path / "fake.apkg"
    fake.write_bytes(b"not a zip")
    code, _, err = run(capsys, "import", str(fake))
    assert code == 1 and "is not an Anki package" in err and "Traceback" not in err
