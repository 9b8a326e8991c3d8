"""A real headless Chromium (Debian's package), driven over its DevTools protocol with the
aiohttp that textual-serve brings: enough to open a page, type, press keys, read what the
page received over its WebSockets, and take a screenshot. Every wait is bounded."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import re
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1",
         "--remote-debugging-port=0", "--window-size=1280,900"]
"""As the machine's notes advise: without the networking flags Chromium keeps trying
addresses this machine cannot reach."""
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Page:
    """One tab: `call` sends a command and waits for its answer; events are collected."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.frames: list[bytes] = []
        """What the page received over its own WebSockets (binary frames), in order."""
        self._answers: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._next = 0
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data:
                self._answers.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                if frame["opcode"] == 2:
                    self.frames.append(base64.b64decode(frame["payloadData"]))

    def close(self) -> None:
        self._reader.cancel()

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        answer = asyncio.get_running_loop().create_future()
        self._answers[self._next] = answer
        await self.socket.send_json({"id": self._next, "method": method, "params": params})
        data = await asyncio.wait_for(answer, 20)
        if "error" in data:
            raise RuntimeError(f"{method}: {data['error']}")
        result: dict[str, Any] = data["result"]
        return result

    def text(self) -> str:
        """The terminal output received so far, without its escape sequences."""
        return _ESCAPES.sub("", b"".join(self.frames).decode("utf-8", "replace"))

    async def until(self, done: Callable[[], bool], what: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {seconds} s for {what}")
            await asyncio.sleep(0.1)

    async def press(self, key: str, code: str, key_code: int, ctrl: bool = False) -> None:
        """A key as the keyboard sends it, to the focused element (the terminal's)."""
        params = {"key": key, "code": code, "windowsVirtualKeyCode": key_code,
                  "modifiers": 2 if ctrl else 0}
        text = {} if ctrl else {"text": key}
        await self.call("Input.dispatchKeyEvent", type="keyDown", **params, **text)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **params)

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


@contextlib.asynccontextmanager
async def browser(profile: Path) -> AsyncIterator[Page]:
    """A headless Chromium with an empty profile and one blank tab; always stopped."""
    path = chromium()
    assert path is not None
    process = subprocess.Popen([path, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError("Chromium did not open its DevTools port")
            await asyncio.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/json/list") as listing:
                targets = await listing.json()
            tab = next(t for t in targets if t["type"] == "page")
            async with session.ws_connect(tab["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                page = Page(ws)
                try:
                    await page.call("Network.enable")
                    await page.call("Page.enable")
                    yield page
                finally:
                    page.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
