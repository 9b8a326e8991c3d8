"""A one-line footer: the keys that work now, as text.

Textual's `Footer` recomposes a widget per key whenever the bindings change, which happens
twice per card here (reveal, then the next card) and cost about 40 ms each time on the
review screen; this renders a single line instead.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from dlflash.tui.text import tr

_KEPT = frozenset({"help"})
"""Kept when the bar is too narrow for every key (with the palette's): the rest are there."""


def fitted(entries: list[tuple[str, str, str]], width: int) -> list[tuple[str, str, str]]:
    """`entries` (action, key, label) that fit in `width` cells, the last ones given up first,
    except those of `_KEPT` and the last entry (the palette), so that no key is half shown."""
    def size(kept: list[tuple[str, str, str]]) -> int:
        return sum(cell_len(f" {key} {label} ") for _, key, label in kept)

    kept = list(entries)
    for index in range(len(entries) - 2, -1, -1):
        if size(kept) <= width:
            break
        if entries[index][0] not in _KEPT:
            kept.remove(entries[index])
    return kept


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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed,
                                                      immediate=True)
        self._rebuild(self.screen)

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
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in shown:
                continue
            shown.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            entries.append((binding.action, key, binding.description))
        entries.append(("", "^p", tr("keybar.palette", getattr(self.app, "language", "en"))))
        parts: list[str | tuple[str, str]] = []
        for _, key, label in fitted(entries, self.size.width or 10_000):
            parts += [(f" {key}", "bold $footer-key-foreground"), f" {label} "]
        if parts != self._shown:
            self._shown = parts
            self.update(Content.assemble(*parts))
