"""The stats screen (Pilot and a snapshot), `dlflash stats --json/--text`, and that the JSON
matches what the screen shows."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

import dlflash.base.clock
from dlflash.base.config import Settings, load_settings
from dlflash.cli import main
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.deck.model import Deck
from dlflash.journal import store as store_module
from dlflash.journal.store import Store
from dlflash.stats import StatsInput, build_report, to_json
from dlflash.stats import report as report_module
from dlflash.stats.cards import TopicStats
from dlflash.study.session import Session
from dlflash.tui.app import DlflashApp
from dlflash.tui.screens.help import HelpScreen
from dlflash.tui.screens.review import ReviewScreen
from dlflash.tui.screens.stats import SECTIONS, StatsScreen
from dlflash.tui.stats_ready import ReadyReports
from dlflash.tui.text import _STRINGS, tr
from dlflash.tui.widgets.charts import ColumnChart, RowTable, YearGrid
from dlflash.tui.widgets.stats_view import HEADING, Chart, Grid, StatsView, Table
from dlflash.workspace import open_deck

from conftest import KST, FakeClock
from helpers import card, write_deck
from tui_helpers import make_app, review_deck

SIZE = (100, 30)


def view_of(screen: Screen[None]) -> StatsView:
    return screen.query_one(StatsView)


def painted(screen: Screen[None], id_: str) -> str:
    """What the stats view draws for one figure, line by line, without trailing blanks."""
    return "\n".join(view_of(screen).lines(id_))


def text_of(screen: Screen[None], selector: str) -> str:
    """A text of the stats view (`#stats-today`), or of a widget (the interviews)."""
    view, key = view_of(screen), selector.removeprefix("#")
    return view.words(key).text if key in view else str(
        screen.query_one(selector, Static).render())


def chart(screen: Screen[None], id_: str) -> ColumnChart:
    block = view_of(screen).block(id_)
    assert isinstance(block, Chart)
    return block.chart


def heatmap(screen: Screen[None]) -> YearGrid:
    block = view_of(screen).block("stats-heatmap")
    assert isinstance(block, Grid)
    return block.chart


def table(screen: Screen[None], id_: str) -> RowTable[Any]:
    block = view_of(screen).block(id_)
    assert isinstance(block, Table)
    return block.table


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def study(data_dir: Path, deck: Deck | Path, clock: FakeClock, days: int) -> None:
    """`days` days of study ending the day before `clock`, each day's queue done, grades
    cycling 5, 2, 4, 3 (so there are repeats), at 21:00; then `clock` is back at its start."""
    if isinstance(deck, Path):
        deck = load_deck([DeckSource(deck)])
    start = clock.now
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    grades = itertools.cycle([5, 2, 4, 3])
    for offset in range(days, 0, -1):
        clock.now = (start - timedelta(days=offset)).replace(hour=21)
        session = Session(deck, history, store, Settings(), clock, "testdev")
        while session.current() is not None:
            session.grade(next(grades), ticked=[0], ms=20_000)
            clock.advance(seconds=30)
    store.close(history)
    clock.now = start


def count_reports(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ranges of the reports worked out from now on (not those handed out again)."""
    built: list[int] = []
    original = report_module.build_report

    def counting(data: StatsInput, range_days: int = 30, *rest: Any) -> object:
        if f"report-{range_days}" not in data.memo:
            built.append(range_days)
        return original(data, range_days, *rest)

    monkeypatch.setattr(report_module, "build_report", counting)
    return built


def ready_of(app: DlflashApp) -> ReadyReports:
    """The app's reports, never worked out on their own (no idle pause counts) but by
    `precompute`: a test decides when the app has been idle."""
    ready = ReadyReports.of(app)
    ready.idle_s = float("inf")
    return ready


async def precompute(pilot: Pilot[None], ready: ReadyReports) -> None:
    """What an idle pause does: the reports of every range worked out in the worker."""
    ready.idle_s = 0
    ready.poll()
    ready.idle_s = float("inf")
    await settle(pilot)


