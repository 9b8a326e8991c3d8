"""Widgets whose keys a screen sees first, in the order typed.

The app sends each key to the widget focused when it reads the key, and a focus change
waits its turn: in a burst (a fast typist, keys over ssh or from tmux) the keys typed right
after a key that moves the focus still reach the widget that had it. A screen that knows
where those keys belong takes them here and passes them on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.widgets import Static, TextArea

KeyTaker = Callable[[events.Key], bool]
"""Sees a key first; True when it took the key (the widget then does nothing with it)."""


async def _offer(take: KeyTaker, event: events.Key) -> None:
    if take(event):
        event.stop()
        event.prevent_default()


class QuestionText(Static):
    """The question, focused while the candidate is outside the answer box."""

    def __init__(self, take_key: KeyTaker, **options: Any) -> None:
        super().__init__("", **options)
        self._take_key = take_key

    async def _on_key(self, event: events.Key) -> None:
        await _offer(self._take_key, event)


class AnswerBox(TextArea):
    """The box the answer is typed in."""

    def __init__(self, take_key: KeyTaker, **options: Any) -> None:
        super().__init__(**options)
        self._take_key = take_key

    async def _on_key(self, event: events.Key) -> None:
        await _offer(self._take_key, event)


def passed_on(event: events.Key) -> events.Key:
    """A copy of `event` to post to where it belongs."""
    return events.Key(event.key, event.character)
