"""The chart widgets drawn on their own (tui/widgets/charts.py)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from dlflash.tui.widgets.charts import TrendRow, TrendTable


class Trends(App[None]):
    def compose(self) -> ComposeResult:
        yield TrendTable(label_cells=4)


async def test_a_trend_without_data_is_drawn_empty() -> None:
    """Issue 15, bug 10: a row without any data must not look like a flat line at 0."""
    app = Trends()
    async with app.run_test(size=(40, 4)) as pilot:
        table = app.query_one(TrendTable)
        table.show([TrendRow("a", (0.0, 0.5, 1.0), "x"), TrendRow("b", (), "-")])
        await pilot.pause()
        data, empty = (table.render_line(y).text for y in range(2))
        assert data[6:36].strip() and empty[6:36].strip() == ""
        assert empty.startswith("b  ") and empty.rstrip().endswith("-")
