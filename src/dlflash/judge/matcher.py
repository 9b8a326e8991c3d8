"""Does a folded answer contain a keyword? The way candidates type, in both languages.

A keyword matches when its words start words of the answer, in order, with nothing or a
space between them (or, in Korean, a particle: "가중치를 공유" meets "가중치 공유"):
on the surface ("vanish" meets "vanishing"), on the stems ("tuning" meets "tune"), with a
typo in a long English word ("vanshing"), or, for a quantity keyword, by overlapping
ranges. A keyword never matches inside a word, so "hat" does not fire on "that".

Matching uses `str.find` and `startswith`, not a regular expression per keyword: compiling
one costs about half a millisecond (its Hangul class), and a card has some forty keywords.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz.distance import Levenshtein

from dlflash.judge.fold import stems, surface
from dlflash.judge.korean import keyword_forms
from dlflash.judge.quantities import Quantity, quantities, quantity_keyword

_TOKEN = re.compile(r"[a-z]+|[가-힣]+|\d+(?:\.\d+)?|[^\sa-z가-힣\d]")
FUZZY_MIN = 6
"""English words this long or longer may carry a typo (two from 12 letters on: with two
from 10, "validation" met "variational")."""
_PARTICLE_MAX = 2
"""Hangul syllables that may stand between two words of a keyword (a particle)."""

Words = tuple[str, ...]


def _is_hangul(char: str) -> bool:
    return "가" <= char <= "힣"


def _starts_word(text: str, index: int) -> bool:
    if index == 0:
        return True
    before = text[index - 1]
    return not (before.isalnum() or before == "_")


def _gaps(text: str, position: int) -> Iterator[int]:
    """Where the next word of a keyword may start: right here, after a space, or after a
    particle and a space."""
    yield position
    if text.startswith(" ", position):
        yield position + 1
    for size in range(1, _PARTICLE_MAX + 1):
        end = position + size
        if text.startswith(" ", end) and all(map(_is_hangul, text[position:end])):
            yield end + 1


def _open_syllable(word: str) -> bool:
    """A Korean stem that ends in a syllable without a final consonant: conjugation may add
    one ("없애" -> "없앤다", "빠르" -> "빠른"), so that last syllable matches with any."""
    return len(word) >= 2 and _is_hangul(word[-1]) and (ord(word[-1]) - 0xAC00) % 28 == 0


def _starts(text: str, word: str, position: int) -> bool:
    if text.startswith(word, position):
        return True
    if not _open_syllable(word) or not text.startswith(word[:-1], position):
        return False
    last = position + len(word) - 1
    return (last < len(text) and _is_hangul(text[last])
            and (ord(text[last]) - 0xAC00) // 28 == (ord(word[-1]) - 0xAC00) // 28)


def _follows(text: str, position: int, words: Words) -> bool:
    if not words:
        return True
    first, rest = words[0], words[1:]
    return any(_starts(text, first, gap) and _follows(text, gap + len(first), rest)
               for gap in _gaps(text, position))


def contains(text: str, words: Words) -> bool:
    """Whether the words start words of `text` in a row (see the module docstring)."""
    if not words:
        return False
    first = words[0]
    probe = first[:-1] if _open_syllable(first) else first
    # An operator starts a word wherever it stands: folding takes the spaces around it
    # away ("minimize -log D" is "minimize-log d").
    anywhere = not (first[0].isalnum() or first[0] == "_")
    start = text.find(probe)
    while start >= 0:
        if ((anywhere or _starts_word(text, start)) and _starts(text, first, start)
                and _follows(text, start + len(first), words[1:])):
            return True
        start = text.find(probe, start + 1)
    return False


def _by_initial(words: Words) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, word in enumerate(words):
        index[word[0]].append(position)
    return index


class Text:
    """An answer (or a sentence of one), folded once and matched against many keywords."""

    def __init__(self, text: str) -> None:
        self.surface = surface(text)
        self.found: dict[str, bool] = {}
        """Each keyword's match, by its text: a card's traps ask for the same terms again
        and again ("relu + ...", "!tanh") in many patterns."""

    @cached_property
    def stems(self) -> str:
        return stems(self.surface)

    @cached_property
    def words(self) -> Words:
        return tuple(_TOKEN.findall(self.surface))

    @cached_property
    def stem_words(self) -> Words:
        return tuple(_TOKEN.findall(self.stems))

    @cached_property
    def starts(self) -> dict[str, list[int]]:
        """Where the words with each first letter stand (for typo matching)."""
        return _by_initial(self.words)

    @cached_property
    def stem_starts(self) -> dict[str, list[int]]:
        return _by_initial(self.stem_words)

    @cached_property
    def quantities(self) -> list[Quantity]:
        return quantities(self.surface)


def _close(word: str, candidate: str) -> bool:
    """Whether `candidate`, an answer word, starts with `word` but for a typo (and not in
    its first letter, where typos are rare and other words begin: "vanish", "banish")."""
    if candidate.startswith(word):
        return True
    if len(word) < FUZZY_MIN or not word.isascii() or not candidate.isascii():
        return False
    allowed = 2 if len(word) >= 12 else 1
    return any(Levenshtein.distance(word, candidate[:size], score_cutoff=allowed) <= allowed
               for size in (len(word) - 1, len(word), len(word) + 1)
               if size <= len(candidate) or size == len(word))


def _fuzzy(keyword: Words, words: Words, starts: dict[str, list[int]]) -> bool:
    """The keyword's words in a row, each starting an answer word or close to it."""
    if not keyword or max(map(len, keyword)) < FUZZY_MIN:
        return False
    size = len(keyword)
    return any(
        all(_close(word, candidate)
            for word, candidate in zip(keyword, words[start:start + size], strict=True))
        for start in starts.get(keyword[0][0], ()) if start + size <= len(words))