async def test_the_report_is_computed_again_only_when_something_changed(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    built = count_reports(monkeypatch)
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=SIZE) as pilot:
        ready = ready_of(app)
        await pilot.press("escape", "s")
        await settle(pilot)
        # The range asked for, once (though Textual resumes a new mode's screen twice); the
        # others wait for an idle pause.
        assert built == [30]
        await pilot.press("escape", "s")
        await settle(pilot)
        assert built == [30]  # nothing new: the report shown is still the right one
        await precompute(pilot, ready)
        assert built == [30, 90, 365]
        rows = table(app.screen, "stats-topics").rows
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.report is not None
        assert screen.report.range_days == 90  # shown at once: it was ready
        assert "90" in text_of(screen, "#stats-range")
        assert built == [30, 90, 365]
        # the mastery table does not depend on the range: kept, not formatted again
        assert table(app.screen, "stats-topics").rows is rows
        await pilot.press("escape", "ctrl+r", "5", "escape", "s")
        await settle(pilot)
        assert built == [30, 90, 365, 90]  # a grade changed the history
        assert table(app.screen, "stats-topics").rows is not rows
        assert "1 review of 1 card" in text_of(app.screen, "#stats-today")
    store.close()


async def test_a_report_worked_out_while_idle_is_painted_with_the_first_frame(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: once the app has been idle, `s` paints the ready report, and `r` too."""
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=SIZE) as pilot:
        ready = ready_of(app)
        await pilot.press(*"relu", "ctrl+r", "5")
        await precompute(pilot, ready)
        assert ready.report(30) is not None and ready.report(365) is not None
        built = count_reports(monkeypatch)
        await pilot.press("escape", "s")
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.report is ready.report(30)  # before any worker could have run
        assert not screen.query_one("#stats-body").loading
        assert "1 review of 1 card" in text_of(screen, "#stats-today")
        for days in (90, 365, 30):
            await pilot.press("r")
            assert screen.report is not None and screen.report.range_days == days
            assert tr("grades.range", "en", days=days) == text_of(screen, "#cap-grades")
        await settle(pilot)
        assert built == []
    store.close()


def shows_current(screen: StatsScreen, today: str) -> bool:
    """Whether the screen is loading or shows `today`'s figures (its worker may already
    have been done when the key was handled)."""
    loading = screen.query_one("#stats-body").loading
    return loading != (today in text_of(screen, "#stats-today"))


async def test_a_grade_just_before_s_is_in_the_figures_never_the_report_before_it(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=SIZE) as pilot:
        ready = ready_of(app)
        await pilot.press("escape", "s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert "No cards studied today yet." in text_of(screen, "#stats-today")
        await pilot.press("escape")
        await precompute(pilot, ready)
        await pilot.press("ctrl+r", "5", "escape", "s")  # the report ready is of before
        assert app.screen is screen
        assert shows_current(screen, "1 review of 1 card")
        await settle(pilot)
        assert not screen.query_one("#stats-body").loading
        assert "1 review of 1 card" in text_of(screen, "#stats-today")
        assert screen.report is ready.report(30)
        # an undo, with the reports of the grade ready: the figures go back
        await pilot.press("escape")
        await precompute(pilot, ready)
        await pilot.press("ctrl+z", "escape", "s")
        assert app.screen is screen
        assert shows_current(screen, "No cards studied today yet.")
        await settle(pilot)
        assert "No cards studied today yet." in text_of(screen, "#stats-today")
        await pilot.press("r")  # a range of the history after the undo too
        await settle(pilot)
        assert screen.report is not None and screen.report.range_days == 90
        assert sum(screen.report.grades) == 0
    store.close()


async def test_a_key_stops_the_idle_worker_and_it_goes_on_later(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker gives way to the review screen: a key stops it between two figures (what
    it worked out is kept), the next idle pause goes on from there."""
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=SIZE) as pilot:
        ready = ready_of(app)
        original = report_module.card_counts

        def a_key_meanwhile(data: StatsInput) -> object:
            ready.key()  # as if a key came while the worker was on this figure
            return original(data)

        monkeypatch.setattr(report_module, "card_counts", a_key_meanwhile)
        await precompute(pilot, ready)
        assert ready.report(30) is None
        assert ready.kept is not None and "cards" in ready.kept[1].memo
        assert "topics" not in ready.kept[1].memo  # stopped right after the key
        monkeypatch.setattr(report_module, "card_counts", original)
        await precompute(pilot, ready)
        assert all(ready.report(days) is not None for days in (30, 90, 365))
    store.close()


