"""The browser: every card of the loaded decks in a table, filtered as you type, by topic
and by state, sorted by any column; enter opens a card's info.

The rows are built in a worker thread from a capture of the history (`study.browse`), then
the filter's index; the screen only formats. Rows are rebuilt when the screen is shown
again after the history changed (a grade, a note, a flag).
"""

from __future__ import annotations

import gc
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from dlflash.base.language import Language
from dlflash.deck.model import Text
from dlflash.study.browse import (
    COLUMNS,
    STATE_FILTERS,
    BrowseInput,
    Browser,
    BrowseRow,
    Column,
    Filter,
    browse_rows,
    row_topics,
)
from dlflash.study.search import SearchIndex
from dlflash.tui.commands import BROWSE_COMMANDS, bindings, relabel
from dlflash.tui.screens.help import HelpScreen
from dlflash.tui.text import tr
from dlflash.tui.widgets.card_table import CardTable, TableColumn
from dlflash.tui.widgets.key_taker import passed_on
from dlflash.tui.widgets.keybar import KeyBar
from dlflash.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from dlflash.tui.host import Host

_WIDE = 110
"""From this width on, the table also shows the topic, the flag and whole dates."""


@dataclass
class RowsBuilt(Message):
    rows: list[BrowseRow]
    version: int
    topics: list[Text]


@dataclass
class IndexBuilt(Message):
    index: SearchIndex


def _figure(value: float | None, form: str) -> str:
    """A figure in `form`, or nothing for a card without it."""
    return "" if value is None else format(value, form)


def columns(language: Language, width: int) -> list[TableColumn[BrowseRow]]:
    """The table's columns for `width` cells: the question takes what the others leave."""
    wide = width >= _WIDE

    def col(key: str, size: int, cell: object, right: bool = False) -> TableColumn[BrowseRow]:
        heading = tr(f"col.{key}", language)
        return TableColumn(key, heading, size and max(size, cell_len(heading)),
                           cell, right)  # type: ignore[arg-type]

    chosen = [
        col("id", 7, lambda row: row.card.id),
        *([col("topic", 16, lambda row: row.card.topic.get(language))] if wide else []),
        col("question", 0, lambda row: row.card.question.get(language)),
        col("state", 8, lambda row: tr(f"kind.{row.kind}", language)),
        col("due", 10 if wide else 5, lambda row: "" if row.due is None else (
            row.due.isoformat() if wide else row.due.strftime("%m-%d"))),
        col("interval", 4, lambda row: _figure(row.interval, "d"), True),
        col("ef", 4, lambda row: _figure(row.easiness, ".2f"), True),
        col("reviews", 4, lambda row: f"{row.reviews}", True),
        col("failures", 4, lambda row: f"{row.failures}", True),
        col("last", 4, lambda row: _figure(row.last_grade, "d"), True),
        col("covered", 4, lambda row: _figure(row.covered, ".0%"),
            True),
        *([col("flag", 6, lambda row: tr(f"flag.{row.flag}", language) if row.flag else "")]
          if wide else []),
    ]
    return chosen


