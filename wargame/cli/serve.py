"""``wargame serve``: the game in a browser, one game process per tab (textual-serve)."""

from __future__ import annotations

import argparse
import os
import sys

from wargame.cli.common import UsageError
from wargame.cli.history import add_db_arg, open_store
from wargame.model.text import quote

TOKEN_VAR = "WARGAME_SERVE_TOKEN"
"""Environment variable read when ``--token`` is not given (keeps it out of ``ps``)."""


def port_arg(text: str) -> int:
    """argparse type for --port: 1 to 65535."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"not a port number: {quote(text, 40)}") from None
    if not 1 <= value <= 65535:
        raise ValueError("must be between 1 and 65535")
    return value


port_arg.__name__ = "port"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the game to web browsers (one game per browser tab)",
        description="Serve the game to web browsers with textual-serve: every tab gets its "
        "own game, which opens on the join screen (a game-day join code, or solo play). "
        "Bound to this machine (127.0.0.1) by default; any other --host needs an access "
        "token, and the address to share carries it (?token=...).",
        epilog=f"The token may also come from ${TOKEN_VAR}. Drills are recorded in the "
        "store (--db) like terminal drills.",
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every "
        "network, needs --token)",
    )
    p.add_argument("--port", type=port_arg, default=8000, help="port (default 8000)")
    p.add_argument(
        "--token",
        help="access token browsers must present (at least 16 letters, digits, - _ . ~); "
        "'auto': generate one and print it",
    )
    add_db_arg(p)
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from wargame.serve import GameServer, browse_url, game_command, resolve_token

    given = args.token if args.token is not None else (os.environ.get(TOKEN_VAR) or None)
    try:
        token, generated = resolve_token(args.host, given)
    except ValueError as exc:
        where = "--token" if given is not None and args.token is not None else ""
        where = where or (f"${TOKEN_VAR}" if given is not None else "")
        raise UsageError(f"{where}: {exc}" if where else str(exc)) from None
    with open_store(args) as store:  # a bad --db is refused now, not in every tab
        db = store.path.resolve()
    url = browse_url(args.host, args.port, token)
    print(f"wargame: serving the game on {url}", flush=True)
    if generated:
        print(f"wargame: access token (generated): {token}", flush=True)
    print(f"wargame: store {db}; press Ctrl+C to stop", flush=True)
    server = GameServer(game_command(db), args.host, args.port, token)
    try:
        server.serve()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {reason}") from None
    print("wargame: server stopped", file=sys.stderr)
    return 0
