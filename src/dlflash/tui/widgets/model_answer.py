"""The model answer: one widget that paints the answer's Markdown line by line.

Textual's `Markdown` mounts a widget per block (three or four per list item) and replaces
them on every `update`: a dozen to forty widgets thrown away per card, kept alive a while
by a cache inside Textual, made the collector pause for 10-40 ms every few cards, on the
next grade. Here the Markdown is laid out as text (`answer_layout`) and painted through
Textual's Line API, so a new card mounts nothing and leaves only a few lines of strips to
the collector. Every style is a component class in theme variables, so every theme works.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from dlflash.tui.widgets.answer_layout import ROLES, Line, Roles, layout, parse


class ModelAnswer(Widget):
    """Markdown shown from `update(markdown)`, laid out again only when the width or the
    styles change."""

    COMPONENT_CLASSES = {f"model-answer--{role}" for role in ROLES}

    DEFAULT_CSS = """
    ModelAnswer { width: 1fr; height: auto; }
    ModelAnswer > .model-answer--strong { text-style: bold; }
    ModelAnswer > .model-answer--em { text-style: italic; }
    ModelAnswer > .model-answer--strike { text-style: strike; }
    ModelAnswer > .model-answer--link { color: $text-primary; text-style: underline; }
    ModelAnswer > .model-answer--code-inline { color: $text-warning; background: $warning 10%; }
    ModelAnswer > .model-answer--h1 { color: $text-primary; text-style: bold underline; }
    ModelAnswer > .model-answer--h2 { color: $text-primary; text-style: bold; }
    ModelAnswer > .model-answer--h3 { text-style: bold; }
    ModelAnswer > .model-answer--bullet { color: $text-primary; }
    ModelAnswer > .model-answer--quote { text-style: italic; }
    ModelAnswer > .model-answer--quote-bar { background: $primary 50%; }
    ModelAnswer > .model-answer--code { color: $foreground; background: $boost; }
    ModelAnswer > .model-answer--code-comment { color: $text-muted; text-style: italic; }
    ModelAnswer > .model-answer--code-string { color: $text-success; }
    ModelAnswer > .model-answer--code-number { color: $text-warning; }
    ModelAnswer > .model-answer--code-keyword { color: $text-accent; }
    ModelAnswer > .model-answer--code-function { color: $text-primary; }
    ModelAnswer > .model-answer--continuation { color: $text-accent; text-style: bold; }
    ModelAnswer > .model-answer--rule { color: $secondary; }
    ModelAnswer > .model-answer--table-header { text-style: bold; }
    ModelAnswer > .model-answer--table-rule { color: $text-muted; }
    """

    def __init__(self, markdown: str = "", *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._source = markdown
        self._tree = parse(markdown)
        self._laid_out: dict[int, list[Line]] = {}
        self._strips: tuple[int, list[Strip]] | None = None

    @property
    def source(self) -> str:
        """The Markdown shown."""
        return self._source

    def update(self, markdown: str) -> None:
        """Show `markdown`; nothing is mounted, the new lines are painted at the next
        refresh."""
        if markdown == self._source:
            return
        self._source = markdown
        self._tree = parse(markdown)
        self._laid_out, self._strips = {}, None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Line]:
        """The answer's lines in `width` cells: what `render_line` paints, as text runs.

        Kept for every width asked since the last `update`: Textual asks the height for one
        width and paints at the next (a scrollbar's cell), 75 and 76 at 120 columns, and a
        single kept width laid the answer out four times a reveal."""
        lines = self._laid_out.get(width)
        if lines is None:
            lines = self._laid_out[width] = layout(self._tree, width)
        return lines

    def rendered_lines(self) -> list[str]:
        """The text of every line, as painted at the widget's current width."""
        return [strip.text for strip in self._painted()]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None  # a new theme or class: the same lines in new styles

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        strips = self._painted()
        return strips[y] if y < len(strips) else Strip.blank(self.content_size.width)

    def _painted(self) -> list[Strip]:
        width = self.content_size.width
        if self._strips is None or self._strips[0] != width:
            lines = self.lines(width)
            styles: dict[Roles, Style] = {(): self.rich_style}
            for line in lines:
                for _, roles in line:
                    if roles not in styles:
                        styles[roles] = self.get_component_rich_style(
                            *(f"model-answer--{role}" for role in roles))
            self._strips = width, [
                Strip([Segment(text, styles[roles]) for text, roles in line if text])
                for line in lines]
        return self._strips[1]
