"""`dlflash import FILE` (an Anki text export, a CSV, an .apkg or .colpkg) into a deck of
the user's, and `dlflash import --json FILE`: a history document merged by event id."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dlflash.base.errors import DlflashError


def add_parser(commands: Any, common: Any) -> None:
    parser = commands.add_parser(
        "import", help="merge a history (--json FILE)")
    common(parser, suppress=True)
    parser.add_argument("--json", metavar="FILE", required=True,
                        help="merge a history written by `dlflash export --json`")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DlflashError(f"Cannot read {path}: {error.strerror or error}.") from None


def run(args: argparse.Namespace) -> int:
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
