"""The statistics on hand-built logs: every definition of `dlflash.stats`, checked by hand."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dlflash import sm2
from dlflash.base.config import Settings
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.deck.model import Deck, Text
from dlflash.journal.events import (
    Event,
    Forget,
    InterviewAnswer,
    Replayed,
    Review,
    Undo,
    new_id,
)
from dlflash.journal.history import History
from dlflash.journal.store import Store
from dlflash.sm2 import CardState
from dlflash.stats import StatsInput, build_report, to_json
from dlflash.stats.activity import (
    activity_stats,
    calendar_stats,
    grade_counts,
    hour_stats,
    longest_streak,
    retention,
    today_stats,
)
from dlflash.stats.cards import (
    card_counts,
    due_stats,
    key_point_trends,
    leeches,
    topic_stats,
    week_periods,
)
from dlflash.stats.charts import (
    bar_heights,
    bar_width,
    fit_columns,
    group_sums,
    heat_levels,
    heatmap_grid,
    share_level,
)
from dlflash.stats.log import KINDS
from dlflash.stats.text import bucket_label, fit, text_report, topic_columns, width
from dlflash.study.session import Session

from conftest import KST, FakeClock
from helpers import card, write_deck

D = date(2026, 3, 2)  # a Monday


def days_ago(n: int) -> date:
    return D - timedelta(days=n)


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    """q01 with two follow-ups, q02 with one, and q03 alone: three main questions."""
    folder = tmp_path / "deck"
    write_deck(folder, "a.yaml", [card("q01"), card("q01.1", "q01"), card("q01.2", "q01")],
               topic={"ko": "활성화", "en": "Activations"})
    write_deck(folder, "b.yaml", [card("q02"), card("q02.1", "q02")],
               topic={"ko": "경사", "en": "Gradients"})
    write_deck(folder, "c.yaml", [card("q03", points=4)], topic={"ko": "셋", "en": "Three"})
    return load_deck([DeckSource(folder)])


def rp(card_id: str, grade: int, day: date, *, interval: int | None = None,
       scheduled: bool = True, hour: int = 9, ms: int = 10_000,
       ticked: tuple[int, ...] = ()) -> Replayed:
    """A replayed review. `interval` is the card's interval BEFORE it (None: a new card)."""
    before = CardState() if interval is None else CardState(2, 2.5, interval, day)
    after = sm2.review(before, grade, day) if scheduled else before
    ts = datetime(day.year, day.month, day.day, hour, tzinfo=KST)
    review = Review(new_id(), card_id, ts, day, grade, ms=ms, ticked=ticked)
    return Replayed(review, scheduled, before, after)


def review(card_id: str, grade: int, day: date, hour: int = 9, ms: int = 10_000) -> Review:
    ts = datetime(day.year, day.month, day.day, hour, tzinfo=KST)
    return Review(new_id(), card_id, ts, day, grade, ms=ms)


# -- review kinds and today ----------------------------------------------------------------


def test_kinds_are_judged_on_the_state_before_the_review(deck: Deck) -> None:
    data = StatsInput.of(deck, D, [
        rp("q01", 5, D), rp("q01", 5, D, interval=20), rp("q01", 5, D, interval=21),
        rp("q01", 5, D, interval=40, scheduled=False),
        # a lapsed card (interval reset to 1 after a fail) is young again, not new
        rp("q01", 5, D, interval=1),
    ])
    assert [KINDS[k] for k in data.kinds] == ["new", "young", "mature", "repeat", "young"]


