"""`dlflash interview [--topic ...] [--minutes M[,F]] [-n N] [--random [--seed S]]
[--report FILE.md]`: the app, opened on a mock interview. Every mistake in the options
(an unknown topic, a time out of range, a report that cannot be written) is one sentence
before the interview starts."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dlflash.base.config import MINUTES
from dlflash.base.errors import DlflashError

if TYPE_CHECKING:
    from dlflash.tui.app import DlflashApp


def minutes(text: str) -> tuple[float, float]:
    """`3` (every question) or `3,1.5` (main, follow-up), each in the settings' range."""
    low, high = MINUTES
    parts = text.split(",")
    try:
        values = [float(part) for part in parts]
    except ValueError:
        values = []
    if len(values) not in (1, 2) or not all(low <= value <= high for value in values):
        raise DlflashError(
            f"--minutes takes minutes from {low} to {high} for every question, or for a main "
            f"question and a follow-up with a comma between (3 or 3,1.5), not {text!r}.")
    return values[0], values[-1]


def report_path(text: str | None) -> Path | None:
    """Where the Markdown report goes, checked before the interview starts."""
    if text is None:
        return None
    path = Path(text).expanduser()
    folder = path.parent
    if path.is_dir():
        raise DlflashError(f"--report {text} is a folder; give a file name such as "
                           "interview.md.")
    if not folder.is_dir():
        raise DlflashError(f"Cannot write the report to {path}: the folder {folder} does "
                           "not exist.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DlflashError(f"Cannot write the report to {path}: permission denied.")
    return path


def setup_for(args: argparse.Namespace) -> Callable[[DlflashApp], None]:
    """What prepares the loaded app: the interview's questions, chosen from its history (an
    unknown topic raises before the app runs). The options are checked first, before
    anything is loaded."""
    report = report_path(args.report)
    times = minutes(args.minutes) if args.minutes else None
    topics = tuple(term.strip() for value in args.topic for term in value.split(",")
                   if term.strip())

    def setup(app: DlflashApp) -> None:
        from dlflash.study.interviewer import new_plan, request_for
        from dlflash.tui.screens.interview import InterviewScreen

        changes: dict[str, Any] = {
            "count": args.count, "topics": topics, "seed": args.seed,
            "order": "random" if args.random or args.seed is not None else "weakest"}
        if times is not None:
            changes |= {"main_ms": round(times[0] * 60_000),
                        "follow_up_ms": round(times[1] * 60_000)}
        request = request_for(app.session.settings, **changes)
        plan = new_plan(app.session, request)
        app.first_screen = partial(InterviewScreen, plan, request, report)

    return setup


def run(args: argparse.Namespace) -> int:
    setup = setup_for(args)
    from dlflash.tui.launch import run_review

    return run_review(args, setup=setup)
