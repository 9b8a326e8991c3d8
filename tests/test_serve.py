"""`dlflash serve`: the app through textual-serve, opened in a real headless Chromium
(Debian's package) on 127.0.0.1: the first question appears and a grade reaches the
journal; and what it says and refuses (another address, another site's page)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import browser, chromium
from dlflash.cli import main
from dlflash.commands import serve as serve_command
from dlflash.commands.serve import child_command, exposure_warning, local_hosts, refusal
from dlflash.journal.store import Store
from dlflash.workspace import open_deck


def needs(available: bool, reason: str) -> None:
    """CI installs Chromium and the web extra (.ci/run): there, a missing one fails."""
    if not available:
        (pytest.fail if os.environ.get("CI", "").lower() in ("true", "1") else pytest.skip)(reason)


def web_extra() -> bool:
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        return False
    return True


def test_local_addresses_only_unless_told() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert exposure_warning(host, 8000) is None
    warning = exposure_warning("0.0.0.0", 8000)
    assert warning and "anyone who opens that address can study as you" in warning
    assert exposure_warning("192.168.1.5", 8000)
    assert (exposure_warning("::", 8000) or "").startswith("serving on [::]:8000, where")


@pytest.mark.parametrize(("bound", "port", "host", "origin", "refused"), [
    ("127.0.0.1", 8000, "127.0.0.1:8000", "http://127.0.0.1:8000", False),
    ("127.0.0.1", 8000, "localhost:8000", None, False),
    ("127.0.0.1", 8000, "LocalHost:8000", "http://localhost:8000", False),
    ("127.0.0.1", 8000, "[::1]:8000", "http://[::1]:8000", False),
    ("127.0.0.1", 8000, "evil.example:8000", "http://evil.example:8000", True),  # rebinding
    ("127.0.0.1", 8000, "127.0.0.1:8000", "http://evil.example", True),  # another site's page
    ("127.0.0.1", 8000, "127.0.0.1:8000", "null", True),  # a sandboxed or file:// page
    ("127.0.0.1", 8000, "127.0.0.1:9999", None, True),
    ("127.0.0.1", 8000, "127.0.0.1", None, True),
    ("127.0.0.1", 80, "127.0.0.1", "http://127.0.0.1", False),  # browsers omit port 80
    ("127.0.0.1", 80, "evil.example", "http://evil.example", True),
    ("127.0.0.2", 8000, "127.0.0.2:8000", "http://127.0.0.2:8000", False),  # as told to open
    ("::1", 8000, "[::1]:8000", "http://[::1]:8000", False),
    ("0.0.0.0", 8000, "laptop.lan:8000", "http://laptop.lan:8000", False),
    ("0.0.0.0", 8000, "laptop.lan:8000", "http://evil.example", True),
])
def test_requests_are_checked(bound: str, port: int, host: str, origin: str | None,
                              refused: bool) -> None:
    assert (refusal(host, origin, local_hosts(bound, port)) is not None) == refused


def test_each_tab_runs_this_dlflash_on_this_folder(tmp_path: Path) -> None:
    command = child_command(tmp_path / "my data", ["decks/it's.yaml"])
    assert command.startswith(f"{sys.executable} -m dlflash --data-dir '{tmp_path}/my data' ")
    assert command.endswith(f"--deck '{Path.cwd()}/decks/it'\"'\"'s.yaml' review")


def test_without_the_extra_one_sentence(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 1
    assert capsys.readouterr().err == (
        "dlflash: dlflash serve needs the web extra: pip install 'dlflash[web]'.\n")
    assert main(["serve", "--port", "70000"]) == 1
    assert "--port must be from 1 to 65535" in capsys.readouterr().err


def test_another_address_is_warned_of(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    needs(web_extra(), "the web extra is not installed: pip install -e '.[test]'")
    built: list[tuple[object, ...]] = []

    class NotListening:
        def serve(self) -> None:
            pass

    def guarded(*args: object) -> NotListening:  # the test never listens beyond loopback
        built.append(args[3:])
        return NotListening()

    monkeypatch.setattr(serve_command, "_guarded", guarded)
    assert main(["serve", "--host", "0.0.0.0"]) == 0
    assert built == [("0.0.0.0", 8000)]
    err = capsys.readouterr().err
    assert err.startswith("dlflash: warning: serving on 0.0.0.0:8000, where other computers "
                          "can reach it: anyone who opens that address can study as you")


def test_another_dlflash_on_the_folder_is_said_before_serving(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    needs(web_extra(), "the web extra is not installed: pip install -e '.[test]'")
    store = Store(data_dir, "testdev")
    store.open()
    try:
        assert main(["serve"]) == 3
    finally:
        store.close()
    assert "close it first" in capsys.readouterr().err


def test_a_port_in_use_is_one_sentence(tmp_path: Path) -> None:
    needs(web_extra(), "the web extra is not installed: pip install -e '.[test]'")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "dlflash", "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (1, "")  # never told to open it
    assert done.stderr == (f"dlflash: Cannot listen on 127.0.0.1:{port}: Address already in "
                           "use; choose another with --port or --host.\n")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Served:
    """A `dlflash serve` of the test's own, in a process group of its own."""

    def __init__(self, port: int, said: Path, process: subprocess.Popen[bytes]) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.said = said
        self.process = process

    def ctrl_c(self) -> int | None:
        """SIGINT to the whole group, as ctrl+c in its terminal sends: its exit code, or
        None if it has not ended within 20 s."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            return None

    def lines(self) -> list[str]:
        return self.said.read_text().splitlines()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`dlflash serve` on a free port of 127.0.0.1; after the test, nothing of it is left
    (no tab's dlflash either)."""
    needs(web_extra(), "the web extra is not installed: pip install -e '.[test]'")
    needs(chromium() is not None, "Chromium is not installed: apt-get install chromium")
    port = free_port()
    said = tmp_path / "serve.out"
    with said.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "dlflash", "serve", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Served(port, said, process)
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError(f"dlflash serve did not start listening: {server.lines()}")
            time.sleep(0.1)
        yield server
    finally:
        if process.poll() is None:
            server.ctrl_c()
        try:  # anything of its group left (a tab's dlflash) is a failure, after clean-up
            os.killpg(process.pid, signal.SIGKILL)
            left = True
        except ProcessLookupError:
            left = False
        process.wait(timeout=10)
    assert not left