def test_today_counts_repeats_failures_and_mature_answers(deck: Deck) -> None:
    reviews = [
        rp("q01", 5, days_ago(1), ms=99_000),  # yesterday: not today
        rp("q01", 5, D, ms=10_000),  # new
        rp("q02", 2, D, ms=20_000),  # new, failed
        rp("q02", 4, D, scheduled=False, ms=5_500),  # repeat
        rp("q03", 3, D, interval=30),  # mature, passed
        rp("q01.1", 1, D, interval=25),  # mature, failed
        rp("q01.1", 4, D, scheduled=False, ms=0),  # repeat of a failed mature card
        rp("elsewhere", 0, D),  # not in the deck: left out
    ]
    today = today_stats(StatsInput.of(deck, D, reviews))
    assert (today.reviews, today.cards, today.new, today.repeats) == (6, 4, 2, 2)
    assert today.seconds == 56 and today.seconds_per_review == pytest.approx(55.5 / 6)
    assert (today.failed.part, today.failed.whole) == (2, 6)
    assert (today.mature.part, today.mature.whole) == (1, 2)
    empty = today_stats(StatsInput.of(deck, D))
    assert empty.reviews == 0 and empty.seconds_per_review is None
    assert empty.failed.share is None


# -- due forecast ---------------------------------------------------------------------------


def test_due_forecast_overdue_tomorrow_and_daily_load(deck: Deck) -> None:
    def due(offset: int, interval: int) -> CardState:
        return CardState(2, 2.5, interval, D + timedelta(days=offset))

    states = {"q01": due(-2, 3), "q01.1": due(0, 1), "q01.2": due(1, 6), "q02": due(29, 30),
              "q02.1": due(30, 40), "q03": due(1, 10)}
    data = StatsInput.of(deck, D, states=states, suspended={"q03"}, buried={"q01.1"})
    forecast = due_stats(data, 30)
    assert len(forecast.days) == 30 and forecast.dates()[0] == D
    assert (forecast.days[0], forecast.days[1], forecast.days[29]) == (1, 1, 1)
    assert forecast.total == 3  # q02.1 (day 30) is past the horizon, q03 is suspended
    assert (forecast.overdue, forecast.due_today, forecast.due_tomorrow) == (1, 2, 3)
    assert forecast.daily_load == pytest.approx(1 / 3 + 1 + 1 / 6 + 1 / 30 + 1 / 40)
    assert due_stats(data, 365).total == 4


# -- cards ------------------------------------------------------------------------------------


def test_card_counts_put_every_card_in_one_group(deck: Deck) -> None:
    states = {
        "q01": CardState(5, 2.0, 30, D),  # suspended
        "q01.1": CardState(1, 2.36, 5, D),  # buried today
        "q02": CardState(3, 1.3, 21, D),  # mature (21 is mature)
        "q02.1": CardState(2, 2.5, 20, D),  # young
        "q03": CardState(6, 2.9, 100, D),  # mature
    }
    counts = card_counts(StatsInput.of(deck, D, states=states, suspended={"q01"},
                                       buried={"q01.1"}))
    assert (counts.new, counts.young, counts.mature, counts.suspended, counts.buried) == (
        1, 1, 2, 1, 1)
    assert counts.total == len(deck) == 6
    assert counts.intervals == (5, 20, 21, 100) and counts.interval_median == 20.5
    assert counts.eases == (130, 236, 250, 290) and counts.ease_median == 2.43
    intervals = {(b.low, b.high): b.count for b in counts.interval_histogram()}
    assert intervals[(4, 7)] == 1 and intervals[(15, 20)] == 1 and intervals[(21, 30)] == 1
    assert intervals[(61, 120)] == 1 and intervals[(366, None)] == 0
    eases = {(b.low, b.high): b.count for b in counts.ease_histogram()}
    assert eases[(1.3, 1.49)] == 1 and eases[(2.3, 2.49)] == 1 and eases[(2.9, None)] == 1
    assert sum(eases.values()) == 4
    none = card_counts(StatsInput.of(deck, D))
    assert none.new == 6 and none.interval_median is None and none.ease_median is None


def test_bucket_labels() -> None:
    assert bucket_label(1, 1, True, "en") == "1d"
    assert bucket_label(4, 7, True, "en") == "4-7d"
    assert bucket_label(366, None, True, "ko") == "366일+"
    assert bucket_label(1.3, 1.49, False, "en") == "1.30-1.49"
    assert bucket_label(2.9, None, False, "en") == "2.90+"


# -- calendar, streaks, reviews per day -------------------------------------------------------


