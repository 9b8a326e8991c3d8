"""`dlflash serve [--host 127.0.0.1] [--port 8000]`: the same app in a browser, through
textual-serve (the `web` extra: `pip install 'dlflash[web]'`).

Each browser tab that connects starts `dlflash review` on this data folder as a process of
its own, drawing into the page; one at a time, as in a terminal (the store's lock). There
is no password: whoever reaches the address studies as you, so it listens on this computer
only unless told otherwise, and a page from another site may not drive it (the Host and
Origin of each request are checked).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import shlex
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from dlflash.base.config import load_settings
from dlflash.base.errors import DlflashError
from dlflash.journal.store import Store, StoreError
from dlflash.workspace import data_dir, device_name, open_deck

if TYPE_CHECKING:
    from aiohttp import web
    from textual_serve.server import Server

LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


def is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def shown(host: str) -> str:
    """The host as it is written in an address: an IPv6 one in brackets."""
    return f"[{host}]" if ":" in host else host


def exposure_warning(host: str, port: int) -> str | None:
    """What to say before listening where others can reach: None for this computer only."""
    if is_local(host):
        return None
    return (f"serving on {shown(host)}:{port}, where other computers can reach it: anyone who "
            "opens that address can study as you, grade your cards and read your answers, "
            "with no password. Use the default --host 127.0.0.1 unless that is what you want.")


def local_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host headers a server bound to this computer only answers to (the loopback
    names and the address it was started on; without the port on port 80, as browsers
    send it), or None when it is bound where other computers reach it."""
    if not is_local(host):
        return None
    names = {*LOCAL_NAMES, shown(host).lower()}
    return frozenset({f"{name}:{port}" for name in names} | (names if port == 80 else set()))


def refusal(host_header: str, origin: str | None, allowed: frozenset[str] | None
            ) -> str | None:
    """Why a request must be refused, or None. Bound to this computer only, the address
    typed must name it (a site that points its own name at 127.0.0.1 is turned away); a
    page may open the app's connection only from the app's own address."""
    host_header = host_header.lower()
    if allowed is not None and host_header not in allowed:
        return f"dlflash serve answers to {', '.join(sorted(allowed))} only."
    if origin is not None and urlsplit(origin).netloc.lower() != host_header:
        return "dlflash serve takes connections from its own page only."
    return None


def child_command(data: Path, decks: list[str]) -> str:
    """The command each browser tab runs: this dlflash, on this data folder and these decks."""
    argv = [sys.executable, "-m", "dlflash", "--data-dir", str(data)]
    for deck in decks:
        argv += ["--deck", str(Path(deck).expanduser().resolve())]
    return shlex.join([*argv, "review"])


def _check_lock(data: Path) -> Store:
    """`StoreLocked` while another dlflash (a terminal, another tab) uses the folder."""
    store = Store(data, device_name())
    store.lock()
    store.close()
    return store


def _preflight(data: Path, decks: list[str]) -> None:
    """What would stop the app in the browser, said here in one sentence instead: bad
    settings or decks, another dlflash on the folder, a journal that cannot be read."""
    load_settings(data)
    open_deck(data, decks)
    _, report = _check_lock(data).read()
    if report.unreadable:
        names = ", ".join(str(path) for path in report.unreadable)
        raise StoreError(f"{names} cannot be read, so today's cards would be scheduled on part "
                         "of your history; fix or remove it, or start dlflash in a terminal, "
                         "which asks.")


