"""Every key, generated from the same command registry as the bindings and the palette;
and, where grades are given, what each SM-2 grade means and does."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dlflash.base.language import Language, localized
from dlflash.tui.commands import GRADE_EFFECTS, GRADE_MEANINGS, GROUP_HELP, Command
from dlflash.tui.text import tr

_ALWAYS = (
    ("ctrl+p", ("명령 팔레트: 모든 명령과 테마", "Command palette: every command, themes")),
    ("ctrl+q", ("어디서나 종료", "Quit from anywhere")),
)


def help_rows(commands: Iterable[Command], language: Language) -> list[tuple[str, str]]:
    rows = []
    for command in commands:
        keys = command.key_display or command.keys
        text = command.text(command.help, language)
        if command.group is not None:
            if command.key_display is None:
                continue  # one row for the whole group (0-5, a-f)
            text = command.text(GROUP_HELP[command.group], language)
        rows.append((keys.replace(",", " "), text))
    rows += [(key, localized(pair, language)) for key, pair in _ALWAYS]
    return rows


def grade_rows(language: Language) -> list[tuple[str, str]]:
    """SM-2's meaning of each grade, then what the grades do to a card."""
    rows = [localized(pair, language).split(": ", 1) for pair in (*GRADE_MEANINGS,
                                                                  *GRADE_EFFECTS)]
    return [(key, text) for key, text in rows]


def _table(rows: Iterable[tuple[str, str]]) -> Table:
    """Keys in one column and their text in the other: a long text wraps under itself,
    not under the keys."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for key, text in rows:
        table.add_row(key, text)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", show=False)]

    def __init__(self, commands: Iterable[Command], language: Language) -> None:
        super().__init__()
        self.commands = tuple(commands)
        self.language = language

    def compose(self) -> ComposeResult:
        language = self.language
        with Vertical(id="help-box"):
            yield Static(tr("help.title", language), id="help-title", markup=False)
            with VerticalScroll(id="help-scroll"):
                yield Static(_table(help_rows(self.commands, language)), id="help-body")
                if any(command.group == "grade" for command in self.commands):
                    yield Static(tr("help.grades", language), id="help-grades-title",
                                 markup=False)
                    yield Static(_table(grade_rows(language)), id="help-grades")
            # outside the scrolled part, so it is always seen, and says that it scrolls
            yield Static(tr("help.close", language), id="help-close", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
