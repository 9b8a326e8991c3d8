"""Forget, notes, flags and "learn more": their journal lines, their replay (one device and
two), undo, the snapshot, and the session methods that write them."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dlflash.base.config import Settings
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal import store as store_module
from dlflash.journal.events import (
    Flag,
    Forget,
    LearnMore,
    Note,
    RecordError,
    Undo,
    decode,
    encode,
    new_id,
)
from dlflash.journal.history import History
from dlflash.journal.store import Store
from dlflash.study.session import Session

from conftest import KST, FakeClock
from helpers import small_deck
from test_store import T0, review


def at(minutes: int, device: str = "testdev") -> dict[str, object]:
    ts = T0 + timedelta(minutes=minutes)
    return {"id": new_id(), "ts": ts, "day": ts.date(), "device": device}


def round_trip(event: object) -> object:
    return decode(json.loads(encode(event)))  # type: ignore[arg-type]


def test_each_new_event_reads_back_as_written() -> None:
    for event in (Forget(card="q04", **at(0)), Note(card="q04", text="BN: 추론 때는 이동 평균",
                                                    **at(1)),
                  Flag(card="q04", flag=3, **at(2)), LearnMore(count=5, **at(3))):
        assert round_trip(event) == event


@pytest.mark.parametrize("line", [
    {"type": "flag", "card": "q04", "flag": 8},
    {"type": "flag", "card": "q04", "flag": True},
    {"type": "flag", "card": "q04"},
    {"type": "learn_more", "count": -1},
    {"type": "learn_more", "count": "5"},
    {"type": "note", "card": "q04"},
    {"type": "forget"},
])
def test_bad_lines_are_refused(line: dict[str, object]) -> None:
    record = {"v": 1, "id": "x", "ts": T0.isoformat(), "day": "2026-03-02", **line}
    with pytest.raises(RecordError):
        decode(record)


def test_a_synced_note_cannot_drive_the_terminal() -> None:
    record = {"v": 1, "id": "x", "ts": T0.isoformat(), "day": "2026-03-02", "type": "note",
              "card": "q04", "text": "see \x1b]52;c;cm0gLXJmIH4=\x07this"}
    note = decode(record)
    assert isinstance(note, Note) and note.text == "see this"


def test_forget_makes_the_card_new_and_keeps_its_reviews() -> None:
    first, second = review("q01", 5, 0), review("q01", 5, 60 * 24, day=date(2026, 3, 3))
    forget = Forget(card="q01", **at(60 * 24 + 5))
    history = History([first, second, forget])
    assert history.state("q01").is_new and "q01" not in history.states
    assert [r.review.id for r in history.reviews_of("q01")] == [first.id, second.id]
    assert history.forgets_of("q01") == [forget]
    # Graded again the same day: it schedules, as a new card's first grade.
    again = review("q01", 4, 60 * 24 + 10, day=date(2026, 3, 3))
    history.apply(again)
    replayed = history.replayed(again.id)
    assert replayed is not None and replayed.scheduled and replayed.before.is_new
    assert history.state("q01").interval == 1


def test_undoing_a_forget_restores_the_schedule() -> None:
    first, second = review("q01", 5, 0), review("q01", 5, 60 * 24, day=date(2026, 3, 3))
    history = History([first, second])
    scheduled = history.state("q01")
    forget = Forget(card="q01", **at(60 * 24 + 5))
    history.apply(forget)
    history.apply(Undo(target=forget.id, **at(60 * 24 + 6)))
    assert history.state("q01") == scheduled and history.forgets_of("q01") == []


def test_a_review_before_an_undone_forget_is_refolded_in_order() -> None:
    first = review("q01", 5, 0)
    forget = Forget(card="q01", **at(1))
    later = review("q01", 2, 60 * 24, day=date(2026, 3, 3))
    history = History([first, forget, later])
    assert history.replayed(later.id).before.is_new  # type: ignore[union-attr]
    history.apply(Undo(target=forget.id, **at(60 * 24 + 1)))
    assert history.replayed(later.id).before == History([first]).state("q01")  # type: ignore[union-attr]


def test_the_latest_note_and_flag_count_and_undo_goes_back_one() -> None:
    one, two = Note(card="q04", text="one", **at(0)), Note(card="q04", text="two", **at(1))
    red, blue = Flag(card="q04", flag=1, **at(2)), Flag(card="q04", flag=4, **at(3))
    history = History([one, two, red, blue])
    assert (history.note("q04"), history.flag("q04")) == ("two", 4)
    assert history.notes() == {"q04": "two"} and history.flags() == {"q04": 4}
    history.apply(Undo(target=two.id, **at(4)))
    history.apply(Undo(target=blue.id, **at(5)))
    assert (history.note("q04"), history.flag("q04")) == ("one", 1)
    history.apply(Note(card="q04", text="", **at(6)))
    history.apply(Flag(card="q04", flag=0, **at(7)))
    assert history.notes() == {} and history.flags() == {}
    assert (history.note("q09"), history.flag("q09")) == ("", 0)


def test_learn_more_counts_on_its_study_day_only() -> None:
    more = LearnMore(count=5, **at(0))
    history = History([more, LearnMore(count=3, **at(1)),
                       LearnMore(count=2, **at(60 * 24))])
    assert history.extra_new(date(2026, 3, 2)) == 8
    assert history.extra_new(date(2026, 3, 3)) == 2
    history.apply(Undo(target=more.id, **at(2)))
    assert history.extra_new(date(2026, 3, 2)) == 3


def test_two_devices_the_later_change_wins_whatever_the_file_order(data_dir: Path) -> None:
    """The laptop notes and flags first; the desktop, later in time, changes both and
    forgets a card the laptop had studied; both devices replay the same."""
    laptop, desktop = Store(data_dir, "laptop"), Store(data_dir, "desktop")
    laptop.open()
    laptop.append(review("q01", 5, 0, device="laptop"))
    laptop.append(Note(card="q01", text="laptop", **at(1, "laptop")))
    laptop.append(Flag(card="q01", flag=1, **at(2, "laptop")))
    laptop.append(LearnMore(count=4, **at(3, "laptop")))
    laptop.close()
    desktop.open()
    desktop.append(Note(card="q01", text="desktop", **at(10, "desktop")))
    desktop.append(Flag(card="q01", flag=5, **at(11, "desktop")))
    desktop.append(Forget(card="q01", **at(12, "desktop")))
    desktop.append(LearnMore(count=1, **at(13, "desktop")))
    desktop.close()
    for device in ("laptop", "desktop"):
        history, report = Store(data_dir, device).read()
        assert report.warnings == []
        assert (history.note("q01"), history.flag("q01")) == ("desktop", 5)
        assert history.state("q01").is_new and len(history.reviews_of("q01")) == 1
        assert history.extra_new(T0.date()) == 5


def test_an_undo_synced_from_the_other_device_takes_back_its_note(data_dir: Path) -> None:
    laptop, desktop = Store(data_dir, "laptop"), Store(data_dir, "desktop")
    laptop.open()
    first = Note(card="q01", text="first", **at(0, "laptop"))
    laptop.append(first)
    laptop.close()
    desktop.open()
    second = Note(card="q01", text="second", **at(5, "desktop"))
    desktop.append(second)
    desktop.append(Undo(target=second.id, **at(6, "desktop")))
    desktop.close()
    history, _ = Store(data_dir, "laptop").read()
    assert history.note("q01") == "first"


def test_notes_flags_and_forgets_survive_the_snapshot(data_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Older than the snapshot's two-day window, they live in its base."""
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    events = [review("q01", 5, 0), review("q02", 4, 1), Note(card="q01", text="일찍", **at(2)),
              Flag(card="q02", flag=2, **at(3)), Forget(card="q02", **at(4)),
              review("q03", 5, 60 * 24 * 5, day=date(2026, 3, 7))]
    for event in events:
        store.append(event)
        history.apply(event)
    store.close(history)
    partial, _ = Store(data_dir, "testdev").read()
    assert partial.partial and partial.base is not None
    assert partial.base.notes == {"q01": "일찍"} and partial.base.flags == {"q02": 2}
    assert partial.states == history.states and "q02" not in partial.states
    assert (partial.note("q01"), partial.flag("q02")) == ("일찍", 2)


