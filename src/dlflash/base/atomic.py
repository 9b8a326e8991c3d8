"""Crash-safe file replacement: write a temporary file, fsync it, rename it into place."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

FILE_MODE = 0o600
DIR_MODE = 0o700


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable; a no-op where directories cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_dir(path: Path) -> None:
    """Create the folder `path` readable by its owner alone (0700, whatever the umask lets
    through otherwise) and make its entry durable: after a power cut, a folder that was
    never fsynced into its parent can be gone with every file in it. Missing parents are
    the user's folders (~/.local/share): they get the usual modes."""
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.mkdir(mode=DIR_MODE, exist_ok=True)
    fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    replace_with(path, lambda handle: handle.write(data))


def replace_with(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """`write_atomic` for a file written a piece at a time by `write`: a crash leaves the
    old file or the new one (and perhaps a dot-file beside it, which no listing shows)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)