def test_calendar_streaks_and_days_studied(deck: Deck) -> None:
    studied = [0, 1, 2, 5, 6, 7, 8, 9]
    reviews = [rp("q01", 5, days_ago(n)) for n in studied] + [rp("q02", 4, D)]
    cal = calendar_stats(StatsInput.of(deck, D, reviews))
    assert cal.counts[D] == 2 and cal.counts[days_ago(9)] == 1
    assert (cal.current, cal.longest) == (3, 5)
    assert (cal.studied, cal.span) == (8, 10)  # from the first review to today
    tomorrow = calendar_stats(StatsInput.of(deck, D + timedelta(days=1), reviews))
    assert tomorrow.current == 3  # today not studied yet: the streak still counts
    old = [rp("q01", 5, days_ago(400)), rp("q01", 5, days_ago(2))]
    cal = calendar_stats(StatsInput.of(deck, D, old))
    assert (cal.studied, cal.span, cal.current, cal.longest) == (1, 365, 0, 1)
    assert longest_streak([]) == 0


def test_reviews_per_day_split_and_answer_time(deck: Deck) -> None:
    reviews = [
        rp("q01", 5, days_ago(40)),  # outside 30 days
        rp("q01", 5, days_ago(3), ms=30_000),
        rp("q02", 4, days_ago(3), interval=3, ms=10_000),
        rp("q03", 1, D, interval=50, ms=20_000),
        rp("q03", 4, D, scheduled=False, ms=4_000),
    ]
    activity = activity_stats(StatsInput.of(deck, D, reviews), 30)
    assert len(activity.days) == 30 and activity.days[-1].day == D
    assert activity.days[0].day == days_ago(29)
    three = activity.days[-4]
    assert (three.day, three.new, three.young, three.total, three.ms) == (
        days_ago(3), 1, 1, 2, 40_000)
    assert (activity.days[-1].mature, activity.days[-1].repeat) == (1, 1)
    totals = activity.totals
    assert (totals.new, totals.young, totals.mature, totals.repeat) == (1, 1, 1, 1)
    assert activity.seconds_per_review == 16.0 and activity.studied_days == 2
    assert activity.per_day == pytest.approx(4 / 30)
    assert activity_stats(StatsInput.of(deck, D, reviews), 90).totals.total == 5


# -- retention, grades, hours ------------------------------------------------------------------


def test_true_retention_windows_young_and_mature(deck: Deck) -> None:
    reviews = [
        rp("q01", 2, days_ago(400), interval=2),  # young fail, all time only
        rp("q02.1", 5, days_ago(10), interval=3),  # young pass
        rp("q01.1", 3, days_ago(1), interval=21),  # mature pass (21 is mature)
        rp("q01.2", 1, days_ago(1), interval=20),  # young fail (20 is young)
        rp("q03", 5, D),  # a new card's first review: not counted
        rp("q01", 4, D, interval=5),  # young pass
        rp("q01", 2, D, scheduled=False, interval=5),  # a repeat: not counted
        rp("q02", 2, D, interval=30),  # mature fail
    ]
    rows = {row.period: row for row in retention(StatsInput.of(deck, D, reviews))}

    def parts(period: str) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
        row = rows[period]
        return ((row.young.part, row.young.whole), (row.mature.part, row.mature.whole),
                (row.total.part, row.total.whole))

    assert parts("today") == ((1, 1), (0, 1), (1, 2))
    assert parts("yesterday") == ((0, 1), (1, 1), (1, 2))
    assert parts("week") == ((1, 2), (1, 2), (2, 4))
    assert parts("month") == ((2, 3), (1, 2), (3, 5))
    assert parts("year") == parts("month")
    assert parts("all") == ((2, 4), (1, 2), (3, 6))
    assert rows["today"].total.share == 0.5


def test_grades_and_hours_count_every_review(deck: Deck) -> None:
    reviews = [rp("q01", 4, D, hour=8), rp("q01", 2, D, hour=8, scheduled=False),
               rp("q02", 5, D, hour=23), rp("q03", 0, D, hour=0), rp("q03", 1, days_ago(1))]
    data = StatsInput.of(deck, D, reviews)
    assert grade_counts(data, data.rows(D, D)) == (1, 0, 1, 0, 1, 1)
    assert grade_counts(data, data.rows(days_ago(1), D)) == (1, 1, 1, 0, 1, 1)
    hours = hour_stats(data, data.rows(D, D))
    assert len(hours) == 24
    assert (hours[8].correct.part, hours[8].correct.whole) == (1, 2)
    assert hours[23].correct.share == 1.0 and hours[0].correct.share == 0.0
    assert hours[12].correct.share is None