async def test_a_card_studied_in_chromium(served: Served, data_dir: Path,
                                          tmp_path: Path) -> None:
    import aiohttp

    url = served.url

    async with aiohttp.ClientSession() as session:
        for path in ("/", "/static/js/textual.js", "/download/x"):  # every route, checked first
            async with session.get(f"{url}{path}", headers={"Host": "evil.example"}) as response:
                assert response.status == 403
                assert "answers to 127.0.0.1:" in await response.text()
        async with session.get(f"{url}/static/js/textual.js") as response:
            assert response.status == 200
        with pytest.raises(aiohttp.WSServerHandshakeError, match="403"):
            await session.ws_connect(f"{url}/ws", headers={"Origin": "http://evil.example"})
    # The tab's dlflash reads its settings when the page opens: deck order makes the second
    # card the deck's second (the default interleaves the topic files).
    (data_dir / "settings.yaml").write_text("new_order: deck\n", encoding="utf-8")
    first, second = (card.question.get("en") for card in open_deck(data_dir).cards[:2])
    journal = data_dir / "reviews" / "testdev.jsonl"
    async with browser(tmp_path / "profile") as page:
        await page.call("Page.navigate", url=url)
        await page.until(lambda: first in page.text(), "the first question")
        async with aiohttp.ClientSession() as session, session.ws_connect(
                f"{url}/ws", headers={"Origin": url}) as second_tab:
            told = await asyncio.wait_for(second_tab.receive(), 20)
        assert b"Another dlflash" in told.data and b"reload this page" in told.data
        await page.call("Runtime.evaluate",
                        expression="document.querySelector('.xterm-helper-textarea').focus()")
        await page.call("Input.insertText", text="ReLU does not saturate for x > 0")
        await page.press("r", "KeyR", 82, ctrl=True)
        await page.until(lambda: "Suggested" in page.text(), "the model answer")
        await page.screenshot(tmp_path / "revealed.png")
        await page.press("5", "Digit5", 53)
        await page.until(lambda: journal.exists() and journal.read_bytes().endswith(b"\n"),
                         "the grade in the journal")
        await page.until(lambda: second in page.text(), "the next card")
        await page.screenshot(tmp_path / "next.png")
        assert served.ctrl_c() == 0  # with the tab open: its dlflash ends too
    host_said = re.escape(f"{url} in a browser")
    assert re.fullmatch(
        rf"dlflash: open {host_said}; ctrl\+c stops\.\n"
        r"dlflash: a tab opened from 127\.0\.0\.1\.\n"
        r"dlflash: a tab was turned away: Another dlflash \(pid \d+ on .+\) is using .+; "
        r"close it first, or give this one its own --data-dir\.\n"
        r"dlflash: the tab from 127\.0\.0\.1 closed\.\n", served.said.read_text()), served.lines()
    store = Store(data_dir, "testdev")
    store.lock()  # free again
    store.close()
    (line,) = journal.read_bytes().splitlines()
    graded = json.loads(line)
    assert (graded["card"], graded["grade"]) == ("q01", 5)
    assert graded["answer"] == "ReLU does not saturate for x > 0"
