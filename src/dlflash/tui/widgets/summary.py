"""The end-of-session summary: today's work, the streak, and what comes next."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from dlflash.base.language import Language
from dlflash.stats import DaySummary
from dlflash.stats.text import duration
from dlflash.tui.text import count, tr

_BAR_WIDTH = 20


def grade_bars(grades: tuple[int, ...], language: Language) -> list[str]:
    """One line per grade, a bar of `#` scaled to the most frequent grade."""
    top = max(grades, default=0) or 1
    return [
        f"  {grade} {'#' * round(count / top * _BAR_WIDTH):<{_BAR_WIDTH}} {count:>3}  "
        f"{tr(f'grade.{grade}', language)}"
        for grade, count in enumerate(grades)
    ]


def summary_text(summary: DaySummary, more: int, language: Language,
                 mistakes: Sequence[str] = ()) -> str:
    title = "summary.title" if summary.reviews else "summary.title.nothing"
    lines = [tr(title, language), ""]
    if summary.reviews:
        lines += [
            tr("summary.cards", language, reviews=count(summary.reviews, "review", language),
               cards=count(summary.cards, "card", language), new=summary.new,
               repeats=count(summary.repeats, "repeat", language)),
            tr("summary.time", language, time=duration(summary.seconds, language)),
        ]
    lines.append(tr("summary.streak", language, days=count(summary.streak, "day", language)))
    # "due tomorrow" is the next due date when there is one tomorrow: say one or the other
    if summary.due_tomorrow:
        lines.append(tr("summary.tomorrow", language,
                        count=count(summary.due_tomorrow, "card", language)))
    elif summary.next_due:
        lines.append(tr("summary.next", language, day=summary.next_due.isoformat()))
    else:
        lines.append(tr("summary.no_next", language))
    if summary.reviews:
        lines += ["", tr("summary.grades", language), *grade_bars(summary.grades, language)]
    if mistakes:
        lines += ["", tr("summary.mistakes", language), *mistakes]
    lines += ["", tr("summary.more", language, cards=count(more, "more_new", language))
              if more else tr("summary.none_left", language)]
    return "\n".join(lines)


class SummaryView(Static):
    KEY_BAR_LINES = 2
    """While the summary shows, the key bar may take a second line: every key of the
    summary (learn more, failed cards, browse, custom study, stats, interview...) in it."""

    def show(self, summary: DaySummary, more: int, language: Language,
             mistakes: Sequence[str] = ()) -> None:
        """`mistakes`: a line for each card failed today, numbered for its key."""
        title, _, rest = summary_text(summary, more, language, mistakes).partition("\n")
        self.update(Text.assemble((title, "bold"), "\n", rest))
