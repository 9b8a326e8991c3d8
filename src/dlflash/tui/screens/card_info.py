"""Card info: a card read without grading (its question, model answer and key points, in the
UI language), its state, the candidate's note and flag, and its whole past: every review
with the typed answer, the forgets, the mock interviews, and an interval timeline.

From here a card is suspended or unsuspended, buried, forgotten, flagged and noted; each
is a journal event, and `u` takes back what was done here. Nothing here grades the card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Sparkline, Static, TextArea

from dlflash.base.language import Language, duration
from dlflash.deck.model import Card, Deck
from dlflash.journal.history import History
from dlflash.journal.store import Store, StoreError
from dlflash.stats.log import StatsInput
from dlflash.study.browse import BrowseRow, browse_rows
from dlflash.study.card_info import CardPast, PastForget, PastInterview, PastReview, card_past
from dlflash.tui.commands import CARD_INFO_COMMANDS, bindings, relabel
from dlflash.tui.screens.help import HelpScreen
from dlflash.tui.text import count, tr
from dlflash.tui.widgets.keybar import KeyBar
from dlflash.tui.widgets.model_answer import ModelAnswer
from dlflash.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from dlflash.tui.host import Host

_EDITING = {"save_note", "cancel_note"}


@dataclass
class JournalRead(Message):
    """The whole journal, read in the background for a snapshot's older answers."""

    history: History


_older: dict[tuple[str, int], History] = {}
"""The whole journal read once per data folder and history size, for every card info."""


