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
"""

from __future__ import annotations

from dlflash.stats.log import StatsInput
from dlflash.stats.report import StatsReport, build_report, to_json
from dlflash.stats.summary import DaySummary, current_streak, day_summary, due_on

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
