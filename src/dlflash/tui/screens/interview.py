"""The mock interview: the plan, then one question at a time against its clock.

Only the question is shown (a follow-up also shows, dimmed, the chain asked so far), with
a countdown that turns to overtime and never cuts the candidate off, and a box for notes
or the answer. Typing nothing and answering aloud is fine: enter on the empty box, or
space/enter outside it, moves on. The model answer stays hidden unless asked for (ctrl+r),
which marks the answer as looked up. Each answer is journaled before the next question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from dlflash.base.language import Language, counted
from dlflash.journal.store import StoreError
from dlflash.study.interview import InterviewRequest, Plan, clock_text
from dlflash.study.interview_labels import NOUNS
from dlflash.study.interviewer import Interviewer, new_plan, plan_later
from dlflash.tui.commands import INTERVIEW_COMMANDS, bindings, relabel
from dlflash.tui.screens.help import HelpScreen
from dlflash.tui.text import tr
from dlflash.tui.widgets.key_taker import AnswerBox, QuestionText, passed_on
from dlflash.tui.widgets.keybar import KeyBar
from dlflash.tui.widgets.model_answer import ModelAnswer
from dlflash.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from dlflash.tui.host import Host

_ASKING = {"next", "look_up", "leave_answer", "edit_answer", "end"}
_INTRO = {"start", "shuffle", "weakest", "cancel"}


@dataclass
class Planned(Message):
    """The questions of `request` were chosen (in a worker)."""

    request: InterviewRequest
    plan: Plan


class InterviewScreen(Screen[None]):
    BINDINGS = bindings(INTERVIEW_COMMANDS, "en")
    COMMAND_REGISTRY = INTERVIEW_COMMANDS

    stage: reactive[str] = reactive("intro", bindings=True)
    """"intro" (the plan, the clock not started) or "asking"."""

    app: Host

    def __init__(self, plan: Plan | None, request: InterviewRequest,
                 report_path: Path | None = None) -> None:
        """Without a `plan`, the questions are chosen in a worker thread once the screen is
        up (weakest first reads every review: 0.8 s at a million), so `I` never freezes."""
        super().__init__()
        self.plan = plan
        self.request = request
        self.report_path = report_path
        self.interviewer: Interviewer | None = None
        self._in_box = False
        """The candidate is meant to be typing in the box (since a question was shown or
        `i`), not outside it (since esc)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="iv-top"):
            yield Static("", id="iv-where", markup=False)
            yield Static("", id="iv-progress", markup=False)
            yield Static("", id="iv-clock", markup=False)
        with VerticalScroll(id="iv-body"):
            yield Static("", id="iv-intro", markup=False)
            yield Static("", id="iv-chain", markup=False)
            yield QuestionText(self._question_key, id="iv-question", markup=False)
            yield AnswerBox(self._notes_key, id="iv-notes", soft_wrap=True,
                           show_line_numbers=False, tab_behavior="focus")
            yield Static("", id="iv-model-title", classes="pane-title", markup=False)
            yield ModelAnswer("", id="iv-model")
        yield Static("", id="iv-hint", markup=False)
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#iv-question").can_focus = True
        self.watch(self.app, "language", self._language_changed, init=False)
        relabel(self, INTERVIEW_COMMANDS, self.language)
        self.set_interval(0.25, self.refresh_clock)
        if self.plan is None:
            self._choose(plan_later(self.app.session, self.request), self.request)
        self._render_all()
        self.query_one("#iv-question").focus()

    @property
    def language(self) -> Language:
        return self.app.language

    @property
    def notes(self) -> AnswerBox:
        return self.query_one("#iv-notes", AnswerBox)

    # -- showing --------------------------------------------------------------------------

    def _set(self, selector: str, text: str) -> None:
        self.query_one(f"#{selector}", Static).update(text)

    def _render_all(self) -> None:
        language = self.language
        interviewer = self.interviewer
        question = interviewer.current if interviewer else None
        asking = question is not None
        for part in ("iv-chain", "iv-question", "iv-notes"):
            self.query_one(f"#{part}").display = asking
        self.query_one("#iv-intro").display = not asking
        looked_up = asking and interviewer is not None and interviewer.looked_up
        self.query_one("#iv-model-title").display = looked_up
        self.query_one("#iv-model").display = looked_up
        self.notes.placeholder = tr("iv.placeholder", language)
        where = tr("iv.title", language)
        if question is None:
            self._set("iv-where", where)
            self._set("iv-progress", "")
            self._set("iv-intro", self._intro_text())
            self._set("iv-hint", tr("iv.intro.keys", language))
        else:
            assert interviewer is not None
            kind = tr("iv.kind.main" if question.is_main else "iv.kind.follow_up", language)
            flag = f"  [{tr('iv.looked_up', language)}]" if looked_up else ""
            self._set("iv-where", f"{where}  {question.card.id}  [{kind}]{flag}")
            self._fit_progress()
            chain = [f"{card.id}  {card.question.get(language)}" for card in question.chain]
            self.query_one("#iv-chain").display = bool(chain)
            self._set("iv-chain", "\n".join([tr("iv.chain", language), *chain]))
            self._set("iv-question", question.card.question.get(language))
            self._set("iv-hint", tr("iv.hint", language))
            if looked_up:
                self._set("iv-model-title", tr("model.title", language))
                self.query_one("#iv-model", ModelAnswer).update(
                    question.card.answer.get(language))
        self.refresh_clock()

    def _intro_text(self) -> str:
        language, plan, request = self.language, self.plan, self.request
        if plan is None:
            return tr("iv.choosing", language, order=tr(f"iv.order.{request.order}", language))
        lines = [
            tr("iv.intro.plan", language,
               mains=counted(len(plan.mains), NOUNS["iv.mains"], language),
               total=counted(len(plan.questions), NOUNS["iv.questions"], language),
               time=clock_text(plan.limit_ms), order=tr(f"iv.order.{request.order}", language)),
            tr("iv.intro.limits", language, main=clock_text(request.main_ms),
               follow_up=clock_text(request.follow_up_ms)),
            "",
        ]
        for main in plan.mains:
            follow_ups = sum(1 for q in plan.questions if q.main == main.main) - 1
            lines.append(tr("iv.intro.main", language, n=main.main + 1, card=main.card.id,
                            question=main.card.question.get(language), follow_ups=follow_ups))
        return "\n".join(lines)

    def refresh_clock(self) -> None:
        """The countdown, from the app's clock (the interval calls it a few times a
        second; tests call it after moving their clock)."""
        clock = self.query_one("#iv-clock", Static)
        countdown = self.interviewer.countdown() if self.interviewer else None
        if countdown is None:
            clock.update("")
            return
        label = tr("iv.over" if countdown.over else "iv.left", self.language)
        clock.update(f"{label} {countdown.text}")
        clock.set_class(countdown.over, "-over")

    def _fit_progress(self) -> None:
        """The longest form of the progress that fits between the title and the clock at
        the screen's width (a Static cut short ends in an ellipsis, an ambiguous-width
        glyph). The clock is counted at its widest, so that the line does not change
        with every tick."""
        interviewer, language = self.interviewer, self.language
        question = interviewer.current if interviewer else None
        if interviewer is None or question is None:
            return
        where = str(self.query_one("#iv-where", Static).render())
        clock = max(cell_len(f"{tr(key, language)} +00:00") for key in ("iv.over", "iv.left"))
        # each of the three parts has one column of padding on either side
        room = self.size.width - (cell_len(where) + 2) - (clock + 2) - 2
        values = {"n": question.index + 1, "total": len(interviewer.plan.questions),
                  "main": question.main + 1, "mains": len(interviewer.plan.mains)}
        forms = [tr(key, language, **values) for key in (
            "iv.progress", "iv.progress.short", "iv.progress.shortest")]
        self._set("iv-progress", next((form for form in forms if cell_len(form) <= room),
                                      forms[-1]))

    def on_resize(self) -> None:
        self.query_one(TooSmall).check(self.size, self.language)
        self._fit_progress()

    def _language_changed(self) -> None:
        relabel(self, INTERVIEW_COMMANDS, self.language)
        self._render_all()
        self.on_resize()

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _ASKING:
            return self.stage == "asking"
        if action == "start":
            return self.stage == "intro" and self.plan is not None
        if action in _INTRO:
            return self.stage == "intro"
        return True

    def action_start(self) -> None:
        if self.plan is None:
            return
        self.interviewer = Interviewer(self.plan, self.app.session)
        self.stage = "asking"
        self._show_question()

    @work(thread=True, exclusive=True, group="interview-plan", exit_on_error=False)
    def _choose(self, plan: Callable[[], Plan], request: InterviewRequest) -> None:
        """Choose the questions off the UI thread; the copy of the history was taken on
        it. Threads never touch widgets: the plan comes back as a message."""
        self.post_message(Planned(request, plan()))

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        if message.request is self.request and self.stage == "intro":  # not asked since
            self.plan = message.plan
            self._render_all()
            self.refresh_bindings()

    @on(Worker.StateChanged)
    def _choosing_failed(self, event: Worker.StateChanged) -> None:
        """The questions could not be chosen (a deck without main questions): said in one
        sentence; without questions there is no interview."""
        if event.state == WorkerState.ERROR and event.worker.group == "interview-plan":
            self.notify(str(event.worker.error), severity="warning", markup=False)
            if self.plan is None:
                self.dismiss()

    def _reorder(self, order: str) -> None:
        seed = int(self.app.clock().timestamp() * 1000) if order == "random" else None
        self.request = replace(self.request, order=order, seed=seed)  # type: ignore[arg-type]
        if order == "random":  # no statistics needed: at once
            self.plan = new_plan(self.app.session, self.request)
        else:
            self.plan = None
            self._choose(plan_later(self.app.session, self.request), self.request)
        self._render_all()
        self.refresh_bindings()

    def action_shuffle(self) -> None:
        self._reorder("random")

    def action_weakest(self) -> None:
        self._reorder("weakest")

    def action_cancel(self) -> None:
        self.dismiss()

    def _show_question(self) -> None:
        assert self.interviewer is not None
        self.interviewer.show()
        self.notes.text = ""
        self._render_all()
        self.query_one("#iv-body", VerticalScroll).scroll_home(animate=False)
        self.action_edit_answer()

    def _notes_key(self, event: events.Key) -> bool:
        """Enter on an empty box is a request to move on, not a new line: at once, not in a
        message, since the keys typed after it already wait in the box's queue, behind it,
        and belong to the next question."""
        if event.key == "enter" and not self.notes.text.strip():
            self._next()
            return True
        return False

    def _question_key(self, event: events.Key) -> bool:
        """A key that reached the question, outside the box. The app sends each key to
        the widget focused when it reads the key, and a focus change waits its turn: the
        keys typed right after a move-on still reach the question. They belong in the new
        box (as text: q would quit, x end), and space/enter move on here, at once and in
        turn with them, not later through the screen's bindings."""
        if self.stage != "asking" or self.interviewer is None \
                or self.interviewer.current is None:
            return False
        if self._in_box:
            self.notes.post_message(passed_on(event))
            return True
        if event.key in ("space", "enter"):
            self._next()
            return True
        return False

    # ctrl+n and ctrl+r are priority bindings, handled by the app before the keys typed
    # just ahead of them, which still wait in the box's queue: they act once the box has
    # taken those keys, in the order typed. Each move-on then moves on from the question
    # shown when it is reached in that queue (keys typed faster than the screen follows
    # belong to the question they were typed for; two quick presses skip two questions).

    def action_next(self) -> None:
        self.notes.call_later(self._next)

    def _next(self) -> None:
        interviewer = self.interviewer
        if interviewer is None or interviewer.current is None or self.stage != "asking":
            return
        try:
            interviewer.answer(self.notes.text, self.language)
        except StoreError as error:
            self.notify(tr("notify.save_failed", self.language, error=error),
                        severity="error", timeout=10)
            return
        if interviewer.current is None:
            self._to_report()
        else:
            self._show_question()

    def action_look_up(self) -> None:
        self.notes.call_later(self._look_up)

    def _look_up(self) -> None:
        if self.interviewer is not None and self.interviewer.current is not None:
            self.interviewer.look_up()
            self._render_all()
            self.call_after_refresh(self._bring_model_in)  # once the answer is laid out

    def _bring_model_in(self) -> None:
        """At 80x24 a follow-up's chain and the box can fill the body, and the answer just
        asked for would open below it, out of sight: scroll the dimmed chain away (the
        question and the box stay) until the model answer's first lines show. Where they
        show already, nothing moves."""
        body = self.query_one("#iv-body", VerticalScroll)
        title = self.query_one("#iv-model-title").virtual_region
        lines = 4  # the title and three lines of the answer
        if title.y + lines <= body.scroll_y + body.scrollable_content_region.height:
            return
        question = self.query_one("#iv-question").virtual_region
        wanted = title.y + lines - body.scrollable_content_region.height
        body.scroll_to(y=max(0, min(question.y, wanted)), animate=False)

    def action_leave_answer(self) -> None:
        self._in_box = False
        self.query_one("#iv-question").focus()

    def action_edit_answer(self) -> None:
        self._in_box = True
        self.notes.focus()

    def action_end(self) -> None:
        """End now: what is typed for the current question is its answer; the report
        covers the questions answered."""
        interviewer = self.interviewer
        if interviewer is not None and interviewer.current is not None \
                and self.notes.text.strip():
            self._next()
            if interviewer.current is None:
                return  # that was the last question: the report is on its way
        if interviewer is not None and interviewer.answers:
            self._to_report()
        else:
            self.dismiss()

    def _to_report(self) -> None:
        from dlflash.tui.screens.interview_report import InterviewReportScreen

        assert self.interviewer is not None
        self.app.switch_screen(InterviewReportScreen(self.interviewer, self.report_path))

    def action_toggle_language(self) -> None:
        self.app.toggle_language()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(INTERVIEW_COMMANDS, self.language))

    def action_quit(self) -> None:
        self.app.exit()
