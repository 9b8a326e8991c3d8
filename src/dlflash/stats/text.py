"""The statistics in words, in Korean and English: one set of labels and sentences shared by
`dlflash stats --text` and the stats screen (whose `tr()` includes `LABELS`).

Plain strings only, no markup, and no ambiguous-width glyphs (see tui/text.py).
"""

from __future__ import annotations

import unicodedata
from datetime import date

from dlflash.deck import Language, localized
from dlflash.stats.activity import Ratio
from dlflash.stats.log import LEECH_FAILURES
from dlflash.stats.report import StatsReport

LABELS: dict[str, tuple[str, str]] = {
    # key: (ko, en)
    "stats.title": ("학습 통계", "Statistics"),
    "stats.heading": ("dlflash 통계, {day} (최근 {days}일)",
                      "dlflash stats, {day} (last {days} days)"),
    "stats.range": ("기간 {days}일 (r: 변경)", "range {days} days (r changes)"),
    "stats.loading": ("계산 중...", "Computing..."),
    "stats.failed": ("통계를 계산하지 못했습니다: {error}", "Could not compute the stats: {error}"),
    "section.today": ("오늘", "Today"),
    "section.due": ("복습 예정", "Due"),
    "section.calendar": ("달력", "Calendar"),
    "section.reviews": ("일별 복습", "Reviews per day"),
    "section.cards": ("카드", "Cards"),
    "section.retention": ("기억 유지율", "Retention"),
    "section.grades": ("점수 분포", "Grades"),
    "section.hours": ("시간대", "Hour of day"),
    "section.topics": ("주제별 숙달도", "Mastery per topic"),
    "section.leeches": ("자주 틀리는 카드", "Leeches"),
    "section.key_points": ("핵심 포인트 추이", "Key points over time"),
    "today.none": ("오늘은 아직 학습하지 않았습니다.", "No cards studied today yet."),
    "today.work": ("카드 {cards}, 복습 {reviews} (신규 {new}, 재학습 {repeats}), {time}, "
                   "복습당 {per}초",
                   "{reviews} of {cards} ({new} new, {repeats} repeats) in {time}, "
                   "{per}s per review"),
    "today.failed": ("틀림 {failed} ({share}), 성숙 카드 정답 {mature}",
                     "failed {failed} ({share}); correct on mature cards {mature}"),
    "due.line": ("밀린 카드 {overdue}, 오늘 {today}, 내일까지 {tomorrow}; 앞으로 {days}일간 "
                 "{total}장 (하루 {per_day}); 하루 부담 {load}",
                 "overdue {overdue}, due today {today}, by tomorrow {tomorrow}; next {days} "
                 "days {total} ({per_day} a day); daily load {load}"),
    "due.chart": ("일별 복습 예정 카드 (오늘부터)", "cards due per day, from today"),
    "due.chart.grouped": ("{n}일 단위 복습 예정 카드 (오늘부터)",
                          "cards due per {n} days, from today"),
    "heatmap.weekdays": ("월,,수,,금,,", "Mon,,Wed,,Fri,,"),
    "heatmap.months": ("1월,2월,3월,4월,5월,6월,7월,8월,9월,10월,11월,12월",
                       "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec"),
    "heatmap.less": ("적음", "less"),
    "heatmap.more": ("많음", "more"),
    "calendar.line": ("연속 학습 {current} (최장 {longest}); {span} 중 {studied}일 학습 "
                      "({share})",
                      "streak {current} (longest {longest}); studied {studied} of "
                      "{span} ({share})"),
    "reviews.line": ("최근 {days}일: 복습 {total} (하루 {per_day}회, 학습한 날 {studied}); "
                     "신규 {new}, 초기 {young}, 성숙 {mature}, 재학습 {repeat}",
                     "last {days} days: {total} ({per_day} a day, on {studied}); "
                     "new {new}, young {young}, mature {mature}, repeat {repeat}"),
    "reviews.time": ("답변 시간 합계 {time}, 복습당 {per}초", "answer time {time} in all, "
                     "{per}s per review"),
    "reviews.count": ("하루 복습 수", "reviews a day"),
    "reviews.count.grouped": ("{n}일 단위 복습 수", "reviews per {n} days"),
    "reviews.minutes": ("하루 학습 분", "minutes a day"),
    "reviews.minutes.grouped": ("{n}일 단위 학습 분", "minutes per {n} days"),
    "cards.line": ("카드 {total}: 신규 {new}, 초기 {young}, 성숙 {mature}, 보류 {suspended}, "
                   "건너뜀 {buried}",
                   "{total}: new {new}, young {young}, mature {mature}, suspended "
                   "{suspended}, buried {buried}"),
    "cards.medians": ("간격 중앙값 {interval}, E-Factor 중앙값 {ease}",
                      "median interval {interval}, median E-Factor {ease}"),
    "cards.intervals": ("간격 분포 (중앙값 {median})", "intervals (median {median})"),
    "cards.eases": ("E-Factor 분포 (중앙값 {median})", "E-Factors (median {median})"),
    "kind.new": ("신규", "new"),
    "kind.young": ("초기", "young"),
    "kind.mature": ("성숙", "mature"),
    "kind.repeat": ("재학습", "repeat"),
    "kind.suspended": ("보류", "suspended"),
    "kind.buried": ("건너뜀", "buried"),
    "kind.all": ("전체", "all"),
    "period.today": ("오늘", "today"),
    "period.yesterday": ("어제", "yesterday"),
    "period.week": ("7일", "7 days"),
    "period.month": ("30일", "30 days"),
    "period.year": ("365일", "365 days"),
    "period.all": ("전체 기간", "all time"),
    "retention.note": ("그날 첫 채점, 간격 1일 이상인 카드, 3점 이상 통과",
                       "first grade of a card on a day, interval 1 day or more; 3+ passes"),
    "grades.range": ("최근 {days}일의 모든 채점 (재학습 포함)",
                     "every grade of the last {days} days, repeats included"),
    "hours.count": ("시간대별 복습 수 (최근 {days}일)", "reviews by hour (last {days} days)"),
    "hours.count.grouped": ("{n}시간 단위 복습 수", "reviews per {n} hours"),
    "hours.correct": ("시간대별 정답률 (3점 이상)", "share correct by hour (grade 3+)"),
    "hours.best": ("가장 많이 학습한 시간 {hour}시 ({count}회)",
                   "busiest hour {hour}:00 ({count} reviews)"),
    "topic.row": ("성숙 {share}, EF {ease}, 최근 {last}, 약한 카드 {weakest}",
                  "mature {share}, EF {ease}, last {last}, weakest {weakest}"),
    "topic.header": ("주제", "topic"),
    "leech.none": ("{n}회 이상 틀린 카드가 없습니다.", "No card has failed {n} times or more."),
    "leech.row": ("{failures}회 틀림 / 복습 {reviews}, 마지막 {last}",
                  "failed {failures} times in {reviews}, last {last}"),
    "leech.suspended": ("보류됨", "suspended"),
    "points.line": ("그날 첫 답에서 체크한 핵심 포인트 비율, 주별 (최근 {days}일)",
                    "share of key points ticked on a card's first answer of the day, by week "
                    "(last {days} days)"),
    "points.change": ("{first} -> {last}", "{first} -> {last}"),
    "points.all": ("전체 주제", "all topics"),
    "unit.days": ("{n}일", "{n} days"),
    "unit.day": ("{n}일", "{n}d"),
    "none": ("-", "-"),
}


_NOUNS: dict[str, tuple[str, str, str]] = {
    # noun: (ko, en singular, en plural)
    "review": ("{n}회", "{n} review", "{n} reviews"),
    "card": ("{n}장", "{n} card", "{n} cards"),
    "day": ("{n}일", "{n} day", "{n} days"),
}


def counted(n: int, noun: str, language: Language) -> str:
    """`3 reviews`, `1 card`; Korean with its counter: `3회`, `1장`."""
    ko, one, many = _NOUNS[noun]
    return (ko if language == "ko" else one if n == 1 else many).format(n=n)


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
              repeats=t.repeats, time=duration(t.seconds, language),
              per=number(t.seconds_per_review)),
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
    name_cells = min(28, max((width(t.topic.get(language)) for t in report.topics), default=0))
    section("section.topics", [
        f"{fit(t.id, id_cells)}  {fit(t.topic.get(language), name_cells)}  "
        f"{topic_line(t.id, report, language)}" for t in report.topics])
    leeches = [f"{leech.card}  {leech_line(i, report, language)}"
               for i, leech in enumerate(report.leeches)]
    section("section.leeches", leeches or [label("leech.none", language, n=LEECH_FAILURES)])
    return "\n".join(lines).rstrip() + "\n"
