"""`dlflash export --anki FILE.apkg | --json FILE | --csv FILE`: the decks as an Anki
package, the whole history as one JSON document, or the review log for a spreadsheet.
Reads the data folder without the lock (like `dlflash stats --json`); writes only FILE."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dlflash.base.atomic import write_atomic
from dlflash.base.clock import system_clock
from dlflash.base.errors import DlflashError


def _write(target: str, data: bytes) -> None:
    """`data` into the file `target`, or to standard output for "-" (as `judge --batch -`
    reads standard input), where the sentence saying so goes to standard error."""
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    if path.is_dir():
        raise DlflashError(f"{path} is a folder; name the file to write.")
    try:
        write_atomic(path, data)
    except OSError as error:
        raise DlflashError(f"Cannot write {path}: {error.strerror or error}.") from None


def _where(target: str) -> str:
    return "standard output" if target == "-" else target


def _said(target: str, sentence: str) -> None:
    print(sentence, file=sys.stderr if target == "-" else sys.stdout)


def _anki(args: argparse.Namespace) -> int:
    from dlflash.base.config import load_settings
    from dlflash.deck.interop.anki_export import select, to_note, write_package
    from dlflash.workspace import data_dir, open_deck

    data = data_dir(args.data_dir)
    deck = open_deck(data, args.deck)
    choice = args.language or load_settings(data).language
    notes = [to_note(card, deck, choice) for card in select(deck, args.topic)]
    _write(args.anki, write_package(notes, system_clock().timestamp()))
    decks = len({note.deck for note in notes})
    _said(args.anki, f"Wrote {len(notes)} notes in {decks} deck{'s' * (decks != 1)} to "
                     f"{_where(args.anki)}; import it in Anki with File > Import (a card "
                     "exported again updates its note).")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.anki:
        return _anki(args)
    if args.language or args.topic:
        raise DlflashError("--language and --topic go with --anki.")
    from dlflash.journal.store import Store
    from dlflash.workspace import data_dir, device_name

    data = data_dir(args.data_dir)
    history, report = Store(data, device_name()).read(full=True)
    for warning in report.warnings:
        print(f"dlflash: warning: {warning}", file=sys.stderr)
    if args.json:
        from dlflash.journal.archive import dump

        events = history.events()
        _write(args.json, dump(events, system_clock()))
        _said(args.json, f"Wrote {len(events)} events to {_where(args.json)}.")
    else:
        from dlflash.journal.review_log import review_csv

        # With a byte-order mark, Excel reads the file as UTF-8 (Hangul stays Hangul).
        _write(args.csv, review_csv(history).encode("utf-8-sig"))
        count = sum(1 for _ in history.all_reviews())
        _said(args.csv, f"Wrote {count} reviews to {_where(args.csv)}.")
    return 0
