"""Game days: sessions where several teams play one incident, and their after-action report.

Public API::

    from wargame.gameday import new_session, join
    made = new_session(store, "flash-sale", teams=3, seed=42, difficulty="standard")
    session, team, scenario, seed, difficulty = join(store, "K7QM-3XWP")
    joined = join_code("k7qm 3xwp", db=None)    # opens the store itself (for play --join)

:mod:`wargame.gameday.report` builds the after-action report from the store;
:mod:`wargame.gameday.render` writes it as Markdown or HTML. Nothing here
imports the UI toolkit.
"""

from __future__ import annotations

from wargame.gameday.sessions import (
    Joined,
    JoinError,
    join,
    join_code,
    list_sessions,
    new_session,
    session,
)

__all__ = [
    "JoinError",
    "Joined",
    "join",
    "join_code",
    "list_sessions",
    "new_session",
    "session",
]