class CardInfoScreen(Screen[None]):
    BINDINGS = bindings(CARD_INFO_COMMANDS, "en")
    COMMAND_REGISTRY = CARD_INFO_COMMANDS
    KEY_BAR_LINES = 2
    """Every key in the key bar: a second line where one cannot hold them."""

    app: Host

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.editing = False
        self._done: dict[str, Callable[[Language], str]] = {}
        """The events journaled here, which `u` may take back, and what each did."""
        self._said: Callable[[Language], str] | None = None
        self._said_undoable = False
        """Whether what `_said` says was a change (one that `u` may take back)."""
        self._saving = False
        """ctrl+s pressed: the note is saved once the box has taken the keys before it."""
        self.older: History | None = None

    @property
    def language(self) -> Language:
        return self.app.language

    @property
    def card(self) -> Card:
        return self.app.session.deck.by_id[self.card_id]

    def compose(self) -> ComposeResult:
        with Horizontal(id="ci-top"):
            yield Static("", id="ci-where", markup=False)
            yield Static("", id="ci-state-short", markup=False)
        with VerticalScroll(id="ci-body"):
            yield Static("", id="ci-facts", markup=False)
            yield Static("", id="ci-status", markup=False)
            yield Static("", id="ci-question", markup=False)
            yield Static("", id="ci-note-title", classes="ci-title", markup=False)
            yield Static("", id="ci-note", markup=False)
            yield TextArea(id="ci-note-box", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="ci-points-title", classes="ci-title", markup=False)
            yield Static("", id="ci-points", markup=False)
            yield Static("", id="ci-model-title", classes="ci-title", markup=False)
            yield ModelAnswer("", id="ci-model")
            yield Static("", id="ci-history-title", classes="ci-title", markup=False)
            yield Static("", id="ci-timeline-title", markup=False)
            yield Sparkline([], id="ci-timeline")
            yield Static("", id="ci-history", markup=False)
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "language", self._language_changed, init=False)
        relabel(self, CARD_INFO_COMMANDS, self.language)
        self.query_one("#ci-note-box").display = False
        self.query_one("#ci-body").focus()
        history = self.app.session.history
        key = (str(self.app.data_dir), history.version)
        self.older = _older.get(key)
        if history.partial and self.older is None and self.app.data_dir is not None:
            self._read_journal(self.app.data_dir, self.app.session.device, key)
        self._show()

    @work(thread=True, exclusive=True, group="card-info-journal", exit_on_error=False)
    def _read_journal(self, data_dir: object, device: str, key: tuple[str, int]) -> None:
        """A store of its own, read-only (no lock): the app's store stays the app's."""
        history = Store(data_dir, device).read(full=True)[0]  # type: ignore[arg-type]
        _older.clear()
        _older[key] = history
        self.post_message(JournalRead(history))

    def on_journal_read(self, message: JournalRead) -> None:
        self.older = message.history
        self._show()

    # -- showing --------------------------------------------------------------------------

    def _row(self) -> BrowseRow:
        session = self.app.session
        data = StatsInput.capture(session.history, Deck([self.card]), session.today)
        history = session.history
        return browse_rows(data, history.flags(), history.notes())[0]

    def _show(self) -> None:
        language, card, session = self.language, self.card, self.app.session
        row = self._row()
        deck = card.deck or tr("deck.bundled", language)
        where = tr("ci.where", language, card=card.id, deck=deck,
                   topic=card.topic.get(language))
        self.query_one("#ci-where", Static).update(f"{tr('ci.title', language)}  {where}")
        self.query_one("#ci-state-short", Static).update(tr("ci.read_only", language))
        facts = tr("ci.state", language, state=tr(f"kind.{row.kind}", language),
                   due=row.due.isoformat() if row.due else "-",
                   interval=(count(row.interval, "day", language) if row.interval is not None
                             else "-"),
                   ef=f"{row.easiness:.2f}" if row.easiness is not None else "-",
                   reviews=count(row.reviews, "review", language), failures=row.failures)
        flag = tr(f"flag.{row.flag}", language)
        self.query_one("#ci-facts", Static).update(
            f"{facts}\n{tr('ci.flag', language, flag=flag)}")
        said = self._said(language) if self._said else ""
        if said and self._said_undoable and self._undoable():
            said = f"{said} ({tr('ci.status.undo', language)})"
        status = self.query_one("#ci-status", Static)
        status.display = bool(said)
        status.update(said)
        question = card.question.get(language)
        if card.parent and (parent := session.deck.get(card.parent)) is not None:
            asked = parent.question.get(language)
            question = f"{tr('card.follow_up_of', language)} {asked}\n\n{question}"
        self.query_one("#ci-question", Static).update(question)
        self.query_one("#ci-note-title", Static).update(tr("ci.note", language))
        note = session.history.note(card.id)
        self.query_one("#ci-note", Static).update(note or tr("ci.no_note", language))
        self.query_one("#ci-note", Static).display = not self.editing
        self.query_one("#ci-note-box", TextArea).placeholder = tr("ci.note.placeholder",
                                                                  language)
        self.query_one("#ci-points-title", Static).update(tr("ci.points", language))
        self.query_one("#ci-points", Static).update("\n".join(
            f"{'abcdef'[i] if i < 6 else ' '}  {point.text.get(language)}"
            + (f"  {tr('ci.core', language)}" if point.core else "")
            for i, point in enumerate(card.key_points)))
        self.query_one("#ci-model-title", Static).update(tr("ci.model", language))
        self.query_one("#ci-model", ModelAnswer).update(card.answer.get(language))
        self._render_past(card_past(session.history, card.id, len(card.key_points),
                                    self.older))

    def _render_past(self, past: CardPast) -> None:
        language = self.language
        self.query_one("#ci-history-title", Static).update(tr("ci.history", language))
        intervals = past.intervals
        timeline = self.query_one("#ci-timeline", Sparkline)
        timeline.display = len(intervals) > 1
        timeline.data = intervals
        title = self.query_one("#ci-timeline-title", Static)
        title.display = len(intervals) > 1
        title.update(f"{tr('ci.timeline', language)}: "
                     + " ".join(str(days) for days in intervals[-12:]))
        lines = [self._past_line(entry) for entry in past.entries]
        if not past.complete:
            lines.insert(0, tr("ci.loading", language))
        self.query_one("#ci-history", Static).update(
            "\n".join(lines) if past.entries else tr("ci.no_history", language))

    def _past_line(self, entry: PastReview | PastForget | PastInterview) -> str:
        language = self.language
        if isinstance(entry, PastForget):
            return tr("ci.forgot", language, day=entry.day.isoformat())
        if isinstance(entry, PastInterview):
            answer = entry.answer
            own = "" if entry.own_grade is None else tr("ci.interview.own", language,
                                                         grade=entry.own_grade)
            looked = f", {tr('iv.looked_up', language)}" if answer.looked_up else ""
            head = tr("ci.interview", language, day=answer.day.isoformat(),
                      time=duration(answer.ms // 1000, language),
                      limit=duration(answer.limit_ms // 1000, language), core=answer.core,
                      core_total=answer.core_total, suggested=answer.suggested, own=own,
                      looked=looked)
            return f"{head}\n    {self._typed(answer.answer)}"
        kind = tr("ci.scheduled" if entry.scheduled else "ci.repeat", language)
        values = dict(day=entry.day.isoformat(), grade=entry.grade, kind=kind,
                      time=duration(entry.ms // 1000, language),
                      points=f"{entry.ticked}/{entry.points}")
        if entry.answer is None:
            return tr("ci.review.older", language, **values)
        head = tr("ci.review", language, interval=entry.interval,
                  ef=f"{entry.easiness:.2f}", **values)
        return f"{head}\n    {self._typed(entry.answer)}"

    def _typed(self, answer: str) -> str:
        text = " ".join(answer.split())
        return (tr("ci.typed", self.language, answer=text) if text
                else tr("ci.untyped", self.language))

    def _language_changed(self) -> None:
        relabel(self, CARD_INFO_COMMANDS, self.language)
        self._show()
        self.on_resize()

    def on_resize(self) -> None:
        self.query_one(TooSmall).check(self.size, self.language)

    # -- actions --------------------------------------------------------------------------

    def _undoable(self) -> bool:
        last = self.app.session.last_change()
        return last is not None and last.id in self._done

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _EDITING:
            return self.editing and not self._saving
        if self.editing and action not in ("help",):
            return False
        if action == "undo":
            return self._undoable()
        return True

    def _change(self, change: Callable[[], object], said: Callable[[Language], str]) -> None:
        session = self.app.session
        before = session.last_change()
        try:
            change()
        except StoreError as error:
            self.notify(tr("notify.save_failed", self.language, error=error),
                        severity="error", timeout=10)
            return
        after = session.last_change()
        if after is not None and after is not before:
            self._done[after.id] = said
        self._said, self._said_undoable = said, True
        self._show()
        self.refresh_bindings()

    def action_suspend(self) -> None:
        session, card = self.app.session, self.card_id
        if session.history.is_suspended(card):
            self._change(lambda: session.unsuspend(card),
                         lambda language: tr("ci.status.unsuspended", language, card=card))
        else:
            self._change(lambda: session.suspend(card),
                         lambda language: tr("ci.status.suspended", language, card=card))

    def action_bury(self) -> None:
        session, card = self.app.session, self.card_id
        self._change(lambda: session.bury(card),
                     lambda language: tr("ci.status.buried", language, card=card))

    def action_forget(self) -> None:
        session, card = self.app.session, self.card_id
        if card not in session.history.states:
            self._said = lambda language: tr("ci.status.new_already", language, card=card)
            self._said_undoable = False
            self._show()
            return
        self._change(lambda: session.forget(card),
                     lambda language: tr("ci.status.forgot", language, card=card))

    def action_flag(self, flag: int) -> None:
        session, card = self.app.session, self.card_id
        self._change(lambda: session.flag(card, flag),
                     lambda language: tr("ci.status.flag", language, card=card,
                                         flag=tr(f"flag.{flag}", language)))

    # Keys of a burst (typed fast, or waiting while the screen is drawn) all reach the widget
    # that has the cursor before the first one's binding runs. So `e` moves the cursor into
    # the note's box at once (`set_focus`, where `focus()` would wait for the keys already
    # there), the characters that were still on their way go into the box (`on_key`), ctrl+s
    # saves once the box has taken the keys before it, and a key that reaches the box after
    # that finds it read-only and goes on to its command.

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#ci-note-box", TextArea)
        if not self.editing:
            if event.key == "e":
                event.stop()
                event.prevent_default()
                self.action_edit_note()
            return
        # While the box is open it keeps what is typed in it (characters, enter) and ctrl+s
        # is taken before it: these were typed before the box opened, on their way since.
        if not (event.is_printable or event.key in ("enter", "ctrl+s")):
            return
        event.stop()
        event.prevent_default()
        if self._saving:  # typed after ctrl+s: its command, once the note is saved
            box.call_later(self._run_key, event.key)
        elif event.key == "ctrl+s":
            self.action_save_note()
        else:
            box.insert("\n" if event.key == "enter" else event.character or "")

    async def _run_key(self, key: str) -> None:
        active = self.active_bindings.get(key)
        if active is not None and active.enabled:
            await self.app.run_action(active.binding.action, active.node)

    def action_edit_note(self) -> None:
        box = self.query_one("#ci-note-box", TextArea)
        box.text = self.app.session.history.note(self.card_id)
        self.editing = True
        box.read_only = False
        box.display = True
        self.query_one("#ci-note").display = False
        self.set_focus(box)
        box.move_cursor(box.document.end)
        self.refresh_bindings()

    def _stop_editing(self) -> None:
        self.editing = self._saving = False
        box = self.query_one("#ci-note-box", TextArea)
        box.read_only = True  # a key that still reaches it goes on to its command
        box.display = False
        self.set_focus(self.query_one("#ci-body"))
        self.refresh_bindings()

    def action_save_note(self) -> None:
        if self.editing and not self._saving:
            self._saving = True
            self.query_one("#ci-note-box").call_later(self._save_note)

    def _save_note(self) -> None:
        if not self.editing:
            return
        session, card = self.app.session, self.card_id
        text = self.query_one("#ci-note-box", TextArea).text
        self._stop_editing()
        key = "ci.status.note" if text.strip() else "ci.status.note_removed"
        self._change(lambda: session.note(card, text),
                     lambda language: tr(key, language, card=card))

    def action_cancel_note(self) -> None:
        self._stop_editing()
        self._show()

    def action_undo(self) -> None:
        if not self._undoable():
            return
        session = self.app.session
        target = session.last_change()
        try:
            session.undo()
        except StoreError as error:
            self.notify(tr("notify.save_failed", self.language, error=error), severity="error")
            return
        said = self._done.get(target.id) if target is not None else None
        self._said = lambda language: tr("ci.status.undone", language,
                                         what=said(language) if said else "")
        self._show()
        self.refresh_bindings()

    def action_scroll(self, how: str) -> None:
        getattr(self.query_one("#ci-body", VerticalScroll), f"scroll_{how}")(animate=False)

    def action_close(self) -> None:
        self.dismiss()

    def action_toggle_language(self) -> None:
        self.app.toggle_language()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(CARD_INFO_COMMANDS, self.language))
