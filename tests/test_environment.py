"""Hostile environments: no HOME, LANG=C, TERM=dumb, tiny or missing terminals, NO_COLOR."""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dlflash.cli import main
from dlflash.journal.store import StoreLocked
from dlflash.tui import launch

from conftest import FakeClock
from tui_helpers import make_app


def dlflash(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dlflash", *args], capture_output=True,
                          text=True, env=env, check=False, timeout=60)


def test_missing_home(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "DLFLASH_HOME")}
    result = dlflash("due", "--json", env=env)  # XDG_* from conftest point into tmp_path
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["due"] == 0


def test_c_locale_prints_korean_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cards:\n  - id: 질문\n", encoding="utf-8")
    env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
    result = dlflash("validate", str(bad), env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "card '질문'" in result.stdout


def test_term_dumb_is_refused_clearly(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert main([]) == 1
    assert "TERM=dumb cannot show a full-screen app" in capsys.readouterr().err


def test_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review"]) == 1  # pytest's stdin/stdout are not a TTY
    assert "needs an interactive terminal" in capsys.readouterr().err


def test_a_small_terminal_at_start_is_not_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # The app waits, under its notice, for the window to grow (test_tui's too-small test).
    monkeypatch.setattr(launch.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(launch.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(shutil, "get_terminal_size",
                        lambda fallback=(0, 0): os.terminal_size((70, 20)))
    launch.check_terminal()


def test_unwritable_data_directory_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(launch, "check_terminal", lambda: None)
    assert main(["--data-dir", str(blocker / "data")]) == 1
    err = capsys.readouterr().err
    assert "Cannot create the data directory" in err and "--data-dir" in err


async def test_no_color_is_still_usable(tmp_path: Path, clock: FakeClock, data_dir: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app, store = make_app(tmp_path, clock, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"cheap", "ctrl+r")
        await pilot.pause()
        hint = str(app.screen.query_one("#hint").render())
        assert "Suggested 2: 1 of 4 core points" in hint  # said in words, not colour
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.counts().done == 1
    store.close()


def test_loading_the_app_leaves_the_collector_on(data_dir: Path) -> None:
    """The collector is off while the app loads (and what loaded is frozen), never after:
    not while the app runs, not when loading fails."""
    args = argparse.Namespace(data_dir=str(data_dir), deck=[], days=30)
    with launch.prepared_app(args, check=False):
        assert gc.isenabled()
        with pytest.raises(StoreLocked), launch.prepared_app(args, check=False):
            pass  # the first one holds the lock
        assert gc.isenabled()
    assert gc.isenabled()
