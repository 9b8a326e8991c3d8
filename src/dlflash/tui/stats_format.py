"""The stats screen's long tables as rows, worked out once per report and language (issue
19): the mastery table and the key points' weeks have a row per main question, thousands in
a large deck, and the histograms count every card; formatting them was most of the
screen's own time. The reports' worker (`stats_ready`) formats them for the language and
width of the moment, right after the report (`prepare`), so that `s` and `r` find them
done; the screen asks for the same and gets the rows already made (or makes them, for
another width or language).
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

from dlflash.base.language import Language
from dlflash.deck.model import Deck
from dlflash.stats.cards import CardCounts, KeyPointTrend, TopicStats
from dlflash.stats.log import LEECH_FAILURES
from dlflash.stats.report import StatsReport
from dlflash.stats.text import (
    TOPIC_COLUMNS,
    bucket_label,
    column_widths,
    leech_line,
    percent,
    table,
    topic_columns,
    width,
)
from dlflash.tui.text import tr
from dlflash.tui.widgets.charts import BarRow, TrendRow, row_cells

_Columns = tuple[list[str], list[list[str]], list[int], int]
"""The names, the columns (a header row first), their widths, the longest name."""
_Rows = tuple[list[BarRow], BarRow, tuple[int, int]]
K = TypeVar("K")
V = TypeVar("V")


class _Kept(Generic[K, V]):
    """The last few values made per key, each with the figures it was made of (kept: their
    id stays theirs); read and written from the worker and the UI thread."""

    def __init__(self, keep: int = 6) -> None:
        self._memo: dict[K, tuple[object, V]] = {}
        self._keep = keep
        self._lock = threading.Lock()

    def get(self, key: K, figures: object) -> V | None:
        with self._lock:
            known = self._memo.get(key)
        return known[1] if known is not None and known[0] is figures else None

    def put(self, key: K, figures: object, value: V) -> V:
        with self._lock:
            self._memo[key] = (figures, value)
            while len(self._memo) > self._keep:
                del self._memo[next(iter(self._memo))]
        return value


_columns: _Kept[tuple[int, Language], _Columns] = _Kept()
_rows: _Kept[tuple[int, Language, bool], _Rows] = _Kept()
_histograms: _Kept[tuple[int, Language], tuple[list[BarRow], list[BarRow]]] = _Kept()
_trends: _Kept[tuple[int, Language], tuple[list[TrendRow], list[str], TrendRow]] = _Kept()
_leeches: _Kept[tuple[int, int, Language], str] = _Kept()


def prepare(report: StatsReport, deck: Deck, lang: Language, room: int) -> None:
    """Make the rows the screen will ask for, showing `report` of `deck` in `lang`, `room`
    cells wide."""
    topic_rows(report.topics, lang, room)
    histogram_rows(report.cards, lang)
    key_point_rows(report.key_points, lang)
    leech_text(report, deck, lang)


def leech_text(report: StatsReport, deck: Deck, lang: Language) -> str:
    """Every leech with its question (thousands of lines in a large history)."""
    key = (id(report.leeches), id(deck), lang)
    known = _leeches.get(key, report.leeches)
    if known is not None:
        return known
    lines = []
    for index, leech in enumerate(report.leeches):
        card = deck.get(leech.card)
        lines.append(f"{leech.card}  {leech_line(index, report, lang)}")
        if card is not None:
            lines.append(f"  {card.question.get(lang)}")
    text = "\n".join(lines) if lines else tr("leech.none", lang, n=LEECH_FAILURES)
    return _leeches.put(key, report.leeches, text)


def histogram_rows(cards: CardCounts, lang: Language) -> tuple[list[BarRow], list[BarRow]]:
    """The intervals' and the E-Factors' histograms, a row per bucket."""
    key = (id(cards), lang)
    known = _histograms.get(key, cards)
    if known is not None:
        return known
    return _histograms.put(key, cards, (
        [BarRow(bucket_label(b.low, b.high, True, lang), b.count, str(b.count))
         for b in cards.interval_histogram()],
        [BarRow(bucket_label(b.low, b.high, False, lang), b.count, str(b.count))
         for b in cards.ease_histogram()]))


def trend_rows(rows: list[tuple[str, tuple[float | None, ...]]],
               lang: Language) -> list[TrendRow]:
    """Rows of weekly shares, each with the first and the last known share as its note."""
    made = []
    for name, shares in rows:
        known = [s for s in shares if s is not None]
        made.append(TrendRow(name, shares, tr("points.change", lang, first=percent(known[0]),
                                              last=percent(known[-1])) if known else "-"))
    return made


def key_point_rows(trends: tuple[KeyPointTrend, ...],
                   lang: Language) -> tuple[list[TrendRow], list[str], TrendRow]:
    """The key points' weeks: a row for all main questions, then one per question; the
    weeks' labels; the header row."""
    key = (id(trends), lang)
    known = _trends.get(key, trends)
    if known is not None:
        return known
    names = [tr("points.all", lang) if not trend.id else f"{trend.id} {trend.topic.get(lang)}"
             for trend in trends]
    rows = [(name, tuple(p.share for p in trend.periods))
            for name, trend in zip(names, trends, strict=True)]
    weeks = [p.first.strftime("%m-%d") for p in trends[0].periods]
    return _trends.put(key, trends, (trend_rows(rows, lang), weeks,
                                     TrendRow(tr("topic.header", lang), (),
                                              tr("points.trend", lang))))


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
    whole names. The rows, the header row and their `row_cells`."""
    names, columns, widths, longest = _columns_of(topics, lang)
    weakest = longest + sum(widths) + 2 * len(widths) + 16 <= room - 4
    key = (id(topics), lang, weakest)
    known = _rows.get(key, topics)
    if known is not None:
        return known
    if not weakest:
        columns, widths = [row[:-1] for row in columns], widths[:-1]
    notes = table(columns, left=frozenset({len(TOPIC_COLUMNS) - 1}), widths=widths)
    rows = [BarRow(name, t.mature_share or 0, note)
            for name, t, note in zip(names, topics, notes[1:], strict=True)]
    header = BarRow(tr("topic.header", lang), 0, notes[0])
    return _rows.put(key, topics, (rows, header, row_cells(rows, header)))
