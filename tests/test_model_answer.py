"""The model answer: what it draws for each kind of Markdown, that nothing is cut at the pane's
edge (the bundled deck at 80 and 120 columns, both languages), and that new cards mount
nothing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from dlflash.deck.loader import DeckSource, bundled_deck_dir, load_deck
from dlflash.tui.screens.review import ReviewScreen
from dlflash.tui.widgets.answer_layout import (
    BULLETS,
    COLUMN_RULE,
    CONTINUATION,
    HEADER_RULE,
    Line,
    layout,
    parse,
    plain,
)
from dlflash.tui.widgets.model_answer import ModelAnswer

from conftest import FakeClock
from tui_helpers import make_app

# Long lines as the bundled deck had them (the deck has since been shortened; user decks
# still have such lines).
Q11_COMPILE = ('model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", '
               'metrics=["accuracy"])')
Q01_2_FORMULA = "f(x) ≈ Σ_k f(x_k) · hat((x − x_k)/h)"
Q01_2_TEXT = ("It is 0 outside [−1, 1] and a triangle of height 1 peaking at x = 0. Put scaled "
              f"copies on grid points x_k with spacing h, `{Q01_2_FORMULA}`, and you get linear "
              "interpolation of the curve.")
PANE = {(80, 24): 75, (120, 40): 76}
"""The model pane's content width on the review screen (asserted below)."""


def text(markdown: str, width: int) -> list[str]:
    return [plain(line) for line in layout(parse(markdown), width)]


def roles_of(line: Line, part: str) -> tuple[str, ...]:
    return next(roles for text, roles in line if part in text)


def unwrapped(lines: list[str]) -> list[str]:
    """Wrapped lines joined again at each continuation mark, without their spaces (a line
    may have been cut at one)."""
    joined: list[str] = []
    for line in lines:
        if line.lstrip().startswith(CONTINUATION):
            joined[-1] += line.lstrip()[len(CONTINUATION):].replace(" ", "")
        else:
            joined.append(line.replace(" ", ""))
    return joined


# -- what each block draws ------------------------------------------------------------------


def test_paragraph_wraps_at_spaces_with_inline_styles() -> None:
    [first, second] = layout(parse("**Bold** then *em*, `code` and ~~gone~~ words here"), 30)
    assert plain(first) == "Bold then em, code and gone"
    assert plain(second) == "words here"
    assert roles_of(first, "Bold") == ("strong",)
    assert roles_of(first, "em") == ("em",)
    assert roles_of(first, "code") == ("code-inline",)
    assert roles_of(first, "gone") == ("strike",)


def test_blocks_are_separated_by_a_blank_line() -> None:
    assert text("# Title\n\nOne.\n\n---\n\nTwo.", 10) == ["Title", "", "One.", "", "-" * 10,
                                                           "", "Two."]
    [heading] = layout(parse("## Sub"), 10)
    assert roles_of(heading, "Sub") == ("h2",)


def test_lists_bullets_numbers_and_nesting() -> None:
    assert text("- one\n- two that wraps\n  - nested", 12) == [
        f"{BULLETS[0]}one", f"{BULLETS[0]}two that", "  wraps", f"  {BULLETS[1]}nested"]
    assert text("8. eight\n9. nine\n10. ten", 20) == [" 8. eight", " 9. nine", "10. ten"]
    assert text("- loose\n\n- list", 20) == [f"{BULLETS[0]}loose", "", f"{BULLETS[0]}list"]


def test_quote_has_a_bar_and_its_text_is_wrapped_inside() -> None:
    lines = layout(parse("> a quoted line\n> that wraps"), 12)
    assert [plain(line) for line in lines] == ["  a quoted", "  line that", "  wraps"]
    assert lines[0][0] == (" ", ("quote-bar",))
    assert roles_of(lines[0], "quoted") == ("quote",)


def test_code_fills_the_width_and_is_highlighted() -> None:
    lines = layout(parse("```python\nimport os  # why\n```"), 20)
    assert [plain(line) for line in lines] == ["import os  # why    "]
    assert roles_of(lines[0], "import") == ("code", "code-keyword")
    assert roles_of(lines[0], "# why") == ("code", "code-comment")
    assert text("```\n<b>[bold]x[/]</b>\n```", 20) == ["<b>[bold]x[/]</b>   "]


def test_deck_text_is_data_not_html() -> None:
    assert text("A stack of linear maps is linear [/]. <b>x</b>", 80) == [
        "A stack of linear maps is linear [/]. <b>x</b>"]


def test_long_code_wraps_after_a_space_with_a_continuation_mark() -> None:
    code = f"```python\n{Q11_COMPILE}\n    {Q11_COMPILE}\n```"
    lines = text(code, 60)
    assert lines == [
        'model.compile(optimizer="adam",                             ',
        '↪ loss="sparse_categorical_crossentropy",                   ',
        '↪ metrics=["accuracy"])                                     ',
        '    model.compile(optimizer="adam",                         ',
        '    ↪ loss="sparse_categorical_crossentropy",               ',
        '    ↪ metrics=["accuracy"])                                 ',
    ]
    assert unwrapped(lines) == [Q11_COMPILE.replace(" ", "")] * 2


def test_a_formula_is_not_broken_where_it_fits() -> None:
    for width in range(len(Q01_2_FORMULA) + 1, 90):
        lines = text(Q01_2_TEXT, width)
        assert any(Q01_2_FORMULA in line for line in lines), width
        assert all(cell_len(line) <= width for line in lines)


