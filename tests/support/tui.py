"""Helpers shared by the Pilot tests (kept out of conftest so tests import them by name)."""

from __future__ import annotations


async def wait_debrief(app, pilot):
    """Wait until the debrief screen is up with its data built; return it."""
    from wargame.tui.screens.debrief import DebriefScreen

    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, DebriefScreen) and screen.data is not None:
            return screen
    raise AssertionError(f"no debrief; on {app.screen!r}")
