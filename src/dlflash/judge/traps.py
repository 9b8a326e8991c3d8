"""Misconceptions: a trap fires when one sentence of the answer states it, not refutes it.

A trap's pattern is terms joined by " + ": all of them must match (as keywords do) within
one sentence, and none of those written with a leading "!" ("softmax + crossentropyloss +
!log softmax": a sentence that says CrossEntropyLoss applies log-softmax is right).

A term whose every clause in that sentence carries a negation ("not", "n't", "않", "아니",
...) or names the claim as a mistake ("a common misconception is ...") is refuted, and the
pattern does not fire: "ReLU is not differentiable at 0" does not set off
a trap for "ReLU is differentiable at 0".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dlflash.judge.matcher import Keyword, Text, compile_keyword

_SENTENCE = re.compile(r"(?<=[.!?;。])\s+|\n+|(?:(?<=[^필중수주개강소동]요)|(?<=죠))\s+")
"""Sentence ends: punctuation, a line break, or a polite ending typed without a full stop
("...돼요 그리고"), but not the nouns that end in 요 ("필요 없다", "중요", "주요")."""
_CLAUSE = re.compile(r",|\bbut\b|\bhowever\b|\bwhereas\b|\balthough\b|\bwhile\b|하지만|그러나"
                     r"|지만\s|는데\s|반면|\bso\b|그래서")
_NEGATION = re.compile(
    r"\b(?:not|no|never|without|cannot|neither|nor|myth|misconception|mistake|wrong|false"
    r"|isn't|aren't|doesn't|don't|didn't|won't|can't|shouldn't|wouldn't)\b|n't\b"
    r"|않|아니|아님|없|못|(?:^|\s)안\s|오해|잘못|틀린|틀렸|틀림"
)


def _negates(text: str) -> bool:
    return bool(_NEGATION.search(unicodedata.normalize("NFC", text).casefold()))


class Sentence:
    """One sentence of an answer, folded once: whole, and clause by clause with whether
    each clause negates what it says."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.whole = Text(text)
        # Negation is read on the typed words, not the folded ones: "no_grad" is no "no".
        self.negated = _negates(text)
        self.clauses = [(Text(clause), _negates(clause))
                        for clause in _CLAUSE.split(text) if clause.strip()]


def sentences(text: str) -> list[Sentence]:
    return [Sentence(part.strip()) for part in _SENTENCE.split(text) if part and part.strip()]


@lru_cache(maxsize=16384)
def compile_pattern(pattern: str) -> tuple[tuple[Keyword, ...], tuple[Keyword, ...]]:
    """The terms that must be in the sentence, and those that must not."""
    terms = [term.strip() for term in pattern.split(" + ") if term.strip()]
    return (tuple(compile_keyword(term) for term in terms if not term.startswith("!")),
            tuple(compile_keyword(term[1:].strip()) for term in terms
                  if term.startswith("!") and term[1:].strip()))


def _asserted(term: Keyword, sentence: Sentence) -> bool:
    """Whether some clause holding the term does not negate it; a term found only across
    two clauses is judged by the whole sentence."""
    holding = [negated for clause, negated in sentence.clauses if term.matches(clause)]
    return not all(holding) if holding else not sentence.negated


def fires(pattern: str, sentence: Sentence) -> bool:
    """Whether the sentence states the pattern (all terms present, none refuted)."""
    terms, excluded = compile_pattern(pattern)
    return (bool(terms) and all(term.matches(sentence.whole) for term in terms)
            and not any(term.matches(sentence.whole) for term in excluded)
            and all(_asserted(term, sentence) for term in terms))
