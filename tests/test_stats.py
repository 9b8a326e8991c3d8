from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal.events import Review, new_id
from dlflash.journal.history import History
from dlflash.stats import current_streak, day_summary

from helpers import small_deck

KST = timezone(timedelta(hours=9))


def review(card: str, grade: int, day: date, ms: int = 10_000) -> Review:
    ts = datetime(day.year, day.month, day.day, 9, tzinfo=KST)
    return Review(id=new_id(), card=card, ts=ts, day=day, grade=grade, ms=ms)


def test_streak() -> None:
    d = date(2026, 3, 10)
    days = {d, d - timedelta(1), d - timedelta(2), d - timedelta(5)}
    assert current_streak(days, d) == 3
    assert current_streak(days, d + timedelta(1)) == 3  # today not studied yet
    assert current_streak(days, d + timedelta(2)) == 0
    assert current_streak(set(), d) == 0


def test_day_summary(tmp_path: Path) -> None:
    deck = load_deck([DeckSource(small_deck(tmp_path))])
    d1, d2 = date(2026, 3, 1), date(2026, 3, 2)
    events = [review("q01", 5, d1), review("q01.1", 4, d1),
              review("q01", 4, d2), review("q02", 2, d2), review("q02", 4, d2, ms=2500),
              review("ghost", 5, d2)]
    summary = day_summary(History(events), deck, d2, next_due=date(2026, 3, 3))
    assert (summary.reviews, summary.cards, summary.new, summary.repeats) == (3, 2, 1, 1)
    assert summary.seconds == 23 and summary.grades == (0, 0, 1, 0, 2, 0)
    assert summary.streak == 2
    assert summary.due_tomorrow == 2  # q01.1 (overdue since 03-02) and q02 (03-03)
