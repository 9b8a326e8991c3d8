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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
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
        self.update(Content.assemble(*parts))