# -- topics, leeches, key points -----------------------------------------------------------------


def test_topic_mastery_groups_follow_ups_under_their_main_question(deck: Deck) -> None:
    states = {"q01": CardState(4, 2.6, 30, D), "q01.1": CardState(1, 1.8, 1, D),
              "q01.2": CardState(2, 1.8, 6, D), "q02": CardState(2, 2.2, 40, D)}
    reviews = [rp("q01.1", 1, days_ago(5)), rp("q01.1", 2, days_ago(3)),
               rp("q01.2", 4, days_ago(2)), rp("q02", 5, days_ago(9))]
    topics = {t.id: t for t in topic_stats(StatsInput.of(
        deck, D, reviews, states, suspended={"q02.1"}))}
    assert list(topics) == ["q01", "q02", "q03"]
    q01 = topics["q01"]
    assert (q01.cards, q01.studied, q01.mature) == (3, 3, 1)
    assert q01.mature_share == pytest.approx(1 / 3)
    assert q01.ease == pytest.approx((2.6 + 1.8 + 1.8) / 3)
    assert q01.weakest == ("q01.1", "q01.2", "q01")  # EF tie: more failures first
    assert (q01.reviews, q01.failures, q01.last_reviewed) == (3, 2, days_ago(2))
    assert q01.topic.get("en") == "Activations" and q01.question.get("en").startswith("q01")
    q02 = topics["q02"]  # q02.1 is suspended: out of the counts
    assert (q02.cards, q02.studied, q02.mature, q02.mature_share) == (1, 1, 1, 1.0)
    q03 = topics["q03"]
    assert (q03.studied, q03.ease, q03.last_reviewed, q03.weakest) == (0, None, None, ())


def test_core_points_covered_count_each_cards_latest_first_answer(tmp_path: Path) -> None:
    """Issue 15: progress that moves from day one. q01 has points 0 and 2 core (1 is an
    extra), q01.1 three core points; only studied cards cover any."""
    folder = tmp_path / "deck"
    q01 = card("q01")
    q01["key_points"][1]["core"] = False  # type: ignore[index]
    write_deck(folder, "a.yaml", [q01, card("q01.1", "q01"), card("q01.2", "q01")])
    deck = load_deck([DeckSource(folder)])
    states = {"q01": CardState(1, 2.5, 1, D), "q01.1": CardState(1, 2.5, 1, D)}
    reviews = [
        rp("q01", 2, days_ago(1), ticked=(0,)),
        rp("q01", 5, D, interval=1, ticked=(0, 1)),  # latest: point 0 (1 is an extra)
        rp("q01", 5, D, scheduled=False, ticked=(0, 1, 2)),  # a repeat, after the answer
        rp("q01.1", 4, D, ticked=(0, 1, 2)),
        rp("q01.2", 4, days_ago(2), ticked=(0, 1, 2)),  # studied, then forgotten: no state
    ]
    [topic] = topic_stats(StatsInput.of(deck, D, reviews, states))
    assert (topic.cards, topic.studied) == (3, 2)
    assert (topic.core_covered, topic.core_points) == (1 + 3, 2 + 3 + 3)
    assert topic.core_share == pytest.approx(4 / 8)
    header, row = topic_columns((topic,), "en")
    assert header == ["mature", "studied", "core", "EF", "last", "weakest"]
    assert row[:3] == ["0%", "2/3", "4/8"] and row[4] == "03-02"
    assert topic_columns((topic,), "ko", weakest=False, whole_dates=True)[1][4] == "2026-03-02"


