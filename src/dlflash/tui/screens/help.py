"""Every key, generated from the same command registry as the bindings and the palette."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dlflash.base.language import Language, localized
from dlflash.tui.commands import GROUP_HELP, Command
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


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", show=False)]

    def __init__(self, commands: Iterable[Command], language: Language) -> None:
        super().__init__()
        self.commands = tuple(commands)
        self.language = language

    def compose(self) -> ComposeResult:
        rows = help_rows(self.commands, self.language)
        width = max(len(key) for key, _ in rows) + 2
        body = "\n".join(f"{key:<{width}}{text}" for key, text in rows)
        with VerticalScroll(id="help-box"):
            yield Static(tr("help.title", self.language), id="help-title", markup=False)
            yield Static(body, id="help-body", markup=False)
            yield Static(tr("help.close", self.language), id="help-close", markup=False)
