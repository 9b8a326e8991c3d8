"""SIGTERM, SIGHUP (a closed terminal) and SIGINT end a real dlflash the way ctrl+q does:
the snapshot is written, the lock released, and the terminal restored."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from dlflash.journal.store import Store

from test_store import review

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")

ALT_SCREEN_ON, ALT_SCREEN_OFF = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"


def read_for(master: int, seconds: float, until_quiet: float = 0.0) -> bytes:
    """What the app writes within `seconds`, or until it stays quiet for `until_quiet`."""
    out, deadline, quiet_since = b"", time.monotonic() + seconds, time.monotonic()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child has gone: the terminal is closed
                break
            if not chunk:
                break
            out, quiet_since = out + chunk, time.monotonic()
        elif until_quiet and ALT_SCREEN_ON in out and \
                time.monotonic() - quiet_since > until_quiet:
            break
    return out


def start(data_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    """dlflash on a terminal of its own (a pty that is its controlling terminal), 100x30."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-m", "dlflash", "--data-dir", str(data_dir)],
        stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        env={**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"},
    )
    os.close(slave)
    return child, master


@pytest.mark.parametrize("how", ["ctrl+q", "SIGINT", "SIGTERM", "SIGHUP", "close-terminal"])
def test_a_signal_ends_dlflash_cleanly(data_dir: Path, how: str) -> None:
    store = Store(data_dir, "testdev")
    store.open()
    store.append(review("q01", 5))
    store.close()  # no snapshot yet: the run below must write it
    snapshot = data_dir / "state" / "testdev.snapshot"
    assert not snapshot.exists()
    child, master = start(data_dir)
    try:
        shown = read_for(master, 20, until_quiet=0.5)
        assert ALT_SCREEN_ON in shown, shown[-500:]
        if how == "ctrl+q":
            os.write(master, b"\x11")
        elif how == "close-terminal":
            os.close(master)  # the terminal window is closed: the kernel sends SIGHUP
        else:
            child.send_signal(getattr(signal, how))
        after = b"" if how == "close-terminal" else read_for(master, 10)
        assert child.wait(timeout=10) == 0, after[-500:]  # as ctrl+q and SIGINT end it
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if how != "close-terminal":
            os.close(master)
    assert snapshot.exists()
    lock = next(data_dir.glob(".lock-*"))
    assert lock.read_text() == ""  # released: no pid left behind
    if how != "close-terminal":
        assert ALT_SCREEN_OFF in after and MOUSE_OFF in after, after[-500:]
        assert b"Traceback" not in after
