"""The deck loader against hostile and random input: never a traceback, always file:line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlflash.deck.loader import DeckSource, load_decks

from helpers import card, write_deck

PROBLEM = re.compile(r"^.+:\d+: \S.*$")
TMP = [HealthCheck.function_scoped_fixture]  # each example overwrites the same file


def check(path: Path) -> list[str]:
    _, problems = load_decks([DeckSource(path, bundled=True)])
    messages = [str(p) for p in problems]
    assert all(PROBLEM.match(m) for m in messages), messages
    assert all("\n" not in m for m in messages)
    return messages


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=20))
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=TMP)
@given(value=yaml_values)
def test_random_yaml_documents(tmp_path: Path, value: object) -> None:
    path = tmp_path / "random.yaml"
    path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    check(path)


@settings(max_examples=200, deadline=None, suppress_health_check=TMP)
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(data)
    check(path)


VALID = yaml.safe_dump({"topic": {"ko": "주제", "en": "Topic"},
                        "cards": [card("q01"), card("q01.1", "q01")]},
                       allow_unicode=True, sort_keys=False)


@settings(max_examples=200, deadline=None, suppress_health_check=TMP)
@given(position=st.integers(0, len(VALID)), cut=st.integers(0, 40),
       insert=st.sampled_from(["", "\t", ":", "- ", "&a ", "*a", "!!python/object:os.system ",
                               "{", "]", "'", "\n  ", "\x00", "？", "#"]))
def test_mutated_valid_decks(tmp_path: Path, position: int, cut: int, insert: str) -> None:
    path = tmp_path / "mutated.yaml"
    path.write_text(VALID[:position] + insert + VALID[position + cut:], encoding="utf-8")
    check(path)


def test_hand_cases(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:  # 50 MB, sparse: refused before it is read
        handle.truncate(50 * 1024 * 1024)
    assert "may be at most 5 MB" in check(big)[0]

    deep = tmp_path / "deep.yaml"
    deep.write_text("cards: " + "[" * 20000 + "]" * 20000 + "\n")
    assert check(deep)

    folder_as_file = tmp_path / "decks" / "x.yaml"
    folder_as_file.mkdir(parents=True)
    write_deck(tmp_path / "decks", "ok.yaml", [card("q01")])
    assert check(tmp_path / "decks") == []  # a folder named like a deck file is skipped

    bomb = tmp_path / "bomb.yaml"
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb.write_text("\n".join(levels) + "\ncards: *a9\n")
    assert any("anchors and aliases" in m or "unknown key" in m for m in check(bomb))

    marker = tmp_path / "ran"
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        f"cards:\n  - id: !!python/object/apply:os.system ['touch {marker}']\n"
        "    question: !!python/name:os.system\n")
    assert any("unsupported YAML tag" in m for m in check(hostile))
    assert not marker.exists()