def test_a_formula_line_of_a_paragraph_stays_a_line_of_its_own() -> None:
    source = "Stack two layers and\n`W2(W1·x + b1) + b2 = W·x + b'`.\nTen layers are one."
    assert text(source, 40) == ["Stack two layers and", "W2(W1·x + b1) + b2 = W·x + b'.",
                                "Ten layers are one."]
    # too narrow for the formula: it wraps as code, marked
    assert text(source, 20) == ["Stack two layers and", "W2(W1·x + b1) + b2", "↪ = W·x + b'.",
                                "Ten layers are one."]


def test_a_table_narrows_its_widest_column_and_wraps_its_cells() -> None:
    source = "| name | what it does |\n|---|--:|\n| relu | keeps positive inputs as they are |"
    assert text(source, 40) == ["name |                      what it does",
                                "-----+----------------------------------",
                                "relu | keeps positive inputs as they are"]
    assert text(source, 20) == ["name |  what it does",
                                "-----+--------------",
                                "relu |         keeps",
                                "     |      positive",
                                "     |     inputs as",
                                "     |      they are"]
    [header, *_] = layout(parse(source), 40)
    assert roles_of(header, "name") == ("table-header",)


def test_glyphs_are_one_cell_in_korean_terminals_too() -> None:
    """East Asian width A ("•", "─", "│") is two cells in some Korean terminals."""
    for glyph in (CONTINUATION, *BULLETS, COLUMN_RULE, HEADER_RULE):
        assert all(unicodedata.east_asian_width(char) in ("N", "Na") for char in glyph), glyph


# -- the bundled deck, at the review screen's pane widths -----------------------------------


def _deck_answers() -> list[tuple[str, str]]:
    deck = load_deck([DeckSource(bundled_deck_dir())])
    return [(f"{card.id}/{language}", card.answer.get(language))
            for card in deck.cards for language in ("en", "ko")]


@pytest.mark.parametrize("width", sorted(set(PANE.values())))
def test_nothing_in_the_bundled_deck_is_cut(width: int) -> None:
    """Every line fits the pane; every code line is all there, continued with a mark; every
    inline code span that fits is on one line."""
    for name, answer in _deck_answers():
        tree = parse(answer)
        lines = [plain(line) for line in layout(tree, width)]
        assert all(cell_len(line) <= width for line in lines), name
        shown = unwrapped(lines)
        for node in tree.walk():
            if node.type == "fence":
                for code in node.content.expandtabs(4).splitlines():
                    assert code.replace(" ", "") in shown, (name, code)
            if node.type == "code_inline" and cell_len(node.content) <= width:
                assert any(node.content in line for line in lines), (name, node.content)


class _Answer(App[None]):
    def __init__(self, widget: ModelAnswer) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


@pytest.mark.parametrize("size", list(PANE))
async def test_review_screen_shows_long_code_whole(tmp_path: Path, clock: FakeClock,
                                                   data_dir: Path,
                                                   size: tuple[int, int]) -> None:
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        model = screen.query_one("#model", ModelAnswer)
        assert model.content_size.width == PANE[size]
        assert model.content_region.right <= screen.size.width - 1  # left of the scrollbar
        model.update(f"Compile:\n\n```python\n{Q11_COMPILE}\n```\n\n{Q01_2_TEXT}")
        await pilot.pause()
        lines = model.rendered_lines()
        assert len(lines) == model.size.height
        assert lines[2:4] == [
            'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",'
            .ljust(PANE[size]),
            '↪ metrics=["accuracy"])'.ljust(PANE[size]),
        ]
        assert any(Q01_2_FORMULA in line for line in lines[5:])
    store.close()


async def test_theme_change_repaints_in_the_new_colours() -> None:
    answer = ModelAnswer("`code`")
    app = _Answer(answer)
    async with app.run_test(size=(40, 5)) as pilot:
        before = answer.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        after = answer.render_line(0)
        assert before.text == after.text
        assert next(iter(before)).style != next(iter(after)).style


async def test_update_mounts_nothing_and_resizes() -> None:
    answer = ModelAnswer()
    app = _Answer(answer)
    async with app.run_test(size=(40, 30)) as pilot:
        known = {id(widget) for widget in app.screen.walk_children()}
        for source in ("# A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |", "- one\n- two",
                       "```\ncode\n```", "", "Just one paragraph."):
            answer.update(source)
            await pilot.pause()
            assert answer.source == source
            assert answer.size.height == len(text(source, 40))
            assert {id(widget) for widget in app.screen.walk_children()} == known


def test_an_answer_is_laid_out_once_per_width_until_it_changes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dlflash.tui.widgets.model_answer as model_answer

    widths: list[int] = []

    def counted(tree: object, width: int) -> list[Line]:
        widths.append(width)
        return layout(tree, width)  # type: ignore[arg-type]

    monkeypatch.setattr(model_answer, "layout", counted)
    answer = ModelAnswer("A paragraph long enough to wrap at either width, twice over.")
    for width in (75, 76, 75, 76):  # Textual asks a height at one width, paints at the next
        assert plain(answer.lines(width)[0])
    assert widths == [75, 76]
    answer.update("Another answer.")
    answer.lines(75)
    assert widths == [75, 76, 75]