def test_a_forgotten_card_is_new_again_in_every_figure(deck: Deck) -> None:
    """Forget (card info) puts a card back to new: it leaves the studied and the mature
    counts, its next grade is a new card's, and its past stays in the history."""
    old = [review("q03", 5, days_ago(n)) for n in (40, 39, 33, 18)]
    forget = Forget(new_id(), "q03", old[-1].ts + timedelta(days=1), days_ago(17))
    again = review("q03", 4, D)
    before = build_report(StatsInput.capture(History(old), deck, D))
    assert before.cards.mature == 1 and before.topics[2].studied == 1
    forgotten = build_report(StatsInput.capture(History([*old, forget]), deck, D))
    assert forgotten.cards.new == 6 and forgotten.cards.mature == 0
    q03 = forgotten.topics[2]
    assert (q03.studied, q03.mature, q03.core_covered, q03.reviews) == (0, 0, 0, 4)
    assert forgotten.due.total == 0  # nothing scheduled
    assert forgotten.activity.totals.young == 1  # the review 18 days ago is still history
    studied = build_report(StatsInput.capture(History([*old, forget, again]), deck, D))
    assert (studied.today.reviews, studied.today.new) == (1, 1)  # new again, not young
    assert studied.cards.young == 1 and studied.topics[2].studied == 1
    assert studied.retention[-1].total.whole == 3  # the old reviews of an interval still count


def test_interview_answers_are_their_own_section_not_reviews(deck: Deck) -> None:
    ts = datetime(D.year, D.month, D.day, 10, tzinfo=KST)
    answers = [InterviewAnswer(new_id(), "iv1", card_id, ts, D, index, 2, 30_000, 60_000,
                               core=1, core_total=3)
               for index, card_id in enumerate(["q01", "q01.1"])]
    report = build_report(StatsInput.capture(History(answers), deck, D))
    assert report.today.reviews == 0 and report.activity.totals.total == 0
    assert report.cards.new == 6 and sum(report.grades) == 0
    assert (report.interviews.interviews, report.interviews.finished,
            report.interviews.answers) == (1, 1, 2)
    assert report.interviews.covered.ticked == 2 and report.interviews.covered.possible == 6
    text = text_report(report, "en")
    assert "No cards studied today yet." in text
    section = text.split("Mock interviews\n", 1)[1]
    assert "1 interview (1 finished), 2 answers" in section  # was "1 interviews"


def test_leeches_need_eight_failures_on_eight_days(deck: Deck) -> None:
    reviews = []
    for n in range(8):
        reviews.append(rp("q01", 1, days_ago(20 - n), interval=1))
        reviews.append(rp("q01", 0, days_ago(20 - n), scheduled=False))  # not a new failure
        if n < 7:
            reviews.append(rp("q02", 2, days_ago(20 - n), interval=1))
            reviews.append(rp("q02", 2, days_ago(20 - n), scheduled=False))
    states = {"q01": CardState(0, 1.3, 1, D)}
    [leech] = leeches(StatsInput.of(deck, D, reviews, states, suspended={"q01"}))
    assert (leech.card, leech.failures, leech.reviews) == ("q01", 8, 16)
    assert (leech.last_failed, leech.ease, leech.suspended) == (days_ago(13), 1.3, True)


def test_key_points_ticked_per_topic_by_week(deck: Deck) -> None:
    reviews = [
        rp("q01", 4, days_ago(20), ticked=(0,)),  # week 2 of 5: 1 of 3
        rp("q01", 2, days_ago(20), scheduled=False, ticked=(0, 1, 2)),  # repeat: left out
        rp("q03", 5, days_ago(1), ticked=(0, 1, 2, 3)),  # last week: 4 of 4
        rp("q01.1", 5, D, interval=6, ticked=(0, 1, 2, 7)),  # 3 of 3 (7 is no key point)
        rp("q01", 5, days_ago(60), ticked=(0,)),  # before the range
    ]
    assert week_periods(D, 30) == [(days_ago(34 - 7 * w), days_ago(28 - 7 * w))
                                   for w in range(5)]
    overall, q01, q02, q03 = key_point_trends(StatsInput.of(deck, D, reviews), 30)
    assert (overall.id, q01.id, q02.id, q03.id) == ("", "q01", "q02", "q03")
    assert [p.reviews for p in overall.periods] == [0, 0, 1, 0, 2]
    assert overall.periods[2].share == pytest.approx(1 / 3)
    assert overall.periods[4].share == 1.0 and overall.periods[4].average == 3.5
    assert [p.share for p in q01.periods] == [None, None, pytest.approx(1 / 3), None, 1.0]
    assert all(p.share is None for p in q02.periods)
    assert overall.overall.share == pytest.approx(8 / 10)


