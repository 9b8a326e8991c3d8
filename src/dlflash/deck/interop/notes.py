"""Notes found in another program's file, turned into the YAML of a deck of the user's.

A note is a question and an answer (Markdown, HTML or plain text), maybe key points, tags,
an Anki deck and GUID. Every note that cannot be a card is skipped with where it was and
why. A card without key points gets one: the answer's first sentence, with keywords taken
from its longest words (the judge needs keywords; the user can edit them).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import yaml

from dlflash.base.language import nfc
from dlflash.base.safe_text import printable
from dlflash.deck.interop.anki_export import GUID_PREFIX, split_languages
from dlflash.deck.interop.markup import html_to_markdown, plain_to_markdown

Markup = Literal["markdown", "html", "plain"]
_HANGUL = re.compile(r"[가-힣]")
_WORD = re.compile(r"[^\W_]+")
_PARTICLES = ("으로", "에서", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과",
              "도")
_STOP = frozenset((
    "about", "also", "because", "been", "before", "being", "between", "both", "could",
    "does", "each", "from", "have", "into", "many", "more", "most", "much", "only", "other",
    "over", "same", "some", "such", "than", "that", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "very", "what", "when", "where", "which",
    "while", "will", "with", "would", "your",
))
_CLOZE = re.compile(r"\{\{c\d+::")


@dataclass
class SourceNote:
    where: str
    """`file:line` or `file: note N`, for the report."""
    question: str
    answer: str
    markup: Markup
    points: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    deck: str = ""
    guid: str = ""
    main_question: str = ""


@dataclass(frozen=True)
class Skipped:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: skipped: {self.reason}"


@dataclass
class Found:
    """What an import found: cards per Anki deck (in order), skipped notes, warnings."""

    decks: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _markdown(text: str, markup: Markup) -> tuple[str, list[str]]:
    text = nfc(printable(text)).strip()
    media: list[str] = []
    if markup == "html":
        text, media = html_to_markdown(text)
    elif markup == "plain":
        text, media = plain_to_markdown(text)
    # a line ending in spaces would keep YAML from writing the answer as a block
    return "\n".join(line.rstrip() for line in text.splitlines()), media


def _texts(field: str, markup: Markup, language: str) -> dict[str, str]:
    """A field's Markdown by language: each language's own where dlflash exported both
    (`--language both`), else all of it in `language`; empty ones left out."""
    parts = split_languages(field) if markup == "html" else None
    texts = {key: _markdown(value, markup)[0]
             for key, value in (parts or {language: field}).items()}
    return {key: value for key, value in texts.items() if value}


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", re.sub(r"[*`~]", "", markdown))


def first_sentence(markdown: str) -> str:
    for line in markdown.splitlines():
        line = _plain(line).strip().lstrip("#>-+ ").strip()
        if line and not line.startswith("```") and not line.startswith("|"):
            cut = re.search(r"(?<=[.!?다요])\s", line)
            line = line[: cut.start()] if cut else line
            return line if len(line) <= 160 else line[:157].rsplit(" ", 1)[0] + " ..."
    return ""


def keywords(point: str, question: str) -> list[str]:
    """Up to three words of `point` the judge can look for: the longest ones, not words of
    the question, not common words, Korean ones without a trailing particle."""
    asked = {word.casefold() for word in _WORD.findall(question)}
    found: dict[str, None] = {}
    for word in _WORD.findall(point):
        word = word.casefold()
        if _HANGUL.search(word):
            for particle in _PARTICLES:
                if word.endswith(particle) and len(word) - len(particle) >= 2:
                    word = word[: -len(particle)]
                    break
            if len(word) < 2:
                continue
        elif len(word) < 4 or word in _STOP or word.isdigit():
            continue
        if word not in asked:
            found[word] = None
    chosen = sorted(found, key=len, reverse=True)[:3]
    return chosen or [max(_WORD.findall(point) or [point], key=len).casefold()]


def card_id(note: SourceNote) -> str:
    if note.guid.startswith(GUID_PREFIX):
        return note.guid.removeprefix(GUID_PREFIX)
    kind, key = ("anki", note.guid) if note.guid else ("csv", note.question.strip())
    return f"{kind}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def collect(notes: Iterable[SourceNote], language: str | None,
            known_ids: set[str]) -> Found:
    found = Found()
    seen: dict[str, str] = {}
    by_question: dict[str, str] = {}
    pending: list[tuple[dict[str, object], str]] = []
    for note in notes:
        question, media = _markdown(note.question, note.markup)
        answer, more = _markdown(note.answer, note.markup)
        if _CLOZE.search(note.question):
            found.skipped.append(Skipped(note.where, "a cloze note, not a question and an "
                                                      "answer"))
            continue
        if not question or not answer:
            missing = "question" if not question else "answer"
            found.skipped.append(Skipped(note.where, f"no {missing}"))
            continue
        identifier = card_id(note)
        if identifier in known_ids:
            found.skipped.append(Skipped(note.where, f"card {identifier!r} is in your decks "
                                                      "already"))
            continue
        if identifier in seen:
            found.skipped.append(Skipped(note.where, f"the same card as {seen[identifier]}"))
            continue
        seen[identifier] = note.where
        if media or more:
            found.warnings.append(f"{note.where}: media left out: {', '.join(media + more)}")
        lang = language or ("ko" if _HANGUL.search(question + answer) else "en")
        asked = _texts(note.question, note.markup, lang)
        answered = _texts(note.answer, note.markup, lang)
        points = [text for text in (_texts(p, note.markup, lang) for p in note.points)
                  if text][:6]
        if not points:
            points = [{key: first_sentence(value) or _plain(value)[:160]
                       for key, value in answered.items()}]
        card: dict[str, object] = {
            "id": identifier,
            "question": asked,
            "answer": answered,
            "key_points": [{**point, "keywords": list(dict.fromkeys(
                word for key, value in point.items()
                for word in keywords(_plain(value), _plain(asked.get(key, "")))))}
                for point in points],
        }
        tags = [tag for tag in dict.fromkeys(printable(t) for t in note.tags)
                if tag and tag != "dlflash" and not tag.startswith("topic::")]
        if tags:
            card["tags"] = tags
        by_question[question] = identifier
        found.decks.setdefault(note.deck, []).append(card)
        if note.main_question:
            pending.append((card, _markdown(note.main_question, note.markup)[0]))
    for card, main_question in pending:  # a follow-up exported by dlflash finds its parent
        parent = by_question.get(main_question)
        if parent and parent != card["id"]:
            rest = list(card.items())[1:]
            del card["question"], card["answer"], card["key_points"]
            card.pop("tags", None)
            card.update([("parent", parent), *rest])
    return found


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True  # decks refuse anchors


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def deck_yaml(topic: str, cards: list[dict[str, object]], source: str) -> str:
    header = f"# Imported by dlflash from {' '.join(source.split())}; edit freely.\n"
    body = yaml.dump({"topic": {"ko": topic, "en": topic}, "cards": cards}, Dumper=_Dumper,
                     allow_unicode=True, sort_keys=False, width=100)
    return header + body
