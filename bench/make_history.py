"""Write a data directory holding a generated history of daily reviews, for trying the app
as a long-time user would and for benchmarks.

    python bench/make_history.py /tmp/st                  # a year, the bundled deck
    python bench/make_history.py /tmp/big --days 730 --extra-cards 600 --new-per-day 20

The reviews go through the real `Session` (queue, new-card limit, same-day repeats, undo,
bury, suspend) with a simulated clock and a simulated learner, and are written as journal
lines by the project's own encoder, without an fsync per line. Study sessions happen at
different hours (some after midnight, so they count for the day before), on two devices
(two journals), with days off now and then, a few hard cards that turn into leeches, and
typed answers that cover more key points as a card is practised. The same seed gives the
same files. Standard library and project code only.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import IO

from dlflash.base.config import Settings
from dlflash.journal.events import Event, encode
from dlflash.journal.store import JOURNAL_DIR
from dlflash.sm2 import CardState
from dlflash.study.session import Session
from dlflash.workspace import USER_DECKS, open_deck

KST = timezone(timedelta(hours=9))


class FileJournal:
    """The `Journal` protocol over one open file per device, buffered (no fsync)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.files: dict[str, IO[bytes]] = {}
        self.count = 0

    def append(self, event: Event, after: CardState | None = None,
               scheduled: bool | None = None) -> None:
        handle = self.files.get(event.device)
        if handle is None:
            handle = self.files[event.device] = open(  # noqa: SIM115 - closed in close()
                self.folder / f"{event.device}.jsonl", "ab")
        handle.write(encode(event, after=after, scheduled=scheduled))
        self.count += 1

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def write_user_deck(data: Path, cards: int) -> None:
    """`cards` extra cards in groups of a main question and three follow-ups."""
    lines = ['topic: {ko: "벤치마크", en: "Benchmark"}', "cards:"]
    for i in range(cards):
        main = f"bench{i // 4:04}"
        card = main if i % 4 == 0 else f"{main}.{i % 4}"
        lines += [
            f"  - id: {card}",
            *([f"    parent: {main}"] if i % 4 else []),
            f'    question: {{ko: "질문 {card}", en: "Question {card}"}}',
            f'    answer: {{ko: "답 {card}", en: "Answer {card}"}}',
            "    key_points:",
            *(f'      - {{ko: "포인트 {k}", en: "point {k}", keywords: [kw{k}]}}'
              for k in range(1, 5)),
        ]
    folder = data / USER_DECKS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def start_time(day: date, rng: random.Random, rollover: int) -> datetime:
    """When the day's session starts: morning, lunch, evening, or after midnight."""
    slot = rng.choices(["morning", "lunch", "evening", "late"], [3, 2, 5, 1])[0]
    hour = {"morning": rng.randint(6, 9), "lunch": rng.randint(12, 13),
            "evening": rng.randint(19, 22), "late": rng.randint(0, rollover - 1)}[slot]
    moment = datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), tzinfo=KST)
    return moment + timedelta(days=1) if hour < rollover else moment


def simulate(data: Path, days: int, end: date, seed: int, new_per_day: int,
             devices: list[str], rollover: int) -> Counter[str]:
    rng = random.Random(seed)
    deck = open_deck(data)
    settings = Settings(new_per_day=new_per_day, rollover_hour=rollover)
    journal = FileJournal(data / JOURNAL_DIR)
    from dlflash.journal.history import History

    history = History()
    clock = Clock(datetime(end.year, end.month, end.day, 9, tzinfo=KST))
    session = Session(deck, history, journal, settings, clock, devices[0])
    hard = set(rng.sample([c.id for c in deck.cards], k=min(4, len(deck))))
    practice: Counter[str] = Counter()
    done: Counter[str] = Counter()
    off_until = end - timedelta(days=days)
    for offset in range(days):
        day = end - timedelta(days=days - 1 - offset)
        if day < off_until or (offset and rng.random() < 0.06):
            continue
        if rng.random() < 0.01:  # a trip: a few days off
            off_until = day + timedelta(days=rng.randint(2, 6))
        session.device = devices[(day.weekday() >= 5) % len(devices)]
        clock.now = start_time(day, rng, rollover)
        for _ in range(2000):  # the day's queue always ends; this only guards the loop
            item = session.current()
            if item is None:
                break
            card = item.card
            if rng.random() < 0.004:
                session.bury()
                done["bury"] += 1
                continue
            if card.id in hard and practice[card.id] > 30 and rng.random() < 0.05:
                session.suspend()
                done["suspend"] += 1
                continue
            skill = 1 - math.exp(-practice[card.id] / 6)
            p_pass = {"new": 0.6, "repeat": 0.85}.get(item.reason, 0.8 + 0.15 * skill)
            if card.id in hard:
                p_pass = 0.4
            ok = rng.random() < p_pass
            points = len(card.key_points)
            share = min(1.0, max(0.0, 0.25 + 0.7 * skill + rng.gauss(0, 0.15)))
            ticked = sorted(rng.sample(range(points), k=round(share * points))) if ok else []
            grade = rng.choice([3, 4, 4, 5, 5]) if ok else rng.choice([0, 1, 2, 2])
            ms = int(min(300_000, rng.lognormvariate(math.log(35_000), 0.5)))
            clock.now += timedelta(milliseconds=ms)
            session.grade(grade, answer=f"answer to {card.id}", ticked=ticked, ms=ms,
                          language=rng.choice(["ko", "ko", "en"]))
            practice[card.id] += 1
            done["review"] += 1
            if rng.random() < 0.01:
                session.undo()
                done["undo"] += 1
            clock.now += timedelta(seconds=rng.randint(2, 8))
    journal.close()
    done["lines"] = journal.count
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="where to write (must not hold journals)")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--end", type=date.fromisoformat, default=None,
                        help="last study day (default: today)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--new-per-day", type=int, default=5)
    parser.add_argument("--devices", default="laptop,desktop",
                        help="comma-separated device names: weekdays, weekends")
    parser.add_argument("--extra-cards", type=int, default=0,
                        help="add a generated user deck of this many cards")
    parser.add_argument("--rollover", type=int, default=4)
    args = parser.parse_args(argv)
    data: Path = args.data_dir
    if (data / JOURNAL_DIR).is_dir() and any((data / JOURNAL_DIR).iterdir()):
        parser.error(f"{data / JOURNAL_DIR} already holds journals; choose an empty folder")
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.yaml").write_text(
        f"new_per_day: {args.new_per_day}\nrollover_hour: {args.rollover}\n", encoding="utf-8")
    if args.extra_cards:
        write_user_deck(data, args.extra_cards)
    end = args.end or (datetime.now().astimezone() - timedelta(hours=args.rollover)).date()
    started = time.perf_counter()
    done = simulate(data, args.days, end, args.seed, args.new_per_day,
                    args.devices.split(","), args.rollover)
    print(f"{data}: {done['review']} reviews, {done['undo']} undone, {done['bury']} buried, "
          f"{done['suspend']} suspended; {done['lines']} journal lines through {end} "
          f"in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