def test_a_report_for_another_range_of_the_same_input_is_the_report_made_afresh(
        deck: Deck) -> None:
    """Issue 19: `build_report` keeps what does not depend on the range, and the weeks of
    key points already summed, in the input's memo; whatever order the ranges come in, each
    report is the one a fresh input gives."""
    cards = ("q01", "q01.1", "q02", "q03")
    reviews = sorted(
        (rp(cards[n % 4], 2 + n % 4, days_ago(n * 3 % 400), ticked=tuple(range(n % 4)),
            interval=None if n % 5 == 0 else 1 + n % 40) for n in range(300)),
        key=lambda r: r.review.day)
    states = {c: CardState(3, 2.3, 9, D + timedelta(days=2)) for c in cards}

    def fresh() -> StatsInput:
        return StatsInput.of(deck, D, reviews, states)

    for order in ((30, 90, 365, 30), (365, 90, 30), (90, 30, 365, 90)):
        data = fresh()
        for days in order:
            kept = build_report(data, days)
            again = build_report(fresh(), days)
            assert to_json(kept) == to_json(again) and kept == again
    trends = key_point_trends(data, 90)
    assert [p.reviews for p in trends[0].periods] == [
        p.reviews for p in key_point_trends(fresh(), 90)[0].periods]
    assert sum(p.reviews for p in trends[0].periods) > 10  # the rows do fall in the range


# -- replayed journals: undo, two devices, the rollover hour --------------------------------------


def test_undone_reviews_are_not_counted(deck: Deck) -> None:
    wrong, kept = review("q01", 1, D), review("q01", 5, D)
    old = review("q02", 2, days_ago(3))
    events: list[Event] = [
        old, Undo(new_id(), old.id, old.ts, old.day),
        wrong, Undo(new_id(), wrong.id, wrong.ts, D),
        kept,
    ]
    report = build_report(StatsInput.capture(History(events), deck, D))
    assert (report.today.reviews, report.today.new, report.today.failed.part) == (1, 1, 0)
    assert report.calendar.counts == {D: 1} and report.grades == (0, 0, 0, 0, 0, 1)
    assert report.cards.new == 5 and report.cards.young == 1


def test_two_devices_journals_merge(data_dir: Path, deck: Deck) -> None:
    for device, items in (("laptop", [("q01", 5, 0), ("q01", 4, 6)]),
                          ("desktop", [("q02", 5, 1), ("q01", 3, 7), ("q03", 1, 7)])):
        store = Store(data_dir, device)
        store.open()
        for card_id, grade, day_number in items:
            store.append(review(card_id, grade, days_ago(7 - day_number), hour=8 + day_number))
        store.close()
    history, _ = Store(data_dir, "phone").read()
    report = build_report(StatsInput.capture(history, deck, D))
    assert report.calendar.counts == {days_ago(7): 1, days_ago(6): 1, days_ago(1): 1, D: 2}
    assert (report.calendar.current, report.calendar.longest) == (2, 2)
    assert (report.today.reviews, report.today.cards) == (2, 2)
    # replayed in time order across journals: q01's review on D is its third, after day 1's
    q01 = [r for r in history.reviews_of("q01")]
    assert [r.before.repetitions for r in q01] == [0, 1, 2]
    assert report.retention[0].young.whole == 1  # q01 today; q03 today was new


