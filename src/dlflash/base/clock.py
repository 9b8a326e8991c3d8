"""Study-day arithmetic: a study day runs from the rollover hour to the next one.

Times are always timezone-aware. The day of a moment is taken in the offset the moment
carries, so a review logged in Seoul stays on its Seoul study day when replayed in Berlin.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

Clock = Callable[[], datetime]
"""Returns the current aware datetime; injected everywhere so tests can fix time."""


def system_clock() -> datetime:
    """Now, in the machine's local time zone, with its UTC offset."""
    return datetime.now().astimezone()


def study_day(moment: datetime, rollover_hour: int) -> date:
    """The study day `moment` belongs to: before `rollover_hour` it still counts as yesterday."""
    if moment.tzinfo is None:
        raise ValueError("study_day needs an aware datetime")
    return (moment - timedelta(hours=rollover_hour)).date()
