"""How the judge's suggestions agree with an interviewer's grades on bench/answers/.

    python bench/judge_eval.py          the figures for the development part, per language
    python bench/judge_eval.py --held   the same for the part kept aside, too
    python bench/judge_eval.py --show   also every development answer it misjudges
    python bench/judge_eval.py --round r2 --all
                                        only the answer files whose names start with r2-,
                                        both parts at once (a round measured before any
                                        tuning on it is an unseen set as a whole)

About 30% of the answers are kept aside, chosen by a hash of the card and the answer (so a
new answer falls on either side by chance, and no one picks which): tune keywords, traps
and the scale on the development part only, and quote the kept-aside figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dlflash.deck.loader import DeckSource, bundled_deck_dir, load_deck  # noqa: E402
from dlflash.judge.evaluation import Agreement, agreement  # noqa: E402
from dlflash.judge.verdict import judge, reason  # noqa: E402

ANSWERS = ROOT / "bench" / "answers"
KEPT_ASIDE = 3
"""Tenths of the answers kept aside."""


@dataclass(frozen=True)
class Graded:
    card: str
    language: str
    answer: str
    grade: int
    kind: str
    round: str

    @property
    def split(self) -> str:
        digest = hashlib.blake2b(f"{self.card}\n{self.answer}".encode(), digest_size=8)
        return "held" if int.from_bytes(digest.digest(), "big") % 10 < KEPT_ASIDE else "dev"


def _round(path: Path) -> str:
    """`r2-q01-q08.jsonl` is round r2; the first round's files have no prefix."""
    head = path.stem.split("-", 1)[0]
    return head if head.startswith("r") and head[1:].isdigit() else "r1"


def graded_answers(folder: Path = ANSWERS) -> Iterator[Graded]:
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield Graded(row["card"], row["lang"], row["answer"], row["grade"], row["kind"],
                             _round(path))


def suggestions(split: str, round_: str | None = None) -> list[tuple[Graded, int]]:
    deck = load_deck([DeckSource(bundled_deck_dir(), bundled=True)])
    return [(row, judge(deck.by_id[row.card], row.answer).grade)
            for row in graded_answers()
            if split in ("all", row.split) and round_ in (None, row.round)]


def _line(name: str, figures: Agreement) -> str:
    return (f"{name:<14} {figures.answers:>4}  exact {figures.exact:6.1%}  "
            f"within 1 {figures.within_one:6.1%}  (of >=3: {figures.within_one_passed:6.1%})  "
            f"bias {figures.bias:+.2f}  false pass {figures.false_passes:5.1%}  "
            f"false fail {figures.false_fails:5.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", action="store_true", help="the kept-aside part too")
    parser.add_argument("--all", action="store_true",
                        help="both parts as one (only for a round not yet tuned on)")
    parser.add_argument("--round", help="only this round's answers (r1, r2, ...)")
    parser.add_argument("--show", action="store_true",
                        help="print the development answers it misjudges")
    args = parser.parse_args()
    splits = ("all",) if args.all else ("dev", "held") if args.held else ("dev",)
    for split in splits:
        results = suggestions(split, args.round)
        print(_line(split, agreement((row.grade, grade) for row, grade in results)))
        for language in ("ko", "en"):
            print(_line(f"  {language}", agreement(
                (row.grade, grade) for row, grade in results if row.language == language)))
    if args.show:
        deck = load_deck([DeckSource(bundled_deck_dir(), bundled=True)])
        for row, grade in suggestions("dev", args.round):
            if abs(grade - row.grade) >= 1:
                verdict = judge(deck.by_id[row.card], row.answer)
                traps = [hit.trap for hit in verdict.traps]
                print(f"\n{row.card} [{row.kind}] human {row.grade} judge {grade}: "
                      f"{reason(verdict, 'en')}  ticked {sorted(verdict.ticked)}"
                      f"{f'  traps {traps}' if traps else ''}")
                print(f"   {row.answer}")


if __name__ == "__main__":
    main()
