"""The review screen as a new user meets it (issue 15): the top line and the key bar at 80
columns, the grade columns, the status line, undo from the box, the palette, the chain of a
follow-up, the summary's words, and a screen whose code cannot load."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.widgets import Static

from dlflash.base.language import counted
from dlflash.journal.store import Store
from dlflash.tui.app import DlflashApp
from dlflash.tui.screens.help import HelpScreen, grade_rows
from dlflash.tui.screens.review import ReviewScreen
from dlflash.tui.widgets.keybar import KeyBar, fitted

from conftest import FakeClock
from helpers import card, write_deck
from tui_helpers import app_over, burst, make_app

NARROW = (80, 24)


def text_of(screen: ReviewScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def review_screen(app: DlflashApp) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def chain_app(tmp_path: Path, clock: FakeClock, data_dir: Path) -> tuple[DlflashApp, Store]:
    """q01 with two follow-ups in deck order, the second one's parent being q01 too."""
    deck_dir = tmp_path / "chain"
    write_deck(deck_dir, "a.yaml", [card("q01"), card("q01.1", "q01"), card("q01.2", "q01")])
    return app_over(deck_dir, clock, data_dir)


def test_counted_has_a_singular_in_english_and_a_counter_in_korean() -> None:
    forms = ("{n}일", "{n} day", "{n} days")
    assert [counted(n, forms, "en") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert counted(1, forms, "ko") == "1일"


@pytest.mark.parametrize("language", ["en", "ko"])
async def test_narrow_top_line_keeps_the_counts_and_the_key_bar_its_help(
        tmp_path: Path, clock: FakeClock, data_dir: Path, language: str) -> None:
    app, store = make_app(tmp_path, clock, data_dir, language)
    async with app.run_test(size=NARROW) as pilot:
        screen = review_screen(app)
        await pilot.press(*"vanishing", "ctrl+r")
        await pilot.pause()
        progress = screen.query_one("#progress", Static)
        shown = text_of(screen, "#progress")
        assert progress.content_region.width >= cell_len(shown)  # never cut
        assert shown == ("0 done / 3 left: 3 new" if language == "en"
                         else "완료 0 / 남음 3: 신규 3")
        keybar = str(screen.query_one(KeyBar).render())
        assert cell_len(keybar) <= NARROW[0]
        assert ("? help" if language == "en" else "? 도움말") in keybar and "^p" in keybar
        for grade in range(6):  # each column's lines fit it, its words whole: nothing is cut
            cell = screen.query_one(f"#grade-{grade}", Static)
            width = cell.content_region.width
            assert cell.get_content_height(cell.content_region.size, app.size, width) <= 4
            assert all(cell_len(word) <= width for word in text_of(screen, f"#grade-{grade}")
                       .replace("\n", " ").split())
    store.close()


def test_the_key_bar_gives_up_its_last_keys_but_not_help_nor_the_palette() -> None:
    entries = [("accept", "enter", "accept"), ("stats", "s", "stats"), ("help", "?", "help"),
               ("quit", "q", "quit"), ("", "^p", "palette")]
    assert fitted(entries, 200) == entries
    assert [action for action, _, _ in fitted(entries, 36)] == ["accept", "help", ""]


async def test_grade_columns_say_what_a_grade_changes_for_a_new_card(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        columns = [text_of(screen, f"#grade-{grade}") for grade in range(6)]
        assert columns[0].splitlines()[:2] == ["0 1d +today", "EF 1.70"]
        assert columns[3].splitlines()[:2] == ["3 1d +today", "EF 2.36"]
        assert columns[4].splitlines()[:2] == ["4 1d", "EF 2.50"]
        assert columns[5].splitlines()[:2] == ["5 1d", "EF 2.60"]
        assert "wrong, then recognised" in columns[1]
    store.close()


async def test_esc_offers_i_back_to_the_box(tmp_path: Path, clock: FakeClock,
                                            data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        keybar = screen.query_one(KeyBar)
        await pilot.pause()
        assert "esc leave box" in str(keybar.render()) and "back to box" not in str(
            keybar.render())
        await pilot.press("escape")
        await pilot.pause()
        assert "i back to box" in str(keybar.render()) and "esc" not in str(keybar.render())
        await pilot.press("i")
        await pilot.pause()
        assert screen.focused is screen.answer_box and "esc leave box" in str(keybar.render())
    store.close()


async def test_ctrl_z_in_the_next_box_undoes_the_grade_and_the_status_line_says_so(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        await pilot.press("ctrl+r", "2")
        await pilot.pause()
        assert screen.item is not None and screen.item.card.id == "q01.1"
        assert screen.focused is screen.answer_box
        assert text_of(screen, "#hint") == "q01: 2, back today, then in 1 day (ctrl+z undoes)"
        await pilot.press("x", "ctrl+z")  # typed in the box: ctrl+z is the box's
        await pilot.pause()
        assert screen.answer_box.text == "" and screen.item.card.id == "q01.1"
        await pilot.press("ctrl+z")  # the box as it came: the grade is undone
        await pilot.pause()
        assert screen.item.card.id == "q01" and app.session.history.states == {}
        assert text_of(screen, "#hint") == "undone: q01"
        await pilot.press("ctrl+r", "5")
        await pilot.pause()
        assert text_of(screen, "#hint").startswith("q01: 5, next in 1 day (ctrl+z undoes)")
        await pilot.press("escape", "l")
        await pilot.pause()
        assert text_of(screen, "#hint").startswith("q01: 5점, 1일 뒤 다시 (ctrl+z: 되돌리기)")
    store.close()


async def test_burying_a_new_card_says_another_comes_in_once(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        await pilot.press("escape", "minus")
        await pilot.pause()
        assert text_of(screen, "#hint").startswith(
            "q01: buried until tomorrow, another new card takes its place (ctrl+z undoes)")
        await pilot.press("escape", "exclamation_mark")
        await pilot.pause()
        hint = text_of(screen, "#hint")
        assert hint.startswith("q01.1: suspended (dlflash unsuspend q01.1 brings it back)")
        assert "q01:" not in hint  # one line, replaced: no pile of notices
        assert not app._notifications
    store.close()


async def test_a_follow_up_shows_the_chain_asked_before_it(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = chain_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        await pilot.press("ctrl+r", "5")
        await pilot.pause()
        assert screen.item is not None and screen.item.card.id == "q01.1"
        await pilot.press("escape", "exclamation_mark")
        await pilot.pause()
        assert screen.item.card.id == "q01.2"
        assert text_of(screen, "#parent").splitlines() == [
            "A follow-up. Asked before it:",
            "  q01  q01 question in en",
            "  q01.1 (suspended)  q01.1 question in en",
        ]
    store.close()


async def test_palette_has_no_second_quit_and_speaks_the_ui_language(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, "ko")
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("종료") == 1 and "Quit" not in titles
        assert not {"Keys", "Maximize", "Screenshot", "Theme"} & set(titles)
        assert any("language" in title and "언어" in title for title in titles)
        app.language = "en"
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Quit") == 1 and "Keys" not in titles
        assert any("Language" in title and "언어" in title for title in titles)
    store.close()


async def test_summary_counts_reviews_and_cards_apart(tmp_path: Path, clock: FakeClock,
                                                      data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=1)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        clock.advance(seconds=7.6)
        await pilot.press("ctrl+r", "2")  # back as a repeat
        await pilot.press("ctrl+r", "5")
        await pilot.pause()
        summary = text_of(screen, "#summary")
        assert "2 reviews of 1 card (1 new, 1 repeat)" in summary
        assert "answer time 8s (until each reveal)" in summary
        assert "streak: 1 day\n" in summary
        clock.advance(seconds=1)
        await pilot.press("l")
        await pilot.pause()
        assert "카드 1장, 복습 2회 (신규 1, 재학습 1)" in text_of(screen, "#summary")
    store.close()


async def test_a_screen_whose_code_cannot_load_is_one_sentence(
        tmp_path: Path, clock: FakeClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # As when `pip install -e .` into dlflash's own venv replaces the files under it.
    monkeypatch.setitem(sys.modules, "dlflash.tui.screens.stats", None)
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReviewScreen)
        [notice] = app._notifications
        assert notice.message.startswith("The Statistics screen cannot be opened")
        assert "start dlflash again" in notice.message
    store.close()


@pytest.mark.parametrize("language", ["en", "ko"])
async def test_help_at_80x24_shows_its_close_line_scrolls_and_has_the_sm2_table(
        tmp_path: Path, clock: FakeClock, data_dir: Path, language: str) -> None:
    app, store = make_app(tmp_path, clock, data_dir, language)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        close = help_screen.query_one("#help-close", Static)
        assert close.region.bottom <= NARROW[1] and close.region.height == 1
        assert "pgup/pgdn" in str(close.render())
        scroll = help_screen.query_one("#help-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0 and help_screen.focused is scroll
        await pilot.press("end")
        assert scroll.scroll_y == scroll.max_scroll_y
        grades = dict(grade_rows(language))
        assert len(grades) == 10
        assert grades["1" if language == "en" else "1점"].startswith(
            "incorrect; the correct one remembered" if language == "en" else "틀림")
    store.close()


async def test_keys_typed_as_the_day_ends_do_not_act_on_the_summary(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    # Found in tmux: the next answer, typed in a burst right after the last grade, landed on
    # the summary, whose `n` learned ten more new cards and `l` switched the language.
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=1)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        await pilot.press("ctrl+r", "1", "ctrl+r", "4", *"learn 1 more")
        await pilot.pause()
        assert screen.item is None and app.language == "en"
        assert app.session.history.extra_new(app.session.today) == 0
        assert app.screen is screen  # `1` did not open the mistake's card info
        clock.advance(seconds=1)  # the summary, read: its keys work
        await pilot.press("n")
        await pilot.pause()
        assert screen.item is not None and screen.item.reason == "new"
        assert app.session.history.extra_new(app.session.today) > 0
    store.close()


async def test_the_key_bar_names_the_key_points_of_the_card_shown(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+r")  # q01: four key points
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert " a-d tick " in bar and "a-f" not in bar
        await pilot.press("5", "ctrl+r")  # q01.1: three
        await pilot.pause()
        assert " a-c tick " in str(app.screen.query_one(KeyBar).render())
        assert " 0-5 grade " in str(app.screen.query_one(KeyBar).render())
    store.close()


def test_a_range_of_keys_narrows_to_those_that_work() -> None:
    from textual.binding import ActiveBinding, Binding

    from dlflash.tui.widgets.keybar import narrowed

    def active(keys: str, enabled: str) -> dict[str, ActiveBinding]:
        return {key: ActiveBinding(app, Binding(key, "x"), key in enabled)  # type: ignore[arg-type]
                for key in keys}

    app = object()
    assert narrowed("a-f", active("abcdef", "abcdef")) == "a-f"
    assert narrowed("a-f", active("abcdef", "abcd")) == "a-d"
    assert narrowed("a-f", active("abcdef", "a")) == "a"
    assert narrowed("0-5", active("012345", "012345")) == "0-5"
    assert narrowed("^p", {}) == "^p" and narrowed("-", {}) == "-"


LONG_QUESTION = {
    "en": "How many hours does it take to write a simple MNIST classifier with TF, Keras or a "
          "similar framework, and what takes the longest?",
    "ko": "TF, Keras 등의 프레임워크로 간단한 MNIST 분류기를 만드는 데 몇 시간이 걸리고, 그중 "
          "무엇이 가장 오래 걸릴까요? 이유도 함께 설명해 주세요.",
}


@pytest.mark.parametrize("language", ["en", "ko"])
async def test_a_failed_cards_question_wraps_under_itself_at_80_columns(
        tmp_path: Path, clock: FakeClock, data_dir: Path, language: str) -> None:
    # Found in tmux: the question ran on under the key at column 0, where it read as a
    # line of the summary's own.
    deck_dir = tmp_path / "long"
    write_deck(deck_dir, "a.yaml", [{**card("q11"), "question": LONG_QUESTION}])
    app, store = app_over(deck_dir, clock, data_dir, language)
    question = LONG_QUESTION[language]
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("ctrl+r", "1", "ctrl+r", "4")  # q11 failed, then its repeat
        await pilot.pause()
        lines = text_of(review_screen(app), "#summary").splitlines()
        first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1  q11"))
        indent = cell_len(lines[first][:lines[first].index(question.split()[0])])
        rest = lines[first + 1:first + 3]
        assert all(cell_len(line) - cell_len(line.lstrip()) == indent for line in rest)
        assert "".join(lines[first:first + 3]).replace(" ", "").endswith(
            question.replace(" ", ""))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        lines = text_of(review_screen(app), "#summary").splitlines()
        assert sum(question.split()[-1] in line for line in lines) == 1
        first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1  q11"))
        assert lines[first + 1].startswith(" " * indent)  # wrapped again for the new width
    store.close()


async def test_a_grade_typed_right_after_ctrl_r_grades_and_is_not_typed(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    # Found in tmux: 'dont know', ctrl+r, '1' in one burst journaled 'dont know1' and gave no
    # grade: the key reached the box, still focused, after the reveal had hidden it.
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=2)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        await burst(pilot, *"relu", "ctrl+r", "4")
        await pilot.pause()
        assert screen.item is not None and screen.item.card.id == "q01.1"
        [replayed] = list(app.session.history.all_reviews())
        assert (replayed.review.card, replayed.review.grade) == ("q01", 4)
        assert replayed.review.answer == "relu"
    store.close()


async def test_an_answer_typed_right_after_a_grade_or_i_goes_into_the_box(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    # The focus moves to the next card's box in its turn: the keys typed just after the grade
    # reached the question outside the box, where l switched the language and u undid.
    app, store = make_app(tmp_path, clock, data_dir, new_per_day=3)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = review_screen(app)
        await burst(pilot, "ctrl+r", "5", *"lub")
        await pilot.pause()
        assert screen.item is not None and screen.item.card.id == "q01.1"
        assert screen.answer_box.text == "lub" and app.language == "en"
        await burst(pilot, "escape", "i", *"lu")
        await pilot.pause()
        assert screen.answer_box.text == "lublu" and app.language == "en"
        await pilot.press("escape")
        await burst(pilot, "i", *"ab")  # i, then typing at once (found in tmux: ab was lost)
        assert screen.answer_box.text == "lubluab"
        await burst(pilot, "escape", "l")  # outside the box, its keys are commands again
        await pilot.pause()
        assert app.language == "ko" and screen.answer_box.text == "lubluab"
        await pilot.click("#answer")  # back in the box with the mouse: letters type again
        await burst(pilot, *"lu")
        assert app.language == "ko" and len(screen.answer_box.text) == 9  # where clicked
    store.close()
