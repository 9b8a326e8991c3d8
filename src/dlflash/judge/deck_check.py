"""Checks a deck author needs from the judge: keywords that can never help, or that tick
the wrong point. `dlflash validate` prints them as warnings; the bundled deck has none."""

from __future__ import annotations

import re

from dlflash.deck.model import Card
from dlflash.judge.matcher import Text, compile_keyword
from dlflash.judge.verdict import in_question, question_text

_HANGUL = re.compile(r"[가-힣]")
_LETTER = re.compile(r"[^\W\d_]")


def _for_korean(keyword: str) -> bool:
    return bool(_HANGUL.search(keyword)) or not _LETTER.search(keyword)


def _for_english(keyword: str) -> bool:
    return not _HANGUL.search(keyword)


def keyword_warnings(card: Card) -> list[str]:
    """What is wrong with the card's keywords, one sentence each."""
    warnings: list[str] = []
    question = question_text(card)
    languages = [(name, test) for name, text, test in (
        ("Korean", card.question.ko, _for_korean), ("English", card.question.en, _for_english))
        if text]
    point_texts = [[Text(t) for t in (point.text.ko, point.text.en) if t]
                   for point in card.key_points]
    for index, point in enumerate(card.key_points):
        label = f"card {card.id!r} key point {index + 1}"
        for name, test in languages:
            if not any(test(keyword) for keyword in point.keywords):
                warnings.append(f"{label} has no {name} keyword")
        for keyword in point.keywords:
            compiled = compile_keyword(keyword)
            if in_question(keyword, question):
                warnings.append(f"{label}: keyword {keyword!r} is a word of the question, "
                                "so it never ticks the point")
            for other, texts in enumerate(point_texts):
                if other != index and any(compiled.matches(text) for text in texts):
                    warnings.append(f"{label}: keyword {keyword!r} also matches the text of "
                                    f"key point {other + 1}")
                    break
    return warnings
