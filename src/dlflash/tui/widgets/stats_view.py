"""The stats screen's sections as one line-API widget (issue 19).

Opening the stats screen used to compose and mount ~55 widgets (a heading, a text and a
chart widget per figure, and a container per section), which cost more than the report:
styling and laying out each, then painting each. Here every section is a `Block` of lines
in one widget: nothing to mount, one layout, and only the lines on screen are drawn (the
mastery table has a line per main question, thousands in a large deck).

A block is a text (a heading, a caption, a few sentences, wrapped at the width as a
`Static` would) or one of the chart models of `charts.py`, drawn with this widget as the
pen; the widget's CSS is each model's component CSS, so a chart looks as it does as a widget
of its own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from dlflash.tui.widgets.charts import (
    BarRows,
    ColumnChart,
    RowTable,
    TrendRows,
    YearGrid,
    component_css,
)

HEADING, CAPTION = "stats-view--heading", "stats-view--caption"
"""The component classes of the headings (as `.stats-heading` was) and the captions."""


class Block(ABC):
    """Lines in the view: `margin` blank lines, then `rows(width, view)` lines of content."""

    def __init__(self, id: str, margin: int = 0) -> None:
        self.id = id
        self.margin = margin

    @abstractmethod
    def rows(self, width: int, view: StatsView) -> int: ...

    @abstractmethod
    def draw(self, y: int, width: int, view: StatsView) -> Strip: ...


class Words(Block):
    """Plain text (no markup), wrapped at the width. A heading has a cell of padding on
    either side and its style across the whole line; a caption is muted."""

    def __init__(self, id: str, component: str | None = None, margin: int = 0) -> None:
        super().__init__(id, margin)
        self.component = component
        self.text = ""
        self._wrapped: tuple[int, list[str]] | None = None

    def set(self, text: str) -> None:
        if text != self.text:
            self.text, self._wrapped = text, None

    def _pad(self) -> int:
        return 1 if self.component == HEADING else 0

    def lines(self, width: int, view: StatsView) -> list[str]:
        room = max(1, width - 2 * self._pad())
        if self._wrapped is None or self._wrapped[0] != room:
            lines: list[str] = []
            for line in self.text.split("\n"):
                if cell_len(line) <= room:
                    lines.append(line)
                else:
                    lines += [part.plain.rstrip()
                              for part in Text(line).wrap(view.app.console, room)]
            self._wrapped = (room, lines)
        return self._wrapped[1]

    def rows(self, width: int, view: StatsView) -> int:
        return len(self.lines(width, view))

    def draw(self, y: int, width: int, view: StatsView) -> Strip:
        base = view.rich_style
        lines = self.lines(width, view)
        if y >= len(lines):
            return Strip.blank(width, base)
        style = base if self.component is None else base + view.get_component_rich_style(
            self.component)
        pad = " " * self._pad()
        segment = Segment(pad + lines[y] + pad, style)
        line = Strip([segment]).crop_extend(0, width, style)
        return line if self.component == HEADING else line.crop_extend(0, width, base)


class Chart(Block):
    """A column chart, `height` lines tall."""

    def __init__(self, id: str, height: int = 8, margin: int = 0) -> None:
        super().__init__(id, margin)
        self.chart = ColumnChart()
        self.height = height

    def rows(self, width: int, view: StatsView) -> int:
        return self.height

    def draw(self, y: int, width: int, view: StatsView) -> Strip:
        return self.chart.line(y, width, self.height, view)


class Grid(Block):
    """The year heatmap."""

    def __init__(self, id: str, margin: int = 0) -> None:
        super().__init__(id, margin)
        self.chart = YearGrid()

    def rows(self, width: int, view: StatsView) -> int:
        return YearGrid.HEIGHT

    def draw(self, y: int, width: int, view: StatsView) -> Strip:
        return self.chart.line(y, width, view)


class Table(Block):
    """A table of bars or of weeks, a line per row."""

    def __init__(self, id: str, table: RowTable[Any], margin: int = 0) -> None:
        super().__init__(id, margin)
        self.table = table

    def rows(self, width: int, view: StatsView) -> int:
        return self.table.height

    def draw(self, y: int, width: int, view: StatsView) -> Strip:
        return self.table.line(y, width, view)


class StatsView(Widget):
    """Blocks one under the other, as tall as they are together (it scrolls in its
    container). After changing blocks, call `changed` once."""

    DEFAULT_CSS = (
        "StatsView { height: auto; }\n"
        f"StatsView > .{HEADING} {{ background: $boost; color: $text-accent; "
        "text-style: bold; }\n"
        f"StatsView > .{CAPTION} {{ color: $text-muted; }}\n"
        + "".join(component_css(model.CSS, "StatsView")
                  for model in (ColumnChart, BarRows, TrendRows, YearGrid)))
    COMPONENT_CLASSES = {HEADING, CAPTION, *ColumnChart.COMPONENTS, *BarRows.COMPONENTS,
                         *TrendRows.COMPONENTS, *YearGrid.COMPONENTS}

    def __init__(self, blocks: Iterable[Block], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.blocks = list(blocks)
        self._by_id = {block.id: block for block in self.blocks}
        self._tops: tuple[int, list[int]] | None = None
        """Per width: the first line of every block (its margin included), then the end."""

    def __contains__(self, id: object) -> bool:
        return id in self._by_id

    def block(self, id: str) -> Block:
        return self._by_id[id]

    def words(self, id: str) -> Words:
        block = self._by_id[id]
        assert isinstance(block, Words), id
        return block

    def changed(self) -> None:
        """Lay the blocks out again (their heights may have changed) and redraw."""
        self._tops = None
        self.refresh(layout=True)

    def tops(self, width: int) -> list[int]:
        if self._tops is None or self._tops[0] != width:
            tops, y = [], 0
            for block in self.blocks:
                tops.append(y)
                y += block.margin + block.rows(width, self)
            tops.append(y)
            self._tops = (width, tops)
        return self._tops[1]

    def top(self, id: str) -> int:
        """The line where the block starts, its margin included (where a scroll to it
        puts the top of the view, as `scroll_to_widget(top=True)` does with a margin)."""
        return self.tops(self.size.width)[self.blocks.index(self._by_id[id])]

    def lines(self, id: str) -> list[str]:
        """What the block draws at the current width, line by line, without trailing
        blanks (for tests and for reading)."""
        block, width = self._by_id[id], self.size.width
        return [block.draw(y, width, self).text.rstrip() for y in range(block.rows(width, self))]

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(1, self.tops(width)[-1])

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        tops = self.tops(width)
        index = bisect_right(tops, y) - 1
        if not 0 <= index < len(self.blocks):
            return Strip.blank(width, self.rich_style)
        block = self.blocks[index]
        row = y - tops[index] - block.margin
        if row < 0:
            return Strip.blank(width, self.rich_style)
        return block.draw(row, width, self)