# -- the session ----------------------------------------------------------------------------


class MemoryJournal:
    def __init__(self) -> None:
        self.events: list[object] = []

    def append(self, event: object, after: object = None, scheduled: object = None) -> None:
        self.events.append(event)


def session_on(tmp_path: Path, clock: FakeClock, history: History | None = None) -> Session:
    deck = load_deck([DeckSource(small_deck(tmp_path / "deck"))])
    return Session(deck, history or History(), MemoryJournal(),
                   Settings(new_per_day=2, new_order="deck"),
                   clock, "testdev")


def test_forget_puts_the_card_back_in_todays_new_cards(tmp_path: Path,
                                                       clock: FakeClock) -> None:
    session = session_on(tmp_path, clock)
    session.grade(5)
    session.grade(5)
    assert session.current() is None
    assert not session.forget("q02")  # never studied: nothing to forget
    assert session.forget("q01")
    # A new card again, in its deck place: within the daily limit, used up here (as Anki).
    assert session.counts().new == 0 and session.history.state("q01").is_new
    session.learn_more(1)
    item = session.current()
    assert item is not None and (item.card.id, item.reason) == ("q01", "new")
    session.undo()
    session.undo()
    assert session.current() is None and session.history.state("q01").interval == 1


def test_note_and_flag_journal_only_changes_and_undo(tmp_path: Path, clock: FakeClock) -> None:
    session = session_on(tmp_path, clock)
    journal = session.journal
    assert isinstance(journal, MemoryJournal)
    assert session.note("q02", "  평균과 분산\n을 저장  ")
    assert not session.note("q02", "평균과 분산\n을 저장")
    assert session.flag("q02", 1) and not session.flag("q02", 1)
    with pytest.raises(ValueError):
        session.flag("q02", 8)
    assert [type(e) for e in journal.events] == [Note, Flag]
    assert isinstance(session.last_change(), Flag)
    session.undo()
    assert session.history.flag("q02") == 0
    assert session.history.note("q02") == "평균과 분산\n을 저장"
    session.undo()
    assert session.history.note("q02") == "" and not session.can_undo


