"""The stats screen's reports, worked out before `s` is pressed (issue 19).

Once no key, mouse button or change of the history has come for `IDLE_S` seconds, a
thread worker captures the history and computes the report of every range (the stats
screen's current one first), and the rows of its long tables (`stats_format`), so that
opening the screen, and `r`, only format the rest. Each report is kept in the memo of the
input it was computed from, with that input's history, version and study day: a report is
handed out only while they are still the app's (`History.version` grows with every grade,
undo, bury, ...), so no stale report is ever shown as current.

The worker stops between two figures (`build_report`'s `between`) when a key comes (a grade
must stay within one frame, and the worker holds the GIL in its figures), and when the
history changed; what it worked out is kept, and the next idle pause goes on from there.
When the stats screen asks for a report that is not ready (`want`), the worker runs at once
and keys no longer stop it; the report comes to the screen as a `StatsComputed` message,
and the other ranges wait for the next idle pause (not to slow down the screen's paint).

Nothing here runs on the UI thread but the capture (a few copies, `StatsInput.later`) and
the bookkeeping; the statistics modules are imported by the worker, on first use.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from datetime import date

    from dlflash.journal.history import History
    from dlflash.stats.log import StatsInput
    from dlflash.stats.report import StatsReport
    from dlflash.tui.host import Host

IDLE_S = 1.5
"""How long without a key before the reports are worked out."""
POLL_S = 0.25
"""How often the app looks whether it is idle and a report is missing."""

Basis = tuple["History", int, "date"]
"""What a report is of: the history, how many events it had applied, the study day."""


@dataclass
class StatsComputed(Message):
    """A report the stats screen asked for is ready."""

    report: StatsReport
    basis: Basis


@dataclass
class StatsFailed(Message):
    """Working out a report the stats screen asked for failed."""

    error: BaseException


class _Stop(Exception):
    """The worker stops between two figures."""


_READY: WeakKeyDictionary[Host, ReadyReports] = WeakKeyDictionary()


class ReadyReports:
    """The reports of one app, and the worker that works them out."""

    def __init__(self, app: Host) -> None:
        self.app = app
        self.idle_s = IDLE_S
        self.last_key = monotonic()
        self.preferred = app.stats_days
        """The range worked out first: the stats screen's current one."""
        self.kept: tuple[Basis, StatsInput] | None = None
        """The last input made, with what it is of; its memo holds the reports."""
        self._lock = threading.Lock()
        self._running: Basis | None = None
        """What the live worker works on (None: no worker, or it has stopped)."""
        self._listener: MessagePump | None = None
        self._wanted: int | None = None
        """The range the stats screen waits for: keys do not stop the worker meanwhile."""
        self._failed: Basis | None = None
        self._worker: Worker[None] | None = None
        self._timer_started = False
        self._seen: Basis | None = None
        """The history as the last poll saw it."""

    @classmethod
    def of(cls, app: Host) -> ReadyReports:
        ready = _READY.get(app)
        if ready is None:
            ready = _READY[app] = cls(app)
        return ready

    def start(self) -> None:
        """Look every `POLL_S` whether the app is idle with a report missing (once)."""
        if not self._timer_started:
            self._timer_started = True
            self.app.set_interval(POLL_S, self.poll, name="stats-ready")

    # -- on the UI thread ---------------------------------------------------------------------

    def basis(self) -> Basis:
        session = self.app.session
        return session.history, session.history.version, session.today

    def is_current(self, basis: Basis) -> bool:
        now = self.basis()
        return basis[0] is now[0] and basis[1:] == now[1:]

    def report(self, range_days: int) -> StatsReport | None:
        """The report of the current history over `range_days`, if it is ready."""
        kept = self.kept
        if kept is None or not self.is_current(kept[0]):
            return None
        from dlflash.stats.report import StatsReport

        known = kept[1].memo.get(f"report-{range_days}")
        return known if isinstance(known, StatsReport) else None

    def key(self) -> None:
        """A key or a mouse button came: the worker stops at its next figure unless the
        screen waits."""
        self.last_key = monotonic()

    def want(self, range_days: int, listener: MessagePump) -> StatsReport | None:
        """The report over `range_days` if it is ready; else it is worked out at once and
        comes to `listener` as a `StatsComputed` (or `StatsFailed`) message."""
        self.preferred = range_days
        ready = self.report(range_days)
        if ready is not None:
            return ready
        self._failed = None
        with self._lock:
            self._listener, self._wanted = listener, range_days
            if self._running is not None and self._same(self._running, self.basis()):
                return None  # the worker goes on, now for this range first
        self._launch()
        return None

    def poll(self) -> None:
        """Start the worker if neither a key nor a change of the history (a grade by mouse,
        or from a script) came for `idle_s`, and a report is missing."""
        basis = self.basis()
        if self._seen is None or not self._same(basis, self._seen):
            self._seen = basis
            self.last_key = monotonic()
        if monotonic() - self.last_key < self.idle_s:
            return
        if (self._failed is not None and self._same(basis, self._failed)) \
                or self._all_ready():
            return
        with self._lock:
            if self._running is not None and self._same(self._running, basis):
                return
        self._launch()

    def _all_ready(self) -> bool:
        return all(self.report(days) is not None for days in self._ranges())

    def _ranges(self) -> tuple[int, ...]:
        from dlflash.stats.log import RANGES

        return RANGES

    @staticmethod
    def _same(a: Basis, b: Basis) -> bool:
        return a[0] is b[0] and a[1:] == b[1:]

    def _launch(self) -> None:
        basis = self.basis()
        kept = self.kept
        if kept is not None and self._same(kept[0], basis):
            data = kept[1]

            def make() -> StatsInput:
                return data
        else:
            from dlflash.stats.log import StatsInput

            session = self.app.session
            make = StatsInput.later(session.history, session.deck, session.today)
        with self._lock:
            self._running = basis
        self._worker = self.app.run_worker(
            lambda: self._work(basis, make, monotonic()), thread=True, group="stats-ready",
            exclusive=True, exit_on_error=False, name="stats-ready")

    # -- in the worker ------------------------------------------------------------------------

    def _work(self, basis: Basis, make: Callable[[], StatsInput], started: float) -> None:
        worker = get_current_worker()
        history, version = basis[0], basis[1]

        def between() -> None:
            with self._lock:
                stale = history.version != version or worker.is_cancelled
                if stale or (self._wanted is None and self.last_key > started):
                    if self._running is basis:
                        self._running = None
                    raise _Stop

        try:
            between()
            data = make()
            self.kept = (basis, data)
            from dlflash.stats import report as reports
            from dlflash.tui.stats_format import prepare

            while (days := self._next(data)) is not None:
                report = reports.build_report(data, days, between)
                between()  # the long tables' rows, as the screen would format them now
                prepare(report, self.app.session.deck, self.app.language, self.app.size.width)
                with self._lock:
                    listener = self._listener if self._wanted == days else None
                    if listener is not None:
                        self._listener, self._wanted = None, None
                if listener is not None:  # the screen paints it: the rest can wait for
                    listener.post_message(StatsComputed(report, basis))  # an idle pause
                    return
            # Every report made: kept from the collector's full passes, as what start-up
            # loads is, or the next pass (~140 ms over them at a million reviews) would
            # start in the next burst of allocations, the paint on `s`.
            gc.freeze()
        except _Stop:
            return
        except Exception as error:
            with self._lock:
                listener, self._listener, self._wanted = self._listener, None, None
            self._failed = basis
            if listener is not None:
                listener.post_message(StatsFailed(error))
        finally:
            with self._lock:
                if self._running is basis:
                    self._running = None

    def _next(self, data: StatsInput) -> int | None:
        """The range to work out next: the one waited for, the screen's, then the others."""
        with self._lock:
            order = [days for days in (self._wanted, self.preferred) if days is not None]
        for days in (*order, *self._ranges()):
            if f"report-{days}" not in data.memo:
                return days
        return None
