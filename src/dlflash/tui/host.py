"""What the screens need of the app: the session, the clock, the language and the data
folder. The screens import this, never the app, which imports the screens."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import App
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from dlflash.base.clock import Clock
from dlflash.base.config import ConfigError, save_setting
from dlflash.base.language import Language
from dlflash.study.session import Session
from dlflash.tui.text import tr


class Host(App[None]):
    """The app's state that every screen reads, and the settings it remembers."""

    language: reactive[Language] = reactive("en")
    first_screen: Callable[[], Screen[None]] | None = None
    """A screen to open over the first mode at start (`dlflash interview`)."""

    def __init__(self, session: Session, clock: Clock, data_dir: Path | None = None,
                 language: Language = "en", theme: str = "textual-dark",
                 warnings: Iterable[str] = (), mode: str = "review",
                 stats_days: int = 30) -> None:
        super().__init__()
        self._start_mode = mode
        self.stats_days = stats_days
        """The stats screen's first range (`dlflash stats --days`)."""
        self._warnings = tuple(warnings)
        self.session = session
        self.clock = clock
        self.data_dir = data_dir
        self.set_reactive(Host.language, language)
        self._initial_theme = theme

    def _remember(self, key: str, value: str) -> None:
        if self.data_dir is None:
            return
        try:
            save_setting(self.data_dir, key, value)
        except (OSError, ConfigError) as error:
            self.notify(tr("notify.theme_failed", self.language, error=error),
                        severity="warning")

    def _theme_changed(self, theme: Theme) -> None:
        self._remember("theme", theme.name)

    def toggle_language(self) -> None:
        self.language = "en" if self.language == "ko" else "ko"
        self._remember("language", self.language)
