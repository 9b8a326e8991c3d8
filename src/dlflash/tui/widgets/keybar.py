"""A footer of one line (or two): the keys that work now, as text.

Textual's `Footer` recomposes a widget per key whenever the bindings change, which happens
twice per card here (reveal, then the next card) and cost about 40 ms each time on the
review screen; this renders text instead.

Where the screen has the room (`KEY_BAR_LINES = 2` on the screen, or on a part of it while
that part shows: the summary, the browser, card info), the keys that do not fit one line go
on a second; a card under review keeps its rows and gives up its last keys to the palette.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from textual.binding import ActiveBinding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from dlflash.tui.text import tr

_KEPT = frozenset({"help"})
"""Kept when the bar is too narrow for every key (with the palette's): the rest are there."""


Entry = tuple[str, str, str]
"""(action, key, label)"""


def _size(entry: Entry) -> int:
    return cell_len(f" {entry[1]} {entry[2]} ")


def rows(entries: list[Entry], width: int) -> list[list[Entry]]:
    """`entries` in order, a line after another of at most `width` cells (an entry wider
    than a line has one of its own)."""
    lines: list[list[Entry]] = [[]]
    used = 0
    for entry in entries:
        size = _size(entry)
        if lines[-1] and used + size > width:
            lines.append([])
            used = 0
        lines[-1].append(entry)
        used += size
    return lines


def fitted(entries: list[Entry], width: int, lines: int = 1) -> list[Entry]:
    """`entries` that fit in `lines` lines of `width` cells, the last ones given up first,
    except those of `_KEPT` and the last entry (the palette), so that no key is half shown."""
    kept = list(entries)
    for index in range(len(entries) - 2, -1, -1):
        if len(rows(kept, width)) <= lines and sum(map(_size, kept)) <= width * lines:
            break
        if entries[index][0] not in _KEPT:
            kept.remove(entries[index])
    return kept


def narrowed(display: str, active: Mapping[str, ActiveBinding]) -> str:
    """A range of keys such as `a-f` up to its last key that works now: `a-d` on a card with
    four key points, where `e` and `f` do nothing."""
    first, dash, last = display.partition("-")
    if not dash or len(first) != 1 or len(last) != 1 or first >= last:
        return display
    working = [key for key in map(chr, range(ord(first), ord(last) + 1))
               if (binding := active.get(key)) is not None and binding.enabled]
    if not working or working[-1] == last:
        return display
    return first if working[-1] == first else f"{first}-{working[-1]}"


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    _pending = False
    _shown: list[str | tuple[str, str]] | None = None
    _roomy: list[Widget] = []
    """The screen and its parts that leave room for a second line (`KEY_BAR_LINES`)."""

    def on_mount(self) -> None:
        screen = self.screen
        self._roomy = [node for node in (screen, *screen.query(Widget))
                       if getattr(node, "KEY_BAR_LINES", 1) > 1]
        screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)
        self._rebuild(screen)

    def _lines(self) -> int:
        """Two where the screen, or a part of it that shows now, has room for them."""
        return max([1, *(getattr(node, "KEY_BAR_LINES", 1) for node in self._roomy
                         if node.display)])

    def on_resize(self) -> None:
        self._rebuild(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Bindings change three or four times per card (revealed, item, focus): rebuild
        once, when this bar's turn comes, however many changes came before it."""
        if not self._pending:
            self._pending = True
            self.call_next(self._rebuild, screen)

    def _rebuild(self, screen: Screen[object]) -> None:
        self._pending = False
        entries: list[tuple[str, str, str]] = []
        shown: set[str] = set()
        bindings = screen.active_bindings  # a property that walks the focus chain each time
        for active in bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in shown:
                continue
            shown.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            key = narrowed(key, bindings)
            entries.append((binding.action, key, binding.description))
        entries.append(("", "^p", tr("keybar.palette", getattr(self.app, "language", "en"))))
        width, lines = self.size.width or 10_000, self._lines()
        parts: list[str | tuple[str, str]] = []
        laid_out = rows(fitted(entries, width, lines), width)
        for line in laid_out:
            if parts:
                parts.append("\n")
            for _, key, label in line:
                parts += [(f" {key}", "bold $footer-key-foreground"), f" {label} "]
        if parts != self._shown:
            self._shown = parts
            self.styles.height = len(laid_out)
            self.update(Content.assemble(*parts))