def _guarded(base: type[Server], data: Path, command: str, host: str, port: int) -> Server:
    """textual-serve's server, with every request checked (`refusal`) before any route
    answers, the page's own address used for its connection (the one it was opened with),
    a tab opened while another dlflash uses the folder told so in the page, each tab's
    dlflash waited for when it ends (and ended with the server), and lines of ours instead
    of its banner and request log."""
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import to_int

    allowed = local_hosts(host, port)
    sockets: set[web.WebSocketResponse] = set()

    @web.middleware
    async def checked(request: web.Request, handler: Any) -> web.StreamResponse:
        reason = refusal(request.host, request.headers.get("Origin"), allowed)
        if reason:
            raise web.HTTPForbidden(text=reason)
        response: web.StreamResponse = await handler(request)
        return response

    async def turn_away(socket: web.WebSocketResponse, error: StoreError) -> None:
        print(f"dlflash: a tab was turned away: {error}", flush=True)
        await socket.send_bytes(f"\r\n  dlflash: {error}\r\n\r\n  Close it, then reload "
                                "this page.\r\n".encode())
        async for _ in socket:  # shown until the tab goes
            pass

    class Tab(AppService):
        async def stop(self) -> None:
            await super().stop()
            if self._process is not None:  # reaped here, not left to a closed event loop
                await self._process.wait()

    class Guarded(base):  # type: ignore[valid-type, misc]
        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="dlflash serve: %(message)s")

        async def _make_app(self) -> web.Application:
            app: web.Application = await super()._make_app()
            app.middlewares.append(checked)
            return app

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # textual-serve writes public_url into the page before its first await, so
            # each page gets the address it was opened with.
            self.public_url = f"http://{request.host}"
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            socket = web.WebSocketResponse(heartbeat=15)
            await socket.prepare(request)
            sockets.add(socket)
            try:
                try:
                    _check_lock(data)
                except StoreError as error:
                    await turn_away(socket, error)
                else:
                    await self.run_tab(request, socket)
            finally:
                sockets.discard(socket)
            return socket

        async def run_tab(self, request: web.Request, socket: web.WebSocketResponse) -> None:
            async def close() -> None:
                await socket.close()

            print(f"dlflash: a tab opened from {request.remote}.", flush=True)
            tab = Tab(self.command, write_bytes=socket.send_bytes, write_str=socket.send_str,
                      close=close, download_manager=self.download_manager, debug=self.debug)
            try:
                await tab.start(to_int(request.query.get("width", "80"), 80),
                                to_int(request.query.get("height", "24"), 24))
                await self._process_messages(socket, tab)
            except ConnectionError:
                pass  # the tab went in the middle of a message
            finally:
                await tab.stop()
                print(f"dlflash: the tab from {request.remote} closed.", flush=True)

        async def on_startup(self, app: web.Application) -> None:
            pass  # not textual-serve's banner: serve() says where to go once it listens

        def serve(self, debug: bool = False) -> None:
            """textual-serve's serve(), with our line printed when the address is bound
            (aiohttp's `print`, called once every site has started)."""
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, self.request_exit)

            def listening(_: str) -> None:
                print(f"dlflash: open http://{shown(host)}:{port} in a browser; ctrl+c stops.",
                      flush=True)

            web.run_app(self._make_app(), host=host, port=port, handle_signals=False,
                        loop=loop, print=listening)

        async def on_shutdown(self, app: web.Application) -> None:
            # Closing a tab's connection ends its dlflash as closing the tab does.
            for socket in list(sockets):
                await socket.close()

    server: Server = Guarded(command, host=host, port=port, title="dlflash")
    return server


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise DlflashError(f"--port must be from 1 to 65535, not {args.port}.")
    try:
        from textual_serve.server import Server
    except ImportError:
        raise DlflashError("dlflash serve needs the web extra: pip install 'dlflash[web]'.") \
            from None
    data = data_dir(args.data_dir)
    _preflight(data, args.deck)
    warning = exposure_warning(args.host, args.port)
    if warning:
        print(f"dlflash: warning: {warning}", file=sys.stderr)
    server = _guarded(Server, data, child_command(data, args.deck), args.host, args.port)
    try:
        server.serve()
    except OSError as error:
        # asyncio words it "error while attempting to bind on address (...): ..."
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise DlflashError(f"Cannot listen on {shown(args.host)}:{args.port}: {reason}; "
                           "choose another with --port or --host.") from None
    return 0
