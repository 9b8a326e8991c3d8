"""Free-text search over cards, as the browser's filter: every word of the query must be
found in a card, in either language, its answer and key points included.

Case- and Unicode-insensitive (NFC, case-folded), and forgiving the way the judge is, with
its pieces: a word matches the start of a card's word ("normal" meets "normalization",
"정규화" meets "정규화는"); a Korean word typed with its particle is cut to its stem
(`judge.korean`); an English word also matches by its Snowball stem ("normalizing" meets
"normalized", `judge.fold.stem`); a long English word may carry a typo, not in its first
letter (`judge.matcher.FUZZY_MIN`); and an alias of the judge's table stands for its whole
group ("batchnorm" finds "batch normalization" and "배치 정규화").

The cards are indexed once (each word once, with the cards it occurs in), so that a
keystroke looks up the query's few words in the vocabulary instead of reading every card.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

from rapidfuzz.distance import OSA

from dlflash.base.language import nfc
from dlflash.judge.aliases import GROUPS
from dlflash.judge.fold import stem
from dlflash.judge.korean import keyword_forms
from dlflash.judge.matcher import FUZZY_MIN

_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
"""A word, dotted parts kept together so that a card id ("q08.1") or "0.5" stays one."""
_LAST = "\U0010ffff"

Words = tuple[str, ...]


KOREAN_FUZZY_MIN = 3
"""Syllables a Korean word needs before a typo in it is forgiven: one syllable is a letter
group, so three carry about as much as the English minimum's letters."""


def _hangul(word: str) -> bool:
    return all("가" <= char <= "힣" for char in word)


def words(text: str) -> list[str]:
    """The folded words of `text`: NFC, case-folded."""
    return _WORD.findall(nfc(text).casefold())


def _alias_forms() -> dict[str, list[tuple[Words, tuple[Words, ...]]]]:
    """Per first word, each alias form (as words) with every form of its group."""
    table: dict[str, list[tuple[Words, tuple[Words, ...]]]] = defaultdict(list)
    for group in GROUPS:
        forms = tuple(dict.fromkeys(tuple(words(form)) for form in group))
        for form in forms:
            if form:
                table[form[0]].append((form, forms))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))  # the longest form first
    return table


_ALIASES = _alias_forms()


def terms(query: str) -> list[tuple[Words, ...]]:
    """The query as terms, each a choice of word sequences: a plain word is a choice of
    one; an alias (of one word or more) is the choice of every form of its group."""
    found, typed = [], words(query)
    index = 0
    while index < len(typed):
        # "배치정규화를" is the alias "배치정규화" with a particle
        heads = dict.fromkeys((typed[index], *keyword_forms(typed[index])))
        for form, forms in (entry for head in heads for entry in _ALIASES.get(head, ())):
            if tuple(typed[index + 1:index + len(form)]) == form[1:]:
                found.append(forms)
                index += len(form)
                break
        else:
            found.append(((typed[index],),))
            index += 1
    return found


class SearchIndex:
    """Word postings over a sequence of texts (one per card, in the browser's order)."""

    def __init__(self, texts: Iterable[str]) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        count = 0
        for number, text in enumerate(texts):
            for word in set(words(text)):
                postings[word].append(number)
            count = number + 1
        self.size = count
        self._postings = dict(postings)
        self._vocabulary = sorted(postings)
        self._found: dict[str, frozenset[int]] = {}
        self._stems  # noqa: B018 - built now (often in a worker), not on a keystroke

    @cached_property
    def _stems(self) -> tuple[list[str], dict[str, list[str]]]:
        """The vocabulary's stems, sorted, and the words of each."""
        of: dict[str, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            # a number or an id ("0.5", "q08.1", "s01234") has no stem: most of a large
            # deck's vocabulary, kept out of the stemmer's cache
            of[stem(word) if word.isalpha() else word].append(word)
        return sorted(of), dict(of)

    def _starting(self, vocabulary: Sequence[str], prefix: str) -> Sequence[str]:
        return vocabulary[bisect_left(vocabulary, prefix):
                          bisect_left(vocabulary, prefix + _LAST)]

    def _typos(self, word: str) -> list[str]:
        """Words of the vocabulary that start with `word` but for one typo (two from 12
        letters), as the judge allows them, never in the first letter; two letters swapped
        are one typo here (the judge's Levenshtein counts two), the commonest in a
        search box. A Korean word of three syllables or more may carry one wrong syllable
        ("정규하" finds "정규화"). Ids and numbers are exact: "q01.2" is not "q01.4"."""
        if any(char.isdigit() for char in word):
            return []
        script: Callable[[str], bool]
        if word.isascii() and len(word) >= FUZZY_MIN:
            allowed, script = (2 if len(word) >= 12 else 1), str.isascii
        elif _hangul(word) and len(word) >= KOREAN_FUZZY_MIN:
            allowed, script = 1, _hangul
        else:
            return []
        sizes = (len(word) - 1, len(word), len(word) + 1)
        return [candidate for candidate in self._starting(self._vocabulary, word[0])
                if script(candidate) and any(
                    OSA.distance(word, candidate[:size], score_cutoff=allowed)
                    <= allowed for size in sizes if size <= len(candidate)
                    or size == len(word))]

    def word(self, word: str) -> frozenset[int]:
        """The texts with a word that `word` matches (see the module docstring)."""
        found = self._found.get(word)
        if found is None:
            matched: set[str] = set()
            for form in {word, *keyword_forms(word)}:
                matched.update(self._starting(self._vocabulary, form))
            stemmed = stem(word)
            if stemmed != word:
                stems, of = self._stems
                for found_stem in self._starting(stems, stemmed):
                    matched.update(of[found_stem])
            matched.update(self._typos(word))
            postings = self._postings
            found = self._found[word] = frozenset().union(*(postings[w] for w in matched))
        return found

    def term(self, choices: tuple[Words, ...]) -> frozenset[int]:
        """The texts that hold every word of one of the choices."""
        result: frozenset[int] = frozenset()
        for choice in choices:
            hits = self.word(choice[0])
            for other in choice[1:]:
                hits &= self.word(other)
            result |= hits
        return result


def search(indexes: Sequence[SearchIndex], query: str) -> frozenset[int] | None:
    """The numbers of the texts that match every term of `query`, a term being found in
    any of `indexes` (over the same numbering: cards, then their notes, which change);
    None for a query without a word (no filter)."""
    result: frozenset[int] | None = None
    for choices in terms(query):
        hits = frozenset().union(*(index.term(choices) for index in indexes))
        result = hits if result is None else result & hits
        if not result:
            break
    return result
