"""The browser's table: draws only the rows on screen (Textual's line API), so that 10,000
cards open and refilter as fast as 10. `DataTable` measures and stores every cell of
every row when rows are added, which took about a second for 10,000 cards.

A paint reads the styles and the column widths once, not once a line (a widget's
`rich_style` walks its ancestors), and a row's line is formatted once for the columns and
widths it is drawn with: a keystroke of the filter mostly shows rows it has shown before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, NamedTuple, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class TableColumn(Generic[Row]):
    """A column: its heading, its width (0: it takes the width left), and its cell text."""

    key: str
    heading: str
    width: int
    cell: Callable[[Row], str]
    right: bool = False


class _Paint(NamedTuple):
    """What every line of one paint shares."""

    widths: tuple[int, ...]
    width: int
    base: Style
    heading: Style
    cursor: Style


_LINES_KEPT = 4096
"""Formatted rows kept: the cache starts again past this many."""


class CardTable(ScrollView, Generic[Row], can_focus=True):
    """Rows of a list under a heading line, with a cursor; the screen sets the columns
    and the rows, and hears `Highlighted` and `Chosen`."""

    DEFAULT_CSS = """
    CardTable { height: 1fr; scrollbar-gutter: stable; }
    CardTable > .card-table--heading { text-style: bold; background: $panel; }
    CardTable > .card-table--cursor { background: $block-cursor-blurred-background; }
    CardTable:focus > .card-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"card-table--heading", "card-table--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", show=False),
        Binding("down,j", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "to(0)", show=False),
        Binding("end", "to(-1)", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to `index` of the rows."""

        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Row] = ()
        self.columns: Sequence[TableColumn[Row]] = ()
        self.empty = ""
        """What the table says when it has no row."""
        self._paint: _Paint | None = None
        self._lines: dict[int, tuple[Row, str]] = {}
        """A row's formatted line by the row's id; the row is held with it, so that no other
        row can have that id while the line is kept (rows are not all hashable cheaply)."""
        self._lines_for: tuple[object, tuple[int, ...]] | None = None
        """The columns and widths `_lines` were formatted with."""

    def show(self, rows: Sequence[Row], columns: Sequence[TableColumn[Row]],
             cursor: int = 0, empty: str = "") -> None:
        self.rows, self.columns, self.empty = rows, columns, empty
        # a layout of the screen when the count changes, which the filter box's own
        # virtual size asks for on every keystroke anyway (Input._watch_value)
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.set_reactive(CardTable.cursor, max(0, min(cursor, len(rows) - 1)))
        self._reveal_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.cursor))

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _widths(self) -> list[int]:
        width = self.scrollable_content_region.width
        fixed = sum(column.width + 1 for column in self.columns if column.width)
        flexible = sum(1 for column in self.columns if not column.width)
        share = max(4, (width - fixed) // flexible - 1) if flexible else 0
        return [column.width or share for column in self.columns]

    def _text(self, texts: Sequence[str], paint: _Paint) -> str:
        cells = []
        for column, text, size in zip(self.columns, texts, paint.widths, strict=True):
            # padded by cells, not characters: a Korean heading's characters take two each
            room = size - cell_len(text)
            cells.append(" " * room + text if column.right and room > 0
                         else set_cell_size(text, size))
        return set_cell_size(" ".join(cells), paint.width)

    def _row_text(self, row: Row, paint: _Paint) -> str:
        kept_for = self._lines_for
        if (kept_for is None or kept_for[0] is not self.columns or kept_for[1] != paint.widths
                or len(self._lines) > _LINES_KEPT):
            self._lines, self._lines_for = {}, (self.columns, paint.widths)
        kept = self._lines.get(id(row))
        if kept is not None:
            return kept[1]
        text = self._text([column.cell(row) for column in self.columns], paint)
        self._lines[id(row)] = (row, text)
        return text

    def _painting(self) -> _Paint:
        return _Paint(
            tuple(self._widths()), self.scrollable_content_region.width, self.rich_style,
            self.get_component_rich_style("card-table--heading"),
            self.get_component_rich_style("card-table--cursor"))

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint = self._painting()  # the styles, the focus and the size as they are now
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def render_line(self, y: int) -> Strip:
        paint = self._paint or self._painting()
        width = paint.width
        if y == 0:  # the heading stays while the rows scroll under it
            text = self._text([column.heading for column in self.columns], paint)
            return Strip([Segment(text, paint.heading)], width)
        index = self.scroll_offset.y + y - 1
        if not self.rows:
            text = self.empty if y == 1 else ""
            return Strip([Segment(set_cell_size(text, width), paint.base)], width)
        if index >= len(self.rows):
            return Strip.blank(width, paint.base)
        style = paint.cursor if index == self.cursor else paint.base
        return Strip([Segment(self._row_text(self.rows[index], paint), style)], width)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def _reveal_cursor(self) -> None:
        # the rows start on the second line: row i is drawn at line i + 1
        self.scroll_to_region(Region(0, self.cursor, 1, 2), animate=False, force=True)

    def watch_cursor(self) -> None:
        self._reveal_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.cursor))

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        self.action_move(step * self._page)

    def action_to(self, where: int) -> None:
        self.cursor = max(0, len(self.rows) - 1 if where < 0 else where)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self.refresh()