class BrowseScreen(Screen[None]):
    BINDINGS = bindings(BROWSE_COMMANDS, "en")
    COMMAND_REGISTRY = BROWSE_COMMANDS
    KEY_BAR_LINES = 2
    """Every key in the key bar: a second line where one cannot hold them."""

    app: Host

    def __init__(self) -> None:
        super().__init__()
        # The screen of a mode: when a new one's CSS count is behind the app's (a new
        # screen's is -1), switch_mode re-parses every stylesheet of the app from scratch,
        # twice (about 60 ms of the open at 10,000 cards). Nothing of a new screen can be
        # stale: its widgets take their styles from the current sheet as they mount, and a
        # theme change refreshes every screen of the stacks.
        with suppress(RuntimeError):  # no app yet (NoActiveAppError)
            self._css_update_count = self.app._css_update_count
        self.browser: Browser | None = None
        self.version = -1
        """The history's version the rows were built from."""
        self.chosen = Filter()
        self.column: Column = "id"
        self.descending = False
        self.shown: list[BrowseRow] = []
        self._topics: list[Text] = []
        self._labels: dict[str, str] = {}
        self._columns_for: tuple[tuple[object, ...], list[TableColumn[BrowseRow]]] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="br-top"):
            yield Static("", id="br-where", markup=False)
        yield Input(id="br-filter")
        yield Static("", id="br-status", markup=False)
        yield CardTable[BrowseRow](id="br-table")
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "language", self._language_changed, init=False)
        relabel(self, BROWSE_COMMANDS, self.language)
        self._label()
        self.query_one("#br-filter", Input).focus()
        self._load()

    @property
    def language(self) -> Language:
        return self.app.language

    @property
    def table(self) -> CardTable[BrowseRow]:
        return self.query_one("#br-table", CardTable)

    # -- loading --------------------------------------------------------------------------

    def _load(self) -> None:
        session = self.app.session
        history = session.history
        self.version = history.version
        capture = BrowseInput.later(history, session.deck, session.today)
        flags, notes = history.flags(), history.notes()
        self._build(capture, flags, notes, self.version)
        if not self.shown:
            self.table.show([], [], empty=tr("br.loading", self.language))

    # A description of its own: Textual's default is the repr of the arguments, every row.
    @work(thread=True, exclusive=True, group="browse-rows", exit_on_error=False,
          description="browse rows")
    def _build(self, capture: object, flags: dict[str, int], notes: dict[str, str],
               version: int) -> None:
        data = capture()  # type: ignore[operator]
        rows = browse_rows(data, flags, notes)
        # the topics here too: a pass over every card of the deck (10,000) on the UI thread
        self.post_message(RowsBuilt(rows, version, row_topics(rows)))

    @work(thread=True, exclusive=True, group="browse-index", exit_on_error=False,
          description="browse index")
    def _index(self, browser: Browser) -> None:
        self.post_message(IndexBuilt(browser.build_index()))

    def on_rows_built(self, message: RowsBuilt) -> None:
        old = self.browser
        self.browser = Browser(message.rows, old.index if old else None)
        self.version = message.version
        self._topics = message.topics
        self._refilter()
        if self.browser.index is None:  # after the rows are shown: its thread holds the GIL
            self.call_after_refresh(self._index, self.browser)

    def on_index_built(self, message: IndexBuilt) -> None:
        if self.browser is not None:
            self.browser.index = message.index
            if self.chosen.query.strip():
                self._refilter()
        # The rows and the index live as long as the screen: kept out of the collector's
        # full passes, as the app keeps the history (app.py), which otherwise paused
        # keystrokes of the filter by 30-50 ms at 10,000 cards. Unreachable ones are still
        # freed by their reference counts (they hold no cycles).
        gc.freeze()

    def on_screen_resume(self) -> None:
        if self.browser is not None and self.app.session.history.version != self.version:
            self._load()

    # -- showing --------------------------------------------------------------------------

    def _refilter(self, keep: str | None = None, top: bool = False) -> None:
        """Show the rows that pass the filter, the cursor on the card `keep` (by default
        the one under it) if it is still shown, or on the first row (`top`)."""
        browser, table, language = self.browser, self.table, self.language
        if browser is None:
            return
        current = table.current
        keep = None if top else keep or (current.card.id if current else None)
        if self.chosen.query.strip() and browser.index is None:
            self.shown = []
            table.show([], [], empty=tr("br.indexing", language))
        else:
            self.shown = browser.view(self.chosen, self.column, self.descending, language)
            cursor = 0 if keep is None else next(
                (i for i, row in enumerate(self.shown) if row.card.id == keep), 0)
            table.show(self.shown, self._columns(), cursor, empty=tr("br.none", language))
        self._label()

    def _columns(self) -> list[TableColumn[BrowseRow]]:
        """The columns, the same list while what they depend on stays: the table keeps
        the rows' formatted lines as long as its columns are the same."""
        key = (self.language, self.size.width >= _WIDE, self.column, self.descending)
        if self._columns_for is None or self._columns_for[0] != key:
            chosen = columns(self.language, self.size.width)
            way = "v" if self.descending else "^"
            self._columns_for = key, [replace(column, heading=f"{column.heading}{way}")
                                      if column.key == self.column else column
                                      for column in chosen]
        return self._columns_for[1]

    def _label(self) -> None:
        language, chosen = self.language, self.chosen
        total = len(self.browser.rows) if self.browser else 0
        self._put("#br-where", tr("br.title", language))
        topic = chosen.topic.get(language) if chosen.topic else tr("br.all", language)
        way = tr("br.down" if self.descending else "br.up", language)
        self._put("#br-status", "   ".join((
            tr("br.topic", language, topic=topic),
            tr("br.state", language, state=tr(f"kind.{chosen.state}", language)),
            tr("br.sort", language, column=tr(f"col.{self.column}", language), way=way))))
        placeholder = tr("br.filter.placeholder", language)
        box = self.query_one("#br-filter", Input)
        if box.placeholder != placeholder:
            box.placeholder = placeholder
        # The count changes with every keystroke: on the box's border it only repaints the
        # box, where a label's update would lay the whole screen out again.
        count = tr("br.count", language, shown=len(self.shown), total=total)
        if self._labels.get("count") != count:
            self._labels["count"] = count
            box.border_subtitle = Content(count)

    def _put(self, selector: str, text: str) -> None:
        """Update a label only when its text changes: an update lays the screen out again,
        which a keystroke of the filter should not pay for."""
        if self._labels.get(selector) != text:
            self._labels[selector] = text
            self.query_one(selector, Static).update(text)

    def _language_changed(self) -> None:
        relabel(self, BROWSE_COMMANDS, self.language)
        self._refilter()
        self.on_resize()

    def on_resize(self) -> None:
        self.query_one(TooSmall).check(self.size, self.language)
        if self.browser is not None:
            self.table.show(self.shown, self._columns(), self.table.cursor,
                            empty=tr("br.none", self.language))

    # -- the filter -----------------------------------------------------------------------

    @on(Input.Changed, "#br-filter")
    def _typed(self, event: Input.Changed) -> None:
        self.chosen = replace(self.chosen, query=event.value)
        self._refilter(top=True)  # what is typed asks for the first match (enter opens it)

    @on(Input.Submitted, "#br-filter")
    def _submitted(self) -> None:
        self.action_open()

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_box = self.query_one("#br-filter", Input).has_focus
        if action == "leave_filter":
            return in_box
        if action in ("focus_filter", "back"):
            return not in_box
        if action == "open":
            return self.table.current is not None
        return True

    def action_move(self, step: int) -> None:
        self.table.action_move(step)

    def action_page(self, step: int) -> None:
        self.table.action_page(step)

    def action_leave_filter(self) -> None:
        self.table.focus()

    def action_focus_filter(self) -> None:
        # at once, not after the keys already waiting (focus() would wait for them)
        self.set_focus(self.query_one("#br-filter", Input))

    def on_key(self, event: events.Key) -> None:
        """Keys of a burst (typed fast, or waiting while a big table is drawn) all reach the
        table before the first one's binding runs, and come up here on their way to their
        bindings: `/` moves the cursor into the box here, at once, and a character that
        comes up while the box has the cursor was typed after it (the box keeps its own
        characters), so it goes into the box instead of running a command (t, o, r, q)."""
        box = self.query_one("#br-filter", Input)
        if self.focused is box:  # set at once, where has_focus follows with the Focus event
            if event.is_printable:
                event.stop()
                event.prevent_default()
                box.post_message(passed_on(event))
        elif event.key == "slash":
            event.stop()
            event.prevent_default()
            self.action_focus_filter()

    def action_open(self) -> None:
        row = self.table.current
        if row is None:
            return
        from dlflash.tui.screens.card_info import CardInfoScreen

        self.app.push_screen(CardInfoScreen(row.card.id))

    def action_topic(self, step: int) -> None:
        choices: list[Text | None] = [None, *self._topics]
        where = choices.index(self.chosen.topic) if self.chosen.topic in choices else 0
        self.chosen = replace(self.chosen, topic=choices[(where + step) % len(choices)])
        self._refilter()

    def action_state(self, step: int) -> None:
        where = STATE_FILTERS.index(self.chosen.state)
        self.chosen = replace(self.chosen,
                              state=STATE_FILTERS[(where + step) % len(STATE_FILTERS)])
        self._refilter()

    def action_sort(self, step: int) -> None:
        self.column = COLUMNS[(COLUMNS.index(self.column) + step) % len(COLUMNS)]
        self.descending = False
        self._refilter()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._refilter()

    def action_back(self) -> None:
        self.app.switch_mode("review")

    def action_toggle_language(self) -> None:
        self.app.toggle_language()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(BROWSE_COMMANDS, self.language))

    def action_quit(self) -> None:
        self.app.exit()
