"""`dlflash import FILE` (an Anki text export, a CSV, an .apkg or .colpkg) into a deck of
the user's, and `dlflash import --json FILE`: a history document merged by event id."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from dlflash.base.errors import DlflashError


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DlflashError(f"Cannot read {path}: {error.strerror or error}.") from None


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w.-]+", "-", text.replace("::", "-")).strip("-.")
    return slug[:60] or "imported"


def _deck(args: argparse.Namespace) -> int:
    from dlflash.deck.interop.notes import collect, deck_yaml
    from dlflash.deck.interop.text_formats import anki_text, csv_notes, decode, is_anki_text
    from dlflash.deck.loader import load_decks
    from dlflash.workspace import USER_DECKS, data_dir, deck_sources

    path = Path(args.file)
    raw = _read(path)
    warnings: list[str] = []
    if path.suffix.casefold() in (".apkg", ".colpkg"):
        from dlflash.deck.interop.apkg import package_notes

        notes, warnings = package_notes(raw, str(path))
    else:
        text = decode(raw, str(path))
        if is_anki_text(text):
            notes, warnings = anki_text(text, str(path))
        else:
            notes = csv_notes(text, str(path))
    data = data_dir(args.data_dir)
    existing, _ = load_decks(deck_sources(data, args.deck))
    found = collect(notes, args.language, {ref.id for ref in existing.refs})
    name = _slug(args.name or path.stem)
    folder = data / USER_DECKS
    several = len(found.decks) > 1
    planned = [((folder / name / f"{_slug(deck) or name}.yaml") if several
                else folder / f"{name}.yaml", deck.rsplit("::", 1)[-1] or name, cards)
               for deck, cards in found.decks.items()]
    for target, _, _ in planned:
        if target.exists():
            raise DlflashError(f"{target} exists already; nothing was written. Choose another "
                               "name with --name.")
    for line in [*found.warnings, *warnings]:
        print(f"dlflash: warning: {line}", file=sys.stderr)
    for skipped in found.skipped:
        print(f"dlflash: {skipped}", file=sys.stderr)
    texts = [(target, deck_yaml(topic, cards, path.name), len(cards))
             for target, topic, cards in planned]
    if args.dry_run:
        for target, text, count in texts:
            print(f"# would write {count} cards to {target}\n{text}")
        print(f"Dry run: nothing was written ({len(found.skipped)} skipped).")
        return 0
    _write_new(texts)
    for target, _, count in texts:
        print(f"Wrote {count} card{'s' * (count != 1)} to {target}.")
    if not texts:
        print(f"No card to import ({len(found.skipped)} skipped).")
        return 0
    print(f"{len(found.skipped)} skipped. Check them with: dlflash validate")
    return 0


def _write_new(texts: list[tuple[Path, str, int]]) -> None:
    """Each file written whole and checked with the deck parser before it appears under
    its name, which it never takes from an existing file."""
    from dlflash.base.atomic import DIR_MODE, write_atomic
    from dlflash.deck.parser import FileParser

    for target, text, _ in texts:
        target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.import")
        write_atomic(temporary, text.encode())
        parser = FileParser(temporary, strict=False)
        parser.parse()
        try:
            if parser.problems:
                raise DlflashError(f"The deck made from the import does not validate "
                                   f"({parser.problems[0]}); nothing more was written.")
            os.link(temporary, target)  # fails rather than replace a file made meanwhile
        except FileExistsError:
            raise DlflashError(f"{target} exists already; choose another name with "
                               "--name.") from None
        finally:
            temporary.unlink()


def run(args: argparse.Namespace) -> int:
    if args.file:
        return _deck(args)
    from dlflash.journal.archive import load, merge
    from dlflash.journal.store import Store
    from dlflash.workspace import data_dir, device_name

    path = Path(args.json)
    events = load(_read(path), str(path))
    merged = merge(Store(data_dir(args.data_dir), device_name()), events)
    if merged.added:
        print(f"Merged {merged.added} new events into {merged.path}; "
              f"{merged.known} were already in the journals.")
    else:
        print(f"Nothing new: all {merged.known} events of {path} are already in the journals.")
    return 0
