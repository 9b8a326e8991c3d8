"""The key-point checklist shown after reveal: `[x] a  point`, toggled with a-f."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from dlflash.deck import KeyPoint, Language

LETTERS = "abcdef"


def checklist_table(points: Iterable[KeyPoint], ticked: set[int], language: Language) -> Table:
    """Two columns, so a wrapped point hangs under its text, not under its box.

    Cells are `Text`, never markup: deck text is data, and `[x]` reads well without colour.
    """
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for index, point in enumerate(points):
        done = index in ticked
        table.add_row(
            Text(f"[{'x' if done else ' '}] {LETTERS[index]}", style="bold" if done else ""),
            Text(point.text.get(language)),
        )
    return table


class Checklist(Static):
    def show(self, points: Iterable[KeyPoint], ticked: set[int], language: Language) -> None:
        self.update(checklist_table(points, ticked, language))
