"""The Textual front end: picker, briefing, incident console and debrief.

Only this package imports Textual; it talks to the engine through its public
API. Start it with :func:`run` or ``wargame play``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wargame.gameday.sessions import Joined
    from wargame.model.scenario import Scenario


def run(
    scenario: Scenario | None = None,
    seed: int | None = None,
    speed: float | None = None,
    journal_dir: str | Path | None = None,
    difficulty: str | None = None,
    joined: Joined | None = None,
    store_path: str | Path | None = None,
    join_screen: bool = False,
) -> int:
    """Open the game (on the picker, or on the briefing of ``scenario``); the exit code.

    ``joined`` plays a game-day team's drill (recorded under the team in the store
    ``store_path``, else the default store). Non-zero when an unexpected error
    stopped the game (the message printed names the journal and how to replay it).
    """
    from wargame.tui.app import WargameApp

    app = WargameApp(
        scenario,
        seed,
        speed=speed,
        journal_dir=journal_dir,
        difficulty=difficulty,
        joined=joined,
        join_screen=join_screen,
        store_path=store_path,
    )
    app.run()
    return app.return_code or 0
