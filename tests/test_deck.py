from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from dlflash.deck.loader import DeckError, DeckSource, load_deck, load_decks
from dlflash.deck.model import Text

from helpers import card, small_deck, write_deck


def problems_of(path: Path, *, strict: bool = False) -> list[str]:
    _, problems = load_decks([DeckSource(path, bundled=strict)])
    return [str(p) for p in problems]


def write(tmp_path: Path, text: str, name: str = "d.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_cards_in_deck_order(tmp_path: Path) -> None:
    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"), bundled=True)])
    assert [c.id for c in deck.cards] == ["q01", "q01.1", "q01.2", "q02", "q02.1", "q03"]
    q011 = deck.by_id["q01.1"]
    assert q011.parent == "q01"
    assert q011.topic == Text(ko="주제", en="Topic")
    assert q011.key_points[0].keywords == ("kw1", "키워드1")
    assert q011.source.endswith("a.yaml") and q011.line > 1


def test_text_falls_back_to_the_language_it_has() -> None:
    assert Text(ko="가").get("en") == "가"
    assert Text(en="a").get("ko") == "a"
    assert Text(ko="가", en="a").get("en") == "a"


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "기울기 소실")
    assert nfd != "기울기 소실"
    c = card("q01")
    c["question"] = {"ko": nfd, "en": "x"}
    write_deck(tmp_path, "d.yaml", [c])
    deck = load_deck([DeckSource(tmp_path)])
    assert deck.by_id["q01"].question.ko == "기울기 소실"


def test_user_deck_may_have_one_language_and_fewer_points(tmp_path: Path) -> None:
    write_deck(tmp_path, "d.yaml", [card("u1", langs=("en",), points=1)])
    assert problems_of(tmp_path) == []
    strict = problems_of(tmp_path, strict=True)
    assert any("missing the ko text" in p for p in strict)
    assert any("has 1 key points; give 3 to 6" in p for p in strict)
    write_deck(tmp_path, "d.yaml", [card("u1", points=7)])
    assert any("has 7 key points; give 1 to 6" in p for p in problems_of(tmp_path))


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "cards:\n  - id: q01\n    question: {ko: [unclosed\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:")
    assert "YAML syntax error" in problem


def test_tab_indentation_is_a_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "cards:\n\t- id: q01\n")
    [problem] = problems_of(path)
    assert f"{path}:2:" in problem and "indent YAML with spaces" in problem


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    text = """\
topic: {ko: 주제, en: Topic}
colour: blue
cards:
  - id: q01
    question: {ko: 질문, en: ""}
    answer: {ko: 답, en: answer}
    key_points:
      - {ko: a, en: a, keywords: [a]}
      - {ko: b, en: b, keywords: [b]}
    tags: [x]
  - id: q01.1
    parent: q99
    question: {ko: 질문, en: q}
    answer: {ko: 답, en: 7}
    key_points:
      - {ko: a, en: a, keywords: []}
      - {ko: b, en: b, keywords: [b], extra: 1}
      - {ko: c, keywords: [c]}
    tags: yes
  - id: q01
    question: {ko: 질문, en: q}
    answer: {ko: 답, en: a}
    key_points: not a list
"""
    problems = problems_of(write(tmp_path, text), strict=True)
    joined = "\n".join(problems)
    expected = [
        (2, "unknown key 'colour'"),
        (5, "question.en is empty"),
        (8, "has 2 key points; give 3 to 6"),
        (16, "keywords is empty"),
        (17, "unknown key 'extra'"),
        (18, "missing the en text"),
        (19, "tags must be a list"),
        (23, "key_points must be a list"),
        (20, "duplicate card id 'q01'"),
    ]
    for line, message in expected:
        assert any(p.split(":")[1] == str(line) and message in p for p in problems), (
            line, message, joined)


def test_parent_must_exist_and_be_a_main_question(tmp_path: Path) -> None:
    write_deck(tmp_path, "a.yaml", [card("q01"), card("q01.1", "q01"), card("q01.1.1", "q01.1"),
                                    card("x", "nope")])
    problems = problems_of(tmp_path)
    assert any("parent 'nope' is not a card id" in p for p in problems)
    assert any("parent 'q01.1' is itself a follow-up" in p for p in problems)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write_deck(tmp_path, "a.yaml", [card("q01")])
    write_deck(tmp_path, "b.yaml", [card("q01")])
    [problem] = problems_of(tmp_path)
    assert "b.yaml" in problem and "duplicate card id 'q01', first used at" in problem
    assert "a.yaml" in problem


def test_duplicate_keys_are_caught(tmp_path: Path) -> None:
    path = write(tmp_path, "cards: []\ncards: []\n")
    assert any(":2: duplicate key 'cards'" in p for p in problems_of(path))


def test_empty_inputs(tmp_path: Path) -> None:
    assert "the file is empty" in problems_of(write(tmp_path, ""))[0]
    assert "'cards' is empty" in problems_of(write(tmp_path, "cards: []\n", "e.yaml"))[0]
    assert "must be a mapping" in problems_of(write(tmp_path, "- 1\n", "l.yaml"))[0]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no .yaml deck files" in problems_of(empty)[0]
    assert "no such file" in problems_of(tmp_path / "missing.yaml")[0]


def test_unsafe_tags_are_rejected_without_running_anything(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"cards: !!python/object/apply:os.system ['touch {marker}']\n"
    problems = problems_of(write(tmp_path, text))
    assert any("unsupported YAML tag" in p for p in problems)
    assert not marker.exists()


def test_aliases_are_refused(tmp_path: Path) -> None:
    text = "a: &a [x, x]\ncards: [*a, *a]\n"
    problems = problems_of(write(tmp_path, text))
    assert any("anchors and aliases" in p or "unknown key 'a'" in p for p in problems)
    bomb = "cards:\n  - &a {id: x}\n  - *a\n"
    assert any("anchors and aliases" in p for p in problems_of(write(tmp_path, bomb, "b.yaml")))


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"cards:\n  - id: q01\n    question: {ko: \xff\xfe}\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:3:") and "UTF-8" in problem


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (6 * 1024 * 1024))
    assert "may be at most 5 MB" in problems_of(path)[0]


def test_load_deck_raises_with_every_problem(tmp_path: Path) -> None:
    write_deck(tmp_path, "a.yaml", [card("q01", points=0), card("q02", "zz")])
    with pytest.raises(DeckError) as info:
        load_deck([DeckSource(tmp_path)])
    assert len(info.value.problems) == 2


def test_numbers_in_text_fields_are_kept_as_written(tmp_path: Path) -> None:
    c = card("q01")
    c["key_points"][0]["keywords"] = ["1x1", 1.0]  # type: ignore[index]
    write_deck(tmp_path, "a.yaml", [c])
    deck = load_deck([DeckSource(tmp_path)])
    assert deck.by_id["q01"].key_points[0].keywords == ("1x1", "1.0")
