"""The statistics in words, in Korean and English: the sentences shared by `dlflash stats
--text` and the stats screen, built from `labels.LABELS`.

Plain strings only, no markup, and no ambiguous-width glyphs (see tui/text.py).
"""

from __future__ import annotations

import unicodedata
from datetime import date

from dlflash.base.language import Language, duration, localized
from dlflash.stats.activity import Ratio
from dlflash.stats.cards import TopicStats
from dlflash.stats.labels import LABELS, NOUNS, count
from dlflash.stats.log import LEECH_FAILURES
from dlflash.stats.report import StatsReport


def days(value: float, language: Language) -> str:
    """`1 day`, `2.5 days`, `6일`: a number of days that need not be whole."""
    ko, one, many = NOUNS["day"]
    return (ko if language == "ko" else one if value == 1 else many).format(n=number(value))


def label(key: str, language: Language, **values: object) -> str:
    template = localized(LABELS[key], language)
    return template.format(**values) if values else template


# -- small formats -----------------------------------------------------------------------------


def percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"


def ratio(r: Ratio, language: Language) -> str:
    """`10/11 (91%)`, or `-` when there is nothing to count."""
    return "-" if not r.whole else f"{r.part}/{r.whole} ({percent(r.share)})"


def number(value: float | None, digits: int = 1) -> str:
    """`7`, `7.5`, `-` for None: whole numbers without decimals."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}"


def rate(value: float) -> str:
    """A per-day figure: one decimal, two below 1 so that a small load is not `0.0`."""
    return number(value, 2 if 0 < value < 1 else 1)


def ease(value: float | None) -> str:
    """An E-Factor, always with two decimals: `2.50`."""
    return "-" if value is None else f"{value:.2f}"


def short_day(day: date | None) -> str:
    return day.isoformat() if day else "-"


def width(text: str) -> int:
    """Terminal cells: wide and full-width characters (Hangul) take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit(text: str, cells: int) -> str:
    """`text` cut to at most `cells` cells (marked with `..`), then padded to exactly that."""
    if width(text) > cells:
        out, used = "", 0
        for char in text:
            w = width(char)
            if used + w > cells - 2:
                break
            out += char
            used += w
        text = out + ".."
    return text + " " * (cells - width(text))


# -- sentences ---------------------------------------------------------------------------------


def today_lines(report: StatsReport, language: Language) -> list[str]:
    t = report.today
    if not t.reviews:
        return [label("today.none", language)]
    return [
        label("today.work", language, cards=count(t.cards, "card", language),
              reviews=count(t.reviews, "review", language), new=t.new,
              repeats=count(t.repeats, "repeat", language),
              time=duration(t.seconds, language), per=number(t.seconds_per_review)),
        label("today.failed", language, failed=t.failed.part, share=percent(t.failed.share),
              mature=ratio(t.mature, language)),
    ]


def due_line(report: StatsReport, language: Language) -> str:
    d = report.due
    return label("due.line", language, overdue=d.overdue, today=d.due_today,
                 tomorrow=d.due_tomorrow, days=report.range_days, total=d.total,
                 per_day=rate(d.total / report.range_days), load=rate(d.daily_load))


def calendar_line(report: StatsReport, language: Language) -> str:
    c = report.calendar
    return label("calendar.line", language, current=count(c.current, "day", language),
                 longest=count(c.longest, "day", language), studied=c.studied,
                 span=count(c.span, "day", language),
                 share=percent(c.studied / c.span if c.span else None))


