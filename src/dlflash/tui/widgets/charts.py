"""Small terminal charts: a column chart, a table of horizontal bars, a year heatmap.

They only paint: the bucketing and the levels come from `dlflash.stats.charts`. Bars are
reversed spaces (a solid cell in the theme colour, and still solid with NO_COLOR, which keeps
reverse video), tracks the light shade, which is narrow in every terminal; the full-block and
eighth-block glyphs are East Asian "ambiguous" width and misalign where they are drawn wide.
Under NO_COLOR the heatmap draws its levels with ASCII glyphs instead of colours; with colours
a day without reviews is a faint dot.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from dlflash.stats.charts import (
    HEAT_LEVELS,
    SHARE_LEVELS,
    Columns,
    HeatmapGrid,
    bar_heights,
    bar_width,
    fit_columns,
    group_sums,
    share_level,
)
from dlflash.stats.text import fit

if TYPE_CHECKING:
    from textual.app import App

TRACK = "\u2591"  # LIGHT SHADE: East Asian width N (narrow), unlike the block elements
NO_COLOR_LEVELS = (".", ":", "+", "*", "#")
"""Heatmap levels 0-4 without colour: denser glyph, more reviews."""


def _pad(text: str, cells: int) -> str:
    """Pad or cut `text` to exactly `cells` terminal cells."""
    if cell_len(text) > cells:
        out = ""
        for char in text:
            if cell_len(out + char) > cells:
                break
            out += char
        text = out
    return text + " " * (cells - cell_len(text))


class Pen(Protocol):
    """What a chart draws with: the widget it is drawn on (a chart widget of its own, or
    the stats screen's one view of every section), for its styles, console and NO_COLOR.
    The charts' component classes must be among the widget's (see `component_css`)."""

    @property
    def rich_style(self) -> Style: ...

    @property
    def app(self) -> App[object]: ...

    def get_component_rich_style(self, *names: str, partial: bool = ...,
                                 default: Style | None = ...) -> Style: ...


def component_css(css: str, host: str) -> str:
    """A chart's component rules (written for `HOST`) for the widget class `host`."""
    return css.replace("HOST", host)


class ColumnChart:
    """Columns over a series (the due forecast, reviews by hour), with the top value on the
    left axis and labels under the columns. Too many values for the width are summed
    in consecutive groups (`fit_columns`). `BarChart` draws one as a widget."""

    CSS = """
    HOST > .bar-chart--bar { color: $primary; }
    HOST > .bar-chart--axis { color: $text-muted; }
    """
    COMPONENTS = frozenset({"bar-chart--bar", "bar-chart--axis"})

    def __init__(self) -> None:
        self.values: tuple[float, ...] = ()
        self.labels: tuple[str, ...] = ()
        self.maximum: float | None = None
        self.top_label = ""
        self.axis_cells = 0
        self.caption = ""
        self.group_caption = ""
        self._laid_out: tuple[tuple[int, int], tuple[str, int, str, Columns, list[int]]] | None
        self._laid_out = None

    def show(self, values: Sequence[float], labels: Sequence[str], caption: str,
             group_caption: str = "", maximum: float | None = None,
             top_label: str | None = None, axis: int = 0) -> None:
        """`labels[i]` names `values[i]`. The first line is `caption`, or `group_caption`
        formatted with `n` when values are summed `n` to a column. `top_label` replaces the
        axis' top number (e.g. `100%` for shares); `axis` is the least width of the axis,
        so that charts above one another line up."""
        self.values, self.labels, self.maximum = tuple(values), tuple(labels), maximum
        self.caption, self.group_caption = caption, group_caption or caption
        self.top_label = top_label or ""
        self.axis_cells = axis
        self._laid_out = None

    def line(self, y: int, width: int, height: int, pen: Pen) -> Strip:
        """Row 0 is the caption, the last row the labels, the rows between the columns,
        drawn from segments (a Rich `Text` with a span per column costs more than the
        chart). The layout is worked out once per size and series."""
        base = pen.rich_style
        if not self.values:
            return Strip.blank(width, base)
        caption, gutter, top_text, cols, heights = self._layout(width, height)
        rows = max(1, height - 2)
        axis_style = pen.get_component_rich_style("bar-chart--axis")
        if y == 0:
            segments = [Segment(caption, axis_style)]
        elif y <= rows:
            row = y - 1
            level = rows - row
            axis = top_text if row == 0 else ("0" if row == rows - 1 else "")
            bar = Segment(" " * cols.bar,
                          pen.get_component_rich_style("bar-chart--bar") + Style(reverse=True))
            empty, gap = Segment(" " * cols.bar), Segment(" " * (cols.pitch - cols.bar))
            segments = [Segment(f"{axis:>{gutter - 1}} ", axis_style)]
            for h in heights:
                segments += [bar if h >= level else empty, gap]
        elif y == rows + 1:
            segments = [Segment(" " * gutter),
                        Segment(self._label_row(cols.count, cols.per, cols.pitch), axis_style)]
        else:
            return Strip.blank(width, base)
        return _strip(segments, width, base)

    def _layout(self, width: int, height: int) -> tuple[str, int, str, Columns, list[int]]:
        key = (width, height)
        if self._laid_out is None or self._laid_out[0] != key:
            rows = max(1, height - 2)
            cols = fit_columns(len(self.values), max(1, width - 6))
            grouped = group_sums(self.values, cols.per)
            top = self.maximum if self.maximum is not None else max(grouped, default=0)
            top_text = self.top_label or f"{top:g}"
            gutter = max(cell_len(top_text) + 1, self.axis_cells, 2)
            cols = fit_columns(len(self.values), max(1, width - gutter))
            heights = bar_heights(group_sums(self.values, cols.per), rows, self.maximum)
            caption = self.caption if cols.per == 1 else self.group_caption.format(n=cols.per)
            self._laid_out = (key, (caption, gutter, top_text, cols, heights))
        return self._laid_out[1]

    def _label_row(self, count: int, per: int, pitch: int) -> str:
        line = ""
        for column in range(count):
            x = column * pitch
            label = self.labels[column * per] if column * per < len(self.labels) else ""
            if label and x >= cell_len(line) + (1 if line else 0):
                line = line + " " * (x - cell_len(line)) + label
        return line


class BarChart(Widget):
    """A `ColumnChart` as a widget of its own."""

    DEFAULT_CSS = "BarChart { height: 8; }" + component_css(ColumnChart.CSS, "BarChart")
    COMPONENT_CLASSES = set(ColumnChart.COMPONENTS)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart = ColumnChart()

    @property
    def values(self) -> tuple[float, ...]:
        return self.chart.values

    def show(self, values: Sequence[float], labels: Sequence[str], caption: str,
             group_caption: str = "", maximum: float | None = None,
             top_label: str | None = None, axis: int = 0) -> None:
        """See `ColumnChart.show`."""
        self.chart.show(values, labels, caption, group_caption, maximum, top_label, axis)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        return self.chart.line(y, self.size.width, self.size.height, self)


class Row(Protocol):
    """What a `RowTable` needs of its rows: the label drawn first, the note drawn last,
    after the chart."""

    @property
    def label(self) -> str: ...

    @property
    def note(self) -> str: ...


RowT = TypeVar("RowT", bound=Row)


def row_cells(rows: Sequence[Row], header: Row | None = None) -> tuple[int, int]:
    """The widest note and the widest label of the rows and the header, in cells (a
    table of thousands of rows measures them in the reports' worker: `stats_format`)."""
    every = (*rows, header) if header is not None else rows
    return (max((cell_len(r.note) for r in every), default=0),
            max((cell_len(r.label) for r in every), default=0))


class RowTable(Generic[RowT]):
    """A row a line, drawn with Textual's line API: only the rows on screen are drawn, so a
    deck with thousands of main questions has no widget per row and renders none off
    screen. Subclasses draw one row as segments (`_row`), and the header line above the
    rows, when there is one (`_header_row`)."""

    CSS = ""
    COMPONENTS: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.rows: tuple[RowT, ...] = ()
        self.header: RowT | None = None
        """The column headings, drawn as the first line in the muted header style."""
        self._note_cells = 0
        self._label_max = 0

    def _set_rows(self, rows: Sequence[RowT], header: RowT | None = None,
                  cells: tuple[int, int] | None = None) -> None:
        self.rows, self.header = tuple(rows), header
        self._note_cells, self._label_max = cells or row_cells(self.rows, header)

    def _label_cells(self, width: int, beside: int) -> int:
        """The labels' column: whole where `width` leaves the `beside` cells the rest of a
        row needs, else at least 16 cells, a longer label cut with `..` (`fit`)."""
        return min(self._label_max, max(16, width - beside))

    @property
    def height(self) -> int:
        return max(1, len(self.rows) + (self.header is not None))

    def line(self, y: int, width: int, pen: Pen) -> Strip:
        base = pen.rich_style
        if self.header is not None:
            if y == 0:
                return _strip(self._header_row(self.header, width, pen), width, base)
            y -= 1
        if y >= len(self.rows):
            return Strip.blank(width, base)
        return _strip(self._row(self.rows[y], width, pen), width, base)

    # Abstract for mypy, which refuses a RowTable that lacks them.
    @abstractmethod
    def _row(self, row: RowT, width: int, pen: Pen) -> list[Segment]: ...

    @abstractmethod
    def _header_row(self, row: RowT, width: int, pen: Pen) -> list[Segment]: ...


TableT = TypeVar("TableT", bound=RowTable[Any])


class LineTable(Widget, Generic[TableT]):
    """A `RowTable` as a widget of its own (`table`), as tall as its rows."""

    def __init__(self, table: TableT, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.table = table

    @property
    def rows(self) -> tuple[Any, ...]:
        return self.table.rows

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return self.table.height

    def render_line(self, y: int) -> Strip:
        return self.table.line(y, self.size.width, self)


@dataclass(frozen=True, slots=True)
class BarRow:
    """One row of a `BarTable`: a label, a bar for `value`, and a note after the bar."""

    label: str
    value: float
    note: str = ""


class BarRows(RowTable[BarRow]):
    """Rows of `label  bar  note`; bars share one scale (`maximum`, default the largest
    value). With `track`, the rest of each bar's width is drawn as a light-shade track, for
    shares of a whole (mastery). A `header` row's label and note head the columns."""

    CSS = """
    HOST > .bar-table--bar { color: $primary; }
    HOST > .bar-table--track { color: $text-muted; }
    HOST > .bar-table--note { color: $foreground; }
    HOST > .bar-table--header { color: $text-muted; text-style: bold; }
    """
    COMPONENTS = frozenset({"bar-table--bar", "bar-table--track", "bar-table--note",
                            "bar-table--header"})

    def __init__(self, bar_cells: int = 30, track: bool = False) -> None:
        super().__init__()
        self.bar_cells = bar_cells
        self.track = track
        self._top: float = 0
        """The value a full bar stands for."""

    def show(self, rows: Sequence[BarRow], maximum: float | None = None,
             header: BarRow | None = None, cells: tuple[int, int] | None = None) -> None:
        """`cells`: `row_cells` of the rows and header, when already worked out."""
        self._top = maximum if maximum is not None else max((r.value for r in rows),
                                                            default=0)
        self._set_rows(rows, header, cells)

    def _cells(self, width: int) -> tuple[int, int]:
        """The labels' cells, and the bar's: at least 8 beside whole labels."""
        label_cells = self._label_cells(width, self._note_cells + 12)
        return label_cells, max(4, min(self.bar_cells,
                                       width - label_cells - self._note_cells - 4))

    def _header_row(self, row: BarRow, width: int, pen: Pen) -> list[Segment]:
        label_cells, bar_cells = self._cells(width)
        line = f"{fit(row.label, label_cells)}  {_pad('', bar_cells)}  {row.note}"
        return [Segment(line, pen.get_component_rich_style("bar-table--header"))]

    def _row(self, row: BarRow, width: int, pen: Pen) -> list[Segment]:
        label_cells, bar_cells = self._cells(width)
        cells = bar_width(row.value, self._top, bar_cells)
        text = Text(fit(row.label, label_cells) + "  ", no_wrap=True)
        text.append(" " * cells, pen.get_component_rich_style("bar-table--bar")
                    + Style(reverse=True))
        text.append((TRACK if self.track else " ") * (bar_cells - cells),
                    pen.get_component_rich_style("bar-table--track"))
        text.append("  " + row.note, pen.get_component_rich_style("bar-table--note"))
        return list(text.render(pen.app.console))


class BarTable(LineTable[BarRows]):
    """`BarRows` as a widget of its own."""

    DEFAULT_CSS = "BarTable { height: auto; }" + component_css(BarRows.CSS, "BarTable")
    COMPONENT_CLASSES = set(BarRows.COMPONENTS)

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 bar_cells: int = 30, track: bool = False) -> None:
        super().__init__(BarRows(bar_cells, track), id=id, classes=classes)

    def show(self, rows: Sequence[BarRow], maximum: float | None = None,
             header: BarRow | None = None) -> None:
        self.table.show(rows, maximum, header)
        self.refresh(layout=True)


class YearGrid:
    """A year of study days like GitHub's: a column per week (oldest on the left), a row
    per weekday (Monday on top), month names above, and a less/more legend below.
    `Heatmap` draws one as a widget."""

    CSS = """
    HOST > .heatmap--axis { color: $text-muted; }
    HOST > .heatmap--l0 { color: $foreground 30%; }
    HOST > .heatmap--l1 { color: $success 35%; }
    HOST > .heatmap--l2 { color: $success 60%; }
    HOST > .heatmap--l3 { color: $success 80%; }
    HOST > .heatmap--l4 { color: $success; }
    """
    COMPONENTS = frozenset({"heatmap--axis",
                            *(f"heatmap--l{i}" for i in range(HEAT_LEVELS + 1))})
    HEIGHT = 9

    def __init__(self) -> None:
        self.grid: HeatmapGrid | None = None
        self.weekdays: tuple[str, ...] = ("Mon", "", "Wed", "", "Fri", "", "")
        self.months: tuple[str, ...] = tuple(str(m) for m in range(1, 13))
        self.legend = ("less", "more")

    def show(self, grid: HeatmapGrid, weekdays: Sequence[str], months: Sequence[str],
             legend: tuple[str, str]) -> None:
        self.grid, self.weekdays, self.months = grid, tuple(weekdays), tuple(months)
        self.legend = legend

    def _cell(self, level: int, pen: Pen) -> tuple[str, Style | None]:
        if getattr(pen.app, "no_color", False):
            return NO_COLOR_LEVELS[level], None
        style = pen.get_component_rich_style(f"heatmap--l{level}")
        if level == 0:  # a faint dot: the grid shows, the study days stand out
            return ".", style
        return " ", style + Style(reverse=True)

    def line(self, y: int, width: int, pen: Pen) -> Strip:
        """Row 0 names the months, rows 1-7 are the weekdays, row 8 the legend. Drawn from
        segments, one per day, without a Rich `Text` (whose spans cost more than the grid)."""
        base = pen.rich_style
        grid = self.grid
        if grid is None or y > 8:
            return Strip.blank(width, base)
        axis = pen.get_component_rich_style("heatmap--axis")
        gutter = max(cell_len(w) for w in self.weekdays) + 1
        weeks = len(grid.days[0])
        pitch = 2 if width >= gutter + 2 * weeks else 1
        gap = [Segment(" ")] if pitch == 2 else []
        cells = [self._cell(level, pen) for level in range(HEAT_LEVELS + 1)]
        if y == 0:
            segments = [Segment(" " * gutter + self._month_row(grid, pitch), axis)]
        elif y <= 7:
            segments = [Segment(_pad(self.weekdays[y - 1], gutter), axis)]
            for level in grid.cells[y - 1]:
                segments.append(Segment(" ") if level is None else Segment(*cells[level]))
                segments += gap
        else:
            less, more = self.legend
            segments = [Segment(" " * gutter + less + " ", axis)]
            for cell in cells:
                segments += [Segment(*cell), *gap]
            segments.append(Segment(" " + more, axis))
        return _strip(segments, width, base)

    def _month_row(self, grid: HeatmapGrid, pitch: int) -> str:
        line = ""
        for column, first in grid.month_starts():
            name = self.months[first.month - 1]
            x = column * pitch
            if x >= cell_len(line) + (1 if line else 0):
                line += " " * (x - cell_len(line)) + name
        return line


class Heatmap(Widget):
    """A `YearGrid` as a widget of its own."""

    DEFAULT_CSS = "Heatmap { height: 9; }" + component_css(YearGrid.CSS, "Heatmap")
    COMPONENT_CLASSES = set(YearGrid.COMPONENTS)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart = YearGrid()

    @property
    def grid(self) -> HeatmapGrid | None:
        return self.chart.grid

    def show(self, grid: HeatmapGrid, weekdays: Sequence[str], months: Sequence[str],
             legend: tuple[str, str]) -> None:
        self.chart.show(grid, weekdays, months, legend)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        return self.chart.line(y, self.size.width, self)


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One row of a `TrendTable`: a label, a share from 0 to 1 per week (None: no data that
    week), and a note after the weeks. The header row's `values` are unused."""

    label: str
    values: tuple[float | None, ...]
    note: str = ""


class TrendRows(RowTable[TrendRow]):
    """Rows of `label  week week ...  note`, every week on one fixed scale from 0 to 100%
    (`share_level`), so that weeks and rows compare at a glance.

    Where there is room, each week is its share in figures, coloured by its level, under
    the week's first day in the header; else a block of a few cells in the level's colour
    (ASCII glyphs under NO_COLOR), the most recent weeks when not all fit. A week without
    data is a faint `-` or `.`, so a row without any looks empty, not like a week at 0%.
    """

    CSS = """
    HOST > .trend-table--header { color: $text-muted; text-style: bold; }
    HOST > .trend-table--l0 { color: $foreground 30%; }
    HOST > .trend-table--l1 { color: $error; }
    HOST > .trend-table--l2 { color: $warning; }
    HOST > .trend-table--l3 { color: $success 65%; }
    HOST > .trend-table--l4 { color: $success; }
    """
    COMPONENTS = frozenset({"trend-table--header",
                            *(f"trend-table--l{i}" for i in range(SHARE_LEVELS + 1))})

    FIGURE_PITCH = 6
    """Cells a week takes in figures: `100%` right-aligned in five, and a gap."""

    def __init__(self) -> None:
        super().__init__()
        self.weeks: tuple[str, ...] = ()
        """The header's name of each week (its first day, `MM-DD`)."""

    def show(self, rows: Sequence[TrendRow], weeks: Sequence[str] = (),
             header: TrendRow | None = None) -> None:
        self.weeks = tuple(weeks)
        self._set_rows(rows, header)

    def _layout(self, width: int) -> tuple[int, int, int, int]:
        """(label cells, pitch, weeks shown, cells for them): labels whole where the weeks
        fit beside them in figures (or in 24 cells), figures where all weeks fit, else
        blocks as wide as the room allows, the latest weeks when even one cell each does
        not fit."""
        count = max((len(r.values) for r in self.rows), default=0)
        label_cells = self._label_cells(
            width, max(24, count * self.FIGURE_PITCH) + self._note_cells + 4)
        room = max(4, width - label_cells - self._note_cells - 4)
        if count and count * self.FIGURE_PITCH <= room:
            return label_cells, self.FIGURE_PITCH, count, count * self.FIGURE_PITCH
        pitch = max(1, min(4, room // max(1, count)))
        return label_cells, pitch, min(count, room // pitch), room

    def _header_row(self, row: TrendRow, width: int, pen: Pen) -> list[Segment]:
        label_cells, pitch, shown, room = self._layout(width)
        weeks = self.weeks[len(self.weeks) - shown:] if shown else ()
        if pitch == self.FIGURE_PITCH:
            line = "".join(f"{w:>{pitch - 1}} " for w in weeks)
        else:  # a name where it runs neither into the one before nor out of the room
            line = ""
            for index, name in enumerate(weeks):
                x = index * pitch
                if x >= cell_len(line) + (1 if line else 0) and x + cell_len(name) <= room:
                    line += " " * (x - cell_len(line)) + name
        text = f"{fit(row.label, label_cells)}  {_pad(line, room)}  {row.note}"
        return [Segment(text, pen.get_component_rich_style("trend-table--header"))]

    def _row(self, row: TrendRow, width: int, pen: Pen) -> list[Segment]:
        label_cells, pitch, shown, room = self._layout(width)
        segments = [Segment(fit(row.label, label_cells) + "  ")]
        values = row.values[len(row.values) - shown:] if shown else ()
        no_color = getattr(pen.app, "no_color", False)
        for share in values:
            level = share_level(share)
            style = pen.get_component_rich_style(f"trend-table--l{level}")
            if pitch == self.FIGURE_PITCH:
                figure = "-" if share is None else f"{share * 100:.0f}%"
                segments += [Segment(f"{figure:>{pitch - 1}}", style), Segment(" ")]
                continue
            cells = pitch - 1 if pitch > 1 else 1
            if level == 0 or no_color:
                glyph = "." if level == 0 else NO_COLOR_LEVELS[level]
                segments.append(Segment(glyph * cells, style if level == 0 else None))
            else:
                segments.append(Segment(" " * cells, style + Style(reverse=True)))
            if pitch > 1:
                segments.append(Segment(" "))
        used = sum(cell_len(segment.text) for segment in segments[1:])
        segments.append(Segment(" " * max(0, room - used) + "  " + row.note))
        return segments


class TrendTable(LineTable[TrendRows]):
    """`TrendRows` as a widget of its own."""

    DEFAULT_CSS = "TrendTable { height: auto; }" + component_css(TrendRows.CSS, "TrendTable")
    COMPONENT_CLASSES = set(TrendRows.COMPONENTS)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(TrendRows(), id=id, classes=classes)

    def show(self, rows: Sequence[TrendRow], weeks: Sequence[str] = (),
             header: TrendRow | None = None) -> None:
        self.table.show(rows, weeks, header)
        self.refresh(layout=True)


def _strip(segments: list[Segment], width: int, base: Style) -> Strip:
    """One line of a line-API widget: on the widget's own style, cut or filled to `width`."""
    return Strip(Segment.apply_style(segments, base)).crop_extend(0, width, base)
