"""Folding: an answer and a keyword are brought to the same shape before they are compared.

Two shapes are made of a text. The *surface* is NFC, case-folded, with hyphens between
letters as spaces, no quotes around words, one minus sign, `²`/`**` as `^`, `.25` as
`0.25`, no spaces around operators (`w -= lr * g` is `w-=learning rate*g`), and every alias
folded to its group's first form. The *stems* are the surface with each English word
replaced by its Snowball stem, so that "tuning" meets "tune" and "stability" meets
"stable"'s stem.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from dlflash.judge.aliases import GROUPS

_STEMMER = Stemmer.Stemmer("english")

_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-",
                         "\u2011": "-", "\u00b2": "^2", "\u00b3": "^3", "\u00d7": "*",
                         "\u00b7": "*", "\u2217": "*", "\u2190": "<-", "\u2192": "->",
                         "\uff5e": "~", "\u223c": "~", "\u201c": '"', "\u201d": '"',
                         "\u2018": "'", "\u2019": "'"})
_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])[-_/](?=[^\W\d_])")
_QUOTE = re.compile(r"(?<!\w)['\"`]+|(?<!s)['\"`]+(?!\w)|(?<=s)[\"`]+(?!\w)")
"""Quotes around a word ("the 'context' vector"), not an apostrophe inside one (don't) nor
a possessive's ("users' user-item data" is no "user-user")."""
_POWER = re.compile(r"\*\*")
_LEADING_DOT = re.compile(r"(?<![\w.])\.(?=\d)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_OPERATOR_SPACE = re.compile(r"\s*([=+*/^<>←-]+)\s*")
_SPACES = re.compile(r"\s+")
_LATIN_WORD = re.compile(r"[a-z]+")


def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    canonical: dict[str, str] = {}
    for group in GROUPS:
        for form in group:
            canonical.setdefault(_SPACES.sub(" ", form), group[0])
    forms = sorted(canonical, key=len, reverse=True)
    # Latin forms end at a word boundary; Hangul ones may carry a particle after them.
    alternatives = [re.escape(form).replace(r"\ ", r"\s?") +
                    (r"(?![a-z0-9])" if form[-1].isascii() else "") for form in forms]
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + ")")
    lookup = {form.replace(" ", ""): group for form, group in canonical.items()}
    return pattern, lookup


_ALIASES, _ALIAS_OF = _alias_pattern()


def _alias(match: re.Match[str]) -> str:
    return _ALIAS_OF[match.group(0).replace(" ", "")]


def surface(text: str) -> str:
    """The folded text that keywords are compared with (see the module docstring)."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_DASHES)
    text = _WORD_HYPHEN.sub(" ", text)
    text = _QUOTE.sub("", text)
    text = _POWER.sub("^", text)
    text = _LEADING_DOT.sub("0.", text)
    text = _THOUSANDS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _ALIASES.sub(_alias, text)
    return _OPERATOR_SPACE.sub(r"\1", text).strip()


_STEM_MIN = 4
"""Shorter words are kept as typed: they are mostly abbreviations ("als" is no "al", which
would start "alone")."""


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    return word if len(word) < _STEM_MIN else str(_STEMMER.stemWord(word))


def stems(folded: str) -> str:
    """`folded` with each English word replaced by its stem."""
    return _LATIN_WORD.sub(lambda match: stem(match.group(0)), folded)
