"""The review screen: question, typed answer, reveal, key points, grade; then the summary."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from textual import events, work
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from dlflash.base.language import Language
from dlflash.deck.model import Card
from dlflash.journal.store import StoreError
from dlflash.sm2 import REPEAT_BELOW
from dlflash.stats import day_summary
from dlflash.study.session import ReviewItem
from dlflash.tui.commands import REVIEW_COMMANDS, actions_by_key, bindings, relabel
from dlflash.tui.screens.help import HelpScreen
from dlflash.tui.text import count, tr
from dlflash.tui.widgets.checklist import Checklist
from dlflash.tui.widgets.grade_bar import GradeBar
from dlflash.tui.widgets.key_taker import AnswerBox, QuestionText, passed_on
from dlflash.tui.widgets.keybar import KeyBar
from dlflash.tui.widgets.model_answer import ModelAnswer
from dlflash.tui.widgets.summary import SummaryView
from dlflash.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from dlflash.judge.verdict import Verdict
    from dlflash.tui.host import Host

_NEEDS_CARD = {"bury", "suspend", "reveal", "leave_answer", "edit_answer"}
_NEEDS_REVEAL = {"grade", "accept", "toggle_point"}


_ACTIONS = actions_by_key(REVIEW_COMMANDS)
"""The review screen's own commands by key: the box's focus hides them from
`active_bindings`."""

SETTLE = timedelta(milliseconds=400)
"""Keys that arrive this soon after the day's summary appears were typed for a card that is
no longer there (the next answer, started right after the last grade): nobody reads the
summary and presses one of its keys that fast, and its keys (n, l, digits) change things."""

JUDGE_LOAD_DELAY_S = 0.4
"""The first card's judge is prepared this long after it is shown: the app is up by then,
and nobody reveals an answer that fast (reveal judges in any case, prepared or not)."""


class ReviewScreen(Screen[None]):
    BINDINGS = bindings(REVIEW_COMMANDS, "en")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    revealed: reactive[bool] = reactive(False, bindings=True)
    item: reactive[ReviewItem | None] = reactive(None, bindings=True, always_update=True)

    app: Host

    def __init__(self) -> None:
        super().__init__()
        self.ticked: set[int] = set()
        self.verdict: Verdict | None = None
        """The judge's verdict on the typed answer, made at reveal."""
        self._shown_at: datetime | None = None
        self._summary_at: datetime | None = None
        self._box_focus_asked = 0
        self._in_box = False
        """The candidate is meant to be typing (since a card was shown or `i`, until esc or
        reveal), whichever widget the focus has reached."""
        self._answer_ms = 0
        self._away_since: datetime | None = None
        self._status: list[Callable[[Language], str]] = []
        """What the last grade, bury, suspend or undo did, said in the hint line until the
        next reveal, in the language of the moment."""
        self._undoable = False
        self._chains: dict[str, list[str]] | None = None
        """Each main question's card ids in deck order, built on the first follow-up."""
        self._judge_timer: Timer | None = None
        self._roots: dict[str, str] = {}
        """Each card's main question (a scan of every chain cost a millisecond a card)."""

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static("", id="where", markup=False)
            yield Static("", id="progress", markup=False)
            yield Static("", id="timer", markup=False)
        with VerticalScroll(id="card"):
            yield Static("", id="parent", markup=False)
            yield QuestionText(self._question_key, id="question", markup=False)
            yield AnswerBox(self._answer_key, id="answer", soft_wrap=True,
                            show_line_numbers=False, tab_behavior="focus")
            with Horizontal(id="compare"):
                with Vertical(id="typed-pane"):
                    yield Static("", id="typed-title", classes="pane-title", markup=False)
                    yield Static("", id="typed", markup=False)
                    yield Static("", id="traps", markup=False)
                    yield Static("", id="card-note", markup=False)
                    yield Static("", id="points-title", classes="pane-title", markup=False)
                    yield Checklist(id="points")
                with Vertical(id="model-pane"):
                    yield Static("", id="model-title", classes="pane-title", markup=False)
                    yield ModelAnswer("", id="model")
            yield SummaryView(id="summary")
        yield Static("", id="hint", markup=False)
        yield GradeBar(id="grades")
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        for focus_target in ("#question", "#summary"):
            self.query_one(focus_target).can_focus = True
        self.watch(self.app, "language", self._language_changed, init=False)
        relabel(self, REVIEW_COMMANDS, self.language)
        self.set_interval(1, self._tick)
        self.show_item(self.app.session.current())

    @property
    def language(self) -> Language:
        return self.app.language

    @property
    def answer_box(self) -> AnswerBox:
        return self.query_one("#answer", AnswerBox)

    # -- showing --------------------------------------------------------------------------

    def show_item(self, item: ReviewItem | None) -> None:
        """Show a card, unrevealed, with its draft; or the summary when the day is done."""
        self._summary_at = self.app.clock() if item is None and self.item is not None else None
        self.ticked = set()
        self.verdict = None
        self._answer_ms = 0
        self._shown_at = self.app.clock()
        self.revealed = False
        self.item = item
        self.answer_box.text = item.draft if item else ""
        self._render_all()
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        if item is not None:
            self.action_edit_answer()
            self.answer_box.move_cursor(self.answer_box.document.end)
            self._prepare_soon()
        else:
            self.query_one("#summary").focus()

    def on_key(self, event: events.Key) -> None:
        if (self.item is None and self._summary_at is not None
                and self.app.clock() - self._summary_at < SETTLE):
            event.stop()
            event.prevent_default()

    def _prepare_soon(self) -> None:
        """Prepare the judge for the card shown; for the first card, once the app is up: its
        first import (~140 ms: stemmer, typo matcher) in a thread held the GIL against the
        first paint."""
        if "dlflash.judge.verdict" in sys.modules:
            self._prepare_judge(self.item.card)  # type: ignore[union-attr]
        elif self._judge_timer is None:
            self._judge_timer = self.set_timer(JUDGE_LOAD_DELAY_S, self._prepare_current)

    def _prepare_current(self) -> None:
        if self.item is not None:
            self._prepare_judge(self.item.card)

    @work(thread=True, exclusive=True, group="judge", exit_on_error=False)
    def _prepare_judge(self, card: Card) -> None:
        """While the candidate types: the judge's work for this card that does not depend
        on the answer, so that reveal only matches (about 2 ms instead of 6 at p95)."""
        from dlflash.judge.verdict import prepare

        prepare(card)

    def _show_parts(self) -> None:
        """Which parts are visible, set on the parts themselves: toggling a class on the
        screen would restyle every node below it (the Markdown's many blocks included),
        which cost 70 ms a grade on a long answer."""
        item, revealed = self.item, self.revealed
        card = item is not None
        self.query_one("#parent").display = card and item.parent is not None  # type: ignore[union-attr]
        self.query_one("#question").display = card
        self.answer_box.display = card and not revealed
        self.query_one("#compare").display = card and revealed
        self.query_one("#grades").display = card and revealed
        self.query_one("#summary").display = not card

    def _render_all(self) -> None:
        language, item = self.language, self.item
        self._show_parts()
        self._render_topbar()
        self.answer_box.placeholder = tr("answer.placeholder", language)
        if item is None:
            self.query_one("#hint", Static).update(self.status)
            self._render_summary()
            return
        card = item.card
        self.query_one("#parent", Static).update(self._chain_text(item))
        self.query_one("#question", Static).update(card.question.get(language))
        self.query_one("#typed-title", Static).update(tr("answer.title", language))
        self.query_one("#model-title", Static).update(tr("model.title", language))
        self.query_one("#points-title", Static).update(
            tr("points.title", language, last="abcdef"[len(card.key_points) - 1]))
        if self.revealed:
            typed = self.answer_box.text.strip()
            self.query_one("#typed", Static).update(typed or tr("answer.empty", language))
            self._render_traps(card)
            note = self.app.session.history.note(card.id)
            self.query_one("#card-note", Static).display = bool(note)
            self.query_one("#card-note", Static).update(tr("card.note", language, note=note))
            self.query_one("#model", ModelAnswer).update(card.answer.get(language))
            self.query_one("#points", Checklist).show(card.key_points, self.ticked, language)
        self._render_grades()

    def _asked_before(self, card: Card) -> list[Card]:
        """The main question and the follow-ups before `card` in deck order: a follow-up
        may speak of "that graph" of the one before it, suspended or not."""
        deck = self.app.session.deck
        if self._chains is None:
            from dlflash.stats.log import roots

            self._chains, self._roots = {}, roots(deck)
            for card_id, root in self._roots.items():
                self._chains.setdefault(root, []).append(card_id)
        main = self._roots.get(card.id)
        ids = self._chains.get(main or "", [])
        before = [main, *ids[:ids.index(card.id)]] if main else []
        return [found for card_id in dict.fromkeys(before)
                if card_id != card.id and (found := deck.get(card_id or "")) is not None]

    def _chain_text(self, item: ReviewItem) -> str:
        if item.parent is None:
            return ""
        language, history = self.language, self.app.session.history
        lines = [tr("card.follow_up_of", language)]
        for card in self._asked_before(item.card):
            mark = f" {tr('card.suspended', language)}" if history.is_suspended(card.id) else ""
            lines.append(f"  {card.id}{mark}  {card.question.get(language)}")
        return "\n".join(lines)

    def _render_topbar(self) -> None:
        language, item = self.language, self.item
        counts = self.app.session.counts()
        where = ""
        if item is not None:
            deck = item.card.deck or tr("deck.bundled", language)
            topic = item.card.topic.get(language)
            # the topic last: at 80 columns it is what gets shortened
            where = (f"{item.card.id}  [{tr(f'reason.{item.reason}', language)}]  "
                     f"{deck} / {topic}")
        self.query_one("#where", Static).update(where)
        kinds = ", ".join(tr(f"top.{kind}", language, n=n) for kind, n in (
            ("due", counts.due), ("new", counts.new), ("repeat", counts.repeat)) if n)
        self.query_one("#progress", Static).update(
            tr("top.progress", language, done=counts.done, left=counts.left)
            + (f": {kinds}" if kinds else ""))
        self._tick()

    def _render_grades(self) -> None:
        language, item = self.language, self.item
        hint = self.query_one("#hint", Static)
        if item is None:
            return
        if not self.revealed:
            # what was just done takes the reveal hint's place (the key bar has ^r too):
            # both would not fit two lines at 80 columns
            hint.update(self.status or tr("hint.reveal", language))
            return
        from dlflash.judge.verdict import reason

        verdict = self.current_verdict
        suggested = verdict.grade if verdict else 0
        text = f"{reason(verdict, language)}. {tr('suggest.keys', language)}" if verdict else ""
        if item.reason == "repeat":
            text = f"{tr('suggest.repeat', language)}  {text}"
        hint.update(text)
        self.query_one("#grades", GradeBar).show(item, suggested, language)

    def _render_traps(self, card: Card) -> None:
        traps = self.verdict.traps if self.verdict else ()
        notice = self.query_one("#traps", Static)
        notice.display = bool(traps)
        notice.update("\n".join(
            tr("trap", self.language, says=card.traps[hit.trap].says.get(self.language),
               fix=card.traps[hit.trap].fix.get(self.language))
            for hit in traps))

    def _render_summary(self) -> None:
        session = self.app.session
        summary = day_summary(session.history, session.deck, session.today, session.next_due())
        more = min(session.settings.new_per_day or 10, session.new_remaining())
        mistakes = [(tr("summary.mistake", self.language, n=n, card=r.review.card,
                        grade=r.review.grade),
                     session.deck.by_id[r.review.card].question.get(self.language))
                    for n, r in enumerate(session.mistakes()[:9], 1)]
        self.query_one("#summary", SummaryView).show(summary, more, self.language, mistakes)

    def _tick(self) -> None:
        timer = self.query_one("#timer", Static)
        if self.item is None or self._shown_at is None:
            timer.update("")
            return
        ms = self._answer_ms if self.revealed else self._elapsed_ms()
        minutes, seconds = divmod(ms // 1000, 60)
        timer.update(tr("timer", self.language, minutes=minutes, seconds=seconds))

    def _elapsed_ms(self) -> int:
        if self._shown_at is None:
            return 0
        return max(0, int((self.app.clock() - self._shown_at).total_seconds() * 1000))

    def on_resize(self) -> None:
        self.query_one(TooSmall).check(self.size, self.language)

    def _language_changed(self) -> None:
        relabel(self, REVIEW_COMMANDS, self.language)
        self._render_all()
        self.on_resize()

    @property
    def current_verdict(self) -> Verdict | None:
        """The judge's verdict with the candidate's own ticks."""
        if self.item is None or self.verdict is None:
            return None
        from dlflash.judge.verdict import regrade

        return regrade(self.item.card, self.verdict, frozenset(self.ticked),
                       self.answer_box.text)

    @property
    def suggested_grade(self) -> int:
        verdict = self.current_verdict
        return verdict.grade if verdict else 0

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_CARD and self.item is None:
            return False
        if action == "reveal":
            return not self.revealed
        in_box = self._in_box  # where the candidate is, even while the focus is on its way
        if action == "leave_answer":
            return not self.revealed and in_box
        if action == "edit_answer":
            return not self.revealed and not in_box
        if action in _NEEDS_REVEAL:
            if not self.revealed:
                return False
            if action == "toggle_point" and self.item is not None:
                return int(str(parameters[0])) < len(self.item.card.key_points)
            return True
        if action == "undo":
            # in a box typed into, ctrl+z is the box's: it undoes the typing first
            typed = in_box and self.item is not None and self.answer_box.text != self.item.draft
            return self.app.session.can_undo and not typed
        if action == "learn_more":
            return self.item is None and self.app.session.new_remaining() > 0
        if action == "browse":  # on a revealed card, b ticks key point b
            return not in_box and not self.revealed
        if action == "card_info":
            return self.item is not None and not in_box
        if action in ("mistake", "mistakes"):
            mistakes = self.app.session.mistakes() if self.item is None else []
            return len(mistakes) >= int(str(parameters[0])) if parameters else bool(mistakes)
        return True

    def action_reveal(self) -> None:
        if self.item is None or self.revealed:
            return
        self._answer_ms = self._elapsed_ms()
        # ctrl+r is a priority binding, handled before the keys typed just ahead of it
        # that still wait in the answer box's queue: reveal once the box has taken them.
        self.answer_box.call_later(self._reveal, self.item)

    def _reveal(self, item: ReviewItem) -> None:
        if self.item is not item or self.revealed:
            return
        from dlflash.judge.verdict import judge  # loaded off the UI thread by the warm-up

        self.verdict = judge(item.card, self.answer_box.text)
        self.ticked = set(self.verdict.ticked)
        self._status = []
        self.revealed = True
        self._render_all()
        self.action_leave_answer()

    # The app sends each key to the widget focused when it reads the key, and a focus change
    # waits its turn: in a burst, the keys typed right after a grade, ctrl+r, esc or i reach
    # the widget the candidate has just left. These two see their keys first and put them
    # where the candidate is; a command runs at once, so that the keys behind it are judged
    # by what it did (a grade brings the next card, whose answer they are).

    def _question_key(self, event: events.Key) -> bool:
        """A key that reached the question, outside the box."""
        if self._passed_to_another_screen(event):
            return True
        if self.item is None:
            return False
        if self._in_box and not self.revealed:  # typed right after a grade or i
            self.answer_box.post_message(passed_on(event))
            return True
        return self._run_command(event)

    def _answer_key(self, event: events.Key) -> bool:
        """A key that reached the box: typing, unless the candidate has left it (then it is
        a command, not a part of the answer shown and journaled) or the card is gone."""
        if self._passed_to_another_screen(event) or self.item is None:
            return True
        if self._in_box and not self.revealed and event.key != "escape":
            return False
        self._run_command(event)
        return True

    def _passed_to_another_screen(self, event: events.Key) -> bool:
        """A key typed after one that opened another screen (browse, stats, custom study)
        is that screen's: given back to the app, which sends it there."""
        if self.app.screen is self:
            return False
        self.app.post_message(passed_on(event))
        return True

    def _run_command(self, event: events.Key) -> bool:
        """Run the screen's command for the key now, if one is enabled; whether it ran."""
        for action in _ACTIONS.get(event.key, ()):
            _, name, parameters = parse_action(action)
            if self.check_action(name, parameters) is not False:
                getattr(self, f"action_{name}")(*parameters)
                return True
        return False

    def action_leave_answer(self) -> None:
        self._in_box = False
        # Focus goes to the small question line, not the scroll container: a focus change
        # restyles the focused widget's whole subtree, the long answer's Markdown included.
        self.query_one("#question").focus()

    def action_scroll(self, how: str) -> None:
        getattr(self.query_one("#card", VerticalScroll), f"scroll_{how}")(animate=False)

    def action_edit_answer(self) -> None:
        self._in_box = True
        if not self.answer_box.has_focus:
            self._box_focus_asked += 1
            self.answer_box.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The box focused with the mouse: the candidate is in it."""
        if event.widget is not self.answer_box:
            return
        if self._box_focus_asked:
            self._box_focus_asked -= 1  # asked for by a key, which said where the candidate is
        elif self.item is not None and not self.revealed:
            self._in_box = True

    def action_toggle_point(self, index: int) -> None:
        self.ticked ^= {index}
        self._render_all()

    def action_accept(self) -> None:
        self.action_grade(self.suggested_grade)

    def action_grade(self, grade: int) -> None:
        if self.item is None or not self.revealed:
            return
        try:
            replayed = self.app.session.grade(grade, answer=self.answer_box.text,
                                              ticked=sorted(self.ticked), ms=self._answer_ms,
                                              language=self.language)
        except StoreError as error:
            self.notify(tr("notify.save_failed", self.language, error=error),
                        severity="error", timeout=10)
            return
        again = grade < REPEAT_BELOW
        key = (("status.graded.both" if again else "status.graded") if replayed.scheduled
               else "status.graded.today" if again else "status.graded.done")
        card, days = replayed.review.card, replayed.after.interval
        self._say(lambda language: tr(key, language, card=card, grade=grade,
                                      days=count(days, "day", language)))
        self.show_item(self.app.session.current())

    def _say(self, *parts: Callable[[Language], str], undoable: bool = True) -> None:
        """Say what was just done in the hint line, with the key that undoes it: one line
        that the next action replaces, not a pile of notices over the card."""
        self._status, self._undoable = list(parts), undoable

    @property
    def status(self) -> str:
        said = ", ".join(part(self.language) for part in self._status)
        return f"{said} ({tr('status.undo', self.language)})" if said and self._undoable else said

    def action_undo(self) -> None:
        try:
            item = self.app.session.undo()
        except StoreError as error:
            self.notify(tr("notify.save_failed", self.language, error=error), severity="error")
            return
        if item is None:
            self.notify(tr("notify.nothing_to_undo", self.language))
            return
        card = item.card.id
        self._say(lambda language: tr("status.undone", language, card=card), undoable=False)
        self.show_item(item)

    def _card_action(self, name: str) -> None:
        if self.item is None:
            return
        session, card_id, was_new = self.app.session, self.item.card.id, self.item.reason == "new"
        new_before = session.counts().new
        try:
            getattr(session, name)()
        except StoreError as error:
            self.notify(tr("notify.save_failed", self.language, error=error), severity="error")
            return
        key = f"status.{'buried' if name == 'bury' else 'suspended'}"
        said = [lambda language: tr(key, language, card=card_id)]
        if was_new and session.counts().new == new_before:  # today's new cards refilled
            said.append(partial(tr, "status.replaced"))
        self._say(*said)
        self.show_item(session.current())

    def action_bury(self) -> None:
        self._card_action("bury")

    def action_suspend(self) -> None:
        self._card_action("suspend")

    def action_learn_more(self) -> None:
        session = self.app.session
        session.learn_more(min(session.settings.new_per_day or 10, session.new_remaining()))
        self.show_item(session.current())

    def action_toggle_language(self) -> None:
        self.app.toggle_language()

    def _loads(self, screen: str, *modules: str) -> bool:
        """Whether a screen's code loads: when the installation under a running dlflash
        was replaced (`pip install` into its venv), it cannot, and that is one sentence."""
        try:
            for module in modules:
                importlib.import_module(module)
        except (ImportError, SyntaxError) as error:
            self.notify(tr("notify.screen_failed", self.language, screen=screen,
                           error=type(error).__name__), severity="error", timeout=15,
                        markup=False)
            return False
        return True

    def action_browse(self) -> None:
        if self._loads(tr("br.title", self.language), "dlflash.tui.screens.browse"):
            self.app.switch_mode("browse")

    def _card_info(self, card_id: str) -> None:
        if self._loads(tr("ci.title", self.language), "dlflash.tui.screens.card_info"):
            from dlflash.tui.screens.card_info import CardInfoScreen

            self.app.push_screen(CardInfoScreen(card_id))

    def action_card_info(self) -> None:
        if self.item is not None:
            self._card_info(self.item.card.id)

    def action_mistake(self, number: int) -> None:
        mistakes = self.app.session.mistakes()
        if 0 < number <= len(mistakes):
            self._card_info(mistakes[number - 1].review.card)

    def action_mistakes(self) -> None:
        self.app.session.review_mistakes()
        self.show_item(self.app.session.current())

    def action_custom_study(self) -> None:
        if self._loads(tr("cs.title", self.language), "dlflash.tui.screens.custom_study"):
            from dlflash.tui.screens.custom_study import CustomStudyScreen

            self.app.push_screen(CustomStudyScreen(), lambda _: self.show_item(
                self.app.session.current()))

    def action_stats(self) -> None:
        if self._loads(tr("stats.title", self.language), "dlflash.tui.screens.stats"):
            self.app.switch_mode("stats")

    def action_interview(self) -> None:
        if not self._loads(tr("iv.title", self.language), "dlflash.tui.screens.interview",
                           "dlflash.study.interviewer"):
            return
        from dlflash.study.interviewer import request_for
        from dlflash.tui.screens.interview import InterviewScreen

        # No plan yet: the screen chooses the questions in a worker (weakest first reads
        # every review), and says it if they cannot be chosen.
        self.app.push_screen(InterviewScreen(None, request_for(self.app.session.settings)))

    def on_screen_suspend(self) -> None:
        self._away_since = self.app.clock()

    def on_screen_resume(self) -> None:
        """Back from the stats screen: refresh the counts; a new study day may bring cards.
        The time away does not count as answer time."""
        away, self._away_since = self._away_since, None
        if self._shown_at is None:  # not shown yet: on_mount shows the first card
            return
        if away is not None and not self.revealed:
            self._shown_at += max(timedelta(0), self.app.clock() - away)
        current, item = self.app.session.current(), self.item
        if current is None or item is None or (current.card.id, current.reason) != (
                item.card.id, item.reason):
            self.show_item(current)
        else:
            self._render_all()  # the same card: keep the typed answer

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(REVIEW_COMMANDS, self.language))

    def action_quit(self) -> None:
        self.app.exit()
