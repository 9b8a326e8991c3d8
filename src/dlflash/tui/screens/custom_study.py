"""Custom study, as Anki's dialog: more new cards from chosen topics or tags, today's
failed cards again, study ahead, or a cram that leaves the schedule alone; and the order
new cards come in (saved in the settings). Dismissed with whether a study was started."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from dlflash.base.config import ConfigError, save_setting
from dlflash.base.language import Language
from dlflash.study.custom import Choice, choices, picked
from dlflash.tui.commands import CUSTOM_STUDY_COMMANDS, bindings, relabel
from dlflash.tui.screens.help import HelpScreen
from dlflash.tui.text import count, tr
from dlflash.tui.widgets.keybar import KeyBar
from dlflash.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from dlflash.tui.host import Host

MODES = ("new", "mistakes", "ahead", "cram")
_OWN = ("first", "last", "mixed")


_COMMANDS = tuple(replace(command, priority=False) for command in CUSTOM_STUDY_COMMANDS)
"""The registry's commands, none of them a priority key: a priority key runs as it arrives,
the others once they have come up from the widget with the cursor, so in a burst "down
space up" the cursor went down and up before space picked. Nothing here takes the cursor
(the body is not focusable), so the arrows come to the screen's bindings without it."""


class CustomStudyScreen(Screen[bool]):
    BINDINGS = bindings(_COMMANDS, "en")
    COMMAND_REGISTRY = CUSTOM_STUDY_COMMANDS
    KEY_BAR_LINES = 2
    """Every key in the key bar: a second line where one cannot hold them."""

    app: Host

    def __init__(self) -> None:
        super().__init__()
        self.cursor = 0
        self.days = 3
        self.chosen: set[int] = set()
        self.choices: list[Choice] = []

    @property
    def language(self) -> Language:
        return self.app.language

    def compose(self) -> ComposeResult:
        with Horizontal(id="cs-top"):
            yield Static("", id="cs-where", markup=False)
        body = VerticalScroll(id="cs-body")
        body.can_focus = False
        with body:
            yield Static("", id="cs-intro", markup=False)
            for mode in MODES:
                yield Static("", id=f"cs-{mode}", classes="cs-row", markup=False)
            yield Static("", id="cs-settings", markup=False)
            yield Static("", id="cs-topics-title", classes="cs-title", markup=False)
            self.choices = choices(self.app.session.deck)
            for index in range(len(self.choices)):
                yield Static("", id=f"cs-choice-{index}", classes="cs-row", markup=False)
            yield Static("", id="cs-status", markup=False)
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "language", self._language_changed, init=False)
        relabel(self, _COMMANDS, self.language)
        self._show()

    @property
    def scope(self) -> frozenset[str] | None:
        return picked(self.choices[i] for i in self.chosen)

    def _counts(self) -> dict[str, int]:
        session, scope = self.app.session, self.scope
        history = session.history
        new = sum(1 for ref in session.deck.refs if ref.id not in history.states
                  and not history.is_suspended(ref.id) and (scope is None or ref.id in scope))
        return {
            "new": min(session.settings.new_per_day or 10, new),
            "mistakes": len(session.mistakes()),
            "ahead": session.due_within(self.days, scope),
            "cram": len(scope) if scope is not None else len(session.deck),
        }

    def _show(self) -> None:
        language, settings = self.language, self.app.session.settings
        self.query_one("#cs-where", Static).update(tr("cs.title", language))
        self.query_one("#cs-intro", Static).update(tr("cs.intro", language))
        counts = self._counts()
        rows = len(MODES) + len(self.choices)
        self.cursor %= rows
        for index, mode in enumerate(MODES):
            row = self.query_one(f"#cs-{mode}", Static)
            n = counts[mode]
            row.update(f"{index + 1}. " + tr(
                f"cs.mode.{mode}", language, new=count(n, "more_new", language),
                cards=count(n, "card", language), days=count(self.days, "day", language)))
            row.set_class(index == self.cursor, "-selected")
        self.query_one("#cs-settings", Static).update("\n".join((
            tr("cs.days", language, days=self.days),
            tr("cs.order", language, order=tr(f"cs.order.{settings.new_order}", language)),
            tr("cs.own", language, own=tr(f"cs.own.{settings.own_decks}", language)))))
        self.query_one("#cs-topics-title", Static).update(tr("cs.topics", language))
        for index, choice in enumerate(self.choices):
            mark = "[x]" if index in self.chosen else "[ ]"
            name = choice.topic.get(language) if choice.topic else f"#{choice.tag}"
            row = self.query_one(f"#cs-choice-{index}", Static)
            row.update(f"{mark} {name} ({len(choice.cards)})")
            row.set_class(index + len(MODES) == self.cursor, "-selected")

    def _language_changed(self) -> None:
        relabel(self, _COMMANDS, self.language)
        self._show()
        self.on_resize()

    def on_resize(self) -> None:
        self.query_one(TooSmall).check(self.size, self.language)

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % (len(MODES) + len(self.choices))
        self._show()
        self.query_one(".cs-row.-selected").scroll_visible(animate=False)

    def action_pick(self) -> None:
        if self.cursor >= len(MODES):
            self.chosen ^= {self.cursor - len(MODES)}
            self._show()

    def action_days(self, step: int) -> None:
        self.days = max(1, min(365, self.days + step))
        self._show()

    def _save(self, key: str, value: str) -> None:
        session = self.app.session
        changes: dict[str, Any] = {key: value}
        session.use(replace(session.settings, **changes))
        if self.app.data_dir is not None:
            try:
                save_setting(self.app.data_dir, key, value)
            except (OSError, ConfigError) as error:
                self.notify(str(error), severity="warning", markup=False)
        self._show()

    def action_order(self) -> None:
        order = self.app.session.settings.new_order
        self._save("new_order", "deck" if order == "interleave" else "interleave")

    def action_own(self) -> None:
        own = self.app.session.settings.own_decks
        self._save("own_decks", _OWN[(_OWN.index(own) + 1) % len(_OWN)])

    def action_start(self) -> None:
        if self.cursor >= len(MODES):
            self.action_pick()
            return
        mode, session, scope = MODES[self.cursor], self.app.session, self.scope
        if not self._counts()[mode]:
            self.query_one("#cs-status", Static).update(tr("cs.nothing", self.language))
            return
        if mode == "new":
            session.learn_more(self._counts()["new"])
            session.study(scope=scope)
        elif mode == "mistakes":
            session.review_mistakes()
        elif mode == "ahead":
            session.study(scope=scope, ahead=self.days)
        else:
            order = [ref.id for ref in session.deck.refs if scope is None or ref.id in scope]
            session.study(scope=session.scope, ahead=session.ahead, cram=order)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_toggle_language(self) -> None:
        self.app.toggle_language()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(CUSTOM_STUDY_COMMANDS, self.language))
