"""The model answer: Textual's `Markdown`, updated in place from card to card.

`Markdown.update` removes every block widget and mounts new ones: a paragraph is one
widget, a bullet list three or four per item. On the review screen that is a dozen to forty
widgets thrown away per card, each with its styles, message queue and cached lines (kept
alive for a while by a cache inside Textual), which made the collector pause for 10-40 ms
every few cards, on the next grade. Here each new block is shown by a mounted block of the
same kind (paragraphs, code, lists item by item, quotes), moved into place if need be; those
left over are hidden and kept for later answers, so after a few cards nothing is mounted.
Headings, tables and rules are still mounted new and removed. What is shown is exactly
what `Markdown` shows (a test compares the two).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from textual.await_complete import AwaitComplete
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Markdown
from textual.widgets._markdown import (
    MarkdownBlock,
    MarkdownBlockQuote,
    MarkdownBullet,
    MarkdownBulletList,
    MarkdownFence,
    MarkdownList,
    MarkdownListItem,
    MarkdownOrderedList,
    MarkdownParagraph,
)


def list_symbols(block: MarkdownList) -> list[str]:
    """Each item's bullet, as `MarkdownBulletList` / `MarkdownOrderedList.compose` draw it."""
    items = [item for item in block._blocks if isinstance(item, MarkdownListItem)]
    if not isinstance(block, MarkdownOrderedList):
        return [item.bullet for item in items]
    suffix, start = ". ", 1
    if items:
        with suppress(ValueError):
            start = int(items[0].bullet)
    numbers = [f"{number}{suffix}" for number in range(start, start + len(items))]
    size = max((len(number) for number in numbers), default=0)
    return [number.rjust(size + 1) for number in numbers]


_REUSED = (MarkdownParagraph, MarkdownFence, MarkdownBulletList, MarkdownOrderedList,
           MarkdownBlockQuote)
"""Blocks that take new content in place. Headings (their id is their anchor), tables and
rules are mounted new."""


def same_kind(widget: Widget, block: MarkdownBlock) -> bool:
    """Whether `widget`, a mounted block, can show `block` exactly as a new one would."""
    return (type(widget) is type(block) and isinstance(block, _REUSED)
            and widget.classes == block.classes)


class ModelAnswer(Markdown):
    """A `Markdown` whose `update` reuses the block widgets it already has."""

    def update(self, markdown: str) -> AwaitComplete:
        if markdown == self._markdown:
            return AwaitComplete()  # already shown, or on its way
        self._theme = self.app.theme
        self._markdown = markdown
        self._table_of_contents = None

        async def await_update() -> None:
            async with self.lock:
                blocks = self._build_from_source(markdown)
                with self.app.batch_update():
                    await self._reconcile(self, blocks)
            lines = markdown.splitlines()
            self._last_parsed_line = len(lines) - (1 if lines and lines[-1] else 0)
            self.post_message(
                Markdown.TableOfContentsUpdated(self, self.table_of_contents).set_sender(self)
            )

        return AwaitComplete(await_update())

    async def _reconcile(self, parent: Widget, new: Sequence[MarkdownBlock]) -> None:
        """Make `parent` show `new` (blocks not mounted yet), in order: each takes a child of
        the same kind wherever it is; reusable children left over are hidden, kept for a
        later answer, the others removed."""
        spare = list(parent.children)
        for index, block in enumerate(new):
            widget = next((child for child in spare if same_kind(child, block)), None)
            if widget is None:
                at = index if index < len(parent.children) else None
                await parent.mount(block, before=at)
                continue
            assert isinstance(widget, MarkdownBlock)
            spare.remove(widget)
            await self._take(widget, block)
            widget.display = True
            if parent.children.index(widget) != index:
                parent.move_child(widget, before=index)
        for widget in spare:
            if isinstance(widget, _REUSED):
                widget.display = False
            else:
                await widget.remove()

    async def _take(self, old: MarkdownBlock, new: MarkdownBlock) -> None:
        """Show `new` in `old`, a block of the same kind."""
        if isinstance(old, MarkdownParagraph):
            old.set_content(new._content)
            old._inline_token = new._inline_token
        elif isinstance(old, MarkdownFence) and isinstance(new, MarkdownFence):
            old._copy_context(new)
            old.set_content(new._highlighted_code)
            old.scroll_to(x=0, animate=False, immediate=True)
        elif isinstance(old, MarkdownList) and isinstance(new, MarkdownList):
            await self._take_items(old, new)
        else:
            await self._reconcile(old, new._blocks)
        old._token = new._token
        old.source_range = new.source_range

    async def _take_items(self, old: MarkdownList, new: MarkdownList) -> None:
        """A list's rows are `Horizontal(MarkdownBullet, Vertical(*item blocks))`."""
        rows = list(old.children)
        items = [item for item in new._blocks if isinstance(item, MarkdownListItem)]
        more = []
        for index, (item, symbol) in enumerate(zip(items, list_symbols(new), strict=True)):
            if index < len(rows):
                bullet, body = rows[index].children
                assert isinstance(bullet, MarkdownBullet)
                if bullet.symbol != symbol:
                    bullet.symbol = symbol
                    bullet.refresh(layout=True)  # " 9. " to " 10. " is wider
                rows[index].display = True
                await self._reconcile(body, item._blocks)
            else:
                bullet = MarkdownBullet()
                bullet.symbol = symbol
                more.append(Horizontal(bullet, Vertical(*item._blocks)))
        if more:
            await old.mount_all(more)
        for row in rows[len(items):]:
            row.display = False
