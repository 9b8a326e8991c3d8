"""The key-point checklist shown after reveal: `[x] a  point`, toggled with a-f."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from dlflash.deck import KeyPoint, Language

LETTERS = "abcdef"


def box(index: int, ticked: bool) -> str:
    """`[x] a`: the tick is in the text, so it reads without colour."""
    return f"[{'x' if ticked else ' '}] {LETTERS[index]}"


class Checklist(Vertical):
    """One row per point; the box and the text are separate widgets so a wrapped point
    hangs under its text. Text is shown as data (markup off)."""

    DEFAULT_CSS = """
    Checklist { height: auto; }
    Checklist > .point { height: auto; }
    Checklist .box { width: 6; }
    Checklist .box.-ticked { text-style: bold; }
    Checklist .point-text { width: 1fr; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: tuple[tuple[KeyPoint, ...], Language] | None = None

    def show(self, points: Sequence[KeyPoint], ticked: set[int], language: Language) -> None:
        if self._shown != (tuple(points), language):
            self._shown = (tuple(points), language)
            self.remove_children()
            self.mount_all(
                Horizontal(
                    Static(box(index, False), classes="box", markup=False),
                    Static(point.text.get(language), classes="point-text", markup=False),
                    classes="point",
                )
                for index, point in enumerate(points)
            )
            self.call_after_refresh(self._tick, ticked)
        else:
            self._tick(ticked)

    def _tick(self, ticked: set[int]) -> None:
        for index, cell in enumerate(self.query(".box").results(Static)):
            cell.update(box(index, index in ticked))
            cell.set_class(index in ticked, "-ticked")

    def boxes(self) -> list[str]:
        """The boxes as shown, for tests and screen readers."""
        return [str(cell.render()) for cell in self.query(".box").results(Static)]
