"""A one-line footer: the keys that work now, as text.

Textual's `Footer` recomposes a widget per key whenever the bindings change, which happens
twice per card here (reveal, then the next card) and cost about 40 ms each time on the
review screen; this renders a single line instead.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from dlflash.tui.text import tr


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

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Bindings change three or four times per card (revealed, item, focus): rebuild
        once, when this bar's turn comes, however many changes came before it."""
        if not self._pending:
            self._pending = True
            self.call_next(self._rebuild, screen)

    def _rebuild(self, screen: Screen[object]) -> None:
        self._pending = False
        parts: list[str | tuple[str, str]] = []
        shown: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in shown:
                continue
            shown.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            parts += [(f" {key}", "bold $footer-key-foreground"), f" {binding.description} "]
        palette = tr("keybar.palette", getattr(self.app, "language", "en"))
        parts += [(" ^p", "bold $footer-key-foreground"), f" {palette}"]
        if parts != self._shown:
            self._shown = parts
            self.update(Content.assemble(*parts))
