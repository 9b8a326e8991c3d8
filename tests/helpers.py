"""Fixture decks written on the fly, so tests never depend on the bundled content; and a
plain view of a review table."""

from __future__ import annotations

from pathlib import Path

import yaml

from dlflash.journal.review_table import COLUMNS, ReviewTable


def table_rows(table: ReviewTable) -> list[tuple[object, ...]]:
    """Every row of a review table with its card id, as a plain tuple."""
    return [(table.cards[row[0]], *row[1:])
            for row in zip(*(table.column(name) for name, _ in COLUMNS), strict=True)]


class _NoAliases(yaml.SafeDumper):
    """Decks refuse anchors, so shared fixture objects are written out in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def card(card_id: str, parent: str | None = None, *, langs: tuple[str, ...] = ("ko", "en"),
         points: int = 3) -> dict[str, object]:
    text = {lang: f"{card_id} question in {lang}" for lang in langs}
    data: dict[str, object] = {
        "id": card_id,
        "question": text,
        "answer": {lang: f"**{card_id}** answer in {lang}" for lang in langs},
        "key_points": [
            {**{lang: f"point {i} of {card_id} ({lang})" for lang in langs},
             "keywords": [f"kw{i}", f"키워드{i}"]}
            for i in range(1, points + 1)
        ],
        "tags": ["test"],
    }
    if parent:
        data["parent"] = parent
    return data


def write_deck(folder: Path, name: str, cards: list[dict[str, object]],
               topic: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    content = {"topic": topic or {"ko": "주제", "en": "Topic"}, "cards": cards}
    path.write_text(yaml.dump(content, Dumper=_NoAliases, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def small_deck(folder: Path) -> Path:
    """Two files: q01 with two follow-ups, q02 with one; six cards."""
    write_deck(folder, "a.yaml", [card("q01"), card("q01.1", "q01"), card("q01.2", "q01")])
    write_deck(folder, "b.yaml", [card("q02"), card("q02.1", "q02"), card("q03")])
    return folder
