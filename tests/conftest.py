"""Every test runs with a temporary home, data directory and device name, and a fixed clock."""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

import pytest

KST = timezone(timedelta(hours=9))


def snapshot_textual() -> str:
    """The Textual release the snapshots are drawn with: the test extra pins it."""
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    test = pyproject["project"]["optional-dependencies"]["test"]
    return next(spec.split("==")[1] for spec in test if spec.startswith("textual=="))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With another Textual (CI runs the lowest and the newest that dlflash allows), the
    snapshot tests are skipped: their pictures are of one release's drawing."""
    drawn_with, installed = snapshot_textual(), version("textual")
    if installed == drawn_with:
        return
    skip = pytest.mark.skip(reason=f"snapshots are drawn with Textual {drawn_with}, "
                                   f"not {installed}")
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("DLFLASH_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("DLFLASH_DEVICE", "testdev")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


class FakeClock:
    """A settable clock: `clock()` is now, `clock.advance(minutes=5)` moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=KST))


Clock = Callable[[], datetime]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs) that fills up; skipped only where it cannot be
    mounted (not root, or no mount permission in a container)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs",
                                  str(disk)], capture_output=True, text=True, check=False)
    except OSError as error:  # no mount command (macOS, Windows)
        pytest.skip(f"cannot mount a tmpfs here: {error}")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill `disk` with a file up to the last byte but about `leave` (the file system counts
    in pages), and return the file: delete it to free the space."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (4096, 512, 64, 1):
            try:
                while True:
                    handle.write(b"x" * size)
            except OSError:
                pass
        handle.truncate(max(0, handle.tell() - leave))
    return filler
