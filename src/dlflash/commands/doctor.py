"""`dlflash doctor [--fix]`: list what the data folder holds besides the journals proper
(conflict copies, git's conflict markers, events found twice, unreadable lines, temporary
files), and with `--fix` fold the conflict copies back into their journals
(journal/doctor.py). Listing only reads, so it runs beside an open dlflash; `--fix` takes
the store's lock."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from dlflash.base.errors import DlflashError
from dlflash.journal.doctor import Checkup, examine, fold
from dlflash.journal.store import Store
from dlflash.workspace import data_dir, device_name


def _summary(checkup: Checkup) -> str:
    copies = sum(journal.copy is not None for journal in checkup.journals)
    events = len(set().union(*(journal.ids for journal in checkup.journals)))
    journals = len(checkup.journals) - copies
    return (f"{checkup.data_dir}: {journals} journal{'s' * (journals != 1)}, "
            f"{copies} cop{'ies' if copies != 1 else 'y'}, {events} different events.")


def run(args: argparse.Namespace) -> int:
    data = data_dir(args.data_dir)
    if not data.is_dir():
        print(f"{data} does not exist yet: nothing to check.")
        return 0
    if args.fix:
        store = Store(data, device_name())
        store.lock()
        try:
            folded = fold(examine(data), datetime.now(UTC))
        except OSError as error:
            raise DlflashError(
                f"Could not finish folding: {error}; every journal is either as it was or "
                "folded, the backups are in recovered/; fix this and run it again.") from None
        finally:
            store.close()
        for line in folded.done + folded.left:
            print(line)
        if folded.aside:
            print(f"Nothing was deleted: the journals as they were and the copies are in "
                  f"{folded.aside}.")
    checkup = examine(data)
    findings = checkup.findings()
    print(_summary(checkup))
    for finding in findings:
        print(finding)
    if not findings:
        print("Nothing to fix.")
        return 0
    if checkup.foldable() and not args.fix:
        print("`dlflash doctor --fix` mends what it says it would above (each journal it "
              "rewrites is backed up first; nothing is deleted).")
    return 1
