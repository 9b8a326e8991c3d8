"""The end-of-session summary: today's work, the streak, and what comes next."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.widgets import Static

from dlflash.base.language import Language, duration
from dlflash.stats import DaySummary
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

    _shown: tuple[DaySummary, int, Language, Sequence[tuple[str, str]]] | None = None

    def show(self, summary: DaySummary, more: int, language: Language,
             mistakes: Sequence[tuple[str, str]] = ()) -> None:
        """`mistakes`: for each card failed today, its numbered head (key, card, grade) and
        its question, which wraps under itself, not under the key."""
        self._shown = (summary, more, language, mistakes)
        self._paint()

    def on_resize(self) -> None:
        self._paint()

    def _paint(self) -> None:
        if self._shown is None:
            return
        summary, more, language, mistakes = self._shown
        width = self.content_size.width or self.app.size.width
        lines = [hanging(head, question, width, self.app.console)
                 for head, question in mistakes]
        title, _, rest = summary_text(summary, more, language, lines).partition("\n")
        self.update(Text.assemble((title, "bold"), "\n", rest))


def hanging(head: str, text: str, width: int, console: Console) -> str:
    """`head` then `text`, whose lines wrap at `width` under its own start."""
    indent = cell_len(head)
    wrapped = Text(text).wrap(console, max(width - indent, 12))
    return head + ("\n" + " " * indent).join(line.plain.rstrip() for line in wrapped)
