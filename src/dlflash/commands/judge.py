"""`dlflash judge CARD [ANSWER]` and `dlflash judge --batch FILE`: what the judge makes of a
typed answer, for deck authors. Reads the decks and settings; never writes the data folder,
so it needs no lock and runs beside an open dlflash."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from dlflash.base.config import load_settings
from dlflash.base.errors import DlflashError
from dlflash.base.language import Language
from dlflash.deck.model import Card, Deck
from dlflash.judge.verdict import Verdict, judge, reason
from dlflash.workspace import data_dir, open_deck


def to_json(card: Card, verdict: Verdict, language: Language) -> dict[str, Any]:
    keywords = {hit.point: hit.keyword for hit in verdict.hits}
    return {
        "card": card.id,
        "grade": verdict.grade,
        "reason": reason(verdict, language),
        "ticked": sorted(verdict.ticked),
        "points": [{"index": index, "core": point.core, "ticked": index in keywords,
                    "keyword": keywords.get(index), "text": point.text.get(language)}
                   for index, point in enumerate(card.key_points)],
        "traps": [{"index": hit.trap, "says": card.traps[hit.trap].says.get(language),
                   "fix": card.traps[hit.trap].fix.get(language), "sentence": hit.sentence}
                  for hit in verdict.traps],
    }


def _text(card: Card, verdict: Verdict, language: Language) -> str:
    keywords = {hit.point: hit.keyword for hit in verdict.hits}
    lines = [f"{card.id}: {card.question.get(language)}", reason(verdict, language)]
    for index, point in enumerate(card.key_points):
        kind = "core " if point.core else "extra"
        mark = "x" if index in keywords else " "
        matched = f'   <- "{keywords[index]}"' if index in keywords else ""
        lines.append(f"  [{mark}] {'abcdef'[index]} {kind} {point.text.get(language)}{matched}")
    for hit in verdict.traps:
        trap = card.traps[hit.trap]
        lines.append(f"  trap: {trap.says.get(language)} -> {trap.fix.get(language)}")
        lines.append(f"        in: {hit.sentence}")
    if not verdict.traps:
        lines.append("  no trap")
    return "\n".join(lines)


def _card(deck: Deck, card_id: str) -> Card:
    card = deck.get(card_id)
    if card is None:
        raise DlflashError(f"No card {card_id!r} in the decks; card ids look like q02.2.")
    return card


def _batch(deck: Deck, source: TextIO, language: Language) -> int:
    status = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not (isinstance(row, dict) and isinstance(row.get("card"), str)
                    and isinstance(row.get("answer"), str)):
                raise ValueError('expected {"card": "...", "answer": "..."}')
            card = _card(deck, row["card"])
        except (ValueError, DlflashError) as error:
            print(json.dumps({"line": number, "error": str(error)}, ensure_ascii=False))
            status = 1
            continue
        print(json.dumps(to_json(card, judge(card, row["answer"]), language),
                         ensure_ascii=False))
    return status


def run(args: argparse.Namespace) -> int:
    data = data_dir(args.data_dir)
    language: Language = args.language or load_settings(data).language
    deck = open_deck(data, args.deck)
    if args.batch:
        if args.card or args.answer:
            raise DlflashError("Give either --batch FILE or CARD [ANSWER], not both.")
        if args.batch == "-":
            return _batch(deck, sys.stdin, language)
        try:
            with Path(args.batch).open(encoding="utf-8") as source:
                return _batch(deck, source, language)
        except (OSError, UnicodeDecodeError) as error:
            raise DlflashError(f"Cannot read {args.batch}: {error}") from None
    if not args.card:
        raise DlflashError("Name a card: dlflash judge CARD [ANSWER] (or --batch FILE).")
    card = _card(deck, args.card)
    answer = args.answer if args.answer is not None else sys.stdin.read()
    verdict = judge(card, answer)
    if args.json:
        print(json.dumps(to_json(card, verdict, language), ensure_ascii=False))
    else:
        print(_text(card, verdict, language))
    return 0
