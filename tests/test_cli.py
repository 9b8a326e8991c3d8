from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from dlflash import __version__
from dlflash.cli import main
from dlflash.deck.loader import DeckSource, bundled_deck_dir, load_decks

from helpers import card, write_deck


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"dlflash {__version__}"


def own_deck(folder: Path) -> Path:
    """Two files of six cards with ids of their own (the bundled deck has q01, q02, ...)."""
    write_deck(folder, "a.yaml", [card("u01"), card("u01.1", "u01"), card("u01.2", "u01")])
    write_deck(folder, "b.yaml", [card("u02"), card("u02.1", "u02"), card("u03")])
    return folder


def test_validate_a_clean_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(own_deck(tmp_path / "deck")))
    bundled = len(load_decks([DeckSource(bundled_deck_dir(), bundled=True)])[0])
    assert code == 0 and out.strip() == (
        f"OK: 6 cards in 2 files, no id also among the {bundled} other cards dlflash loads.")


def test_validate_checks_ids_against_the_decks_loaded_with_it(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A deck that reuses a bundled id validated alone, then kept dlflash from starting.
    mine = write_deck(tmp_path / "mine", "m.yaml", [card("q01", langs=("en",))])
    code, out, err = run(capsys, "validate", str(mine))
    assert code == 1 and f"{mine}:" in out and "duplicate card id 'q01', first used at" in out
    assert err.strip() == "1 problem found."
    write_deck(data_dir / "decks", "kept.yaml", [card("u09")])
    within = data_dir / "decks" / "kept.yaml"
    code, out, _ = run(capsys, "validate", str(within))  # in decks/: loaded once, not twice
    assert code == 0 and out.startswith("OK: 1 card in 1 file, no id also among"), out


def test_validate_a_missing_file_has_no_line_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    code, out, _ = run(capsys, "validate", str(missing))
    assert code == 1 and out.strip() == f"{missing}: no such file or folder"


def test_validate_a_card_with_no_language_throughout(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mixed = card("u01", langs=("en",))
    mixed["answer"] = {"ko": "**u01** 답"}
    deck = write_deck(tmp_path / "mixed", "m.yaml", [mixed])
    code, out, _ = run(capsys, "validate", str(deck))
    assert code == 1 and "card 'u01' has no language that its question, answer" in out


def test_validate_reports_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("cards:\n  - id: zz\n    question: {ko: 가}\n", encoding="utf-8")
    good = own_deck(tmp_path / "deck")
    original = broken.read_bytes()
    code, out, err = run(capsys, "validate", str(broken), str(good))
    assert code == 1
    lines = out.strip().splitlines()
    assert all(line.startswith(f"{broken}:") for line in lines)
    assert any("card 'zz' is missing 'answer'" in line for line in lines)
    assert "problems found" in err
    assert broken.read_bytes() == original


def test_validate_defaults_to_the_bundled_and_user_decks(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_deck(data_dir / "decks", "mine.yaml", [card("mine1", langs=("en",))])
    code, out, _ = run(capsys, "validate")
    assert code == 0, out
    bundled = len(list(bundled_deck_dir().glob("*.yaml")))
    assert f"in {bundled + 1} files" in out


def test_due_counts_and_json(data_dir: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir).mkdir(parents=True)
    (data_dir / "settings.yaml").write_text("new_per_day: 4\n")
    deck = str(write_deck(tmp_path / "mine", "m.yaml", [card(f"u{i}") for i in range(6)]))
    code, out, _ = run(capsys, "due", "--json", "--deck", deck)
    assert code == 0
    counts = json.loads(out)
    assert counts["new"] == 4 and counts["due"] == 0 and counts["next_due"] is None
    code, out, _ = run(capsys, "--deck", deck, "due")
    assert code == 0 and out.startswith("4 left today (0 due, 4 new, 0 repeats)")
    assert not (data_dir / "reviews").exists()  # looking never writes


def test_bad_setting_stops_with_a_clear_message(data_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.yaml").write_text("rollover_hour: 30\n")
    code, out, err = run(capsys, "due")
    assert code == 1 and out == ""
    assert err.startswith("dlflash: ") and "rollover_hour must be" in err
    assert "Traceback" not in err


def test_broken_user_deck_stops_with_its_location(data_dir: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = data_dir / "decks" / "bad.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_text("cards: [\n")
    code, _, err = run(capsys, "due")
    assert code == 1 and f"{bad}:" in err and "dlflash validate" in err


def test_data_dir_option_overrides_the_environment(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "settings.yaml").write_text("new_per_day: 0\n")
    _code, out, _ = run(capsys, "due", "--json", "--data-dir", str(other))
    assert json.loads(out)["new"] == 0


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def _python(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=False)


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "dlflash", "--help"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and "validate" in result.stdout


def test_unsuspend_lists_and_brings_cards_back(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import datetime

    from dlflash.journal.events import CardAction, new_id
    from dlflash.journal.store import Store

    store = Store(data_dir, "testdev")
    store.open()
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    store.append(CardAction(id=new_id(), kind="suspend", card="q04.2", ts=now, day=now.date()))
    store.close()
    assert main(["unsuspend"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("q04.2") and "1 suspended card." in out
    assert "Bring cards back with: dlflash unsuspend CARD" in out
    assert main(["unsuspend", "q04.2", "q99"]) == 1
    assert "No such card: q99; nothing was changed" in capsys.readouterr().err
    assert main(["unsuspend", "q04.2", "q04.1"]) == 1
    assert "Not suspended: q04.1; nothing was changed" in capsys.readouterr().err
    assert main(["unsuspend", "q04.2"]) == 0
    assert "Back in the reviews: q04.2." in capsys.readouterr().out
    history, _ = Store(data_dir, "testdev").read(full=True)
    assert history.suspended_cards() == set()
    (data_dir / "settings.yaml").write_text("language: ko\n")
    assert main(["unsuspend"]) == 0
    assert capsys.readouterr().out == "보류된 카드 0장.\n"
    assert main(["unsuspend", "q99"]) == 1
    assert "그런 카드가 없습니다: q99" in capsys.readouterr().err
    assert main(["due"]) == 0
    assert capsys.readouterr().out.startswith("오늘 남은 카드 ")