def reviews_lines(report: StatsReport, language: Language) -> list[str]:
    a = report.activity
    return [
        label("reviews.line", language, days=report.range_days,
              total=count(a.totals.total, "review", language), per_day=rate(a.per_day),
              studied=count(a.studied_days, "day", language), new=a.totals.new,
              young=a.totals.young, mature=a.totals.mature, repeat=a.totals.repeat),
        label("reviews.time", language, time=duration(a.totals.ms // 1000, language),
              per=number(a.seconds_per_review)),
    ]


def cards_lines(report: StatsReport, language: Language) -> list[str]:
    c = report.cards
    interval = c.interval_median
    return [
        label("cards.line", language, total=count(c.total, "card", language), new=c.new,
              young=c.young,
              mature=c.mature, suspended=c.suspended, buried=c.buried),
        label("cards.medians", language,
              interval="-" if interval is None else days(interval, language),
              ease=ease(c.ease_median)),
    ]


def bucket_label(low: float, high: float | None, days: bool, language: Language) -> str:
    """`4-7d`, `366d+`, `1.30-1.49`, `2.90+`."""
    if days:
        if high is None:
            return label("unit.day", language, n=f"{low:g}") + "+"
        text = f"{low:g}" if high == low else f"{low:g}-{high:g}"
        return label("unit.day", language, n=text)
    return f"{low:.2f}+" if high is None else f"{low:.2f}-{high:.2f}"


def retention_rows(report: StatsReport, language: Language) -> list[list[str]]:
    """A header row, then one row per period: name, young, mature, all."""
    rows = [["", label("kind.young", language), label("kind.mature", language),
             label("kind.all", language)]]
    for row in report.retention:
        rows.append([label(f"period.{row.period}", language), ratio(row.young, language),
                     ratio(row.mature, language), ratio(row.total, language)])
    return rows


def column_widths(rows: list[list[str]]) -> list[int]:
    """The widest cell of each column, in terminal cells."""
    return [max(map(width, column)) for column in zip(*rows, strict=True)]


def table(rows: list[list[str]], gap: int = 2, left: frozenset[int] = frozenset({0}),
          widths: list[int] | None = None) -> list[str]:
    """Columns padded to their widest cell (in terminal cells, or to `widths`): the columns
    in `left` (the first, by default) left-aligned, the others right-aligned."""
    widths = widths or column_widths(rows)
    lines = []
    for row in rows:
        cells = [cell + " " * (w - width(cell)) if i in left else " " * (w - width(cell)) + cell
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append((" " * gap).join(cells).rstrip())
    return lines


TOPIC_COLUMNS = ("mature", "studied", "core", "ease", "last", "weakest")
"""The columns of "Mastery per topic" after the name, each headed by `topic.<column>`."""


def topic_columns(topics: tuple[TopicStats, ...], language: Language, *,
                  weakest: bool = True, whole_dates: bool = False) -> list[list[str]]:
    """A header row, then one row per main question: the share mature, cards studied of
    all, core points covered of all, the mean E-Factor, the last review (`MM-DD`, or the
    whole date) and, with `weakest`, the weakest cards."""
    columns = TOPIC_COLUMNS if weakest else TOPIC_COLUMNS[:-1]
    rows = [[label(f"topic.{column}", language) for column in columns]]
    for t in topics:
        last = short_day(t.last_reviewed)
        row = [percent(t.mature_share), f"{t.studied}/{t.cards}",
               f"{t.core_covered}/{t.core_points}", ease(t.ease),
               last if whole_dates or last == "-" else last[5:]]
        rows.append([*row, " ".join(t.weakest) or "-"] if weakest else row)
    return rows


def leech_line(index: int, report: StatsReport, language: Language) -> str:
    leech = report.leeches[index]
    text = label("leech.row", language, failures=leech.failures,
                 reviews=count(leech.reviews, "review", language),
                 last=leech.last_failed.isoformat())
    return text + (f" ({label('leech.suspended', language)})" if leech.suspended else "")


def interview_lines(report: StatsReport, language: Language) -> list[str]:
    i = report.interviews
    if not i.answers:
        return [label("interviews.none", language, days=report.range_days)]
    covered = i.covered
    return [
        label("interviews.line", language, interviews=count(i.interviews, "interview", language),
              finished=i.finished, answers=count(i.answers, "answer", language), over=i.over,
              looked=i.looked_up, all_time=i.all_time,
              last=short_day(i.last)),
        label("interviews.time", language, per=number(i.seconds_per_answer),
              limit=number(i.limit_per_answer),
              covered=f"{covered.ticked}/{covered.possible} ({percent(covered.share)})"),
    ]


# -- the whole report as text --------------------------------------------------------------------


def text_report(report: StatsReport, language: Language) -> str:
    """A plain summary for a terminal or a cron mail."""
    lines = [label("stats.heading", language, day=report.day.isoformat(),
                   days=report.range_days), ""]

    def section(key: str, body: list[str]) -> None:
        lines.append(label(key, language))
        lines.extend(f"  {line}" for line in body)
        lines.append("")

    section("section.today", today_lines(report, language))
    section("section.due", [due_line(report, language)])
    section("section.calendar", [calendar_line(report, language)])
    section("section.reviews", reviews_lines(report, language))
    section("section.cards", cards_lines(report, language))
    section("section.retention", table(retention_rows(report, language)))
    total = sum(report.grades) or 1
    section("section.grades", ["  ".join(f"{g}: {n} ({percent(n / total)})"
                                         for g, n in enumerate(report.grades))])
    # No cap on the names: --text has no width limit, and a cut name cannot be told from
    # its neighbour.
    names = [[label("topic.header", language)]]
    names += [[f"{t.id} {t.topic.get(language)}"] for t in report.topics]
    columns = topic_columns(report.topics, language, whole_dates=True)
    section("section.topics", [
        *table([n + c for n, c in zip(names, columns, strict=True)],
               left=frozenset({0, len(TOPIC_COLUMNS)})),
        label("topic.note", language)])
    leeches = [f"{leech.card}  {leech_line(i, report, language)}"
               for i, leech in enumerate(report.leeches)]
    section("section.leeches", leeches or [label("leech.none", language, n=LEECH_FAILURES)])
    section("section.interviews", interview_lines(report, language))
    return "\n".join(lines).rstrip() + "\n"