async def test_a_change_of_the_history_without_a_key_postpones_the_worker_too(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """A grade by mouse or from a script comes without a key: the worker waits for an idle
    pause after it all the same."""
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=SIZE) as pilot:
        ready = ready_of(app)
        ready.idle_s = 60
        ready.poll()  # the history as it is
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review.action_reveal()
        await pilot.pause()
        version = app.session.history.version
        review.action_grade(4)
        assert app.session.history.version > version
        ready.last_key = time.monotonic() - 120  # no key for two minutes
        ready.poll()
        await settle(pilot)
        assert ready.kept is None  # the grade was just now
        ready.last_key = time.monotonic() - 120  # two minutes later, nothing new
        ready.poll()
        await settle(pilot)
        assert ready.report(30) is not None
        assert ready.report(30).today.reviews == 1  # type: ignore[union-attr]
    store.close()


async def test_a_report_that_fails_says_so_and_asking_again_tries_again(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    original = report_module.card_counts

    tried: list[int] = []

    def broken(data: StatsInput) -> object:
        tried.append(1)
        raise RuntimeError("no counts")

    async with app.run_test(size=SIZE) as pilot:
        ready = ready_of(app)
        monkeypatch.setattr(report_module, "card_counts", broken)
        await precompute(pilot, ready)  # failing while idle: nobody waits, nothing shown
        assert not app._notifications
        ready.idle_s = 0
        ready.poll()  # nor is it tried again on every idle pause
        ready.idle_s = float("inf")
        await settle(pilot)
        assert tried == [1]
        await pilot.press("escape", "s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.report is None
        assert not screen.query_one("#stats-body").loading
        [notice] = app._notifications
        assert "no counts" in notice.message and tried == [1, 1]
        monkeypatch.setattr(report_module, "card_counts", original)
        await pilot.press("escape", "s")
        await settle(pilot)
        assert screen.report is not None and screen.report is ready.report(30)
    store.close()


def test_stats_strings_do_not_shadow_the_app_strings() -> None:
    from dlflash.stats.labels import LABELS

    assert all(_STRINGS[key] == value for key, value in LABELS.items())
    assert not {k for k in LABELS if k.startswith(("top.", "summary.", "notify."))}


async def test_s_opens_stats_and_escape_comes_back(tmp_path: Path, clock: FakeClock,
                                                   data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"relu", "escape")
        clock.advance(seconds=10)
        await pilot.press("s")  # in the middle of an answer
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.report is not None
        assert "No cards studied today yet." in text_of(screen, "#stats-today")
        clock.advance(minutes=5)  # reading the stats is not answer time
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.answer_box.text == "relu"  # the same card, the draft kept
        clock.advance(seconds=20)
        await pilot.press("ctrl+r", "5", "escape", "s")
        await settle(pilot)
        assert "1 review of 1 card (1 new, 0 repeats) in 30s" in text_of(screen, "#stats-today")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.item.card.id == "q01.1"
        await pilot.press("ctrl+r", "1", "escape", "s")  # q01.1 fails: it will come back
        await settle(pilot)
        assert app.screen is screen  # built once, refreshed on every visit
        assert "2 reviews of 2 cards" in text_of(screen, "#stats-today")
        assert "failed 1 (50%)" in text_of(screen, "#stats-today")
        clock.advance(days=1)  # a new study day while the stats are shown
        await pilot.press("s")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.item is not None and review.item.card.id == "q01"  # the counts moved on
        assert "0 done" in str(review.query_one("#progress", Static).render())
    store.close()


async def test_opening_stats_reparses_no_stylesheet_and_styles_every_chart(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: a new mode's screen made Textual reparse the whole stylesheet twice.
    `styles_are_current` (the app's one private access to Textual) stops that; this fails
    when Textual renames what it sets, and checks that the charts still get their CSS
    (their DEFAULT_CSS, read when they first mount) and the app's, and a theme chosen
    later still reaches the stats screen."""
    app, store = make_app(tmp_path, clock, data_dir)
    assert isinstance(getattr(app, "_css_update_count", None), int)
    reparsed = []
    original = type(app.stylesheet).reparse

    def counting(self: object) -> None:
        reparsed.append(1)
        original(self)  # type: ignore[arg-type]

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(type(app.stylesheet), "reparse", counting)
        await pilot.press("escape", "s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and reparsed == []
        assert screen._css_update_count == app._css_update_count
        view = view_of(screen)
        assert view.block("stats-forecast").rows(view.size.width, view) == 8
        assert chart(screen, "stats-forecast").values  # drawn, in the chart's colour:
        assert view.get_component_rich_style("bar-chart--bar").color is not None
        assert view.get_component_rich_style(HEADING).bold  # the view's DEFAULT_CSS
        heading = screen.query_one("#h-interviews")
        assert heading.styles.text_style.bold  # the app's stylesheet (.stats-heading)
        before = view.get_component_rich_style("bar-chart--bar").color
        await pilot.press("escape")
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
        assert reparsed  # the theme's change is applied, on the way back at the latest
        assert view.get_component_rich_style("bar-chart--bar").color != before
    store.close()


async def test_every_section_renders(tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    deck_folder = review_deck(tmp_path / "deck")
    study(data_dir, deck_folder, clock, days=40)
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        report = screen.report
        assert report is not None
        cal = report.calendar
        assert (cal.span, cal.studied, cal.current, cal.longest) == (41, 22, 11, 11)
        for section in SECTIONS:
            assert text_of(screen, f"#h-{section}") == tr(f"section.{section}", "en")
        assert "streak 11 days (longest 11 days); studied 22 of 41 days (54%)" in text_of(
            screen, "#stats-calendar")
        forecast = chart(screen, "stats-forecast")
        assert list(forecast.values) == list(report.due.days) and len(forecast.values) == 30
        grid = heatmap(screen).grid
        assert grid is not None
        assert sum(1 for row in grid.cells for level in row if level) == 22
        assert len(chart(screen, "chart-reviews").values) == 30
        assert "minutes a day" in painted(screen, "chart-minutes")
        assert len(table(screen, "stats-counts").rows) == 5
        assert len(table(screen, "stats-grades").rows) == 6
        topics = table(screen, "stats-topics").rows
        assert [row.label.split()[0] for row in topics] == ["q01", "q02"]
        points = table(screen, "stats-points").rows
        assert [row.label.split()[0] for row in points] == ["all", "q01", "q02"]
        # A question without key-point data has no series: its row is drawn empty.
        assert all((row.note == "-") == (not row.values) for row in points)
        assert "young" in text_of(screen, "#stats-retention")
        assert text_of(screen, "#stats-leeches") == (
            "q01  failed 8 times in 41 reviews, last 2026-02-28\n"
            "  Why is ReLU used more than sigmoid these days?")
        hours = chart(screen, "stats-hours")
        assert hours.values[21] > 0 and sum(hours.values) == sum(report.grades)
        drawn = painted(screen, "stats-forecast")
        assert "cards due per day, from today" in drawn and "03-02" in drawn

        await pilot.press("r")
        await settle(pilot)
        assert screen.report.range_days == 90 and len(forecast.values) == 90
        assert "range 90 days" in text_of(screen, "#stats-range")
        drawn = painted(screen, "stats-forecast")
        assert "per 2 days" in drawn or "per 3 days" in drawn
        await pilot.press("r", "r")
        await settle(pilot)
        assert screen.report.range_days == 30

        await pilot.press("l")
        await pilot.pause()
        assert text_of(screen, "#h-today") == "오늘" and app.language == "ko"
        assert "연속 학습 11일" in text_of(screen, "#stats-calendar")
        descriptions = {b.binding.description for b in screen.active_bindings.values()}
        assert "기간" in descriptions and "range" not in descriptions
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "기간" in titles
    store.close()


async def test_no_color_heatmap_uses_glyphs(tmp_path: Path, clock: FakeClock, data_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    study(data_dir, review_deck(tmp_path / "deck"), clock, days=3)
    monkeypatch.setenv("NO_COLOR", "1")
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "s")
        await settle(pilot)
        assert app.no_color
        rows = painted(app.screen, "stats-heatmap").splitlines()
        assert rows[1].startswith("Mon ") and "." in rows[1]
        assert rows[-1].startswith("    less .:+*# more")
        assert any(glyph in "".join(rows[1:8]) for glyph in ":+*#")
    store.close()


def _json_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["stats", "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("from_snapshot", [False, True], ids=["full-read", "snapshot-start"])
async def test_json_matches_the_screen(tmp_path: Path, clock: FakeClock, data_dir: Path,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch,
                                       from_snapshot: bool) -> None:
    if from_snapshot:  # as a long history starts: older reviews only in the snapshot's table
        monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)
    deck = open_deck(data_dir)  # the bundled deck, as the CLI has
    study(data_dir, deck, clock, days=12)
    monkeypatch.setattr(dlflash.base.clock, "system_clock", clock)
    printed = _json_cli(capsys)
    printed_90 = _json_cli(capsys, "--days", "90")
    assert printed["today"]["reviews"] == 0 and printed["cards"]["total"] == len(deck)
    assert printed["reviews"]["total"] > 100
    full, _ = Store(data_dir, "testdev").read(full=True)
    from_journals = build_report(StatsInput.capture(full, deck, clock.now.date()), 90)
    assert printed_90 == json.loads(json.dumps(to_json(from_journals)))
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    assert history.partial == from_snapshot
    session = Session(deck, history, store, load_settings(data_dir), clock, "testdev")
    app = DlflashApp(session, clock, data_dir, mode="stats", stats_days=90)  # --days 90
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.report is not None
        assert json.loads(json.dumps(to_json(screen.report))) == printed_90
        await pilot.press("r", "r")  # 365, then 30
        await settle(pilot)
        shown = json.loads(json.dumps(to_json(screen.report)))
        assert shown == printed
        assert f"streak {printed['streak']['current']} days" in text_of(screen, "#stats-calendar")
        cards = printed["cards"]
        assert (f"{cards['total']} cards: new {cards['new']}, young {cards['young']}, "
                f"mature {cards['mature']}") in text_of(screen, "#stats-cards")
        assert [d["due"] for d in printed["forecast"]] == list(
            chart(screen, "stats-forecast").values)
        week = printed["retention"]["week"]
        assert f"{week['passed']}/{week['total']}" in text_of(screen, "#stats-retention")
        assert f"by tomorrow {printed['due']['tomorrow']}" in text_of(screen, "#stats-due")
    store.close()


def test_stats_text_and_options(data_dir: Path, tmp_path: Path, clock: FakeClock,
                                capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    study(data_dir, open_deck(data_dir), clock, days=2)
    monkeypatch.setattr(dlflash.base.clock, "system_clock", clock)
    assert main(["stats", "--text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("dlflash stats, 2026-03-02 (last 30 days)\n")
    assert "streak 2 days" in out and "Mastery per topic" in out
    (data_dir / "settings.yaml").write_text("language: ko\n", encoding="utf-8")
    assert main(["stats", "--text", "--days", "365"]) == 0
    assert "(최근 365일)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["stats", "--json", "--text"])
    with pytest.raises(SystemExit):
        main(["stats", "--days", "7"])
    assert not (data_dir / "reviews" / "other.jsonl").exists()


def test_stats_without_flags_opens_the_tui_on_stats(monkeypatch: pytest.MonkeyPatch) -> None:
    import dlflash.tui.launch as launch

    seen: dict[str, object] = {}

    def fake(args: object, mode: str = "review") -> int:
        seen.update(mode=mode, days=getattr(args, "days", None))
        return 0

    monkeypatch.setattr(launch, "run_review", fake)
    assert main(["stats", "--days", "90"]) == 0
    assert seen == {"mode": "stats", "days": 90}


def test_snapshot(snap_compare, tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    study(data_dir, review_deck(tmp_path / "deck"), clock, days=75)
    clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=KST)
    review_app, store = make_app(tmp_path, clock, data_dir)
    app = DlflashApp(review_app.session, clock, data_dir, mode="stats")  # `dlflash stats`

    try:
        assert snap_compare(app, terminal_size=(100, 40), run_before=settle)
    finally:
        store.close()


def mastery_deck(folder: Path) -> Path:
    """Five main questions with a follow-up each, one with a 40-cell name (the bundled
    deck's longest) and one with an extra key point."""
    names = [("활성화 함수", "Activation functions"),
             ("데이터 분할과 정규화(Regularization)", "Convolutional neural networks (CNN)"),
             ("오토인코더", "Autoencoders"), ("GPU 활용", "Using GPUs"),
             ("협업 필터링", "Collaborative filtering")]
    for n, (ko, en) in enumerate(names, start=1):
        main, follow = card(f"q{n:02}"), card(f"q{n:02}.1", f"q{n:02}")
        if n == 2:
            main["key_points"][2]["core"] = False  # type: ignore[index]
        write_deck(folder, f"q{n:02}.yaml", [main, follow], topic={"ko": ko, "en": en})
    return folder


def study_weeks(data_dir: Path, deck: Path, clock: FakeClock) -> None:
    """Five weeks of study, a new card every fourth day in deck order (so q05 is never
    studied), the week 14 to 20 days ago off, each answer ticking a number of key points
    that changes from day to day (so the weeks differ), then `clock` back."""
    loaded = load_deck([DeckSource(deck)])
    start = clock.now
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    grades = itertools.cycle([5, 2, 4, 3])
    for offset in range(34, 0, -1):
        if 14 <= offset <= 20:
            continue
        clock.now = (start - timedelta(days=offset)).replace(hour=21)
        settings = Settings(new_per_day=int(offset % 4 == 0), new_order="deck")
        session = Session(loaded, history, store, settings, clock, "testdev")
        while (item := session.current()) is not None:
            ticks = (34 - offset + len(item.card.id)) % 4
            session.grade(next(grades), ticked=list(range(ticks)), ms=20_000)
            clock.advance(seconds=30)
    store.close(history)
    clock.now = start


def scrolled_to(section: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#stats-body").scroll_to(  # type: ignore[attr-defined]
            y=view_of(screen).top(f"h-{section}"), animate=False)
        await pilot.pause()
    return run_before


@pytest.mark.parametrize(("language", "size", "section"), [
    ("en", (120, 40), "topics"), ("ko", (80, 24), "topics"), ("ko", (80, 24), "key_points")])
def test_snapshot_mastery_and_key_points(snap_compare, tmp_path: Path, clock: FakeClock,
                                         data_dir: Path, language: str,
                                         size: tuple[int, int], section: str) -> None:
    """Issue 15: column headers, whole names at 120 columns, studied and core points beside
    the share mature, and weeks that differ (a week off, a question not yet studied)."""
    deck = mastery_deck(tmp_path / "deck")
    study_weeks(data_dir, deck, clock)
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    session = Session(load_deck([DeckSource(deck)]), history, store, Settings(), clock,
                      "testdev")
    app = DlflashApp(session, clock, data_dir, language, mode="stats")  # type: ignore[arg-type]
    try:
        assert snap_compare(app, terminal_size=size, run_before=scrolled_to(section))
    finally:
        store.close(history)


async def test_question_names_are_whole_at_120_columns(tmp_path: Path, clock: FakeClock,
                                                       data_dir: Path) -> None:
    """Issue 15: the bundled deck's longest names (40 cells) are cut at 80 columns, with
    `..`, and whole at 120, in both languages; Mastery per topic and Key points over time
    have column headers."""
    deck = load_deck([DeckSource(Path(__file__).parents[1] / "deck")])
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    session = Session(deck, history, store, Settings(), clock, "testdev")
    app = DlflashApp(session, clock, data_dir, "en")  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        for language in ("en", "ko"):
            topics = painted(screen, "stats-topics").split("\n")
            points = painted(screen, "stats-points").split("\n")
            assert topics[0].split() == " ".join(tr(f"topic.{column}", language) for column in (
                "header", "mature", "studied", "core", "ease", "last", "weakest")).split()
            assert points[0].startswith(tr("topic.header", language))
            assert tr("points.trend", language) in points[0]
            for line in (*topics, *points):
                assert ".." not in line
            q07 = next(t for t in report_topics(screen) if t.id == "q07").topic.get(language)
            assert any(f"q07 {q07}" in line for line in topics)
            assert any(f"q07 {q07}" in line for line in points)
            await pilot.press("l")
            await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        topics = painted(screen, "stats-topics")
        assert ".." in topics and tr("topic.core", "en") in topics
        assert tr("topic.weakest", "en") not in topics  # no room for it beside the names
    store.close()


def report_topics(screen: StatsScreen) -> tuple[TopicStats, ...]:
    assert screen.report is not None
    return screen.report.topics
