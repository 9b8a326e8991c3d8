"""Runs `dlflash restore NAME` and kills itself with SIGKILL just before its K-th file
operation (mkdir, rename, replace, fsync, unlink), to stop a restore at every step in turn.

Run by test_restore_crash.py. Usage: python restore_child.py DATA_DIR NAME K
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from dlflash.cli import main

data_dir, name, kill_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
steps = 0


def counted(real: Callable[..., Any]) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        global steps
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        steps += 1
        return real(*args, **kwargs)

    return step


for operation in ("mkdir", "rename", "replace", "fsync", "unlink", "rmdir"):
    setattr(os, operation, counted(getattr(os, operation)))
status = main(["--data-dir", data_dir, "restore", name])
print("done", flush=True)
sys.exit(status)