@dataclass(frozen=True)
class Keyword:
    """One keyword of a card, folded once."""

    text: str
    surfaces: tuple[Words, ...]
    """Its words, in each Korean form (the stem, and an irregular stem's other shapes)."""
    stemmed: tuple[Words, ...]
    quantity: Quantity | None

    def matches(self, answer: Text) -> bool:
        found = answer.found.get(self.text)
        if found is None:
            found = answer.found[self.text] = self._matches(answer)
        return found

    def _matches(self, answer: Text) -> bool:
        if self.quantity is not None:
            return any(self.quantity.overlaps(found) for found in answer.quantities)
        return (any(contains(answer.surface, words) for words in self.surfaces)
                or any(contains(answer.stems, words) for words in self.stemmed)
                or _fuzzy(self.surfaces[0], answer.words, answer.starts)
                or _fuzzy(self.stemmed[0], answer.stem_words, answer.stem_starts))

    def words_in(self, vocabulary: frozenset[str]) -> bool:
        """Whether every word of the keyword starts a word of `vocabulary` (a question's):
        then any answer that repeats the question would match it ("문제" and "문제점은")."""
        if self.quantity is not None:  # "5-6 lines" is an estimate, not the word "lines"
            return False
        words = [word for word in _TOKEN.findall(" ".join(self.stemmed[0])) if len(word) > 1]
        return bool(words) and all(
            any(known.startswith(word) for known in vocabulary) for word in words)


_NOTHING = Keyword("", ((),), ((),), None)


@lru_cache(maxsize=65536)
def compile_keyword(keyword: str) -> Keyword:
    folded = surface(keyword)
    forms = tuple(dict.fromkeys(keyword_forms(folded)))
    surfaces = tuple(words for words in (tuple(form.split()) for form in forms) if words)
    if not surfaces:
        return _NOTHING
    stemmed = tuple(tuple(stems(" ".join(words)).split()) for words in surfaces)
    return Keyword(keyword, surfaces, stemmed, quantity_keyword(folded))


@lru_cache(maxsize=4096)
def vocabulary(text: str) -> frozenset[str]:
    """The stems of a text's words: a card's question, whose words never tick a point."""
    return frozenset(word for word in _TOKEN.findall(stems(surface(text))) if len(word) > 1)
