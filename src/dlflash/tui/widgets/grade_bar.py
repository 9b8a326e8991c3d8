"""The six SM-2 grades with their meaning and the interval each would give."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from dlflash.base.language import Language
from dlflash.sm2 import GRADES, REPEAT_BELOW
from dlflash.tui.text import tr


def interval_label(grade: int, intervals: Mapping[int, int], language: Language) -> str:
    """`6d` for a scheduling review; `again` / `done` for a same-day repeat."""
    if grade in intervals:
        return tr("interval.days", language, days=intervals[grade])
    return tr("interval.done" if grade >= REPEAT_BELOW else "interval.again", language)


class GradeBar(Horizontal):
    DEFAULT_CSS = """
    GradeBar { height: 2; }
    GradeBar > .grade { width: 1fr; height: 2; padding: 0 1; text-wrap: nowrap;
                        text-overflow: ellipsis; }
    GradeBar > .grade.-suggested { text-style: reverse bold; }
    """

    def compose(self) -> ComposeResult:
        for grade in GRADES:
            yield Static("", id=f"grade-{grade}", classes="grade", markup=False)

    def show(self, intervals: Mapping[int, int], suggested: int | None,
             language: Language) -> None:
        for grade in GRADES:
            cell = self.query_one(f"#grade-{grade}", Static)
            cell.update(f"{grade} {interval_label(grade, intervals, language)}\n"
                        f"{tr(f'grade.{grade}', language)}")
            cell.set_class(grade == suggested, "-suggested")
