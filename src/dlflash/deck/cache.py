"""A cache of parsed deck files, so a large deck is not parsed again at every start.

Parsing YAML costs about 0.3 ms a card (3 s for a 10,000-card deck); reading the same cards
back from this cache costs a small fraction of that. An entry is used only while its file
has the same path, size and modification time, and only files without problems are cached,
so `dlflash validate` and every error message always come from a real parse.

The cache lives in the user cache folder (not the data folder, which may be synced) and is
written with `marshal`, the format of Python's own `.pyc` cache: it holds only strings,
numbers and tuples, and anything unreadable is ignored and rebuilt.
"""

from __future__ import annotations

import marshal
import sys
from itertools import starmap
from pathlib import Path
from typing import Any

from dlflash.base.atomic import DIR_MODE, write_atomic
from dlflash.deck.model import Card, CardRef, KeyPoint, LazyCards, Text, Trap, card_ref

FORMAT = (7, sys.version_info[:2])
"""Bumped whenever the row layout or what a clean parse means changes (5: control
characters refused; 6: a card's core mask among its ids; 7: the topics and questions apart
from the rows); marshal itself is versioned by Python."""

Key = tuple[str, int, int, bool, str]


def _row(card: Card) -> tuple[Any, ...]:
    return (card.id, card.parent, card.question.ko, card.question.en, card.answer.ko,
            card.answer.en,
            tuple((p.text.ko, p.text.en, p.keywords, p.core) for p in card.key_points),
            card.topic.ko, card.topic.en, card.tags, card.source, card.line, card.deck,
            tuple((t.says.ko, t.says.en, t.fix.ko, t.fix.en, t.patterns) for t in card.traps))


def _card(row: tuple[Any, ...]) -> Card:
    (card_id, parent, q_ko, q_en, a_ko, a_en, points, t_ko, t_en, tags, source, line,
     deck, traps) = row
    return Card(id=card_id, parent=parent, question=Text(q_ko, q_en), answer=Text(a_ko, a_en),
                key_points=tuple(KeyPoint(Text(ko, en), keywords, core)
                                 for ko, en, keywords, core in points),
                topic=Text(t_ko, t_en), tags=tags, source=source, line=line, deck=deck,
                traps=tuple(Trap(Text(s_ko, s_en), Text(f_ko, f_en), patterns)
                            for s_ko, s_en, f_ko, f_en, patterns in traps))


class DeckCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[Key, tuple[Any, ...]] = {}
        self._used: set[Key] = set()
        self._dirty = False
        try:
            data = marshal.loads(path.read_bytes())
            if isinstance(data, tuple) and len(data) == 2 and data[0] == FORMAT \
                    and isinstance(data[1], dict):
                self._entries = data[1]
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no cache yet, or an unreadable one: parse and write it anew

    @staticmethod
    def key(path: Path, strict: bool, deck_name: str) -> Key | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        return (str(path.resolve()), stat.st_size, stat.st_mtime_ns, strict, deck_name)

    def get(self, key: Key | None) -> LazyCards | None:
        """The file's cards, as ids and parents now and whole cards when first looked at.

        An entry is (refs, rows, titles): the rows, and each card's topic and question, are
        marshalled once more, so that reading the cache copies each file's text as one
        string and decodes it only when needed (the titles alone for the statistics)."""
        if key is None or key not in self._entries:
            return None
        try:
            refs, rows, titles = self._entries[key]
            lazy = LazyCards(tuple(starmap(CardRef, refs)),
                             lambda: [_card(row) for row in marshal.loads(rows)],
                             lambda: [(Text(t_ko, t_en), Text(q_ko, q_en))
                                      for t_ko, t_en, q_ko, q_en in marshal.loads(titles)])
        except (TypeError, ValueError):
            return None
        self._used.add(key)
        return lazy

    def put(self, key: Key | None, cards: list[Card]) -> None:
        if key is not None:
            refs = tuple(tuple(card_ref(c)) for c in cards)
            self._entries[key] = (refs, marshal.dumps(tuple(_row(card) for card in cards)),
                                  marshal.dumps(tuple((c.topic.ko, c.topic.en, c.question.ko,
                                                       c.question.en) for c in cards)))
            self._used.add(key)
            self._dirty = True

    def save(self) -> None:
        """Write the entries used this time (dropping stale ones), if anything changed."""
        if not self._dirty and self._used == set(self._entries):
            return
        entries = {key: rows for key, rows in self._entries.items() if key in self._used}
        try:
            self.path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            write_atomic(self.path, marshal.dumps((FORMAT, entries)))
        except OSError:
            pass  # a cache that cannot be written only costs time
