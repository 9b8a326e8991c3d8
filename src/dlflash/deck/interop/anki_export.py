"""dlflash cards as Anki notes (pure), and an .apkg of them written with genanki.

One note type, "dlflash", with the fields Question, Answer (the model answer as HTML, code
blocks kept as code), Key points (a list) and Main question (filled on a follow-up); one
Anki deck per dlflash deck; each card's topic and tags as Anki tags. A note's GUID is
`dlflash/<card id>`, so a re-exported card updates its note in Anki instead of adding a
second one, and `dlflash import` knows the note for the card it came from.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import sqlite3
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dlflash.base.errors import DlflashError
from dlflash.deck.interop.markup import inline_html, markdown_to_html
from dlflash.deck.model import Card, Deck, Text

Choice = Literal["ko", "en", "both"]
GUID_PREFIX = "dlflash/"
NOTE_TYPE = "dlflash"
NOTE_TYPE_ID = 1_739_514_306
"""Fixed, so that every export names the same note type and Anki updates its notes. A
change to the fields needs a new id (Anki keeps a note type's fields)."""
FIELDS = ("Question", "Answer", "Key points", "Main question")
BUNDLED_DECK = "dlflash::interview"
USER_DECKS = "dlflash::decks::"
MISSING_EXTRA = ("Writing and reading Anki packages needs the anki extra: "
                 "pip install 'dlflash[anki]'.")

_FRONT = """{{#Main question}}<div class="main">{{Main question}}</div>{{/Main question}}
<div class="question">{{Question}}</div>"""
_BACK = """{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
{{#Key points}}<div class="points">{{Key points}}</div>{{/Key points}}"""
_CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left;
  max-width: 46em; margin: 0 auto; }
.main { font-size: 14px; opacity: 0.7; margin-bottom: 0.4em; }
.question { font-weight: bold; }
.points { margin-top: 1em; padding-top: 0.5em; border-top: 1px dashed #888; }
pre { text-align: left; padding: 0.6em; overflow-x: auto; background: rgba(127,127,127,0.12); }
code { font-family: monospace; }
.en { margin-top: 0.6em; }
table { border-collapse: collapse; } td, th { border: 1px solid #888; padding: 2px 6px; }"""


@dataclass(frozen=True, slots=True)
class AnkiNote:
    guid: str
    deck: str
    fields: tuple[str, str, str, str]
    tags: tuple[str, ...]


def _tag(text: str) -> str:
    """Anki tags hold no spaces; `::` nests them."""
    return re.sub(r"\s+", "_", text.strip())


_LANGUAGE_DIV = '<div class="{0}" lang="{0}">'
_LANGUAGE_START = re.compile(r'<div class="(ko|en)" lang="\1">')  # _LANGUAGE_DIV, read back


def _both(text: Text, render: Any, choice: Choice) -> str:
    if choice != "both":
        return str(render(text.get(choice)))
    parts = [(lang, value) for lang, value in (("ko", text.ko), ("en", text.en)) if value]
    return "".join(f"{_LANGUAGE_DIV.format(lang)}{render(value)}</div>" for lang, value in parts)


def split_languages(html: str) -> dict[str, str] | None:
    """The HTML of each language in a field that `--language both` wrote (one div per
    language), or None for a field in any other form, such as one edited into other HTML."""
    parts: dict[str, str] = {}
    rest = html.strip()
    while rest:
        start = _LANGUAGE_START.match(rest)
        # what markdown-it renders inside holds no div of its own (raw HTML is escaped)
        end = rest.find("</div>", start.end()) if start else -1
        if not start or end < 0 or start[1] in parts:
            return None
        parts[start[1]] = rest[start.end():end]
        rest = rest[end + len("</div>"):].lstrip()
    return parts or None


def _points(card: Card, choice: Choice) -> str:
    if not card.key_points:
        return ""
    items = "".join(f"<li>{_both(point.text, inline_html, choice)}</li>"
                    for point in card.key_points)
    return f"<ul>{items}</ul>"


def deck_name(card: Card) -> str:
    return f"{USER_DECKS}{card.deck}" if card.deck else BUNDLED_DECK


def to_note(card: Card, deck: Deck, choice: Choice) -> AnkiNote:
    parent = deck.get(card.parent) if card.parent else None
    topic = card.topic.en or card.topic.ko
    tags = dict.fromkeys(["dlflash", *([f"topic::{_tag(topic)}"] if topic else []),
                          *map(_tag, card.tags)])
    return AnkiNote(
        guid=f"{GUID_PREFIX}{card.id}",
        deck=deck_name(card),
        fields=(
            _both(card.question, inline_html, choice),
            _both(card.answer, markdown_to_html, choice),
            _points(card, choice),
            _both(parent.question, inline_html, choice) if parent else "",
        ),
        tags=tuple(tags),
    )


def select(deck: Deck, topics: Sequence[str]) -> list[Card]:
    """The cards of the topics named (a main question's id, a topic's name in either
    language, or a tag), each with its follow-ups; every card without `topics`."""
    if not topics:
        return list(deck.cards)
    wanted = {topic.casefold() for topic in topics}
    found: set[str] = set()

    def names(card: Card) -> set[str]:
        main = deck.get(card.parent) if card.parent else card
        main = main or card
        values = {main.id, *(t for t in (card.topic.ko, card.topic.en) if t), *card.tags}
        return {value.casefold() for value in values}

    chosen = []
    for card in deck.cards:
        hits = names(card) & wanted
        if hits:
            chosen.append(card)
            found |= hits
    unknown = sorted(wanted - found)
    if unknown:
        raise DlflashError(
            f"No cards for the topic {', '.join(map(repr, unknown))}; name a main question "
            "(q04), a topic as the stats screen shows it, or a tag.")
    return chosen


def _stable_id(name: str) -> int:
    """A deck id from its name: the same deck every export, in Anki's id range."""
    return (1 << 30) + int.from_bytes(hashlib.sha1(name.encode()).digest()[:4]) % (1 << 30)


def write_package(notes: Iterable[AnkiNote], timestamp: float) -> bytes:
    """The .apkg bytes; `timestamp` is every note's modification time (Anki updates a note
    from a package only when the package's note is newer)."""
    try:
        import genanki
    except ImportError:
        raise DlflashError(MISSING_EXTRA) from None
    model = genanki.Model(
        NOTE_TYPE_ID, NOTE_TYPE, fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card 1", "qfmt": _FRONT, "afmt": _BACK}], css=_CSS)
    decks: dict[str, Any] = {}
    for note in notes:
        if note.deck not in decks:
            decks[note.deck] = genanki.Deck(_stable_id(note.deck), note.deck)
        decks[note.deck].add_note(genanki.Note(
            model=model, fields=list(note.fields), tags=list(note.tags), guid=note.guid))
    # Package.write_to_file leaves its temporary database behind in /tmp: build it in
    # memory through the same write_to_db, and zip it as write_to_file does.
    database = sqlite3.connect(":memory:")
    try:
        genanki.Package(list(decks.values())).write_to_db(
            database.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        database.commit()
        collection = database.serialize()
    finally:
        database.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("collection.anki2", collection)
        package.writestr("media", "{}")
    return out.getvalue()
