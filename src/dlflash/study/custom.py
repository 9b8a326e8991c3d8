"""Choosing what to study: the cards of chosen topics or tags (`dlflash --topic`, the custom
study dialog). Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dlflash.base.errors import DlflashError
from dlflash.deck.model import Deck, Text
from dlflash.study.interview import chains


class CustomStudyError(DlflashError):
    """A topic that matches no card."""


def scope_of(deck: Deck, terms: Iterable[str]) -> frozenset[str]:
    """The cards of every main question that a term names (its id, a tag of one of its
    cards, or a word of its topic's name, as `dlflash interview --topic` reads them),
    follow-ups included."""
    all_chains = chains(deck)
    cards: set[str] = set()
    for term in terms:
        found = [chain for chain in all_chains if chain.matches(term)]
        if not found:
            ids = [chain.main.id for chain in all_chains]
            shown = ", ".join(ids[:20]) + (", ..." if len(ids) > 20 else "")
            raise CustomStudyError(
                f"No card matches the topic {term!r}; give a main question's id ({shown}), "
                "a tag, or a word of a topic's name.")
        for chain in found:
            cards.update(card.id for card in (chain.main, *chain.follow_ups))
    return frozenset(cards)


@dataclass(frozen=True, slots=True)
class Choice:
    """A topic or a tag to pick in the custom study dialog, with its cards."""

    topic: Text | None
    tag: str | None
    cards: frozenset[str]


def choices(deck: Deck) -> list[Choice]:
    """The decks' topics in deck order, then their tags in alphabetical order."""
    by_topic: dict[Text, set[str]] = {}
    by_tag: dict[str, set[str]] = {}
    for card in deck.cards:
        by_topic.setdefault(card.topic, set()).add(card.id)
        for tag in card.tags:
            by_tag.setdefault(tag, set()).add(card.id)
    return ([Choice(topic, None, frozenset(ids)) for topic, ids in by_topic.items()]
            + [Choice(None, tag, frozenset(by_tag[tag])) for tag in sorted(by_tag)])


def picked(chosen: Iterable[Choice]) -> frozenset[str] | None:
    """The cards of the chosen topics and tags; None (every card) when none is chosen."""
    cards: set[str] = set()
    for choice in chosen:
        cards |= choice.cards
    return frozenset(cards) if cards else None
