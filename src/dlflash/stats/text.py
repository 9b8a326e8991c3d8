"""The statistics in words, in Korean and English: the sentences shared by `dlflash stats
--text` and the stats screen, built from `labels.LABELS`.

Plain strings only, no markup, and no ambiguous-width glyphs (see tui/text.py).
"""

from __future__ import annotations

import unicodedata
from datetime import date

from dlflash.base.language import Language, localized
from dlflash.base.language import counted as count_of
from dlflash.stats.activity import Ratio
from dlflash.stats.labels import LABELS
from dlflash.stats.log import LEECH_FAILURES
from dlflash.stats.report import StatsReport

_NOUNS: dict[str, tuple[str, str, str]] = {
    # noun: (ko, en singular, en plural)
    "review": ("{n}회", "{n} review", "{n} reviews"),
    "card": ("{n}장", "{n} card", "{n} cards"),
    "day": ("{n}일", "{n} day", "{n} days"),
    "repeat": ("{n}", "{n} repeat", "{n} repeats"),
}


def counted(n: int, noun: str, language: Language) -> str:
    """`3 reviews`, `1 card`; Korean with its counter: `3회`, `1장`."""
    return count_of(n, _NOUNS[noun], language)


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


def duration(seconds: int, language: Language) -> str:
    """`1h 05m`, `12m 30s`, `45s` (Korean: `1시간 5분`, ...)."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if language == "ko":
        if hours:
            return f"{hours}시간 {minutes}분"
        return f"{minutes}분 {secs}초" if minutes else f"{secs}초"
    if hours:
        return f"{hours}h {minutes:02}m"
    return f"{minutes}m {secs:02}s" if minutes else f"{secs}s"


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
        label("today.work", language, cards=counted(t.cards, "card", language),
              reviews=counted(t.reviews, "review", language), new=t.new,
              repeats=counted(t.repeats, "repeat", language),
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
    return label("calendar.line", language, current=counted(c.current, "day", language),
                 longest=counted(c.longest, "day", language), studied=c.studied,
                 span=counted(c.span, "day", language),
                 share=percent(c.studied / c.span if c.span else None))


def reviews_lines(report: StatsReport, language: Language) -> list[str]:
    a = report.activity
    return [
        label("reviews.line", language, days=report.range_days,
              total=counted(a.totals.total, "review", language), per_day=rate(a.per_day),
              studied=counted(a.studied_days, "day", language), new=a.totals.new,
              young=a.totals.young, mature=a.totals.mature, repeat=a.totals.repeat),
        label("reviews.time", language, time=duration(a.totals.ms // 1000, language),
              per=number(a.seconds_per_review)),
    ]


def cards_lines(report: StatsReport, language: Language) -> list[str]:
    c = report.cards
    interval = c.interval_median
    return [
        label("cards.line", language, total=counted(c.total, "card", language), new=c.new,
              young=c.young,
              mature=c.mature, suspended=c.suspended, buried=c.buried),
        label("cards.medians", language,
              interval="-" if interval is None
              else label("unit.days", language, n=number(interval)),
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


def table(rows: list[list[str]], gap: int = 2) -> list[str]:
    """Columns padded to their widest cell (in terminal cells), the first left-aligned."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0] + " " * (widths[0] - width(row[0]))]
        cells += [" " * (w - width(cell)) + cell for cell, w in zip(row[1:], widths[1:],
                                                                    strict=True)]
        lines.append((" " * gap).join(cells).rstrip())
    return lines


def topic_line(topic_id: str, report: StatsReport, language: Language) -> str:
    t = next(t for t in report.topics if t.id == topic_id)
    return label("topic.row", language, share=percent(t.mature_share), ease=ease(t.ease),
                 last=short_day(t.last_reviewed), weakest=" ".join(t.weakest) or "-")


def leech_line(index: int, report: StatsReport, language: Language) -> str:
    leech = report.leeches[index]
    text = label("leech.row", language, failures=leech.failures,
                 reviews=counted(leech.reviews, "review", language),
                 last=leech.last_failed.isoformat())
    return text + (f" ({label('leech.suspended', language)})" if leech.suspended else "")


def interview_lines(report: StatsReport, language: Language) -> list[str]:
    i = report.interviews
    if not i.answers:
        return [label("interviews.none", language, days=report.range_days)]
    covered = i.covered
    return [
        label("interviews.line", language, interviews=i.interviews, finished=i.finished,
              answers=i.answers, over=i.over, looked=i.looked_up, all_time=i.all_time,
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
    id_cells = max((width(t.id) for t in report.topics), default=0)
    # No cap: --text has no width limit, and a cut name cannot be told from its neighbour.
    name_cells = max((width(t.topic.get(language)) for t in report.topics), default=0)
    section("section.topics", [
        f"{fit(t.id, id_cells)}  {fit(t.topic.get(language), name_cells)}  "
        f"{topic_line(t.id, report, language)}" for t in report.topics])
    leeches = [f"{leech.card}  {leech_line(i, report, language)}"
               for i, leech in enumerate(report.leeches)]
    section("section.leeches", leeches or [label("leech.none", language, n=LEECH_FAILURES)])
    section("section.interviews", interview_lines(report, language))
    return "\n".join(lines).rstrip() + "\n"
