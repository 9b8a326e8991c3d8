"""The end-of-session summary: today's work, the streak, and what comes next."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dlflash.base.language import Language
from dlflash.stats import DaySummary
from dlflash.tui.text import tr

_BAR_WIDTH = 20


def grade_bars(grades: tuple[int, ...], language: Language) -> list[str]:
    """One line per grade, a bar of `#` scaled to the most frequent grade."""
    top = max(grades, default=0) or 1
    return [
        f"  {grade} {'#' * round(count / top * _BAR_WIDTH):<{_BAR_WIDTH}} {count:>3}  "
        f"{tr(f'grade.{grade}', language)}"
        for grade, count in enumerate(grades)
    ]


def summary_text(summary: DaySummary, more: int, language: Language) -> str:
    minutes, seconds = divmod(summary.seconds, 60)
    title = "summary.title" if summary.reviews else "summary.title.nothing"
    lines = [
        tr(title, language),
        "",
        tr("summary.cards", language, done=summary.reviews, new=summary.new,
           repeat=summary.repeats),
        tr("summary.time", language, minutes=minutes, seconds=seconds),
        tr("summary.streak", language, days=summary.streak),
        tr("summary.tomorrow", language, count=summary.due_tomorrow),
        tr("summary.next", language, day=summary.next_due.isoformat())
        if summary.next_due else tr("summary.no_next", language),
    ]
    if summary.reviews:
        lines += ["", tr("summary.grades", language), *grade_bars(summary.grades, language)]
    lines += ["", tr("summary.more", language, count=more) if more
              else tr("summary.none_left", language)]
    return "\n".join(lines)


class SummaryView(Static):
    def show(self, summary: DaySummary, more: int, language: Language) -> None:
        title, _, rest = summary_text(summary, more, language).partition("\n")
        self.update(Text.assemble((title, "bold"), "\n", rest))
