"""A history rebuilt from a checkpoint (base + window) behaves exactly like a full replay."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import event, given, settings
from hypothesis import strategies as st

from dlflash.base.clock import study_day
from dlflash.journal.events import (
    CardAction,
    Event,
    Flag,
    Forget,
    LearnMore,
    Note,
    Review,
    Undo,
    new_id,
)
from dlflash.journal.history import History

from helpers import table_rows as rows

START = datetime(2026, 3, 1, 9, tzinfo=timezone(timedelta(hours=9)))
CARDS = ("a", "b", "c", "d")

steps = st.lists(
    st.tuples(
        st.sampled_from(["review"] * 6 + ["undo", "bury", "suspend", "unsuspend", "forget",
                                          "note", "flag", "more"]),
        st.sampled_from(CARDS),
        st.integers(0, 5),
        st.integers(0, 30),  # hours to move the clock forward
    ),
    max_size=60,
)


def build(script: list[tuple[str, str, int, int]]) -> list[Event]:
    events: list[Event] = []
    now = START
    for kind, card, grade, hours in script:
        now += timedelta(hours=hours, minutes=1)
        day = study_day(now, 4)
        if kind == "review":
            events.append(Review(id=new_id(), card=card, ts=now, day=day, grade=grade))
        elif kind == "undo":
            targets = [e for e in events if not isinstance(e, Undo)]
            if targets:
                target = targets[-1 - grade % len(targets)]
                events.append(Undo(id=new_id(), target=target.id, ts=now, day=day))
        elif kind == "forget":
            events.append(Forget(id=new_id(), card=card, ts=now, day=day))
        elif kind == "note":  # grade 0 removes the note
            events.append(Note(id=new_id(), card=card, text="note" * grade, ts=now, day=day))
        elif kind == "flag":
            events.append(Flag(id=new_id(), card=card, flag=grade, ts=now, day=day))
        elif kind == "more":
            events.append(LearnMore(id=new_id(), count=grade, ts=now, day=day))
        else:
            events.append(CardAction(id=new_id(), kind=kind, card=card, ts=now, day=day))  # type: ignore[arg-type]
    return events


def same(full: History, rebuilt: History, days: list[date]) -> None:
    assert rebuilt.states == full.states
    assert rebuilt.suspended_cards() == full.suspended_cards()
    assert rebuilt.study_days() == full.study_days()
    assert rebuilt.notes() == full.notes() and rebuilt.flags() == full.flags()
    assert rows(rebuilt.older_reviews().plus(rebuilt.all_reviews())) == \
        rows(full.older_reviews().plus(full.all_reviews()))
    for day in days:
        assert [(r.review.id, r.scheduled, r.before, r.after) for r in rebuilt.reviews_on(day)] \
            == [(r.review.id, r.scheduled, r.before, r.after) for r in full.reviews_on(day)]
        assert rebuilt.buried_on(day) == full.buried_on(day)
        assert rebuilt.extra_new(day) == full.extra_new(day)


@settings(max_examples=300, deadline=None)
@given(script=steps, later=steps, split=st.integers(0, 60))
def test_checkpoint_then_more_events_equals_full_replay(
    script: list[tuple[str, str, int, int]], later: list[tuple[str, str, int, int]], split: int
) -> None:
    events = build(script + later)
    head, tail = events[:split], events[split:]
    full = History(events)
    checkpoint = History(head).checkpoint()
    if checkpoint is None:
        return  # an undo reaches back before the window: the caller keeps the old one
    base, window = checkpoint
    event(f"base holds {min(len(base.states), 2)}+ cards, window {min(len(window), 3)}+ events")
    rebuilt = History(window, base=base)
    assert rebuilt.partial
    if any(e.day < base.window_start for e in tail if isinstance(e, Review)) or any(
            isinstance(e, Undo) and e.target not in {w.id for w in window + tail} for e in tail):
        return  # the loader falls back to a full replay for these
    for later_event in tail:
        rebuilt.apply(later_event)
    recent = sorted({e.day for e in events if e.day >= base.window_start})
    same(full, rebuilt, recent)
    # and a checkpoint of the rebuilt history, replayed again, still agrees
    again = rebuilt.checkpoint()
    if again is not None:
        base2, window2 = again
        same(full, History(window2, base=base2), [d for d in recent if d >= base2.window_start])
