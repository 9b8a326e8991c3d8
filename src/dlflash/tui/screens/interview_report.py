"""The report at the end of a mock interview: one row per question (time against its limit,
core points, traps, the suggested grade and the candidate's own, the suggestion until they
change it), the chosen question in full (what was typed, the key points, the model answer
on request), the weakest answers and one key to put them into today's review.

With `--report FILE.md` the Markdown report is written when this screen opens and again
after every change, so the file always says what the screen says.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from dlflash.base.atomic import write_atomic
from dlflash.base.language import Language
from dlflash.journal.store import StoreError
from dlflash.study.interview import clock_text
from dlflash.study.interview_report import (
    Answered,
    InterviewReport,
    question_numbers,
    to_markdown,
)
from dlflash.study.interviewer import Interviewer
from dlflash.tui.commands import REPORT_COMMANDS, bindings, relabel
from dlflash.tui.screens.help import HelpScreen
from dlflash.tui.text import tr
from dlflash.tui.widgets.checklist import Checklist
from dlflash.tui.widgets.keybar import KeyBar
from dlflash.tui.widgets.model_answer import ModelAnswer
from dlflash.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from dlflash.tui.host import Host


COMMANDS = tuple(replace(command, priority=True) for command in REPORT_COMMANDS)
"""The report's commands, all handled as the arrows are (which come before the scrolling
body's own): by the app, in the order typed. Otherwise the arrows would jump ahead of the
keys queued before them, and `down 2 down 0` typed faster than the screen follows would
give both grades to the third row."""


def row_forms(answer: Answered, number: str, language: Language) -> list[str]:
    """One line per question, longest first: `1.1  q01.1   0:42/0:30 +0:12  core 0/3  traps
    0  suggests 1  grade 1 (suggested)  looked up`; then without what another part already
    says (no traps, a suggestion that is the grade shown as suggested); then without the
    looked-up flag (the chosen question's title keeps it)."""
    score = answer.verdict.score
    over = f" +{clock_text(answer.overtime_ms)}" if answer.overtime_ms else ""
    lead = (f"{number:<5}{answer.question.card.id:<8}"
            f"{clock_text(answer.ms)}/{clock_text(answer.question.limit_ms)}{over:<7} ")
    core = tr("rp.core", language, core=score.core, core_total=score.core_total)
    traps = tr("rp.traps", language, traps=score.traps)
    suggests = tr("rp.suggests", language, suggested=answer.verdict.grade)
    own = tr("rp.own" if answer.grade is not None else "rp.own.suggested", language,
             grade=answer.own)
    looked = [tr("iv.looked_up", language)] if answer.looked_up else []
    full = [core, traps, suggests, own]
    short = [core, *([traps] if score.traps else []),
             *([suggests] if answer.grade is not None else []), own]
    return [lead + "  ".join(full + looked), lead + "  ".join(short + looked),
            lead + "  ".join(short)]


def row_text(answer: Answered, number: str, language: Language,
             width: int | None = None) -> str:
    """The longest of `row_forms` that fits `width` cells (a Static cut short ends in an
    ellipsis, an ambiguous-width glyph); the shortest if none does."""
    forms = row_forms(answer, number, language)
    if width is None:
        return forms[0]
    return next((form for form in forms if cell_len(form) <= width), forms[-1])


class InterviewReportScreen(Screen[None]):
    BINDINGS = bindings(COMMANDS, "en")
    COMMAND_REGISTRY = COMMANDS

    app: Host

    def __init__(self, interviewer: Interviewer, report_path: Path | None = None) -> None:
        super().__init__()
        self.interviewer = interviewer
        self.report_path = report_path
        self.selected = 0
        self.show_model = False

    @property
    def report(self) -> InterviewReport:
        return self.interviewer.report

    def compose(self) -> ComposeResult:
        with Horizontal(id="rp-top"):
            yield Static("", id="rp-where", markup=False)
        with VerticalScroll(id="rp-body"):
            yield Static("", id="rp-summary", markup=False)
            with Vertical(id="rp-rows"):
                for answer in self.report.answers:
                    yield Static("", id=f"rp-row-{answer.question.index}", classes="rp-row",
                                 markup=False)
            yield Static("", id="rp-weak-title", classes="pane-title", markup=False)
            yield Static("", id="rp-weak", markup=False)
            yield Static("", id="rp-detail-title", classes="pane-title", markup=False)
            yield Static("", id="rp-question", markup=False)
            yield Static("", id="rp-typed", markup=False)
            yield Static("", id="rp-verdict", markup=False)
            yield Checklist(id="rp-points")
            yield Static("", id="rp-traps", markup=False)
            yield Static("", id="rp-model-title", classes="pane-title", markup=False)
            yield ModelAnswer("", id="rp-model")
        yield Static("", id="rp-hint", markup=False)
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "language", self._language_changed, init=False)
        relabel(self, COMMANDS, self.language)
        self._render_all()
        self._write()
        self.query_one("#rp-body").focus()

    @property
    def language(self) -> Language:
        return self.app.language

    # -- showing --------------------------------------------------------------------------

    def _set(self, selector: str, text: str) -> None:
        self.query_one(f"#{selector}", Static).update(text)

    def _numbers(self) -> dict[int, str]:
        return question_numbers(self.report.plan)

    def _render_all(self) -> None:
        language, report = self.language, self.report
        plan = report.plan
        self._set("rp-where", tr("rep.title", language))
        self._set("rp-summary", tr(
            "rep.summary", language, mains=len(plan.mains), answered=len(report.answers),
            total=len(plan.questions), time=clock_text(report.ms),
            limit=clock_text(plan.limit_ms), over=report.over, looked=report.looked_up))
        self._render_rows()
        weakest = report.weakest()
        self._set("rp-weak-title", tr("rep.weakest", language))
        lines = [tr("rep.weakest.line", language, card=a.question.card.id, grade=a.own,
                    question=a.question.card.question.get(language)) for a in weakest]
        if weakest:
            lines.append(tr("rp.into_review", language, n=len(weakest)))
        self._set("rp-weak", "\n".join(lines) or tr("rep.weakest.none", language))
        self._render_detail()
        self._set("rp-hint", tr("rp.hint", language))

    def _render_rows(self) -> None:
        """Every row in the same form, the longest in which all of them fit, so that the
        columns stay under each other."""
        language, numbers = self.language, self._numbers()
        # the rows' width inside the body's padding, scrollbar gutter and their own padding
        width = self.size.width - 6
        answers = self.report.answers
        forms = [row_forms(answer, numbers[answer.question.index], language)
                 for answer in answers]
        level = max((next((i for i, form in enumerate(row) if cell_len(form) <= width),
                          len(row) - 1) for row in forms), default=0)
        for position, (answer, row_form) in enumerate(zip(answers, forms, strict=True)):
            row = self.query_one(f"#rp-row-{answer.question.index}", Static)
            row.update(row_form[level])
            row.set_class(position == self.selected, "-selected")

    def _render_detail(self) -> None:
        from dlflash.judge.verdict import reason

        language = self.language
        if not self.report.answers:
            return
        answer = self.report.answers[self.selected]
        card = answer.question.card
        looked = f"  [{tr('iv.looked_up', language)}]" if answer.looked_up else ""
        self._set("rp-detail-title",
                  f"{self._numbers()[answer.question.index]}  {card.id}{looked}")
        self._set("rp-question", card.question.get(language))
        self._set("rp-typed", f"{tr('rep.answer', language)}: "
                  + (answer.answer.strip() or tr("rep.nothing", language)))
        self._set("rp-verdict", reason(answer.verdict, language))
        self.query_one("#rp-points", Checklist).show(card.key_points, set(answer.verdict.ticked),
                                                     language)
        traps = self.query_one("#rp-traps", Static)
        traps.display = bool(answer.verdict.traps)
        traps.update("\n".join(
            tr("trap", language, says=card.traps[hit.trap].says.get(language),
               fix=card.traps[hit.trap].fix.get(language)) for hit in answer.verdict.traps))
        self._set("rp-model-title", tr("model.title", language) if self.show_model
                  else tr("rp.model_hidden", language))
        model = self.query_one("#rp-model", ModelAnswer)
        model.display = self.show_model
        if self.show_model:
            model.update(card.answer.get(language))

    def on_resize(self) -> None:
        self.query_one(TooSmall).check(self.size, self.language)
        self._render_rows()

    def _language_changed(self) -> None:
        relabel(self, COMMANDS, self.language)
        self._render_all()
        self.on_resize()

    def _write(self) -> None:
        """The Markdown report, if one was asked for; a failure is said, never fatal."""
        if self.report_path is None:
            return
        try:
            write_atomic(self.report_path,
                         to_markdown(self.report, self.language).encode("utf-8"))
        except OSError as error:
            self.notify(tr("rp.write_failed", self.language, path=self.report_path,
                           error=error.strerror or error), severity="error", timeout=10)

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "into_review":
            return bool(self.report.weakest())
        return True

    def action_move(self, step: int) -> None:
        count = len(self.report.answers)
        if count:
            self.selected = (self.selected + step) % count
            self.show_model = False
            self._render_all()
            self.query_one(f"#rp-row-{self.report.answers[self.selected].question.index}"
                           ).scroll_visible(animate=False)

    def _saved(self, change: str, *values: int) -> bool:
        """Run one of the interviewer's journaled changes; False (and said) if it failed."""
        try:
            getattr(self.interviewer, change)(*values)
        except StoreError as error:
            self.notify(tr("notify.save_failed", self.language, error=error),
                        severity="error", timeout=10)
            return False
        return True

    def action_grade(self, grade: int) -> None:
        if self.report.answers and self._saved("grade", self.selected, grade):
            self._render_all()
            self.refresh_bindings()
            self._write()

    def action_model(self) -> None:
        self.show_model = not self.show_model
        self._render_detail()

    def action_into_review(self) -> None:
        language = self.language
        try:
            forward, repeats = self.interviewer.into_review(self.report.weakest())
        except StoreError as error:
            self.notify(tr("notify.save_failed", language, error=error),
                        severity="error", timeout=10)
            return
        parts = [tr(key, language, cards=", ".join(cards)) for key, cards in (
            ("rp.into_review.forward", forward), ("rp.into_review.repeats", repeats)) if cards]
        self.notify(tr("rp.into_review.done", language, what="; ".join(parts)) if parts
                    else tr("rp.into_review.already", language), markup=False)

    def action_done(self) -> None:
        """Keep the grades shown (the suggestions included) and go back to the review."""
        if self._saved("accept"):
            self._write()
            self.dismiss()

    def action_toggle_language(self) -> None:
        self.app.toggle_language()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(COMMANDS, self.language))

    def action_quit(self) -> None:
        self.app.exit()
