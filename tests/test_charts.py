"""The chart widgets drawn on their own (tui/widgets/charts.py)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from dlflash.tui.widgets.charts import BarRow, BarTable, TrendRow, TrendTable


class Charts(App[None]):
    def compose(self) -> ComposeResult:
        yield TrendTable()
        yield BarTable(track=True, bar_cells=10)


def lines(widget: TrendTable | BarTable) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


WEEKS = ("02-02", "02-09", "02-16", "02-23", "03-02")


async def test_weeks_in_figures_under_their_first_day() -> None:
    """Issue 15, bug 10: every week on one scale, in figures where they fit; a week
    without data is a `-`, and a row without any data shows no figure at all."""
    app = Charts()
    async with app.run_test(size=(70, 12)) as pilot:
        table = app.query_one(TrendTable)
        table.show([TrendRow("all", (0.5, None, 0.25, 1.0, 0.0), "50% -> 0%"),
                    TrendRow("q02 nothing yet", (None,) * 5, "-")],
                   WEEKS, TrendRow("topic", (), "first -> last"))
        await pilot.pause()
        header, data, empty = lines(table)
        assert header.split() == ["topic", *WEEKS, "first", "->", "last"]
        assert data.split() == ["all", "50%", "-", "25%", "100%", "0%", "50%", "->", "0%"]
        assert empty.split() == ["q02", "nothing", "yet", *"-" * 5, "-"]
        # each figure ends under the end of its week's name
        for week, figure in zip(WEEKS, ("50%", "-", "25%", "100%", "0%"), strict=True):
            assert header.index(week) + 5 == data.index(figure, header.index(week)) + len(figure)
        # the levels, on a fixed scale: 0% and 25% differ, no data is the faint level
        styles = {s.text.strip(): s.style for s in table.render_line(1) if s.text.strip()}
        assert len({styles["50%"], styles["25%"], styles["100%"], styles["0%"],
                    styles["-"]}) == 5


async def test_weeks_as_blocks_where_figures_do_not_fit() -> None:
    """A year is 53 weeks: each is a block of colour (reverse video), a week without
    data a faint dot, and at 60 columns only the latest weeks that fit."""
    app = Charts()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(TrendTable)
        shares = tuple(None if w % 4 == 0 else w / 53 for w in range(53))
        table.show([TrendRow("all", shares, "2% -> 100%"), TrendRow("none", (None,) * 53, "-")],
                   [f"w{w:02}" for w in range(53)], TrendRow("topic", (), "first -> last"))
        await pilot.pause()
        header, data, empty = lines(table)
        names = [int(word[1:]) for word in header.split() if word.startswith("w")]
        assert names[0] > 10 and names[-1] > 45  # the latest weeks, no name cut
        blocks = [s for s in table.render_line(1) if s.style and s.style.reverse]
        # the weeks shown (from week 18 on) are 34% to 98%: three levels, three colours
        assert len(blocks) > 20 and len({s.style for s in blocks}) == 3
        assert set(empty[6:-1].strip()) == {"."} and empty.endswith("-")
        assert data[6:].count(".") > 5  # the weeks off are dots among the blocks


async def test_long_labels_are_cut_visibly_and_bar_tables_have_a_header() -> None:
    app = Charts()
    async with app.run_test(size=(60, 12)) as pilot:
        long = "q07 Data splits and regularization, a very long name"
        trends = app.query_one(TrendTable)
        trends.show([TrendRow(long, (0.5,) * 5, "50% -> 50%")], WEEKS)
        bars = app.query_one(BarTable)
        bars.show([BarRow("q01 Activations", 0.5, "   50%      3/4")], maximum=1,
                  header=BarRow("topic", 0, "mature  studied"))
        await pilot.pause()
        [row] = lines(trends)
        assert row.startswith(long[:14]) and ".." in row and "50% -> 50%" in row
        header, bar = lines(bars)
        assert header.split() == ["topic", "mature", "studied"]
        assert header.index("studied") + 7 == len(bar) and bar.startswith("q01 Activations")
