"""The stats screen's mastery table as rows, worked out once per report and language
(issue 19): a row per main question, thousands in a large deck, whose formatting was most
of the screen's own time. The reports' worker (`stats_ready`) formats them for the
language and width of the moment, right after the report, so that `s` finds them done; the
screen asks for the same and gets the rows already made (or makes them, for another width
or language).
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

from dlflash.base.language import Language
from dlflash.stats.cards import TopicStats
from dlflash.stats.text import TOPIC_COLUMNS, column_widths, table, topic_columns, width
from dlflash.tui.text import tr
from dlflash.tui.widgets.charts import BarRow

_Columns = tuple[list[str], list[list[str]], list[int], int]
"""The names, the columns (a header row first), their widths, the longest name."""
_Rows = tuple[list[BarRow], BarRow]
K = TypeVar("K")
V = TypeVar("V")


class _Kept(Generic[K, V]):
    """The last few values made per key, each with the topics it was made of (kept: their
    id stays theirs); read and written from the worker and the UI thread."""

    def __init__(self, keep: int = 6) -> None:
        self._memo: dict[K, tuple[tuple[TopicStats, ...], V]] = {}
        self._keep = keep
        self._lock = threading.Lock()

    def get(self, key: K, topics: tuple[TopicStats, ...]) -> V | None:
        with self._lock:
            known = self._memo.get(key)
        return known[1] if known is not None and known[0] is topics else None

    def put(self, key: K, topics: tuple[TopicStats, ...], value: V) -> V:
        with self._lock:
            self._memo[key] = (topics, value)
            while len(self._memo) > self._keep:
                del self._memo[next(iter(self._memo))]
        return value


_columns: _Kept[tuple[int, Language], _Columns] = _Kept()
_rows: _Kept[tuple[int, Language, bool], _Rows] = _Kept()


def _columns_of(topics: tuple[TopicStats, ...], lang: Language) -> _Columns:
    key = (id(topics), lang)
    known = _columns.get(key, topics)
    if known is not None:
        return known
    names = [f"{t.id} {t.topic.get(lang)}" for t in topics]
    columns = topic_columns(topics, lang)
    return _columns.put(key, topics, (names, columns, column_widths(columns),
                                      max(map(width, names), default=0)))


def topic_rows(topics: tuple[TopicStats, ...], lang: Language,
               room: int) -> _Rows:
    """Name, a bar of the share mature, then the columns of `topic_columns` as the note;
    the weakest cards only where they fit in `room` cells beside a bar of 8 cells and the
    whole names. The rows, and the header row."""
    names, columns, widths, longest = _columns_of(topics, lang)
    weakest = longest + sum(widths) + 2 * len(widths) + 16 <= room - 4
    key = (id(topics), lang, weakest)
    known = _rows.get(key, topics)
    if known is not None:
        return known
    if not weakest:
        columns, widths = [row[:-1] for row in columns], widths[:-1]
    notes = table(columns, left=frozenset({len(TOPIC_COLUMNS) - 1}), widths=widths)
    return _rows.put(key, topics, (
        [BarRow(name, t.mature_share or 0, note)
         for name, t, note in zip(names, topics, notes[1:], strict=True)],
        BarRow(tr("topic.header", lang), 0, notes[0])))
