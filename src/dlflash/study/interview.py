"""A mock interview's questions: main questions, each followed by its follow-ups in deck
order, the way the interviewer chains them, with the time each may take.

Pure: the deck, what the history says of each main question (`topic_strength`) and a
request in; a `Plan` out. Which main questions come first: those the candidate asked for
(`topics`), then the weakest first (or a seeded shuffle), `count` of them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from dlflash.base.config import INTERVIEW_QUESTIONS
from dlflash.base.errors import DlflashError
from dlflash.deck.model import Card, Deck
from dlflash.stats.cards import topic_stats
from dlflash.stats.log import StatsInput, roots

Order = Literal["weakest", "random"]
ORDERS: tuple[Order, ...] = ("weakest", "random")


class InterviewError(DlflashError):
    """An interview that cannot be put together (an unknown topic, an empty deck)."""


@dataclass(frozen=True, slots=True)
class InterviewRequest:
    """What the candidate asked for; the time limits come from the settings or --minutes."""

    main_ms: int
    follow_up_ms: int
    count: int = INTERVIEW_QUESTIONS
    topics: tuple[str, ...] = ()
    """Card ids of main questions, tags, or words of a topic's name, in either language."""
    order: Order = "weakest"
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One question as the interviewer asks it."""

    card: Card
    chain: tuple[Card, ...]
    """The questions already asked in this chain, main question first (empty for a main
    question): what the candidate has just been through."""
    limit_ms: int
    index: int
    """Position in the interview, from 0."""
    main: int
    """Which main question of the interview it belongs to, from 0."""

    @property
    def is_main(self) -> bool:
        return not self.chain


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    """Shared by every answer of this interview in the journal."""
    questions: tuple[Question, ...]

    @property
    def mains(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.is_main)

    @property
    def limit_ms(self) -> int:
        return sum(q.limit_ms for q in self.questions)


@dataclass(frozen=True, slots=True)
class Chain:
    """A main question and its follow-ups, in deck order."""

    main: Card
    follow_ups: tuple[Card, ...]
    position: int

    def matches(self, term: str) -> bool:
        """A card id of the main question, a tag of any card of the chain, or a word of the
        topic's name or of the main question's id, case-insensitive."""
        folded = term.casefold().strip()
        if not folded:
            return False
        if folded == self.main.id.casefold():
            return True
        if any(folded == tag.casefold() for card in (self.main, *self.follow_ups)
               for tag in card.tags):
            return True
        names = (self.main.topic.ko or "", self.main.topic.en or "")
        return any(folded in name.casefold() for name in names)


def chains(deck: Deck) -> list[Chain]:
    """Every main question of the deck with its follow-ups (at any depth), in deck order.
    A follow-up whose main question is not in the deck is never asked."""
    root_of = roots(deck)
    members: dict[str, list[Card]] = {}
    for ref in deck.refs:
        if ref.parent is None:
            members.setdefault(ref.id, [])
    for ref in deck.refs:
        root = root_of[ref.id]
        if ref.parent is not None and root in members:
            members[root].append(deck.by_id[ref.id])
    return [Chain(deck.by_id[main], tuple(follow_ups), position)
            for position, (main, follow_ups) in enumerate(members.items())]


def topic_strength(data: StatsInput,
                   covered: Mapping[str, tuple[int, float]] | None = None) -> dict[str, float]:
    """How well each main question and its follow-ups are known, from 0 to 1: the mean of
    the stats' mastery (the share of mature cards) and of the key points covered by each
    card's latest answer (0 for a card never answered).

    The latest answer is the latest review, or the latest interview answer in `covered`
    (per card: its study day as an ordinal and the share covered), whichever has the later
    study day (the interview's on the same day).
    """
    table = data.reviews
    points = {ref.id: ref.points for ref in data.deck.refs}
    latest: dict[str, tuple[int, float]] = {}
    for index, (day, ticked) in dict(zip(table.card, zip(table.day, table.ticked,
                                                       strict=True), strict=True)).items():
        card = table.cards[index]
        count = points.get(card, 0)
        if count:
            latest[card] = (day, (ticked & ((1 << count) - 1)).bit_count() / count)
    for card, (day, share) in (covered or {}).items():
        if card in points and day >= latest.get(card, (day, 0.0))[0]:
            latest[card] = (day, share)
    groups: dict[str, list[float]] = {}
    for card, root in data.roots.items():
        groups.setdefault(root, []).append(latest.get(card, (0, 0.0))[1])
    return {topic.id: ((topic.mature_share or 0.0)
                       + sum(groups[topic.id]) / len(groups[topic.id])) / 2
            for topic in topic_stats(data)}


def _chosen(all_chains: Sequence[Chain], topics: Iterable[str]) -> list[Chain]:
    chosen: dict[str, Chain] = {}
    for term in topics:
        found = [chain for chain in all_chains if chain.matches(term)]
        if not found:
            ids = [chain.main.id for chain in all_chains]
            shown = ", ".join(ids[:20]) + (", ..." if len(ids) > 20 else "")
            raise InterviewError(
                f"No main question matches the topic {term!r}; give a card id ({shown}), "
                "a tag, or a word of a topic's name.")
        chosen.update((chain.main.id, chain) for chain in found)
    return list(chosen.values())


def plan_interview(deck: Deck, request: InterviewRequest, strength: Mapping[str, float],
                   interview_id: str) -> Plan:
    """The questions of one interview: `request.count` main questions among the topics
    asked for (all of them when none), weakest first by `strength` (deck order between
    equals; an unknown main question counts as 0), or shuffled with `request.seed`."""
    all_chains = chains(deck)
    if not all_chains:
        raise InterviewError("The deck has no main question to ask.")
    if request.count < 1:
        raise InterviewError(f"An interview needs at least one main question, not "
                             f"{request.count}.")
    candidates = _chosen(all_chains, request.topics) if request.topics else all_chains
    if request.order == "random":
        random.Random(request.seed).shuffle(candidates)
    else:
        candidates.sort(key=lambda chain: (strength.get(chain.main.id, 0.0), chain.position))
    questions: list[Question] = []
    for main_index, chain in enumerate(candidates[:request.count]):
        asked: list[Card] = []
        for card in (chain.main, *chain.follow_ups):
            limit = request.follow_up_ms if asked else request.main_ms
            questions.append(Question(card, tuple(asked), limit, len(questions), main_index))
            asked.append(card)
    return Plan(interview_id, tuple(questions))


@dataclass(frozen=True, slots=True)
class Countdown:
    """The clock of one question: counting down to its limit, then counting overtime; it
    never cuts the candidate off."""

    elapsed_ms: int
    limit_ms: int

    @property
    def over(self) -> bool:
        return self.elapsed_ms > self.limit_ms

    @property
    def remaining_ms(self) -> int:
        return max(0, self.limit_ms - self.elapsed_ms)

    @property
    def overtime_ms(self) -> int:
        return max(0, self.elapsed_ms - self.limit_ms)

    @property
    def text(self) -> str:
        """`1:05` left (rounded up, so that 0:00 means the time is up), or `+0:12` over."""
        if self.over:
            return "+" + clock_text(self.overtime_ms)
        return clock_text(self.remaining_ms + 999)


def clock_text(ms: int) -> str:
    """`1:05` for 65,000 ms: minutes and seconds, rounded down."""
    minutes, seconds = divmod(max(0, ms) // 1000, 60)
    return f"{minutes}:{seconds:02}"
