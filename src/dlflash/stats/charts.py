"""Bucketing and levels for the terminal charts: pure, so the widgets only paint.

Nothing here knows about colours or glyphs; it turns numbers into rows, columns and levels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

HEAT_LEVELS = 4
"""Levels 1-4 for days with reviews; level 0 is a day without any."""
HEATMAP_WEEKS = 53
"""Columns of the year heatmap: 53 weeks always cover the last 365 days."""


def heat_levels(values: Sequence[int], levels: int = HEAT_LEVELS) -> list[int]:
    """A level from 0 to `levels` for each value, by percentile rank among the non-zero ones.

    0 stays 0. A positive value v gets ceil(levels * k / n), where n is the number of
    positive values and k how many of them are <= v. So the busiest quarter of study days is
    the darkest, one outlier does not wash out the rest, and equal values share a level
    (a single study day, or days all alike, are the darkest level).
    """
    positive = sorted(v for v in values if v > 0)
    n = len(positive)
    result = []
    for value in values:
        if value <= 0:
            result.append(0)
            continue
        k = _count_at_most(positive, value)
        result.append(max(1, math.ceil(levels * k / n)))
    return result


def _count_at_most(ordered: Sequence[int], value: int) -> int:
    lo, hi = 0, len(ordered)
    while lo < hi:
        mid = (lo + hi) // 2
        if ordered[mid] <= value:
            lo = mid + 1
        else:
            hi = mid
    return lo


@dataclass(frozen=True, slots=True)
class HeatmapGrid:
    """Weeks as columns (oldest first), weekdays as rows (Monday first, ISO).

    `cells[row][column]` is the day's level, or None for a day after `last` (the current
    week's future); `days[row][column]` is that day.
    """

    first: date
    last: date
    cells: tuple[tuple[int | None, ...], ...]
    days: tuple[tuple[date, ...], ...]

    def month_starts(self) -> list[tuple[int, date]]:
        """(column, first day of the month) for each column where a month begins; the
        partial month the grid starts in is left unnamed, as on GitHub (a name there would
        collide with the next month's, at most five columns on)."""
        starts = []
        for column in range(len(self.days[0])):
            for row in range(7):
                day = self.days[row][column]
                if day.day == 1 and day <= self.last:
                    starts.append((column, day))
        return starts


def heatmap_grid(counts: Mapping[date, int], last: date,
                 weeks: int = HEATMAP_WEEKS) -> HeatmapGrid:
    """The grid of `weeks` ISO weeks ending with the week of `last`, levelled together."""
    first = last - timedelta(days=last.weekday()) - timedelta(weeks=weeks - 1)
    days = [[first + timedelta(weeks=w, days=row) for w in range(weeks)] for row in range(7)]
    shown = [day for row in days for day in row if day <= last]
    levels = dict(zip(shown, heat_levels([counts.get(d, 0) for d in shown]), strict=True))
    cells = tuple(tuple(levels.get(day) for day in row) for row in days)
    return HeatmapGrid(first, last, cells, tuple(tuple(row) for row in days))


def bar_heights(values: Sequence[float], rows: int, maximum: float | None = None) -> list[int]:
    """Whole rows for each bar, scaled so `maximum` (default: the largest value) fills
    `rows`; any positive value gets at least one row, so a single due card is visible."""
    top = maximum if maximum is not None else max(values, default=0)
    if top <= 0:
        return [0 for _ in values]
    return [0 if v <= 0 else min(rows, max(1, round(v / top * rows))) for v in values]


def bar_width(value: float, maximum: float, width: int) -> int:
    """Cells of a horizontal bar; a positive value shows at least one cell."""
    if value <= 0 or maximum <= 0 or width <= 0:
        return 0
    return min(width, max(1, round(value / maximum * width)))


@dataclass(frozen=True, slots=True)
class Columns:
    """How a series of `n` values fits in a chart: `per` values summed per column, `count`
    columns, each `pitch` cells apart and `bar` cells wide."""

    per: int
    count: int
    pitch: int
    bar: int


def fit_columns(n: int, width: int, max_pitch: int = 3) -> Columns:
    """Columns for `n` values in `width` cells: one value per column while each column gets
    at least 2 cells (a bar and a gap), else values grouped `per` to a column."""
    if n <= 0 or width <= 0:
        return Columns(1, 0, 1, 1)
    per = max(1, math.ceil(n / max(1, width // 2)))
    count = math.ceil(n / per)
    pitch = max(1, min(max_pitch, width // count))
    return Columns(per, count, pitch, max(1, pitch - 1))


def group_sums(values: Sequence[float], per: int) -> list[float]:
    """Consecutive groups of `per` values summed (the last group may be shorter)."""
    return [sum(values[i:i + per]) for i in range(0, len(values), per)]


SHARE_LEVELS = 4
"""Levels 1-4 for a share of a whole (0-25%, 25-50%, 50-75%, 75-100%); 0 is no data."""


def share_level(share: float | None) -> int:
    """The level of a share from 0 to 1 on a fixed scale, so that weeks and rows compare:
    0 for no data at all (a week without answers), else 1 (under 25%) to 4 (75% or more)."""
    if share is None:
        return 0
    return 1 + min(SHARE_LEVELS - 1, max(0, math.floor(share * SHARE_LEVELS)))
