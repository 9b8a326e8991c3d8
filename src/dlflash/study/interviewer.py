"""One mock interview as it runs: the question now and its clock, each answer judged by the
review screen's own judge and journaled (fsynced) before the next question, the candidate's
own grades, and the answers that go into today's review.

Interview events never touch a card's schedule. Putting answers into today's review does
not either: it moves new cards forward into today's new cards (their first grade there
schedules them, as any new card's) and asks studied cards again as same-day repeats, which
do not reschedule. Only `interview_counts_as_review` turns an own grade into a review: that
of a card not yet reviewed that study day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from dlflash.base.clock import study_day
from dlflash.base.config import Settings
from dlflash.base.language import nfc
from dlflash.base.safe_text import printable
from dlflash.journal.events import Event, InterviewAnswer, InterviewGrade, new_id
from dlflash.judge.verdict import judge
from dlflash.stats.log import StatsInput
from dlflash.study.interview import (
    Countdown,
    InterviewRequest,
    Plan,
    Question,
    plan_interview,
    topic_strength,
)
from dlflash.study.interview_report import Answered, InterviewReport
from dlflash.study.session import Session


def request_for(settings: Settings, **changes: Any) -> InterviewRequest:
    """The default interview of the settings' time limits, with `changes`."""
    return replace(InterviewRequest(main_ms=round(settings.interview_minutes * 60_000),
                                    follow_up_ms=round(
                                        settings.interview_follow_up_minutes * 60_000)),
                   **changes)


def new_plan(session: Session, request: InterviewRequest) -> Plan:
    """The questions of a new interview, weakest first by what the history says now."""
    return plan_later(session, request)()


def plan_later(session: Session, request: InterviewRequest) -> Callable[[], Plan]:
    """`new_plan` in two halves: what it needs of the history is copied now, on the thread
    that owns the session (cheap); the function returned does the work (the statistics
    of every review, 0.8 s at a million) anywhere, a worker thread included."""
    history, deck = session.history, session.deck
    covered = {answer.card: (answer.day.toordinal(),
                             answer.core / answer.core_total if answer.core_total else 0.0)
               for answer in history.interview_answers()}
    data = (StatsInput.later(history, deck, session.today) if request.order == "weakest"
            else None)
    interview_id = new_id()

    def plan() -> Plan:
        strength = topic_strength(data(), covered) if data is not None else {}
        return plan_interview(deck, request, strength, interview_id)

    return plan


class Interviewer:
    """Asks a plan's questions in order. `show()` starts the current question's clock,
    `answer()` keeps what was said and moves on; nothing is ever cut off by the clock."""

    def __init__(self, plan: Plan, session: Session) -> None:
        self.plan = plan
        self.session = session
        self.started: datetime = session.clock()
        self.answers: list[Answered] = []
        self._shown_at: datetime | None = None
        self._looked_up = False
        self._reviewed: set[str] = set()
        """Cards this interview has put into today's review."""

    # -- asking ---------------------------------------------------------------------------

    @property
    def current(self) -> Question | None:
        index = len(self.answers)
        return self.plan.questions[index] if index < len(self.plan.questions) else None

    @property
    def looked_up(self) -> bool:
        return self._looked_up

    def show(self) -> None:
        """The current question is on screen: its clock starts now."""
        if not self.answers and self._shown_at is None:
            self.started = self.session.clock()
        self._shown_at = self.session.clock()
        self._looked_up = False

    def elapsed_ms(self) -> int:
        if self._shown_at is None:
            return 0
        seconds = (self.session.clock() - self._shown_at).total_seconds()
        return max(0, int(seconds * 1000))

    def countdown(self) -> Countdown | None:
        question = self.current
        if question is None or self._shown_at is None:
            return None
        return Countdown(self.elapsed_ms(), question.limit_ms)

    def look_up(self) -> None:
        """The candidate asked for the model answer: the answer is marked as looked up."""
        self._looked_up = True

    def _stamp(self) -> dict[str, Any]:
        now = self.session.clock()
        return {"id": new_id(), "ts": now, "device": self.session.device,
                "day": study_day(now, self.session.settings.rollover_hour)}

    def _record(self, event: Event) -> None:
        """On disk (fsynced) first, then in the history; undo in the review leaves it."""
        journal = self.session.journal
        if journal is None:
            raise RuntimeError("this session is read-only")
        journal.append(event)
        self.session.history.apply(event)

    def answer(self, text: str, language: str = "") -> Answered:
        """Judge what was typed (maybe nothing: answered aloud), journal it, move on."""
        question = self.current
        if question is None:
            raise LookupError("the interview is over")
        ms = self.elapsed_ms()
        text = printable(nfc(text))
        verdict = judge(question.card, text)
        score = verdict.score
        event = InterviewAnswer(
            **self._stamp(), interview=self.plan.id, card=question.card.id,
            index=question.index, of=len(self.plan.questions), ms=ms,
            limit_ms=question.limit_ms, answer=text, language=language,
            looked_up=self._looked_up, ticked=tuple(sorted(verdict.ticked)),
            traps=tuple(hit.trap for hit in verdict.traps), core=score.core,
            core_total=score.core_total, suggested=verdict.grade)
        self._record(event)
        answered = Answered(question, event.id, text, ms, verdict, self._looked_up,
                            language=language)
        self.answers.append(answered)
        self.show()
        return answered

    # -- the report -----------------------------------------------------------------------

    @property
    def report(self) -> InterviewReport:
        return InterviewReport(self.plan, tuple(self.answers), self.started)

    def grade(self, index: int, grade: int) -> None:
        """The candidate's own grade of answer `index`, journaled (the latest counts)."""
        answered = self.answers[index]
        if answered.grade == grade:
            return
        updated = self.report.graded(index, grade).answers[index]
        self._record(InterviewGrade(**self._stamp(), target=answered.event_id, grade=grade))
        self.answers[index] = updated

    def accept(self) -> None:
        """Every answer not graded yet takes the suggested grade as its own; with
        `interview_counts_as_review`, each card not reviewed yet today is reviewed with it."""
        for index, answered in enumerate(self.answers):
            if answered.grade is None:
                self.grade(index, answered.own)
        if self.session.settings.interview_counts_as_review:
            today = self.session.today
            reviewed = {r.review.card for r in self.session.history.reviews_on(today)
                        if r.scheduled}
            self._review(a for a in self.answers if a.question.card.id not in reviewed)

    def _review(self, answers: Iterable[Answered]) -> None:
        """Review each answer's card now with the own grade (journaled like any grade:
        the first of its study day schedules it, below 4 it comes back as a repeat); a
        card this interview reviewed already is skipped."""
        for answered in answers:
            card = answered.question.card.id
            if card in self._reviewed or card not in self.session.deck:
                continue
            self.session.grade(answered.own, answer=answered.answer,
                               ticked=sorted(answered.verdict.ticked), ms=answered.ms,
                               language=answered.language, card_id=card)
            self._reviewed.add(card)

    def into_review(self, answers: Iterable[Answered]) -> tuple[list[str], list[str]]:
        """Put the answers' cards into today's review without touching their schedule:
        new cards moved forward into today's new cards, studied ones asked again as
        repeats (`Session.into_today`). Returns those moved forward and those asked
        again; a card already in today's queue is left where it is."""
        return self.session.into_today([a.question.card.id for a in answers])
