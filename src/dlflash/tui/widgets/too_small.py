"""The notice over a screen on a terminal smaller than the app needs."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static

from dlflash.base.language import Language
from dlflash.tui.text import tr

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmall(Static):
    """Covers the screen (the `overlay` layer) while the terminal is below 80x24."""

    DEFAULT_CSS = """
    TooSmall {
        layer: overlay;
        display: none;
        width: 100%;
        height: 100%;
        content-align: center middle;
        text-align: center;
        background: $background;
        padding: 2 4;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="too-small", markup=False)

    def check(self, size: Size, language: Language) -> None:
        width, height = size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.display = small
        if small:
            self.update(tr("small", language, width=width, height=height, min_w=MIN_WIDTH,
                           min_h=MIN_HEIGHT))
