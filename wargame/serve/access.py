"""Who may open a served game: the host rule, the access token and its check.

The rule: bound to a loopback address (the default, ``127.0.0.1``) the server is
only reachable from this machine and needs no token. Bound to anything else
(``0.0.0.0``, a LAN address, a host name) it needs a token, given or generated,
and refuses to start without one.

The check (textual-serve has no access control of its own) is an aiohttp
middleware in front of every route: a request passes with the token in the
query (``/?token=T``: the first visit, from the link the facilitator shares) or
in the cookie that first visit sets (HttpOnly, SameSite=Strict), and is refused
with 403 otherwise. The first visit is redirected to a URL without the token,
so it stays out of the address bar and the history. Tokens are compared in
constant time. Whatever the host, a websocket opened from another site's page
(an ``Origin`` that is not this server) is refused: no web page a player
visits can start a game process behind their back.
"""

from __future__ import annotations

import ipaddress
import secrets
import string
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

AUTO = "auto"
"""``--token auto``: generate a token with :mod:`secrets` and print it."""
MIN_TOKEN = 16
"""Shortest token accepted (a generated one has 32 characters)."""
MAX_TOKEN = 256
"""Longest token accepted."""
TOKEN_CHARS = frozenset(string.ascii_letters + string.digits + "-_.~")
"""Characters a token may hold: the ones a URL carries unescaped."""
COOKIE = "wargame_token"
"""The cookie the first visit sets."""
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
"""Host names that always mean this machine."""


def is_local(host: str) -> bool:
    """Whether ``host`` is a loopback address or name (reachable from this machine only)."""
    name = host.strip().strip("[]").lower()
    if name in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A fresh random token (32 URL-safe characters, 192 bits)."""
    return secrets.token_urlsafe(24)


def check_token(token: str) -> str:
    """``token`` if it is long enough and URL-safe (``ValueError`` saying why not)."""
    if len(token) < MIN_TOKEN:
        raise ValueError(f"a token needs at least {MIN_TOKEN} characters (or use --token auto)")
    if len(token) > MAX_TOKEN:
        raise ValueError(f"a token has at most {MAX_TOKEN} characters")
    if not set(token) <= TOKEN_CHARS:
        raise ValueError("a token may hold only letters, digits and - _ . ~")
    return token


def resolve_token(host: str, token: str | None) -> tuple[str | None, bool]:
    """The token to enforce for ``host`` and whether it was generated.

    ``token`` is ``--token`` (or the environment's): ``None``, ``"auto"`` or a
    token. A host other than loopback without a token is a ``ValueError``.
    """
    if token == AUTO:
        return new_token(), True
    if token is not None:
        return check_token(token), False
    if not is_local(host):
        raise ValueError(
            f"--host {host} lets other machines connect, so the game needs an access token: "
            "add --token auto (one is generated and printed) or --token TOKEN"
        )
    return None, False


def _same(given: str, token: str) -> bool:
    return secrets.compare_digest(given.encode("utf-8", "replace"), token.encode())


def same_origin(request: web.Request) -> bool:
    """Whether the request's ``Origin`` (if any) is this server's own address."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser page (a browser always sends Origin on a websocket)
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:
        return False
    return bool(netloc) and netloc.lower() == (request.host or "").lower()


REFUSED = (
    "This game server needs its access token. Open the full address the facilitator "
    "shared (it ends in ?token=...)."
)
"""What a browser without the token is told."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def guard(token: str | None) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    """The middleware enforcing ``token`` (``None``: no token) and same-origin websockets."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == "/ws" and not same_origin(request):
            return web.Response(status=403, text="websocket from another site refused")
        if token is None:
            return await handler(request)
        given = request.query.get("token")
        if given is not None and _same(given, token):
            if request.path == "/":
                query = request.url.query.copy()
                del query["token"]
                response = web.HTTPFound(request.rel_url.with_query(query))
                response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
                return response
            return await handler(request)
        cookie = request.cookies.get(COOKIE)
        if cookie is not None and _same(cookie, token):
            return await handler(request)
        return web.Response(status=403, text=REFUSED)

    return middleware
