"""The files that sync tools leave beside the journals: conflict copies and their own
temporary files, recognised by name alone (pure: nothing here touches the disk).

A device's journal is `<device>.jsonl`, and a device name has no space or parenthesis
(`store.check_device`), so a journal name with one was made by a tool, never by dlflash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

JOURNAL_SUFFIX = ".jsonl"

_COPIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # NAME.sync-conflict-20260302-101500-ABCDEFG.jsonl (the 7 letters: the other device)
    ("Syncthing", re.compile(r"^(?P<base>.+?)\.sync-conflict-\d{8}-\d{6}-[0-9A-Z]{7}$")),
    # NAME (Jane's conflicted copy 2026-03-02).jsonl, the day's next one ending in
    # "2026-03-02 (1))", NAME (conflicted copy 2026-03-02 101500).jsonl, NAME (Selective
    # Sync Conflict).jsonl
    ("Dropbox or Nextcloud",
     re.compile(r"^(?P<base>.+?) \([^()]*conflict[^()]*( \(\d+\))?\)$", re.I)),
    # NAME_conflict-20260302-101500.jsonl (ownCloud before Nextcloud's naming)
    ("ownCloud", re.compile(r"^(?P<base>.+?)_conflict-\d{8}-\d{6}$")),
    # NAME_LOCAL_1234.jsonl and its BASE, REMOTE and BACKUP: `git mergetool` at work
    ("a git merge tool", re.compile(r"^(?P<base>.+?)_(BACKUP|BASE|LOCAL|REMOTE)_\d+$")),
    # NAME 2.jsonl (iCloud), NAME (1).jsonl (Google Drive, a browser), NAME copy.jsonl
    ("a copy", re.compile(r"^(?P<base>[A-Za-z0-9][A-Za-z0-9._-]*) .+$")),
)

_TEMPORARY: tuple[tuple[str, re.Pattern[str]], ...] = (
    # base/atomic.py's `.NAME.<pid>.tmp`, left when a write was cut short
    ("dlflash", re.compile(r"^\..+\.\d+\.tmp$")),
    ("Syncthing", re.compile(r"^(\.syncthing\.|~syncthing~).+\.tmp$")),
    ("Nextcloud or ownCloud", re.compile(r"^\..+\.~[0-9a-f]+$")),
    ("Resilio Sync", re.compile(r"\.!sync$")),
    ("a git merge tool", re.compile(r"\.jsonl\.orig$")),
)


@dataclass(frozen=True, slots=True)
class ConflictCopy:
    tool: str
    """Which tool names its copies this way (for the message)."""
    journal: str
    """The file name of the journal it is a copy of, e.g. `laptop-1a2b.jsonl`."""


def _strip(stem: str) -> tuple[str, str] | None:
    """The tool whose naming `stem` follows, and the stem it was made from."""
    for tool, pattern in _COPIES:
        if match := pattern.match(stem):
            return tool, match["base"]
    return None


def conflict_copy(name: str) -> ConflictCopy | None:
    """What `name` (a file in `reviews/`) is a copy of, or None for a journal proper. A
    copy of a copy belongs to the first journal; the tool named is the last to copy."""
    if not name.endswith(JOURNAL_SUFFIX):
        return None
    found = _strip(name.removesuffix(JOURNAL_SUFFIX))
    if found is None:
        return None
    tool, stem = found
    while (found := _strip(stem)) is not None:
        stem = found[1]
    return ConflictCopy(tool, stem + JOURNAL_SUFFIX)


def temporary_file(name: str) -> str | None:
    """Which program left the temporary file `name`, or None when it is not one."""
    return next((tool for tool, pattern in _TEMPORARY if pattern.search(name)), None)
