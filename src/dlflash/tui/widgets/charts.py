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
from typing import Generic, Protocol, TypeVar

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


class BarChart(Widget):
    """Columns over a series (the due forecast, reviews by hour), with the top value on the
    left axis and labels under the columns. Too many values for the width are summed
    in consecutive groups (`fit_columns`)."""

    DEFAULT_CSS = """
    BarChart { height: 8; }
    BarChart > .bar-chart--bar { color: $primary; }
    BarChart > .bar-chart--axis { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--axis"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
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
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """Row 0 is the caption, the last row the labels, the rows between the columns,
        drawn from segments (a Rich `Text` with a span per column costs more than the
        chart). The layout is worked out once per size and series."""
        width, base = self.size.width, self.rich_style
        if not self.values:
            return Strip.blank(width, base)
        caption, gutter, top_text, cols, heights = self._layout(width, self.size.height)
        rows = max(1, self.size.height - 2)
        axis_style = self.get_component_rich_style("bar-chart--axis")
        if y == 0:
            segments = [Segment(caption, axis_style)]
        elif y <= rows:
            row = y - 1
            level = rows - row
            axis = top_text if row == 0 else ("0" if row == rows - 1 else "")
            bar = Segment(" " * cols.bar,
                          self.get_component_rich_style("bar-chart--bar") + Style(reverse=True))
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


class Row(Protocol):
    """What a `LineTable` needs of its rows: the label drawn first, the note drawn last,
    after the chart."""

    @property
    def label(self) -> str: ...

    @property
    def note(self) -> str: ...


RowT = TypeVar("RowT", bound=Row)


class LineTable(Widget, Generic[RowT]):
    """A row a line, drawn with Textual's line API: only the rows on screen are drawn, so a
    deck with thousands of main questions mounts no widget per row and renders none off
    screen. Subclasses draw one row as segments (`_row`), and the header line above the
    rows, when there is one (`_header_row`)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: tuple[RowT, ...] = ()
        self.header: RowT | None = None
        """The column headings, drawn as the first line in the muted header style."""
        self._note_cells = 0
        self._label_max = 0

    def _set_rows(self, rows: Sequence[RowT], header: RowT | None = None) -> None:
        self.rows, self.header = tuple(rows), header
        every = (*self.rows, header) if header is not None else self.rows
        self._note_cells = max((cell_len(r.note) for r in every), default=0)
        self._label_max = max((cell_len(r.label) for r in every), default=0)
        self.refresh(layout=True)

    def _label_cells(self, width: int, beside: int) -> int:
        """The labels' column: whole where `width` leaves the `beside` cells the rest of a
        row needs, else at least 16 cells, a longer label cut with `..` (`fit`)."""
        return min(self._label_max, max(16, width - beside))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(1, len(self.rows) + (self.header is not None))

    def render_line(self, y: int) -> Strip:
        width, base = self.size.width, self.rich_style
        if self.header is not None:
            if y == 0:
                return _strip(self._header_row(self.header, width), width, base)
            y -= 1
        if y >= len(self.rows):
            return Strip.blank(width, base)
        return _strip(self._row(self.rows[y], width), width, base)

    # Abstract for mypy, which refuses a LineTable that lacks them (Textual's widget
    # metaclass is not ABCMeta, so Python itself does not check).
    @abstractmethod
    def _row(self, row: RowT, width: int) -> list[Segment]: ...

    @abstractmethod
    def _header_row(self, row: RowT, width: int) -> list[Segment]: ...


@dataclass(frozen=True, slots=True)
class BarRow:
    """One row of a `BarTable`: a label, a bar for `value`, and a note after the bar."""

    label: str
    value: float
    note: str = ""


class BarTable(LineTable[BarRow]):
    """Rows of `label  bar  note`; bars share one scale (`maximum`, default the largest
    value). With `track`, the rest of each bar's width is drawn as a light-shade track, for
    shares of a whole (mastery). A `header` row's label and note head the columns."""

    DEFAULT_CSS = """
    BarTable { height: auto; }
    BarTable > .bar-table--bar { color: $primary; }
    BarTable > .bar-table--track { color: $text-muted; }
    BarTable > .bar-table--note { color: $foreground; }
    BarTable > .bar-table--header { color: $text-muted; text-style: bold; }
    """
    COMPONENT_CLASSES = {"bar-table--bar", "bar-table--track", "bar-table--note",
                         "bar-table--header"}

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 bar_cells: int = 30, track: bool = False) -> None:
        super().__init__(id=id, classes=classes)
        self.bar_cells = bar_cells
        self.track = track
        self._top: float = 0
        """The value a full bar stands for."""

    def show(self, rows: Sequence[BarRow], maximum: float | None = None,
             header: BarRow | None = None) -> None:
        self._top = maximum if maximum is not None else max((r.value for r in rows),
                                                            default=0)
        self._set_rows(rows, header)

    def _cells(self, width: int) -> tuple[int, int]:
        """The labels' cells, and the bar's: at least 8 beside whole labels."""
        label_cells = self._label_cells(width, self._note_cells + 12)
        return label_cells, max(4, min(self.bar_cells,
                                       width - label_cells - self._note_cells - 4))

    def _header_row(self, row: BarRow, width: int) -> list[Segment]:
        label_cells, bar_cells = self._cells(width)
        line = f"{fit(row.label, label_cells)}  {_pad('', bar_cells)}  {row.note}"
        return [Segment(line, self.get_component_rich_style("bar-table--header"))]

    def _row(self, row: BarRow, width: int) -> list[Segment]:
        label_cells, bar_cells = self._cells(width)
        cells = bar_width(row.value, self._top, bar_cells)
        text = Text(fit(row.label, label_cells) + "  ", no_wrap=True)
        text.append(" " * cells, self.get_component_rich_style("bar-table--bar")
                    + Style(reverse=True))
        text.append((TRACK if self.track else " ") * (bar_cells - cells),
                    self.get_component_rich_style("bar-table--track"))
        text.append("  " + row.note, self.get_component_rich_style("bar-table--note"))
        return list(text.render(self.app.console))