def test_learn_more_is_journaled_and_a_new_session_counts_it(tmp_path: Path,
                                                            clock: FakeClock) -> None:
    session = session_on(tmp_path, clock)
    session.grade(5)
    session.grade(5)
    session.learn_more(3)
    session.learn_more(0)  # nothing asked: nothing journaled
    journal = session.journal
    assert isinstance(journal, MemoryJournal)
    assert [type(e) for e in journal.events][-1] is LearnMore and len(journal.events) == 3
    restarted = Session(session.deck, History(journal.events), None,  # type: ignore[arg-type]
                        Settings(new_per_day=2), clock)
    assert restarted.counts().new == 3
    clock.now = datetime(2026, 3, 3, 9, tzinfo=KST)
    assert restarted.counts().new == 2


HOSTILE = {"title": "\x1b]2;pwned\x07", "csi": "\x9b31m", "clipboard": "\x1b]52;c;ZXZpbA==\x07",
           "clear": "\x1b[2J"}


def synced_journal(data_dir: Path) -> None:
    """Lines of another device's journal, as a synced folder brings them: the cards named
    with escape sequences around their ids (and in a note's text)."""
    lines: list[dict[str, object]] = []
    for minutes, line in enumerate([
        {"type": "review", "card": "q02", "grade": 5, "answer": "descent"},
        {"type": "forget", "card": f"q02{HOSTILE['clipboard']}"},
        {"type": "note", "card": f"q01{HOSTILE['title']}", "text": f"from {HOSTILE['clear']}phone"},
        {"type": "flag", "card": f"q01{HOSTILE['csi']}", "flag": 2},
        {"type": "suspend", "card": f"gone{HOSTILE['title']}"},
    ]):
        ts = datetime(2026, 3, 1, 9, minutes, tzinfo=KST)
        lines.append({"v": 1, "id": new_id(), "ts": ts.isoformat(), "day": "2026-03-01",
                      "device": "phone", **line})
    journal = data_dir / "reviews" / "phone.jsonl"
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text("".join(json.dumps(line) + "\n" for line in lines))


def no_escapes(text: str) -> bool:
    return not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 for c in text)


async def test_a_synced_journals_card_ids_reach_no_screen_with_their_escapes(
        tmp_path: Path, clock: FakeClock, data_dir: Path) -> None:
    """The ids pass through printable() as a review's do: the note, flag and forget are
    the cards' own (q01, q02), shown in the browser and card info without an escape."""
    from textual.widgets import Static

    from dlflash.tui.screens.browse import BrowseScreen
    from dlflash.tui.screens.card_info import CardInfoScreen

    from tui_helpers import make_app

    synced_journal(data_dir)
    app, store = make_app(tmp_path, clock, data_dir)
    history = app.session.history
    assert all(no_escapes(card) for card in [*history.notes(), *history.flags(),
                                             *history.suspended_cards()])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "b")
        browser = app.screen
        assert isinstance(browser, BrowseScreen)
        while browser.browser is None or browser.browser.index is None:
            await pilot.pause()
        await pilot.press("escape")
        rows = {row.card.id: row for row in browser.shown}
        assert (rows["q01"].note, rows["q01"].flag) == ("from phone", 2)
        assert rows["q02"].kind == "new" and rows["q02"].reviews == 1  # forgotten
        for card in ("q01", "q02"):
            await pilot.press("slash", *card, "enter")
            info = app.screen
            assert isinstance(info, CardInfoScreen) and info.card_id == card
            await pilot.pause()
            shown = [str(widget.render()) for widget in info.query(Static)]
            assert all(no_escapes(text) for text in shown)
            if card == "q01":
                assert "from phone" in str(info.query_one("#ci-note", Static).render())
                assert "orange" in " ".join(shown)
            else:
                assert "forgotten" in str(info.query_one("#ci-history", Static).render())
            await pilot.press("escape", "slash", *["backspace"] * 3, "escape")
    store.close()


def test_dlflash_unsuspend_lists_a_synced_suspend_without_its_escapes(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dlflash.cli import main

    synced_journal(data_dir)
    assert main(["--data-dir", str(data_dir), "unsuspend"]) == 0
    out = capsys.readouterr().out
    assert "gone" in out and no_escapes(out) and "pwned" not in out