def test_the_rollover_hour_keeps_late_reviews_on_the_evening_before(deck: Deck) -> None:
    class Journal:
        def append(self, event: Event, after: CardState | None = None,
                   scheduled: bool | None = None) -> None:
            pass

    clock = FakeClock(datetime(2026, 3, 2, 23, 30, tzinfo=KST))
    session = Session(deck, History(), Journal(), Settings(rollover_hour=4), clock)
    session.grade(5, ms=1000)
    clock.now = datetime(2026, 3, 3, 1, 30, tzinfo=KST)
    session.grade(4, ms=1000)
    assert session.today == D
    before = build_report(StatsInput.capture(session.history, deck, session.today))
    assert before.today.reviews == 2 and before.calendar.counts == {D: 2}
    clock.now = datetime(2026, 3, 3, 4, 30, tzinfo=KST)
    session.grade(3, ms=1000)
    after = build_report(StatsInput.capture(session.history, deck, session.today))
    assert after.day == D + timedelta(days=1)
    assert after.calendar.counts == {D: 2, D + timedelta(days=1): 1}
    assert (after.today.reviews, after.calendar.current) == (1, 2)
    hours = {h.hour: h.correct.whole for h in after.hours if h.correct.whole}
    assert hours == {23: 1, 1: 1, 4: 1}


# -- charts --------------------------------------------------------------------------------------


def test_heat_levels_by_percentile_rank() -> None:
    assert heat_levels([0, 1, 1, 1, 1, 2, 3, 4, 5]) == [0, 2, 2, 2, 2, 3, 3, 4, 4]
    assert heat_levels([0, 7]) == [0, 4]  # a single study day is the darkest
    assert heat_levels([3, 3, 3]) == [4, 4, 4]
    assert heat_levels([1, 100, 2, 3]) == [1, 4, 2, 3]  # an outlier does not wash out
    assert heat_levels([]) == []


def test_heatmap_grid_is_weeks_by_weekdays() -> None:
    wednesday = date(2026, 3, 4)
    grid = heatmap_grid({wednesday: 5, date(2026, 3, 2): 1, date(2025, 3, 3): 2}, wednesday)
    assert len(grid.cells) == 7 and len(grid.cells[0]) == 53
    assert grid.days[0][-1] == date(2026, 3, 2) and grid.days[0][0] == date(2025, 3, 3)
    assert grid.cells[2][-1] == 4 and grid.cells[0][-1] == 2 and grid.cells[0][0] == 3
    assert grid.cells[3][-1] is None and grid.cells[6][-1] is None  # the future
    assert grid.cells[1][10] == 0
    starts = grid.month_starts()  # the partial March the grid starts in is not named
    assert starts[0] == (4, date(2025, 4, 1)) and starts[-1] == (51, date(2026, 3, 1))
    assert len(starts) == 12
    assert heatmap_grid({}, date(2025, 9, 1), weeks=1).month_starts() == [
        (0, date(2025, 9, 1))]


def test_bars_and_columns() -> None:
    assert bar_heights([0, 1, 5, 10], 6) == [0, 1, 3, 6]
    assert bar_heights([0.5, 1.0], 4, maximum=1) == [2, 4]
    assert bar_heights([0, 0], 4) == [0, 0]
    assert bar_width(1, 100, 20) == 1 and bar_width(0, 5, 20) == 0 and bar_width(5, 5, 20) == 20
    assert fit_columns(30, 75).per == 1 and fit_columns(30, 75).pitch == 2
    wide = fit_columns(24, 90)
    assert (wide.per, wide.pitch, wide.bar) == (1, 3, 2)
    year = fit_columns(365, 74)
    assert year.per == 10 and year.count == 37
    assert group_sums([1, 2, 3, 4, 5], 2) == [3, 7, 5]
    # one fixed scale for every week and row; no data is its own level, not 0%
    assert [share_level(s) for s in (None, 0.0, 0.24, 0.25, 0.5, 0.74, 0.75, 1.0)] == [
        0, 1, 1, 2, 3, 3, 4, 4]


def test_text_widths_count_hangul_as_two_cells() -> None:
    assert width("활성화 ab") == 9
    assert fit("활성화 함수", 7) == "활성.. " and fit("ab", 4) == "ab  "


# -- the report as JSON and as text ----------------------------------------------------------------


