"""The browser's table widget alone: a row's line is formatted once for the columns and
widths it is drawn with, and drawn again from them, never from another row's, other
columns or another width."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.geometry import Region

from dlflash.tui.widgets.card_table import CardTable, TableColumn


@dataclass(frozen=True)
class Item:
    name: str


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CardTable[Item](id="table")


def painted(table: CardTable[Item]) -> list[str]:
    """The table's lines as a paint draws them (render_lines, as the compositor calls it)."""
    table.refresh()  # what show() and a keystroke ask for
    width, height = table.size
    return [strip.text.rstrip() for strip in table.render_lines(Region(0, 0, width, height))]


async def test_rows_are_formatted_once_and_follow_new_rows_columns_and_width() -> None:
    formatted: list[str] = []

    def name(item: Item) -> str:
        formatted.append(item.name)
        return item.name

    columns = [TableColumn("name", "name", 0, name), TableColumn("n", "n", 3, lambda item:
                                                                  f"{len(item.name)}", True)]
    app = TableApp()
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(CardTable)
        table.show([Item("alpha"), Item("beta")], columns)
        await pilot.pause()
        assert [line.split() for line in painted(table)[:3]] == [
            ["name", "n"], ["alpha", "5"], ["beta", "4"]]
        assert formatted == ["alpha", "beta"]
        formatted.clear()
        table.action_move(1)  # the cursor moves: the same lines, drawn in another style
        painted(table)
        assert formatted == []
        # new rows: their own lines
        table.show([Item("gamma"), Item("delta"), Item("epsilon")], columns)
        assert [line.split()[0] for line in painted(table)[1:4]] == ["gamma", "delta",
                                                                     "epsilon"]
        # other columns of the same widths (another language, another sort): formatted again
        table.show(table.rows, [TableColumn("name", "이름", 0, lambda item: item.name.upper()),
                                TableColumn("n", "n", 3, lambda item: "#", True)])
        assert [line.split() for line in painted(table)[:3]] == [
            ["이름", "n"], ["GAMMA", "#"], ["DELTA", "#"]]
        # a narrower table: the first column's width changes, the lines follow (a line
        # formatted for 40 cells, cut at 20, would lose the count on its right)
        table.show([Item("alpha"), Item("beta")], columns)
        assert painted(table)[1].split() == ["alpha", "5"]
        await pilot.resize_terminal(20, 8)
        await pilot.pause()
        narrow = painted(table)
        assert [line.split() for line in narrow[:3]] == [["name", "n"], ["alpha", "5"],
                                                          ["beta", "4"]]
        assert all(len(line) <= table.scrollable_content_region.width for line in narrow)
