"""The mock interview's core: which questions, in which order, the clock, and the report."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from dlflash.deck.loader import DeckSource, load_deck
from dlflash.deck.model import Deck
from dlflash.journal.events import Review
from dlflash.journal.history import History
from dlflash.judge.verdict import judge
from dlflash.sm2 import CardState
from dlflash.stats.log import StatsInput
from dlflash.study.interview import (
    Countdown,
    InterviewError,
    InterviewRequest,
    chains,
    clock_text,
    plan_interview,
    topic_strength,
)
from dlflash.study.interview_report import Answered, InterviewReport, to_markdown

from conftest import KST
from helpers import card, small_deck, write_deck

REQUEST = InterviewRequest(main_ms=120_000, follow_up_ms=60_000)
DAY = date(2026, 3, 2)


def deck_of(folder: Path) -> Deck:
    return load_deck([DeckSource(folder)])


def big_deck(folder: Path, mains: int = 10) -> Deck:
    for i in range(1, mains + 1):
        main = f"q{i:02}"
        write_deck(folder, f"{main}.yaml", [card(main), card(f"{main}.1", main)],
                   topic={"ko": f"주제 {i}", "en": f"Topic {i}"})
    return deck_of(folder)


def ids(plan_questions: object) -> list[str]:
    return [q.card.id for q in plan_questions]  # type: ignore[attr-defined]


def test_chains_hold_the_follow_ups_in_deck_order(tmp_path: Path) -> None:
    found = chains(deck_of(small_deck(tmp_path)))
    assert [(c.main.id, [f.id for f in c.follow_ups]) for c in found] == [
        ("q01", ["q01.1", "q01.2"]), ("q02", ["q02.1"]), ("q03", [])]


def test_the_plan_chains_each_main_question_with_its_follow_ups(tmp_path: Path) -> None:
    plan = plan_interview(deck_of(small_deck(tmp_path)), REQUEST, {}, "i1")
    assert plan.id == "i1"
    assert ids(plan.questions) == ["q01", "q01.1", "q01.2", "q02", "q02.1", "q03"]
    assert ids(plan.mains) == ["q01", "q02", "q03"]
    second_follow_up = plan.questions[2]
    assert [c.id for c in second_follow_up.chain] == ["q01", "q01.1"]
    assert (second_follow_up.index, second_follow_up.main) == (2, 0)
    assert [q.limit_ms for q in plan.questions] == [120_000, 60_000, 60_000, 120_000, 60_000,
                                                    120_000]
    assert plan.limit_ms == 540_000
    assert plan.questions[3].chain == () and plan.questions[3].is_main


def test_weakest_main_questions_come_first(tmp_path: Path) -> None:
    deck = deck_of(small_deck(tmp_path))
    request = InterviewRequest(60_000, 30_000, count=2)
    plan = plan_interview(deck, request, {"q01": 0.9, "q02": 0.1, "q03": 0.5}, "i")
    assert ids(plan.mains) == ["q02", "q03"]
    # equals in deck order; a main question without a figure counts as unknown (0)
    plan = plan_interview(deck, request, {"q01": 0.5, "q03": 0.5}, "i")
    assert ids(plan.mains) == ["q02", "q01"]


def test_random_order_follows_the_seed(tmp_path: Path) -> None:
    deck = big_deck(tmp_path)

    def order(seed: int) -> list[str]:
        request = InterviewRequest(1, 1, count=10, order="random", seed=seed)
        return ids(plan_interview(deck, request, {}, "i").mains)

    assert order(7) == order(7)
    assert sorted(order(7)) == [f"q{i:02}" for i in range(1, 11)]
    assert len({tuple(order(seed)) for seed in range(5)}) > 1


@pytest.mark.parametrize(("topic", "expected"), [
    ("q02", ["q02"]), ("Q02", ["q02"]),
    ("topic 1", ["q01", "q10"]),   # a word of the name: "Topic 1" and "Topic 10"
    ("주제 3", ["q03"]),
    ("test", ["q01", "q02", "q03"]),  # a tag: every card has it; count caps at 3
])
def test_topics_choose_the_main_questions(tmp_path: Path, topic: str,
                                          expected: list[str]) -> None:
    plan = plan_interview(big_deck(tmp_path), InterviewRequest(1, 1, topics=(topic,)), {}, "i")
    assert ids(plan.mains) == expected


def test_several_topics_and_a_count(tmp_path: Path) -> None:
    deck = big_deck(tmp_path)
    request = InterviewRequest(1, 1, count=5, topics=("q04", "q02", "q04"))
    assert ids(plan_interview(deck, request, {"q02": 0.9}, "i").mains) == ["q04", "q02"]


def test_an_unknown_topic_is_one_clear_sentence(tmp_path: Path) -> None:
    deck = deck_of(small_deck(tmp_path))
    with pytest.raises(InterviewError, match=r"No main question matches the topic 'gan'; "
                                             r"give a card id \(q01, q02, q03\)"):
        plan_interview(deck, InterviewRequest(1, 1, topics=("cnn", "gan")[1:]), {}, "i")
    with pytest.raises(InterviewError, match="at least one main question"):
        plan_interview(deck, InterviewRequest(1, 1, count=0), {}, "i")
    with pytest.raises(InterviewError, match="no main question"):
        plan_interview(Deck(), REQUEST, {}, "i")


def _review(card_id: str, day: date, ticked: tuple[int, ...]) -> Review:
    ts = datetime(day.year, day.month, day.day, 9, tzinfo=KST)
    return Review(id=f"{card_id}-{day}", card=card_id, ts=ts, day=day, grade=4, ticked=ticked)


def test_strength_is_mastery_and_the_latest_coverage(tmp_path: Path) -> None:
    deck = deck_of(small_deck(tmp_path))  # three key points a card
    history = History([
        _review("q01", date(2026, 3, 1), (0, 1, 2)),
        _review("q01", DAY, (0,)),            # the latest answer counts: 1 of 3
        _review("q02", DAY, (0, 1, 2)),
        _review("q02.1", DAY, (0, 1, 2)),
    ])
    mature = CardState(repetitions=5, easiness=2.5, interval=30, due=date(2026, 4, 1))
    data = StatsInput.of(deck, DAY, history.all_reviews(),
                         {**history.states, "q02": mature, "q02.1": mature})
    strength = topic_strength(data)
    assert strength["q01"] == pytest.approx((0 + (1 / 3) / 3) / 2)
    assert strength["q02"] == pytest.approx((1 + 1) / 2)
    assert strength["q03"] == 0
    # an interview answer on the same day or later wins over the review; earlier loses
    later = topic_strength(data, {"q01": (DAY.toordinal(), 1.0),
                                  "q02": (DAY.toordinal() - 1, 0.0)})
    assert later["q01"] == pytest.approx((0 + 1 / 3) / 2)
    assert later["q02"] == strength["q02"]


def test_the_countdown_turns_to_overtime_without_stopping() -> None:
    assert Countdown(0, 120_000).text == "2:00"
    assert Countdown(500, 120_000).text == "2:00"      # rounded up while counting down
    assert Countdown(1_000, 120_000).text == "1:59"
    assert Countdown(120_000, 120_000).text == "0:00"
    assert not Countdown(120_000, 120_000).over
    over = Countdown(125_400, 120_000)
    assert (over.over, over.overtime_ms, over.remaining_ms, over.text) == (
        True, 5_400, 0, "+0:05")
    assert Countdown(60_000 * 75, 60_000).text == "+74:00"
    assert clock_text(65_999) == "1:05" and clock_text(-5) == "0:00"


# -- the report -------------------------------------------------------------------------------


def _report(tmp_path: Path) -> InterviewReport:
    deck = deck_of(small_deck(tmp_path))
    plan = plan_interview(deck, InterviewRequest(60_000, 30_000, count=1), {}, "i")
    typed = ["kw1 kw2 kw3", "", "kw1 | a pipe and ``` fences"]
    answers = tuple(
        Answered(question, f"e{question.index}", text, ms, judge(question.card, text),
                 looked_up=question.index == 1)
        for question, text, ms in zip(plan.questions, typed, (50_000, 42_000, 10_000),
                                      strict=True))
    return InterviewReport(plan, answers, datetime(2026, 3, 2, 9, 30, tzinfo=KST))


def test_the_report_sums_up_times_and_finds_the_weakest(tmp_path: Path) -> None:
    report = _report(tmp_path)
    full, empty, partial = report.answers
    assert (full.verdict.grade, empty.verdict.grade) == (5, 0)
    assert [a.overtime_ms for a in report.answers] == [0, 12_000, 0]
    assert (report.ms, report.over, report.looked_up) == (102_000, 1, 1)
    assert partial.coverage == pytest.approx(1 / 3)
    assert [a.question.card.id for a in report.weakest()] == ["q01.1", "q01.2"]
    regraded = report.graded(1, 5).graded(0, 1)
    assert [a.own for a in regraded.answers] == [1, 5, partial.verdict.grade]
    assert [a.question.card.id for a in regraded.weakest()] == ["q01", "q01.2"]
    assert report.answers[1].grade is None  # the report itself is unchanged
    with pytest.raises(ValueError):
        report.graded(0, 6)


def test_the_markdown_report(tmp_path: Path) -> None:
    report = _report(tmp_path).graded(1, 2)
    text = to_markdown(report, "en")
    assert text.startswith("# Mock interview, 2026-03-02 09:30\n\nmain questions: 1; questions "
                           "answered: 3 of 3, in 1:42 (limit 2:00); over time: 1; looked up: 1")
    assert "| 1 | q01 | q01 question in en | 0:50 | 1:00 | 3/3 | 0 | 5 | 5 |" in text
    assert "| 1.1 | q01.1 | q01.1 question in en | 0:42 | 0:30 | 0/3 | 0 | 0 | 2 |" in text
    assert "## Weakest answers\n\n1. q01.1, grade 2: q01.1 question in en\n" \
           "2. q01.2, grade 3: q01.2 question in en\n" in text
    assert "## 1. q01: q01 question in en" in text
    assert "### 1.1 q01.1: q01.1 question in en" in text
    assert "Time 0:42 of 0:30 (0:12 over). Suggested 0: 0 of 3 core points; nothing typed. " \
           "Your grade: 2. The model answer was looked up during the interview." in text
    assert "Your grade: 5 (the suggestion)." in text
    assert "(nothing typed: answered aloud)" in text
    assert "````text\nkw1 | a pipe and ``` fences\n````" in text  # verbatim
    assert "- [x] (core) point 1 of q01 (en)" in text
    assert "<details><summary>Model answer</summary>\n\n**q01** answer in en\n\n</details>" \
        in text
    korean = to_markdown(report, "ko")
    assert korean.startswith("# 모의 면접, 2026-03-02 09:30")
    assert "## 가장 약한 답" in korean and "q01 question in ko" in korean


def test_a_report_cut_short_says_what_was_not_reached(tmp_path: Path) -> None:
    report = _report(tmp_path)
    short = InterviewReport(report.plan, report.answers[:1], report.started)
    text = to_markdown(short, "en")
    assert "1 question(s) not reached" not in text
    assert "2 question(s) not reached" in text
    assert "No answer is graded below 4." in text
