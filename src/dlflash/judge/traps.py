"""Misconceptions: a trap fires when one sentence of the answer states it, not refutes it.

A trap's pattern is terms joined by " + ": all of them must match (as keywords do) within
one sentence, and none of those written with a leading "!" ("softmax + crossentropyloss +
!log softmax": a sentence that says CrossEntropyLoss applies log-softmax is right). A term
may name alternatives joined by " | ", any one of which will do: "gpu + memory | 메모리 |
vram + more | larger | 많 | 커 + cpu | ram | 램" states one claim in the many words a
candidate may choose, where literal phrases would have to spell out every combination. A
misconception that is a denial is written with "~" before the term that must be denied
("cnn + ~sequence": "a CNN cannot handle sequences"); such a pattern fires when that term
stands in a negated clause, and its other terms are not checked for negation.

A term whose every clause in that sentence carries a negation ("not", "n't", "않", "아니",
...) or names the claim as a mistake ("a common misconception is ...") is refuted, and the
pattern does not fire: "ReLU is not differentiable at 0" does not set off
a trap for "ReLU is differentiable at 0".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from dlflash.judge.matcher import Keyword, Text, compile_keyword

_SENTENCE = re.compile(r"(?<=[.!?;。])\s+|\n+|(?:(?<=[^필중수주개강소동]요)|(?<=죠))\s+")
"""Sentence ends: punctuation, a line break, or a polite ending typed without a full stop
("...돼요 그리고"), but not the nouns that end in 요 ("필요 없다", "중요", "주요")."""
_CLAUSE = re.compile(r",|\b(?:but|however|whereas|although|while|so|and|because|since)\b"
                     r"|하지만|그러나|반면|그래서|(?:지만|는데|라서|니까|어서|아서|해서|므로)\s"
                     r"|(?:없으면|않으면|아니면)\s")
"""Where a clause ends, so that a negation is read where it stands: "CNN은 이미지에만 쓰는
거라서 시퀀스엔 못 씀" negates the second clause, not the first, and "GPU 없으면 CPU로는
하루 걸림" states the day (a negated condition is a clause of its own). Other conditions
stay in their sentence's clause: "no_grad를 쓰면 안 된다" is "do not use no_grad"."""
_NEGATION = re.compile(
    r"\b(?:not|no|never|without|cannot|neither|nor|nothing|none|myth|misconception|mistake"
    r"|wrong|won't"
    r"|(?:isn|aren|doesn|don|didn|can|shouldn|wouldn)'?t)\b"  # "dont" typed without the '
    r"|n't\b"
    r"|(?<!=)(?<!=\s)(?<!\bto\s)\bfalse\b"  # "that is false", not `requires_grad=False` nor
    # "set requires_grad to False"
    r"|않|아니|아님|아닙|아냐|아녜|못|(?:^|\s)안\s|오해|잘못|틀린|틀렸|틀림"
    # 없다 negates, but not in 없애다 (remove), 없어지다 (disappear: "소실이 완전히 없어진다"
    # states it) or the adverb 상관없이 (regardless); 상관없다 (unrelated) still does
    r"|(?<!상관)(?<!관계)없(?![애앤앴앨앱]|어[지진질짐져졌])|(?:상관|관계)\s*없(?!이)"
    r"|지\s*(?:말|마세|마라|마요|맙)"  # "넣지 말 것", "쓰지 마세요": don't
)


def negates(text: str) -> bool:
    """Whether the typed text says no (read on the words as typed: "no_grad" is no "no")."""
    return bool(_NEGATION.search(unicodedata.normalize("NFC", text).casefold()))


class Sentence:
    """One sentence of an answer, folded once: whole, and clause by clause with whether
    each clause negates what it says."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.whole = Text(text)
        self.negated = negates(text)
        self.clauses = [(Text(clause), negates(clause))
                        for clause in _CLAUSE.split(text) if clause.strip()]


def sentences(text: str) -> list[Sentence]:
    return [Sentence(part.strip()) for part in _SENTENCE.split(text) if part and part.strip()]


class Term(NamedTuple):
    """One term of a pattern: its alternatives ("a | b"), any of which matches."""

    alternatives: tuple[Keyword, ...]

    def matches(self, text: Text) -> bool:
        return any(keyword.matches(text) for keyword in self.alternatives)


class Pattern(NamedTuple):
    asserted: tuple[Term, ...]
    denied: tuple[Term, ...]
    """Terms that must stand in a negated clause ("~term")."""
    excluded: tuple[Term, ...]
    """Terms that must not be in the sentence ("!term")."""


def _term(text: str) -> Term:
    return Term(tuple(compile_keyword(alternative.strip()) for alternative in text.split(" | ")
                      if alternative.strip()))


@lru_cache(maxsize=16384)
def compile_pattern(pattern: str) -> Pattern:
    terms = [term.strip() for term in pattern.split(" + ") if term.strip()]

    def marked(mark: str) -> tuple[Term, ...]:
        return tuple(_term(term[1:]) for term in terms
                     if term.startswith(mark) and term[1:].strip())

    return Pattern(tuple(_term(term) for term in terms if term[0] not in "!~"),
                   marked("~"), marked("!"))


def _negated(term: Term, sentence: Sentence) -> bool:
    """Whether every clause holding the term negates it; a term found only across two
    clauses is judged by the whole sentence."""
    holding = [negated for clause, negated in sentence.clauses if term.matches(clause)]
    return all(holding) if holding else sentence.negated


def fires(pattern: str, sentence: Sentence) -> bool:
    """Whether the sentence states the pattern's claim (see the module docstring)."""
    asserted, denied, excluded = compile_pattern(pattern)
    present = (*asserted, *denied)
    if not present or not all(term.matches(sentence.whole) for term in present):
        return False
    if any(term.matches(sentence.whole) for term in excluded):
        return False
    if denied:
        return all(_negated(term, sentence) for term in denied)
    return not any(_negated(term, sentence) for term in asserted)
