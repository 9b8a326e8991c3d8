"""The review log as CSV for a spreadsheet: one row per review that counts (an undone grade
is left out), in time order, with what it did to the card."""

from __future__ import annotations

import csv
import io
import string

from dlflash.journal.history import History

COLUMNS = ("time", "day", "card", "grade", "repeat", "seconds", "interval", "ease", "due",
           "ticked", "answer", "device", "id")
"""`repeat`: 1 for a later grade on the same study day (it does not reschedule the card);
`interval`, `ease` and `due` are the card's after the review; `ticked`: the key points
ticked, as letters (a is the first)."""


def review_csv(history: History) -> str:
    """The CSV text of every effective review of a full `history`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(COLUMNS)
    for replayed in sorted(history.all_reviews(), key=lambda r: r.review.ts):
        review, after = replayed.review, replayed.after
        writer.writerow([
            review.ts.isoformat(timespec="seconds"), review.day.isoformat(), review.card,
            review.grade, int(not replayed.scheduled), f"{review.ms / 1000:.1f}",
            after.interval, f"{after.easiness:.2f}", after.due.isoformat() if after.due else "",
            "".join(string.ascii_lowercase[i] for i in review.ticked if 0 <= i < 26), review.answer,
            review.device, review.id,
        ])
    return out.getvalue()
