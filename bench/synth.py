"""Synthetic data for the benchmark: a large deck and a long history from two devices.

The history is replayed through the real `History` (so every interval and E-Factor is what
SM-2 gives) and written with the project's own encoder, without an fsync per line.
Standard library and project code only; the same seed gives the same files.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from dlflash.journal.events import Review, encode, new_id
from dlflash.journal.history import History
from dlflash.journal.store import JOURNAL_DIR

KST = timezone(timedelta(hours=9))
ANSWER_EN = ("The gradient of the loss with respect to each weight tells which way is uphill; "
             "we step the other way, scaled by the learning rate. ") * 3
ANSWER_KO = "손실을 각 가중치로 미분한 기울기의 반대 방향으로 학습률만큼 조금씩 이동합니다. " * 3


def write_deck(folder: Path, cards: int, per_file: int = 500) -> None:
    """`cards` bilingual cards with answers of review length, `per_file` to a YAML file."""
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, cards, per_file):
        items = []
        for index in range(start, min(start + per_file, cards)):
            main = index % 4 == 0
            items.append({
                "id": f"s{index:05}",
                **({} if main else {"parent": f"s{index - index % 4:05}"}),
                "question": {"ko": f"질문 {index}: 이 개념을 설명하라",
                             "en": f"Question {index}: explain this idea."},
                "answer": {"ko": ANSWER_KO, "en": ANSWER_EN},
                "key_points": [{"ko": f"포인트 {k}", "en": f"point {k}",
                                "keywords": [f"key{k}", f"키{k}"]} for k in range(4)],
                "tags": ["synthetic"],
            })
        topic = {"ko": f"주제 {start // per_file}", "en": f"Topic {start // per_file}"}
        path = folder / f"synthetic-{start // per_file:03}.yaml"
        path.write_text(yaml.safe_dump({"topic": topic, "cards": items}, allow_unicode=True,
                                       sort_keys=False), encoding="utf-8")


def write_history(data_dir: Path, reviews: int, cards: int, days: int = 730,
                  seed: int = 7, end: datetime | None = None) -> None:
    """`reviews` reviews over the `days` days before `end`, from two devices."""
    rng = random.Random(seed)
    folder = data_dir / JOURNAL_DIR
    folder.mkdir(parents=True, exist_ok=True)
    end = end or datetime.now(KST).replace(hour=21, minute=0, second=0, microsecond=0)
    start = end - timedelta(days=days)
    history = History()
    files = {device: open(folder / f"{device}.jsonl", "wb")  # noqa: SIM115
             for device in ("laptop", "desktop")}
    written = 0
    try:
        for day in range(days):
            device = "laptop" if day % 3 else "desktop"
            # Spread `reviews` evenly: days get floor or ceil of reviews / days.
            for slot in range((day + 1) * reviews // days - day * reviews // days):
                ts = start + timedelta(days=day, seconds=20 * slot)
                review = Review(
                    id=new_id(), card=f"s{rng.randrange(cards):05}", ts=ts,
                    day=(ts - timedelta(hours=4)).date(),
                    grade=rng.choice((5, 5, 4, 4, 4, 3, 3, 2, 1, 0)), device=device,
                    ms=rng.randrange(4_000, 90_000), answer=ANSWER_EN[: rng.randrange(20, 160)],
                    ticked=tuple(sorted(rng.sample(range(4), rng.randrange(5)))),
                    language=rng.choice(("ko", "en")),
                )
                scheduled, after = history.outcome(review)
                history.apply(review)
                files[device].write(encode(review, after=after, scheduled=scheduled))
                written += 1
    finally:
        for handle in files.values():
            handle.close()
