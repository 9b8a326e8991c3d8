"""The six SM-2 grades: what each means, and what it would do to the card.

Each column: the grade and its interval (`+today` where the card comes back today too),
the E-Factor it gives, and the grade's meaning in two short lines.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from dlflash.base.language import Language
from dlflash.sm2 import GRADES, REPEAT_BELOW, easiness_after
from dlflash.study.session import ReviewItem
from dlflash.tui.text import tr


def interval_label(grade: int, item: ReviewItem, language: Language) -> str:
    """`6d`, `1d +today` for a scheduling review; `again` / `done` for a same-day repeat."""
    if grade not in item.intervals:
        return tr("interval.done" if grade >= REPEAT_BELOW else "interval.again", language)
    days = tr("interval.days", language, days=item.intervals[grade])
    return f"{days} {tr('grade.today', language)}" if grade < REPEAT_BELOW else days


def grade_cell(grade: int, item: ReviewItem, language: Language) -> str:
    """A grade's column. A repeat leaves the card's SM-2 state alone: no E-Factor then."""
    easiness = (tr("grade.easiness", language, easiness=easiness_after(item.state, grade))
                if item.intervals else "")
    return (f"{grade} {interval_label(grade, item, language)}\n{easiness}\n"
            f"{tr(f'grade.{grade}', language)}")


class GradeBar(Horizontal):
    DEFAULT_CSS = """
    GradeBar { height: 4; }
    GradeBar > .grade { width: 1fr; height: 4; padding: 0 1; }
    GradeBar > .grade.-suggested { text-style: reverse bold; }
    """

    def compose(self) -> ComposeResult:
        for grade in GRADES:
            yield Static("", id=f"grade-{grade}", classes="grade", markup=False)

    def show(self, item: ReviewItem, suggested: int | None, language: Language) -> None:
        for grade in GRADES:
            cell = self.query_one(f"#grade-{grade}", Static)
            cell.update(grade_cell(grade, item, language))
            cell.set_class(grade == suggested, "-suggested")
