"""The judge: one function, used by the review screen, the interview, `dlflash judge` and
the evaluation in bench/, from a card and a typed answer to a suggested grade with its
reason.

1. Sentences that state one of the card's traps are found first; they tick no key point
   (a wrong claim spoken in the right words is still wrong).
2. Each key point is ticked when one of its keywords matches the rest of the answer
   (`matcher`), except keywords made only of the question's own words.
3. The grade follows the core points (`scale`): extras can lift it, never hold it down,
   and a trap caps it at 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dlflash.base.language import Language
from dlflash.deck.model import Card
from dlflash.judge.matcher import Text, compile_keyword, vocabulary
from dlflash.judge.scale import Score, suggested_grade
from dlflash.judge.traps import compile_pattern, fires, negates, sentences


@dataclass(frozen=True, slots=True)
class PointHit:
    point: int
    keyword: str
    """The keyword that matched, as the deck writes it."""


@dataclass(frozen=True, slots=True)
class TrapHit:
    trap: int
    sentence: str
    """The sentence of the answer that states the misconception."""


@dataclass(frozen=True, slots=True)
class Verdict:
    card: str
    hits: tuple[PointHit, ...]
    traps: tuple[TrapHit, ...]
    score: Score
    grade: int

    @property
    def ticked(self) -> frozenset[int]:
        return frozenset(hit.point for hit in self.hits)


@lru_cache(maxsize=65536)
def in_question(keyword: str, question: str) -> bool:
    """Whether a keyword is made only of the question's words (it would tick on any
    answer that repeats the question)."""
    if negates(keyword) and not negates(question):  # "can't always" answers "can ...?"
        return False
    return compile_keyword(keyword).words_in(vocabulary(question))


def question_text(card: Card) -> str:
    return " ".join(text for text in (card.question.ko, card.question.en) if text)


def prepare(card: Card) -> None:
    """Fold and compile the card's keywords and traps ahead of `judge` (the review screen
    does it in a worker while the candidate types, so that reveal only matches)."""
    question = question_text(card)
    for point in card.key_points:
        for keyword in point.keywords:
            in_question(keyword, question)
            compile_keyword(keyword)
    for trap in card.traps:
        for pattern in trap.patterns:
            compile_pattern(pattern)


def judge(card: Card, answer: str) -> Verdict:
    """Judge a typed answer against the card's key points and traps."""
    trap_hits: list[TrapHit] = []
    kept: list[str] = []
    for sentence in sentences(answer):
        hit = next((index for index, trap in enumerate(card.traps)
                    if any(fires(pattern, sentence) for pattern in trap.patterns)), None)
        if hit is None:
            kept.append(sentence.text)
        elif all(found.trap != hit for found in trap_hits):
            trap_hits.append(TrapHit(hit, sentence.text))
    text = Text("\n".join(kept))
    question = question_text(card)
    hits: list[PointHit] = []
    for index, point in enumerate(card.key_points):
        for keyword in point.keywords:
            if not in_question(keyword, question) and compile_keyword(keyword).matches(text):
                hits.append(PointHit(index, keyword))
                break
    ticked = frozenset(hit.point for hit in hits)
    score = Score.of(card, ticked, len(trap_hits), answer)
    return Verdict(card.id, tuple(hits), tuple(trap_hits), score, suggested_grade(score))


def regrade(card: Card, verdict: Verdict, ticked: frozenset[int], answer: str) -> Verdict:
    """The verdict after the candidate ticked or unticked points by hand."""
    hits = tuple(hit for hit in verdict.hits if hit.point in ticked) + tuple(
        PointHit(index, "") for index in sorted(ticked - verdict.ticked))
    score = Score.of(card, ticked, len(verdict.traps), answer)
    return Verdict(card.id, hits, verdict.traps, score, suggested_grade(score))


_REASON = {
    "ko": ("추천 {grade}: 핵심 {core}/{core_total}", ", 추가 {extra}/{extra_total}",
           "; 오개념이 있어 최대 2", "; 입력 없음"),
    "en": ("Suggested {grade}: {core} of {core_total} core points",
           ", {extra} of {extra_total} extras", "; a misconception caps it at 2",
           "; nothing typed"),
}


def reason(verdict: Verdict, language: Language) -> str:
    """The suggestion in words: "Suggested 4: 3 of 3 core points, 0 of 2 extras"."""
    head, extras, trap, empty = _REASON[language]
    score = verdict.score
    text = head.format(grade=verdict.grade, core=score.core, core_total=score.core_total)
    if score.extra_total:
        text += extras.format(extra=score.extra, extra_total=score.extra_total)
    if score.traps:
        text += trap
    elif not score.typed:
        text += empty
    return text
