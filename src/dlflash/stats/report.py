"""Every statistic at once, for one study day and one range, and its JSON form.

`build_report` is what the stats screen runs in a worker and what `dlflash stats --json`
prints, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dlflash.deck.model import Text
from dlflash.stats.activity import (
    ActivityStats,
    CalendarStats,
    HourStats,
    Ratio,
    RetentionRow,
    TodayStats,
    activity_stats,
    calendar_stats,
    grade_counts,
    hour_stats,
    retention,
    today_stats,
)
from dlflash.stats.cards import (
    Bucket,
    CardCounts,
    CardTotals,
    DueStats,
    KeyPointTrend,
    Leech,
    PointsPeriod,
    TopicStats,
    card_counts,
    due_stats,
    key_point_trends,
    leeches,
    topic_stats,
)
from dlflash.stats.interviews import InterviewStats, interview_stats
from dlflash.stats.log import RANGES, StatsInput, window

SCHEMA = 1
"""Version of the JSON layout; bumped when a key changes meaning or goes away."""


@dataclass(frozen=True, slots=True)
class StatsReport:
    """All figures for `day`; the range-dependent ones (`due.days`, `activity`, `grades`,
    `hours`, `key_points`) cover `range_days` days (ahead for the forecast, back otherwise)."""

    day: date
    range_days: int
    today: TodayStats
    due: DueStats
    calendar: CalendarStats
    activity: ActivityStats
    cards: CardCounts
    retention: tuple[RetentionRow, ...]
    grades: tuple[int, ...]
    hours: tuple[HourStats, ...]
    topics: tuple[TopicStats, ...]
    leeches: tuple[Leech, ...]
    key_points: tuple[KeyPointTrend, ...]
    """The first trend is all main questions together (id ""), then one per question."""
    interviews: InterviewStats


@dataclass(frozen=True, slots=True)
class _Fixed:
    """The figures that do not depend on the range."""

    today: TodayStats
    calendar: CalendarStats
    cards: CardCounts
    retention: tuple[RetentionRow, ...]
    topics: tuple[TopicStats, ...]
    leeches: tuple[Leech, ...]


def _noop() -> None:
    pass


def _fixed(data: StatsInput, between: Callable[[], None] = _noop) -> _Fixed:
    """The figures that do not depend on the range, each kept in `data.memo` as soon as it
    is worked out, with `between()` called before each: a report stopped there (the stats
    screen's precompute, when a key comes) starts again where it stopped."""
    known = data.memo.get("fixed")
    if isinstance(known, _Fixed):
        return known

    def kept(name: str, compute: Callable[[], Any]) -> Any:
        if name not in data.memo:
            between()
            data.memo[name] = compute()
        return data.memo[name]

    totals = kept("totals", lambda: CardTotals.of(data))
    fixed = _Fixed(kept("today", lambda: today_stats(data)),
                   kept("calendar", lambda: calendar_stats(data)),
                   kept("cards", lambda: card_counts(data)),
                   kept("retention", lambda: retention(data)),
                   kept("topics", lambda: topic_stats(data, totals)),
                   kept("leeches", lambda: leeches(data, totals=totals)))
    data.memo["fixed"] = fixed
    return fixed


def build_report(data: StatsInput, range_days: int = 30,
                 between: Callable[[], None] = _noop) -> StatsReport:
    """The report of `data` over `range_days`, kept in `data.memo`. Asked for another range
    of the same input (the stats screen's `r`), it computes only the range's figures: the
    others, and the weeks of key points already summed, are kept in `data.memo` too.

    `between()` is called between two figures (each takes up to ~45 ms at 100,000 reviews):
    it may raise to stop the report there, and what was worked out is kept for the next
    call on the same input."""
    if range_days not in RANGES:
        raise ValueError(f"range must be one of {RANGES}, got {range_days}")
    known = data.memo.get(f"report-{range_days}")
    if isinstance(known, StatsReport):
        return known
    in_range = data.rows(*window(data.today, range_days))
    fixed = _fixed(data, between)
    between()
    due = due_stats(data, range_days)
    activity = activity_stats(data, range_days)
    grades, hours = grade_counts(data, in_range), hour_stats(data, in_range)
    between()
    key_points = key_point_trends(data, range_days)
    report = StatsReport(
        day=data.today,
        range_days=range_days,
        today=fixed.today,
        due=due,
        calendar=fixed.calendar,
        activity=activity,
        cards=fixed.cards,
        retention=fixed.retention,
        grades=grades,
        hours=hours,
        topics=fixed.topics,
        leeches=fixed.leeches,
        key_points=key_points,
        interviews=interview_stats(data.interviews, data.today, range_days),
    )
    data.memo[f"report-{range_days}"] = report
    return report


# -- JSON -------------------------------------------------------------------------------------


def _rate(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _ratio(ratio: Ratio, part: str = "passed") -> dict[str, Any]:
    return {part: ratio.part, "total": ratio.whole, "rate": _rate(ratio.share)}


def _text(text: Text) -> dict[str, str | None]:
    return {"ko": text.ko, "en": text.en}


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _buckets(buckets: tuple[Bucket, ...]) -> list[dict[str, Any]]:
    return [{"from": b.low, "to": b.high, "cards": b.count} for b in buckets]


def _points(period: PointsPeriod) -> dict[str, Any]:
    return {"from": period.first.isoformat(), "to": period.last.isoformat(),
            "reviews": period.reviews, "average": _rate(period.average, 2),
            "share": _rate(period.share)}


def _trend(trend: KeyPointTrend) -> dict[str, Any]:
    overall = trend.overall
    return {"reviews": overall.reviews, "average": _rate(overall.average, 2),
            "share": _rate(overall.share), "weeks": [_points(p) for p in trend.periods]}


def to_json(report: StatsReport) -> dict[str, Any]:
    """The report as plain JSON values; every key is documented in README.md ("Stats")."""
    today, due, cal, act, cards = (report.today, report.due, report.calendar,
                                   report.activity, report.cards)
    first, _ = window(report.day, 365)
    year = [first + timedelta(days=i) for i in range(365)]
    overall, *per_topic = report.key_points
    return {
        "schema": SCHEMA,
        "day": report.day.isoformat(),
        "range": report.range_days,
        "today": {
            "reviews": today.reviews,
            "cards": today.cards,
            "new": today.new,
            "repeats": today.repeats,
            "seconds": today.seconds,
            "seconds_per_review": _rate(today.seconds_per_review, 1),
            "failed": today.failed.part,
            "failed_share": _rate(today.failed.share),
            "mature": _ratio(today.mature, "correct"),
        },
        "due": {
            "overdue": due.overdue,
            "today": due.due_today,
            "tomorrow": due.due_tomorrow,
            "in_range": due.total,
            "per_day": round(due.total / report.range_days, 2),
            "daily_load": round(due.daily_load, 2),
        },
        "forecast": [{"date": d.isoformat(), "due": n}
                     for d, n in zip(due.dates(), due.days, strict=True)],
        "streak": {"current": cal.current, "longest": cal.longest},
        "calendar": {
            "studied": cal.studied,
            "span": cal.span,
            "days": [{"date": d.isoformat(), "reviews": cal.counts.get(d, 0)} for d in year],
        },
        "reviews": {
            "total": act.totals.total,
            "new": act.totals.new,
            "young": act.totals.young,
            "mature": act.totals.mature,
            "repeat": act.totals.repeat,
            "seconds": act.totals.ms // 1000,
            "seconds_per_review": _rate(act.seconds_per_review, 1),
            "per_day": round(act.per_day, 2),
            "studied_days": act.studied_days,
            "days": [{"date": d.day.isoformat(), "new": d.new, "young": d.young,
                      "mature": d.mature, "repeat": d.repeat, "seconds": d.ms // 1000}
                     for d in act.days],
        },
        "cards": {
            "total": cards.total,
            "new": cards.new,
            "young": cards.young,
            "mature": cards.mature,
            "suspended": cards.suspended,
            "buried": cards.buried,
            "interval_median": cards.interval_median,
            "ease_median": _rate(cards.ease_median, 2),
            "intervals": _buckets(cards.interval_histogram()),
            "eases": _buckets(cards.ease_histogram()),
        },
        "retention": {
            row.period: {**_ratio(row.total), "young": _ratio(row.young),
                         "mature": _ratio(row.mature)}
            for row in report.retention
        },
        "grades": list(report.grades),
        "hours": [{"hour": h.hour, "reviews": h.correct.whole, "correct": h.correct.part,
                   "rate": _rate(h.correct.share)} for h in report.hours],
        "topics": [
            {"id": t.id, "topic": _text(t.topic), "question": _text(t.question),
             "cards": t.cards, "studied": t.studied, "mature": t.mature,
             "core_points": t.core_points, "core_covered": t.core_covered,
             "mature_share": _rate(t.mature_share), "ease": _rate(t.ease, 2),
             "reviews": t.reviews, "failures": t.failures,
             "last_reviewed": _day(t.last_reviewed), "weakest": list(t.weakest)}
            for t in report.topics
        ],
        "leeches": [
            {"card": leech.card, "failures": leech.failures, "reviews": leech.reviews,
             "last_failed": leech.last_failed.isoformat(), "ease": leech.ease,
             "suspended": leech.suspended}
            for leech in report.leeches
        ],
        "key_points": {
            "all": _trend(overall),
            "topics": [{"id": t.id, "topic": _text(t.topic), **_trend(t)} for t in per_topic],
        },
        "interviews": _interviews(report.interviews),
    }


def _interviews(stats: InterviewStats) -> dict[str, Any]:
    return {
        "interviews": stats.interviews, "finished": stats.finished, "answers": stats.answers,
        "looked_up": stats.looked_up, "over": stats.over,
        "seconds_per_answer": _rate(stats.seconds_per_answer, 1),
        "limit_per_answer": _rate(stats.limit_per_answer, 1),
        "core": _points(stats.covered) | {"weeks": [_points(w) for w in stats.weeks]},
        "all_time": stats.all_time, "last": _day(stats.last),
    }
