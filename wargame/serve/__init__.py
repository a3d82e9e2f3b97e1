"""Serving the game to browsers (``wargame serve``): textual-serve behind an access guard.

Public API::

    from wargame.serve import GameServer, game_command, resolve_token
    token, generated = resolve_token("0.0.0.0", "auto")
    GameServer(game_command(db_path), "0.0.0.0", 8000, token).serve()

:mod:`wargame.serve.access` holds the host rule and the token check;
:mod:`wargame.serve.server` the server. Nothing here imports the UI toolkit:
each browser tab runs ``python -m wargame play --join-screen`` in its own process.
"""

from __future__ import annotations

from wargame.serve.access import AUTO, check_token, guard, is_local, resolve_token
from wargame.serve.server import GameServer, browse_url, game_command

__all__ = [
    "AUTO",
    "GameServer",
    "browse_url",
    "check_token",
    "game_command",
    "guard",
    "is_local",
    "resolve_token",
]
