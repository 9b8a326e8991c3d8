"""Pure aggregation over the replayed history: no I/O, no clock, no Textual; the day is
always passed in.

- `summary`: the end-of-session summary on the review screen;
- `log`: the captured input (`StatsInput`) and the shared definitions (review kinds,
  young/mature at 21 days, pass at grade 3, windows);
- `activity`: today, calendar and streaks, reviews per day, true retention, grades, hours;
- `cards`: due forecast, card counts and histograms, mastery per topic, leeches, key points;
- `charts`: bucketing and levels for the terminal charts;
- `report`: everything at once (`build_report`) and its JSON (`to_json`);
- `text`: the same in words, Korean and English (`dlflash stats --text`, the stats screen).

The review screen needs only `summary` at start-up; the rest is imported when first used
(PEP 562), which keeps about 15 ms of module set-up off every start.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from dlflash.stats.summary import DaySummary, current_streak, day_summary, due_on

if TYPE_CHECKING:
    from dlflash.stats.log import StatsInput
    from dlflash.stats.report import StatsReport, build_report, to_json

_LATER = {"StatsInput": "log", "StatsReport": "report", "build_report": "report",
          "to_json": "report"}

__all__ = [
    "DaySummary",
    "StatsInput",
    "StatsReport",
    "build_report",
    "current_streak",
    "day_summary",
    "due_on",
    "to_json",
]


def __getattr__(name: str) -> object:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_LATER[name]}"), name)
