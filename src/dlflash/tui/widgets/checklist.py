"""The key-point checklist shown after reveal: `[x] a  point`, toggled with a-f."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from dlflash.base.language import Language, localized
from dlflash.deck.model import KeyPoint

LETTERS = "abcdef"
EXTRA = ("(추가) ", "(extra) ")
"""Before an extra point: nuance that can lift the grade but is not required."""


def box(index: int, ticked: bool) -> str:
    """`[x] a`: the tick is in the text, so it reads without colour."""
    return f"[{'x' if ticked else ' '}] {LETTERS[index]}"


class Checklist(Vertical):
    """One row per point; the box and the text are separate widgets so a wrapped point
    hangs under its text. Text is shown as data (markup off).

    Rows are mounted once and then take each card's points; rows a card does not need are
    hidden, not removed (new widgets for every card kept the collector busy)."""

    DEFAULT_CSS = """
    Checklist { height: auto; }
    Checklist > .point { height: auto; }
    Checklist .box { width: 6; }
    Checklist .box.-ticked { text-style: bold; }
    Checklist .point-text { width: 1fr; }
    Checklist .-extra .point-text { color: $text-muted; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._rows: list[tuple[Horizontal, Static, Static]] = []
        self._count = 0
        self._shown: tuple[tuple[KeyPoint, ...], Language] | None = None

    def show(self, points: Sequence[KeyPoint], ticked: set[int], language: Language) -> None:
        if self._shown != (tuple(points), language):
            self._shown = (tuple(points), language)
            self._show_points(points, language)
        self._tick(ticked)

    def _show_points(self, points: Sequence[KeyPoint], language: Language) -> None:
        more = []
        for index, point in enumerate(points):
            text = ("" if point.core else localized(EXTRA, language)) + point.text.get(language)
            if index < len(self._rows):
                row, _, text_cell = self._rows[index]
                text_cell.update(text)
                row.display = True
                row.set_class(not point.core, "-extra")
            else:
                box_cell = Static(box(index, False), classes="box", markup=False)
                text_cell = Static(text, classes="point-text", markup=False)
                row = Horizontal(box_cell, text_cell,
                                 classes="point" if point.core else "point -extra")
                self._rows.append((row, box_cell, text_cell))
                more.append(row)
        for row, _, _ in self._rows[len(points):]:
            row.display = False
        if more:
            self.mount_all(more)
        self._count = len(points)

    def _tick(self, ticked: set[int]) -> None:
        for index, (_, cell, _) in enumerate(self._rows[:self._count]):
            cell.update(box(index, index in ticked))
            cell.set_class(index in ticked, "-ticked")

    def boxes(self) -> list[str]:
        """The boxes as shown, for tests and screen readers."""
        return [str(cell.render()) for _, cell, _ in self._rows[:self._count]]
