"""The report at the end of a mock interview: per question the time against its limit, the
judge's verdict on what was typed, the candidate's own grade (the suggestion until they
give one); then the weakest answers. Pure; `to_markdown` writes it to keep or share.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from dlflash import sm2
from dlflash.base.language import Language, localized
from dlflash.study.interview import Plan, Question, clock_text
from dlflash.study.interview_labels import LABELS

if TYPE_CHECKING:
    from dlflash.judge.verdict import Verdict


def label(key: str, language: Language, **values: object) -> str:
    template = localized(LABELS[key], language)
    return template.format(**values) if values else template


@dataclass(frozen=True, slots=True)
class Answered:
    """One question answered: what was typed (maybe nothing), how long it took, what the
    judge made of it, and the journal event that keeps it."""

    question: Question
    event_id: str
    answer: str
    ms: int
    verdict: Verdict
    looked_up: bool = False
    grade: int | None = None
    """The candidate's own grade; None while they have not given one."""
    language: str = ""
    """The language the question was asked in."""

    @property
    def own(self) -> int:
        """The own grade, the judge's suggestion until one is given."""
        return self.verdict.grade if self.grade is None else self.grade

    @property
    def overtime_ms(self) -> int:
        return max(0, self.ms - self.question.limit_ms)

    @property
    def coverage(self) -> float:
        """The share of core points covered (of all points for a card without core ones)."""
        score = self.verdict.score
        if score.core_total:
            return score.core / score.core_total
        total = score.extra_total
        return score.extra / total if total else 0.0


@dataclass(frozen=True, slots=True)
class InterviewReport:
    plan: Plan
    answers: tuple[Answered, ...]
    started: datetime

    @property
    def ms(self) -> int:
        return sum(answer.ms for answer in self.answers)

    @property
    def over(self) -> int:
        return sum(answer.overtime_ms > 0 for answer in self.answers)

    @property
    def looked_up(self) -> int:
        return sum(answer.looked_up for answer in self.answers)

    def weakest(self) -> tuple[Answered, ...]:
        """The answers whose own grade is below 4 (those SM-2 would bring back the same
        day), worst first: lowest grade, then least covered, then in the order asked."""
        weak = [answer for answer in self.answers if answer.own < sm2.REPEAT_BELOW]
        return tuple(sorted(weak, key=lambda a: (a.own, a.coverage, a.question.index)))

    def graded(self, index: int, grade: int) -> InterviewReport:
        """The report with the own grade of answer `index` set."""
        sm2.check_grade(grade)
        answers = list(self.answers)
        answers[index] = replace(answers[index], grade=grade)
        return replace(self, answers=tuple(answers))


# -- Markdown ---------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Text in one table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _fenced(text: str) -> list[str]:
    """Typed text, verbatim: a fence longer than any run of backticks in it."""
    longest, run = 0, 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", text, fence]


def _section(answer: Answered, number: str, language: Language) -> list[str]:
    from dlflash.judge.verdict import reason

    card = answer.question.card
    over = answer.overtime_ms
    lines = [
        f"{'## ' + number + '.' if answer.question.is_main else '### ' + number} {card.id}: "
        f"{_cell(card.question.get(language))}",
        "",
        label("rep.line", language, time=clock_text(answer.ms),
              limit=clock_text(answer.question.limit_ms),
              over=label("rep.line.over", language, time=clock_text(over)) if over else "",
              reason=reason(answer.verdict, language), grade=answer.own,
              own=label("rep.line.suggested", language) if answer.grade is None else "",
              looked=label("rep.line.looked", language) if answer.looked_up else ""),
        "",
        f"**{label('rep.answer', language)}**",
        "",
        *(_fenced(answer.answer.strip()) if answer.answer.strip()
          else [label("rep.nothing", language)]),
        "",
        f"**{label('rep.points', language)}**",
        "",
    ]
    ticked = answer.verdict.ticked
    for index, point in enumerate(card.key_points):
        mark = "x" if index in ticked else " "
        kind = label("rep.core" if point.core else "rep.extra", language)
        lines.append(f"- [{mark}] ({kind}) {_cell(point.text.get(language))}")
    for hit in answer.verdict.traps:
        trap = card.traps[hit.trap]
        lines += ["", label("rep.trap", language, says=trap.says.get(language),
                            fix=trap.fix.get(language))]
    lines += ["", f"<details><summary>{label('rep.model', language)}</summary>", "",
              card.answer.get(language).strip(), "", "</details>", ""]
    return lines


def to_markdown(report: InterviewReport, language: Language) -> str:
    """The whole report as Markdown: a summary table, the weakest answers, then each
    question with the typed answer, the key points and the model answer (folded)."""
    plan, answers = report.plan, report.answers
    lines = [
        f"# {label('rep.heading', language, when=report.started.strftime('%Y-%m-%d %H:%M'))}",
        "",
        label("rep.summary", language, mains=len(plan.mains), answered=len(answers),
              total=len(plan.questions), time=clock_text(report.ms),
              limit=clock_text(plan.limit_ms), over=report.over, looked=report.looked_up),
        "",
    ]
    columns = label("rep.columns", language).split("|")
    lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    numbers = question_numbers(plan)
    for answer in answers:
        question, score = answer.question, answer.verdict.score
        lines.append("| " + " | ".join((
            numbers[question.index], question.card.id, _cell(question.card.question.get(
                language)), clock_text(answer.ms), clock_text(question.limit_ms),
            f"{score.core}/{score.core_total}", str(score.traps), str(answer.verdict.grade),
            str(answer.own))) + " |")
    missing = len(plan.questions) - len(answers)
    if missing:
        lines += ["", label("rep.unanswered", language, n=missing)]
    lines += ["", f"## {label('rep.weakest', language)}", ""]
    weakest = report.weakest()
    lines += [f"{rank}. " + label("rep.weakest.line", language, card=a.question.card.id,
                                   grade=a.own, question=_cell(a.question.card.question.get(
                                       language)))
              for rank, a in enumerate(weakest, start=1)] or [
        label("rep.weakest.none", language)]
    lines.append("")
    for answer in answers:
        lines += _section(answer, numbers[answer.question.index], language)
    return "\n".join(lines)


def question_numbers(plan: Plan) -> dict[int, str]:
    """`1`, `1.1`, `1.2`, `2`, ...: a main question's number, then its follow-ups'."""
    numbers: dict[int, str] = {}
    follow_up = 0
    for question in plan.questions:
        follow_up = 0 if question.is_main else follow_up + 1
        numbers[question.index] = (f"{question.main + 1}" if question.is_main
                                   else f"{question.main + 1}.{follow_up}")
    return numbers
