"""Does a folded answer contain a keyword? The way candidates type, in both languages.

A keyword matches when its words start words of the answer, in order, with nothing or a
space between them (or, in Korean, a particle: "가중치를 공유" meets "가중치 공유"):
on the surface ("vanish" meets "vanishing"), on the stems ("tuning" meets "tune"), with a
typo in a long English word ("vanshing"), or, for a quantity keyword, by overlapping
ranges. A keyword never matches inside a word, so "hat" does not fire on "that".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz.distance import Levenshtein

from dlflash.judge.fold import stems, surface
from dlflash.judge.korean import keyword_forms
from dlflash.judge.quantities import Quantity, quantities, quantity_keyword

_BETWEEN = r"(?:\s?|[가-힣]{1,2}\s)"
"""What may stand between two words of a keyword: nothing, a space, or a particle."""
_TOKEN = re.compile(r"[a-z]+|[가-힣]+|\d+(?:\.\d+)?|[^\sa-z가-힣\d]")
FUZZY_MIN = 6
"""English words this long or longer may carry a typo (two from 10 letters on)."""


class Text:
    """An answer (or a sentence of one), folded once and matched against many keywords."""

    def __init__(self, text: str) -> None:
        self.surface = surface(text)

    @cached_property
    def stems(self) -> str:
        return stems(self.surface)

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(_TOKEN.findall(self.surface))

    @cached_property
    def stem_words(self) -> tuple[str, ...]:
        return tuple(_TOKEN.findall(self.stems))

    @cached_property
    def quantities(self) -> list[Quantity]:
        return quantities(self.surface)


def _pattern(folded: str) -> re.Pattern[str] | None:
    words = folded.split()
    if not words:
        return None
    return re.compile(r"(?<![\w])" + _BETWEEN.join(re.escape(word) for word in words))


def _close(word: str, candidate: str) -> bool:
    """Whether `candidate`, an answer word, starts with `word` but for a typo (and not in
    its first letter, where typos are rare and other words begin: "vanish", "banish")."""
    if (len(word) < FUZZY_MIN or not word.isascii() or not candidate.isascii()
            or word[0] != candidate[:1]):
        return False
    allowed = 2 if len(word) >= 10 else 1
    return any(Levenshtein.distance(word, candidate[:size], score_cutoff=allowed) <= allowed
               for size in (len(word) - 1, len(word), len(word) + 1) if size <= len(candidate)
               or size == len(word))


@dataclass(frozen=True)
class Keyword:
    """One keyword of a card, compiled once."""

    text: str
    surfaces: tuple[re.Pattern[str], ...]
    stemmed: tuple[re.Pattern[str], ...]
    words: tuple[str, ...]
    stem_words: tuple[str, ...]
    quantity: Quantity | None

    def matches(self, answer: Text) -> bool:
        if self.quantity is not None:
            return any(self.quantity.overlaps(found) for found in answer.quantities)
        if any(pattern.search(answer.surface) for pattern in self.surfaces):
            return True
        if any(pattern.search(answer.stems) for pattern in self.stemmed):
            return True
        return (_fuzzy(self.words, answer.words)
                or _fuzzy(self.stem_words, answer.stem_words))

    def words_in(self, vocabulary: frozenset[str]) -> bool:
        """Whether every word of the keyword is a word of `vocabulary` (a question's):
        equal, or one starting the other ("문제" and "문제점은")."""
        words = [word for word in _TOKEN.findall(stems(" ".join(self.words))) if len(word) > 1]
        return bool(words) and all(
            any(known.startswith(word) or (len(known) >= 3 and word.startswith(known))
                for known in vocabulary)
            for word in words
        )


def _fuzzy(keyword: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """The keyword's words in a row, each starting an answer word or close to it."""
    size = len(keyword)
    if not size or max(len(word) for word in keyword) < FUZZY_MIN:
        return False
    return any(
        all(candidate.startswith(word) or _close(word, candidate)
            for word, candidate in zip(keyword, words[start:start + size], strict=True))
        for start in range(len(words) - size + 1))


@lru_cache(maxsize=16384)
def compile_keyword(keyword: str) -> Keyword:
    folded = surface(keyword)
    forms = tuple(dict.fromkeys(keyword_forms(folded)))
    surfaces = tuple(p for p in map(_pattern, forms) if p)
    stemmed = tuple(p for p in (_pattern(stems(form)) for form in forms) if p)
    return Keyword(keyword, surfaces, stemmed, tuple(_TOKEN.findall(forms[0])),
                   tuple(_TOKEN.findall(stems(forms[0]))), quantity_keyword(folded))


@lru_cache(maxsize=4096)
def vocabulary(text: str) -> frozenset[str]:
    """The stems of a text's words: a card's question, whose words never tick a point."""
    return frozenset(word for word in _TOKEN.findall(stems(surface(text))) if len(word) > 1)
