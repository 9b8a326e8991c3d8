"""Start the TUI from the CLI: load everything, hold the store, always release it."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from dlflash.base.clock import system_clock
from dlflash.base.config import SETTINGS_FILE, ConfigError, load_settings
from dlflash.base.errors import DlflashError
from dlflash.journal.backup import make_backups
from dlflash.journal.store import LoadReport, Store, StoreError
from dlflash.study.session import Session
from dlflash.workspace import data_dir, device_name, open_deck

if TYPE_CHECKING:
    from dlflash.tui.app import DlflashApp

class TerminalError(DlflashError):
    """The terminal cannot show the app."""


def check_terminal() -> None:
    if os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver"):
        return  # `dlflash serve`: the app draws in a browser page, and says if it is small
    if os.environ.get("TERM") == "dumb":
        raise TerminalError(
            "TERM=dumb cannot show a full-screen app; run dlflash in a normal terminal, "
            "or use `dlflash due` for a one-line summary."
        )
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise TerminalError(
            "dlflash needs an interactive terminal; for scripts use `dlflash due --json`."
        )
    # A terminal below 80x24 is not refused: every screen covers itself with a notice
    # until the window grows (widgets/too_small.py), at start as later.


def check_theme(data: Path, theme: str) -> None:
    """A `theme:` that Textual does not have stops dlflash, as every wrong setting does
    (the settings are read without Textual, which `dlflash due` never imports)."""
    from textual.theme import BUILTIN_THEMES

    if theme not in BUILTIN_THEMES:
        raise ConfigError(f"{data / SETTINGS_FILE}: theme must be one of "
                          f"{', '.join(sorted(BUILTIN_THEMES))}; got {theme!r}.")


def confirm_partial(report: LoadReport) -> None:
    """Ask before studying on part of the history: without another device's journal, cards
    it already reviewed look overdue and would be rescheduled on half their history."""
    if not report.unreadable:
        return
    names = ", ".join(str(path) for path in report.unreadable)
    print(f"dlflash: {names} cannot be read, so today's cards would be scheduled on part of "
          "your history.", file=sys.stderr)
    try:
        answer = input("Study anyway? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        raise StoreError(f"Nothing was changed; fix or remove {names} and start dlflash again.")


@contextmanager
def _loading() -> Iterator[None]:
    """Everything loaded in here lives as long as the app: the collector is kept off it,
    first while it is built (collections during loading cost ~15 ms a start on a
    10,000-card deck), then for good (a loaded deck made 100 ms pauses every few cards)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


class _Backup:
    """The day's backup, taken in a thread while the app starts instead of before it (0.4 s
    at 100,000 reviews, nearly all of it compressing and writing, which release the GIL).
    `finish` waits for it while the store is still held, and says if it failed."""

    def __init__(self, data: Path, today: date) -> None:
        self.error: OSError | None = None
        self._thread = threading.Thread(target=self._run, args=(data, today),
                                        name="dlflash-backup")
        self._thread.start()

    def _run(self, data: Path, today: date) -> None:
        try:
            make_backups(data, today)
        except OSError as error:
            self.error = error

    def finish(self) -> None:
        self._thread.join()
        if self.error is not None:
            print(f"dlflash: could not write today's backup: {self.error}.", file=sys.stderr)


@contextmanager
def prepared_app(args: argparse.Namespace, mode: str = "review",
                 check: bool = True) -> Iterator[DlflashApp]:
    """Load everything, hold the store for the app's life, and always release it.

    `check=False` skips the terminal checks, for headless runs (the benchmark).
    """
    with _loading():
        data = data_dir(args.data_dir)
        settings = load_settings(data)
        check_theme(data, settings.theme)
        deck = open_deck(data, args.deck)
        if check:
            check_terminal()
        device = device_name()
        store = Store(data, device)
        history, report = store.open()
    backup: _Backup | None = None
    try:
        confirm_partial(report)
        with _loading():
            session = Session(deck, history, store, settings, system_clock, device)
            backup = _Backup(data, session.today)
            from dlflash.tui.app import DlflashApp

        yield DlflashApp(session, system_clock, data, settings.language, settings.theme,
                         warnings=report.warnings, mode=mode,
                         stats_days=getattr(args, "days", 30))
    finally:
        if backup is not None:
            backup.finish()
        store.close(history)


class _EndOnSignal:
    """SIGTERM and SIGHUP (the terminal was closed) end dlflash the way ctrl+q and SIGINT
    do: a running app is asked to exit (the terminal is restored, exit code 0), and the
    store is closed on the way out (snapshot written, lock released). Before or after the
    app runs, unwinding does the same, with exit code 128 + the signal's number."""

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                    if hasattr(signal, name))

    def __init__(self) -> None:
        self.app: DlflashApp | None = None
        self._before: dict[int, object] = {}

    def __enter__(self) -> _EndOnSignal:
        for number in self.SIGNALS:
            self._before[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self._before.items():
            signal.signal(number, handler)  # type: ignore[arg-type]

    def _handle(self, number: int, frame: FrameType | None) -> None:
        app = self.app
        if app is not None and app.is_running:
            # Python runs this handler in the main thread, inside the app's event loop.
            asyncio.get_running_loop().call_soon_threadsafe(app.exit)
        else:
            raise SystemExit(128 + number)


def run_review(args: argparse.Namespace, mode: str = "review",
               setup: Callable[[DlflashApp], None] | None = None) -> int:
    """Open the TUI on `mode`: "review" (today's cards) or "stats" (`dlflash stats`).
    `setup` prepares the loaded app before it runs (`dlflash interview`: its questions);
    an error it raises ends dlflash before the screen changes."""
    with _EndOnSignal() as ending, prepared_app(args, mode) as app:
        if setup is not None:
            setup(app)
        ending.app = app
        app.run()
    return app.return_code or 0
