"""The game's web server: textual-serve with the access guard and the join screen.

Each browser tab opens a websocket; textual-serve starts one game process per
websocket (``python -m wargame play --join-screen --db STORE``) and relays its
screen and keys. The game process is the terminal game itself: the same
screens, the same store. This module never imports the UI toolkit; the
processes it starts do.
"""

from __future__ import annotations

import logging
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from wargame.serve.access import guard

TITLE = "CAP War-Game"
"""The browser tab's title."""


def game_command(db: Path, python: str = sys.executable) -> str:
    """The shell command textual-serve runs for each browser tab."""
    return shlex.join([python, "-m", "wargame", "play", "--join-screen", "--db", str(db)])


class GameServer(Server):
    """textual-serve's server with the token guard and per-request page addresses.

    textual-serve writes its own address into the page (for the websocket and
    the static files); bound to ``0.0.0.0`` that address is useless to a
    browser on another machine, so each page is built with the address the
    browser itself used (its ``Host`` header).
    """

    def __init__(self, command: str, host: str, port: int, token: str | None) -> None:
        super().__init__(command, host=host, port=port, title=TITLE)
        self.token = token

    def initialize_logging(self) -> None:
        """textual-serve's request log, with any token in it blanked out."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").addFilter(redact)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(guard(self.token))
        return app

    async def handle_index(self, request: web.Request) -> Any:  # type: ignore[override]
        bound = self.public_url
        scheme = request.headers.get("X-Forwarded-Proto", request.scheme)  # behind TLS: wss
        scheme = "https" if scheme.split(",")[0].strip().lower() == "https" else "http"
        self.public_url = f"{scheme}://{request.host}"
        try:  # the page is rendered before control returns to the event loop
            return await super().handle_index(request)
        finally:
            self.public_url = bound

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing: ``wargame serve`` prints its own address (with the token)."""


TOKEN_IN_URL = re.compile(r"(token=)[^&\s\"]*")


def redact(record: logging.LogRecord) -> bool:
    """A log filter: the request line keeps ``token=`` but not the token."""
    if isinstance(record.msg, str) and "token=" in record.msg:
        record.msg = TOKEN_IN_URL.sub(r"\1...", record.msg)
    return True


def browse_url(host: str, port: int, token: str | None) -> str:
    """The address to open (to share, when a token is set)."""
    if host in ("0.0.0.0", "::", ""):
        import socket

        host = socket.gethostname()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    query = f"/?token={token}" if token else "/"
    return f"http://{host}:{port}{query}"
