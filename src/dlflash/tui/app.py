"""The Textual application: a thin shell over the session, the deck and the store."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial
from typing import Any

from textual import events, work
from textual.app import SystemCommand
from textual.screen import Screen

from dlflash.tui.commands import REVIEW_COMMANDS, Command
from dlflash.tui.host import Host
from dlflash.tui.idle_gc import IdleCollector
from dlflash.tui.screens.review import ReviewScreen
from dlflash.tui.stats_ready import ReadyReports
from dlflash.tui.text import tr


def _stats_screen() -> Screen[None]:
    from dlflash.tui.screens.stats import StatsScreen  # chart code loads on first use

    return StatsScreen()


def _browse_screen() -> Screen[None]:
    from dlflash.tui.screens.browse import BrowseScreen  # loads on first use

    return BrowseScreen()


class DlflashApp(Host):
    CSS_PATH = "dlflash.tcss"
    TITLE = "dlflash"
    ENABLE_COMMAND_PALETTE = True
    MODES = {"review": ReviewScreen, "stats": _stats_screen, "browse": _browse_screen}
    DEFAULT_MODE = "review"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.idle_collector = IdleCollector(self)
        """The collector's full passes, kept for the pauses between keys."""

    def on_mount(self) -> None:
        if self._initial_theme in self.available_themes:
            self.theme = self._initial_theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for warning in self._warnings:
            self.notify(warning, severity="warning", timeout=15, markup=False)
        if self._start_mode != self.current_mode:
            self.switch_mode(self._start_mode)
        if self.first_screen is not None:
            self.push_screen(self.first_screen())
        # Once the first card is on screen and the candidate is reading it.
        self.set_timer(0.5, self._warm_deck)
        # The stats screen's reports, worked out when no key has come for a while.
        self._stats_ready = ReadyReports.of(self)
        self._stats_ready.start()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.input_came()
        await super().on_event(event)

    def input_came(self) -> None:
        """A key or a mouse button: the idle work waits for the next pause (the collector's
        pass) or stops at its next figure (the reports' worker)."""
        self.idle_collector.activity()
        if hasattr(self, "_stats_ready"):
            self._stats_ready.key()

    @work(thread=True, exit_on_error=False, group="warm-up")
    def _warm_deck(self) -> None:
        """Build every card of a cached deck now, and load the judge (its stemmer, alias
        table and typo matcher take ~60 ms), off the UI thread, so that no grade or reveal
        later waits for them; then keep the collector off them."""
        self.session.deck.cards  # noqa: B018 - built for its side effect
        import dlflash.judge.verdict  # noqa: F401 - loaded for the first reveal

        gc.freeze()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own commands, but the two worth having here and in the UI's language:
        # its Quit and Keys repeat ours, and nothing here is maximized.
        language = self.language
        yield SystemCommand(tr("palette.theme", language), tr("palette.theme.help", language),
                            self.action_change_theme)
        yield SystemCommand(tr("palette.screenshot", language),
                            tr("palette.screenshot.help", language),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))
        commands: tuple[Command, ...] = (
            REVIEW_COMMANDS if isinstance(screen, ReviewScreen)
            else getattr(screen, "COMMAND_REGISTRY", ())
        )
        for command in commands:
            if not command.palette:
                continue
            name = command.action.split("(")[0]
            if screen.check_action(name, ()) is False:
                continue
            title = (command.text(command.title, language) if command.title
                     else command.text(command.label, language).capitalize())
            yield SystemCommand(
                title,
                command.text(command.help, language),
                partial(screen.run_action, command.action),
            )
