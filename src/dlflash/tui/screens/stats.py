"""The stats screen: every figure of `dlflash.stats` as text and small terminal charts.

The report is worked out in a worker thread from an immutable capture of the history,
most often before `s` is pressed (`tui/stats_ready.py`: once the app is idle, for every
range), else when the screen asks and then it comes back as a `StatsComputed` message; the
screen only formats. It asks whenever it is shown (so today's numbers move after a review)
and when the range changes, and is handed only a report of the current history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from dlflash.base.language import Language
from dlflash.stats import StatsReport
from dlflash.stats.charts import heatmap_grid
from dlflash.stats.log import RANGES
from dlflash.stats.text import (
    calendar_line,
    cards_lines,
    due_line,
    ease,
    interview_lines,
    percent,
    retention_rows,
    reviews_lines,
    table,
    today_lines,
)
from dlflash.tui.commands import STATS_COMMANDS, bindings, relabel
from dlflash.tui.screens.help import HelpScreen
from dlflash.tui.stats_format import (
    histogram_rows,
    key_point_rows,
    leech_text,
    topic_rows,
    trend_rows,
)
from dlflash.tui.stats_ready import ReadyReports, StatsComputed, StatsFailed
from dlflash.tui.text import tr
from dlflash.tui.widgets.charts import (
    BarRow,
    BarRows,
    ColumnChart,
    TrendRow,
    TrendRows,
    TrendTable,
)
from dlflash.tui.widgets.keybar import KeyBar
from dlflash.tui.widgets.stats_view import (
    CAPTION,
    HEADING,
    Block,
    Chart,
    Grid,
    StatsView,
    Table,
    Words,
)

if TYPE_CHECKING:

    from dlflash.tui.host import Host

SECTIONS = ("today", "due", "calendar", "reviews", "cards", "retention", "grades", "hours",
            "topics", "leeches", "key_points", "interviews")


def styles_are_current(screen: Screen[None]) -> None:
    """Tell Textual that a screen built now needs no CSS refresh when its mode is first
    shown. Textual (3.3 to 8.x) marks every new screen out of date (`_css_update_count`
    -1), so switching to a new mode reparses the whole stylesheet twice (once while the
    mode is set up, once on the switch: 60-230 ms here, the largest part of opening the
    stats screen). A screen built now has nothing to catch up on: each widget is styled
    as it registers, and a widget's DEFAULT_CSS is parsed on its own when first added.
    The only private access to Textual in the app; tests/test_stats_screen.py guards it
    (it fails when the attribute goes away, and checks that the screen is styled)."""
    count = getattr(screen.app, "_css_update_count", None)
    if isinstance(count, int) and hasattr(screen, "_css_update_count"):
        screen._css_update_count = count


def _blocks() -> list[Block]:
    """The sections' blocks in order: a heading, then the figures (a caption has a blank
    line above it unless it opens its section), as the widgets of the first design were
    laid out by the stylesheet."""
    def text(id_: str) -> Words:
        return Words(id_)

    def caption(id_: str, first: bool = False) -> Words:
        return Words(id_, CAPTION, margin=0 if first else 1)

    sections: dict[str, list[Block]] = {
        "today": [text("stats-today")],
        "due": [text("stats-due"), Chart("stats-forecast")],
        "calendar": [Grid("stats-heatmap"), text("stats-calendar")],
        "reviews": [text("stats-reviews"), Chart("chart-reviews", 7),
                    Chart("chart-minutes", 6)],
        "cards": [text("stats-cards"), Table("stats-counts", BarRows()),
                  caption("cap-intervals"), Table("stats-intervals", BarRows()),
                  caption("cap-eases"), Table("stats-eases", BarRows())],
        "retention": [text("stats-retention"), caption("cap-retention")],
        "grades": [caption("cap-grades", first=True), Table("stats-grades", BarRows())],
        "hours": [Chart("stats-hours"), Chart("stats-hours-correct", 6)],
        "topics": [Table("stats-topics", BarRows(bar_cells=24, track=True)),
                   caption("cap-topics")],
        "leeches": [text("stats-leeches")],
        "key_points": [caption("cap-points", first=True), Table("stats-points", TrendRows())],
    }
    blocks: list[Block] = []
    for index, (section, figures) in enumerate(sections.items()):
        blocks.append(Words(f"h-{section}", HEADING, margin=1 if index else 0))
        blocks += figures
    return blocks


class StatsScreen(Screen[None]):
    BINDINGS = bindings(STATS_COMMANDS, "en")
    COMMAND_REGISTRY = STATS_COMMANDS

    app: Host

    def __init__(self) -> None:
        super().__init__()
        styles_are_current(self)
        self.report: StatsReport | None = None
        self.range_days = 30
        self.view = StatsView(_blocks(), id="stats-view")
        """Every section but the interviews, as one line-API widget (nothing to mount)."""
        self._formatted: dict[str, tuple[tuple[object, ...], object]] = {}
        """Per section, what it was last formatted from (see `_changed`)."""

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="stats-top"):
            yield Static("", id="stats-where", markup=False)
            yield Static("", id="stats-range", markup=False)
        with VerticalScroll(id="stats-body"):
            yield self.view
            # The interviews stay widgets of their own: the interview screen's tests read
            # them by id, and they are three.
            yield Static("", id="h-interviews", classes="stats-heading", markup=False)
            with Vertical(id="sec-interviews", classes="stats-section"):
                yield Static("", id="stats-interviews", classes="stats-text", markup=False)
                yield TrendTable(id="stats-interview-weeks")
        yield KeyBar()

    def on_mount(self) -> None:
        self.range_days = self.app.stats_days if self.app.stats_days in RANGES else 30
        self.watch(self.app, "language", self._language_changed, init=False)
        relabel(self, STATS_COMMANDS, self.language)
        self.query_one("#stats-body").focus()
        self.report = ReadyReports.of(self.app).report(self.range_days)  # if ready: painted
        self._render_all()  # with the screen's first frame

    @property
    def language(self) -> Language:
        return self.app.language

    # -- computing --------------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        self.request_report()

    def request_report(self) -> None:
        """Show the report of the current history over the range: at once when it is
        ready (worked out while the app was idle, see `stats_ready`), else once its worker
        is done, the screen loading meanwhile (a report of an older history is never shown
        as current)."""
        report = ReadyReports.of(self.app).want(self.range_days, self)
        if report is None:
            self.query_one("#stats-body").loading = True
        elif report is not self.report:
            self._show(report)
        else:
            self.query_one("#stats-body").loading = False

    def _show(self, report: StatsReport) -> None:
        self.report = report
        self.query_one("#stats-body").loading = False
        self._render_all()

    def on_stats_computed(self, message: StatsComputed) -> None:
        if message.report.range_days != self.range_days \
                or not ReadyReports.of(self.app).is_current(message.basis):
            return  # a range the user has already moved past, or an older history
        self._show(message.report)

    def on_stats_failed(self, message: StatsFailed) -> None:
        self.query_one("#stats-body").loading = False
        self.notify(tr("stats.failed", self.language, error=message.error),
                    severity="error", timeout=10, markup=False)

    # -- showing ----------------------------------------------------------------------------

    def _set(self, selector: str, text: str | list[str]) -> None:
        text = "\n".join(text) if isinstance(text, list) else text
        if selector in self.view:
            self.view.words(selector).set(text)
        else:
            self.query_one(f"#{selector}", Static).update(text)

    def _chart(self, id_: str) -> ColumnChart:
        block = self.view.block(id_)
        assert isinstance(block, Chart)
        return block.chart

    def _table(self, id_: str) -> BarRows:
        block = self.view.block(id_)
        assert isinstance(block, Table) and isinstance(block.table, BarRows)
        return block.table

    def _render_all(self) -> None:
        lang = self.language
        self._set("stats-where", f"{tr('stats.title', lang)}  {self.app.session.today}")
        self._set("stats-range", tr("stats.range", lang, days=self.range_days))
        for section in SECTIONS:
            self._set(f"h-{section}", tr(f"section.{section}", lang))
        report = self.report
        if report is None:
            self.view.changed()
            return
        # A range's report shares the figures that do not depend on the range with the
        # report before it (`build_report`): those are not formatted again (the mastery
        # table alone is a row per main question).
        if self._changed("today", report.today, lang):
            self._set("stats-today", today_lines(report, lang))
        self._render_due(report, lang)
        if self._changed("calendar", report.calendar, lang):
            self._render_calendar(report, lang)
        self._render_reviews(report, lang)
        if self._changed("cards", report.cards, lang):
            self._render_cards(report, lang)
        if self._changed("retention", report.retention, lang):
            self._set("stats-retention", table(retention_rows(report, lang)))
            self._set("cap-retention", tr("retention.note", lang))
        self._render_grades(report, lang)
        self._render_hours(report, lang)
        if self._changed("topics", report.topics, lang, self.size.width or self.app.size.width):
            self._render_topics(report, lang)
        if self._changed("leeches", report.leeches, lang):
            self._render_leeches(report, lang)
        self._render_key_points(report, lang)
        self._render_interviews(report, lang)
        self.view.changed()

    def _changed(self, name: str, figures: object, *also: object) -> bool:
        """Whether a section must be formatted again: its figures (the very object) or
        anything else it depends on (`also`) are not those it was last formatted from."""
        key = (id(figures), *also)
        known = self._formatted.get(name)
        if known is not None and known[0] == key:
            return False
        self._formatted[name] = (key, figures)  # the figures are kept: their id stays theirs
        return True

    def _render_due(self, report: StatsReport, lang: Language) -> None:
        self._set("stats-due", due_line(report, lang))
        self._chart("stats-forecast").show(
            report.due.days, [d.strftime("%m-%d") for d in report.due.dates()],
            tr("due.chart", lang), tr("due.chart.grouped", lang))

    def _render_calendar(self, report: StatsReport, lang: Language) -> None:
        grid = heatmap_grid(report.calendar.counts, report.day)
        heatmap = self.view.block("stats-heatmap")
        assert isinstance(heatmap, Grid)
        heatmap.chart.show(
            grid, tr("heatmap.weekdays", lang).split(","), tr("heatmap.months", lang).split(","),
            (tr("heatmap.less", lang), tr("heatmap.more", lang)))
        self._set("stats-calendar", calendar_line(report, lang))

    def _render_reviews(self, report: StatsReport, lang: Language) -> None:
        days = report.activity.days
        self._set("stats-reviews", reviews_lines(report, lang))
        labels = [d.day.strftime("%m-%d") for d in days]
        self._chart("chart-reviews").show(
            [d.total for d in days], labels, tr("reviews.count", lang),
            tr("reviews.count.grouped", lang), axis=5)
        self._chart("chart-minutes").show(
            [round(d.ms / 60_000) for d in days], labels, tr("reviews.minutes", lang),
            tr("reviews.minutes.grouped", lang), axis=5)

    def _render_cards(self, report: StatsReport, lang: Language) -> None:
        cards = report.cards
        self._set("stats-cards", cards_lines(report, lang))
        total = cards.total or 1
        self._table("stats-counts").show([
            BarRow(tr(f"kind.{kind}", lang), n, f"{n:>4} {percent(n / total):>4}")
            for kind, n in (("new", cards.new), ("young", cards.young),
                            ("mature", cards.mature), ("suspended", cards.suspended),
                            ("buried", cards.buried))])
        median = cards.interval_median
        self._set("cap-intervals", tr("cards.intervals", lang, median="-" if median is None
                                      else tr("unit.day", lang, n=f"{median:g}")))
        intervals, eases = histogram_rows(cards, lang)
        self._table("stats-intervals").show(intervals)
        self._set("cap-eases", tr("cards.eases", lang, median=ease(cards.ease_median)))
        self._table("stats-eases").show(eases)

    def _render_grades(self, report: StatsReport, lang: Language) -> None:
        self._set("cap-grades", tr("grades.range", lang, days=report.range_days))
        total = sum(report.grades) or 1
        self._table("stats-grades").show([
            BarRow(f"{g} {tr(f'grade.{g}', lang)}", n, f"{n:>5} {percent(n / total):>4}")
            for g, n in enumerate(report.grades)])

    def _render_hours(self, report: StatsReport, lang: Language) -> None:
        hours = [f"{h.hour:02}" for h in report.hours]
        self._chart("stats-hours").show(
            [h.correct.whole for h in report.hours], hours,
            tr("hours.count", lang, days=report.range_days), tr("hours.count.grouped", lang),
            axis=5)
        self._chart("stats-hours-correct").show(
            [h.correct.share or 0 for h in report.hours], hours, tr("hours.correct", lang),
            maximum=1, top_label="100%", axis=5)

    def on_resize(self) -> None:
        report = self.report  # the weakest cards' column comes and goes with the width
        if report is not None and self._changed("topics", report.topics, self.language,
                                                self.size.width or self.app.size.width):
            self._render_topics(report, self.language)
            self.view.changed()

    def _render_topics(self, report: StatsReport, lang: Language) -> None:
        """See `stats_format.topic_rows` (most often made in the reports' worker)."""
        # On mount the screen has no size yet: it is the app's (as in the reports' worker).
        rows, header, cells = topic_rows(report.topics, lang,
                                         self.size.width or self.app.size.width)
        self._set("cap-topics", tr("topic.note", lang))
        self._table("stats-topics").show(rows, maximum=1, header=header, cells=cells)

    def _render_leeches(self, report: StatsReport, lang: Language) -> None:
        self._set("stats-leeches", leech_text(report, self.app.session.deck, lang))

    def _render_key_points(self, report: StatsReport, lang: Language) -> None:
        self._set("cap-points", tr("points.line", lang, days=report.range_days))
        points = self.view.block("stats-points")
        assert isinstance(points, Table) and isinstance(points.table, TrendRows)
        points.table.show(*key_point_rows(report.key_points, lang))

    def _render_interviews(self, report: StatsReport, lang: Language) -> None:
        self._set("stats-interviews", interview_lines(report, lang))
        shares = tuple(w.share for w in report.interviews.weeks)
        self.query_one("#stats-interview-weeks", TrendTable).display = any(
            share is not None for share in shares)
        weeks = self.query_one("#stats-interview-weeks", TrendTable)
        weeks.table.show(trend_rows([(tr("interviews.weeks", lang), shares)], lang),
                         [w.first.strftime("%m-%d") for w in report.interviews.weeks],
                         TrendRow("", (), tr("points.trend", lang)))
        weeks.refresh(layout=True)

    def _language_changed(self) -> None:
        relabel(self, STATS_COMMANDS, self.language)
        self._render_all()

    # -- actions ----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.switch_mode("review")

    def action_cycle_range(self) -> None:
        self.range_days = RANGES[(RANGES.index(self.range_days) + 1) % len(RANGES)]
        self._set("stats-range", tr("stats.range", self.language, days=self.range_days))
        self.request_report()

    def action_toggle_language(self) -> None:
        self.app.toggle_language()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(STATS_COMMANDS, self.language))

    def action_quit(self) -> None:
        self.app.exit()