def test_report_json_and_text(deck: Deck) -> None:
    reviews = [rp("q01", 5, days_ago(1), ticked=(0,)), rp("q01", 4, D, interval=21, ms=61_000),
               rp("q02", 1, D), rp("q02", 4, D, scheduled=False)]
    states = {"q01": CardState(3, 2.6, 55, D + timedelta(days=55)),
              "q02": CardState(0, 1.7, 1, D + timedelta(days=1))}
    report = build_report(StatsInput.of(deck, D, reviews, states), 90)
    data = json.loads(json.dumps(to_json(report)))
    assert data["day"] == "2026-03-02" and data["range"] == 90
    assert data["today"]["reviews"] == 3 and data["today"]["seconds"] == 81
    assert data["today"]["mature"] == {"correct": 1, "total": 1, "rate": 1.0}
    assert data["cards"]["new"] == 4 and data["cards"]["mature"] == 1
    assert data["cards"]["young"] == 1
    assert len(data["forecast"]) == 90
    assert data["forecast"][1] == {"date": "2026-03-03", "due": 1}
    assert data["forecast"][55]["due"] == 1 and data["due"]["tomorrow"] == 1
    assert data["streak"] == {"current": 2, "longest": 2}
    assert data["retention"]["today"]["mature"] == {"passed": 1, "total": 1, "rate": 1.0}
    assert data["retention"]["today"]["rate"] == 1.0
    assert data["topics"][0]["id"] == "q01" and data["topics"][0]["mature"] == 1
    assert data["topics"][0]["topic"] == {"ko": "활성화", "en": "Activations"}
    assert len(data["calendar"]["days"]) == 365 and data["calendar"]["days"][-1] == {
        "date": "2026-03-02", "reviews": 3}
    assert len(data["reviews"]["days"]) == 90 and data["reviews"]["repeat"] == 1
    assert data["grades"] == [0, 1, 0, 0, 2, 1] and len(data["hours"]) == 24
    assert data["leeches"] == []
    assert len(data["key_points"]["topics"]) == 3
    with pytest.raises(ValueError, match="range"):
        build_report(StatsInput.of(deck, D), 7)

    english = text_report(report, "en")
    assert "3 reviews of 2 cards (1 new, 1 repeat) in 1m 21s" in english
    assert "streak 2 days (longest 2 days)" in english
    assert "correct on mature cards 1/1 (100%)" in english
    assert "No card has failed 8 times or more." in english
    korean = text_report(report, "ko")
    assert "카드 2장, 복습 3회" in korean and "활성화" in korean


def test_every_json_key_is_documented_in_the_readme(deck: Deck) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Stats\n", 1)[1].split("\n## ", 1)[0]
    reviews = [rp("q01", 1, D, interval=3, ticked=(0,)) for _ in range(8)]
    data = to_json(build_report(StatsInput.of(deck, D, reviews), 30))

    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list) and value:
            return keys(value[0])
        return set()

    documented = {word for span in re.findall(r"`([^`]+)`", section)
                  for word in re.findall(r"\w+", span)}
    missing = keys(data) - documented
    assert not missing, f"undocumented JSON keys: {sorted(missing)}"


def test_text_keeps_long_topic_names_whole(deck: Deck) -> None:
    """`stats --text` has no width limit: a 40-cell topic name is printed whole."""
    report = build_report(StatsInput.of(deck, D, [rp("q01", 4, D)]), 30)
    name = "Convolutional networks and their receptive fields"
    first = dataclasses.replace(report.topics[0], topic=Text(ko=name, en=name))
    report = dataclasses.replace(report, topics=(first, *report.topics[1:]))
    for language in ("ko", "en"):
        text = text_report(report, language)
        assert name in text
        lines = text.split("\n")
        header = next(i for i, line in enumerate(lines)
                      if line.startswith(f"  {'주제' if language == 'ko' else 'topic'} "))
        assert lines[header + 1].startswith(f"  q01 {name}  ")
        # the figures end under the end of their heading, Hangul counted as two cells
        mature = "성숙" if language == "ko" else "mature"
        head = lines[header]
        end = width(head[:head.index(mature) + len(mature)])
        for line in lines[header + 1:header + 4]:
            share = re.search(r"\d+%", line)
            assert share is not None and width(line[:share.end()]) == end
