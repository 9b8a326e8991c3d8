"""The garbage collector's full passes at pauses, not inside a grade.

A pass over the oldest generation (everything made since start-up's `gc.freeze`) takes
10-20 ms here, and Python starts one when the objects promoted since the last pass exceed
a quarter of those it holds: now and then that fell inside a grade or a reveal, the grade's
worst cases (bench/run.py at 100,000 reviews, a pause between cards: p99 31 ms and max 46
ms; 27 and 28 ms with a pass in each pause). One pass once no key has come for `IDLE_S`
leaves too little behind for the next key to set one off. The pause is longer than the gap
between two keys of someone typing, so typing does not pay a pass per key.
"""

from __future__ import annotations

import gc
from typing import Any

from textual.app import App
from textual.timer import Timer

IDLE_S = 0.5


class IdleCollector:
    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._timer: Timer | None = None

    def activity(self) -> None:
        """A key, a click or a grade: the pass waits until `IDLE_S` without another."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._app.set_timer(IDLE_S, self._collect, name="idle-gc")

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def _collect(self) -> None:
        self._timer = None
        gc.collect()