class Heatmap(Widget):
    """A year of study days like GitHub's: a column per week (oldest on the left), a row
    per weekday (Monday on top), month names above, and a less/more legend below."""

    DEFAULT_CSS = """
    Heatmap { height: 9; }
    Heatmap > .heatmap--axis { color: $text-muted; }
    Heatmap > .heatmap--l0 { color: $foreground 30%; }
    Heatmap > .heatmap--l1 { color: $success 35%; }
    Heatmap > .heatmap--l2 { color: $success 60%; }
    Heatmap > .heatmap--l3 { color: $success 80%; }
    Heatmap > .heatmap--l4 { color: $success; }
    """
    COMPONENT_CLASSES = {"heatmap--axis", *(f"heatmap--l{i}" for i in range(HEAT_LEVELS + 1))}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.grid: HeatmapGrid | None = None
        self.weekdays: tuple[str, ...] = ("Mon", "", "Wed", "", "Fri", "", "")
        self.months: tuple[str, ...] = tuple(str(m) for m in range(1, 13))
        self.legend = ("less", "more")

    def show(self, grid: HeatmapGrid, weekdays: Sequence[str], months: Sequence[str],
             legend: tuple[str, str]) -> None:
        self.grid, self.weekdays, self.months = grid, tuple(weekdays), tuple(months)
        self.legend = legend
        self.refresh()

    def _cell(self, level: int) -> tuple[str, Style | None]:
        if self.app.no_color:
            return NO_COLOR_LEVELS[level], None
        style = self.get_component_rich_style(f"heatmap--l{level}")
        if level == 0:  # a faint dot: the grid shows, the study days stand out
            return ".", style
        return " ", style + Style(reverse=True)

    def render_line(self, y: int) -> Strip:
        """Row 0 names the months, rows 1-7 are the weekdays, row 8 the legend. Drawn from
        segments, one per day, without a Rich `Text` (whose spans cost more than the grid)."""
        width, base = self.size.width, self.rich_style
        grid = self.grid
        if grid is None or y > 8:
            return Strip.blank(width, base)
        axis = self.get_component_rich_style("heatmap--axis")
        gutter = max(cell_len(w) for w in self.weekdays) + 1
        weeks = len(grid.days[0])
        pitch = 2 if width >= gutter + 2 * weeks else 1
        gap = [Segment(" ")] if pitch == 2 else []
        cells = [self._cell(level) for level in range(HEAT_LEVELS + 1)]
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


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One row of a `TrendTable`: a label, a share from 0 to 1 per week (None: no data that
    week), and a note after the weeks. The header row's `values` are unused."""

    label: str
    values: tuple[float | None, ...]
    note: str = ""


class TrendTable(LineTable[TrendRow]):
    """Rows of `label  week week ...  note`, every week on one fixed scale from 0 to 100%
    (`share_level`), so that weeks and rows compare at a glance.

    Where there is room, each week is its share in figures, coloured by its level, under
    the week's first day in the header; else a block of a few cells in the level's colour
    (ASCII glyphs under NO_COLOR), the most recent weeks when not all fit. A week without
    data is a faint `-` or `.`, so a row without any looks empty, not like a week at 0%.
    """

    DEFAULT_CSS = """
    TrendTable { height: auto; }
    TrendTable > .trend-table--header { color: $text-muted; text-style: bold; }
    TrendTable > .trend-table--l0 { color: $foreground 30%; }
    TrendTable > .trend-table--l1 { color: $error; }
    TrendTable > .trend-table--l2 { color: $warning; }
    TrendTable > .trend-table--l3 { color: $success 65%; }
    TrendTable > .trend-table--l4 { color: $success; }
    """
    COMPONENT_CLASSES = {"trend-table--header",
                         *(f"trend-table--l{i}" for i in range(SHARE_LEVELS + 1))}

    FIGURE_PITCH = 6
    """Cells a week takes in figures: `100%` right-aligned in five, and a gap."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
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

    def _level_style(self, level: int) -> Style:
        return self.get_component_rich_style(f"trend-table--l{level}")

    def _header_row(self, row: TrendRow, width: int) -> list[Segment]:
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
        return [Segment(text, self.get_component_rich_style("trend-table--header"))]

    def _row(self, row: TrendRow, width: int) -> list[Segment]:
        label_cells, pitch, shown, room = self._layout(width)
        segments = [Segment(fit(row.label, label_cells) + "  ")]
        values = row.values[len(row.values) - shown:] if shown else ()
        no_color = self.app.no_color
        for share in values:
            level = share_level(share)
            style = self._level_style(level)
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


def _strip(segments: list[Segment], width: int, base: Style) -> Strip:
    """One line of a line-API widget: on the widget's own style, cut or filled to `width`."""
    return Strip(Segment.apply_style(segments, base)).crop_extend(0, width, base)
