"""Every shipped scenario opens, runs and fits the console at 80x24 (behaviour, not pixels)."""

from __future__ import annotations

import pytest

from wargame.model.loader import list_scenarios
from wargame.tui.screens.console import ConsoleScreen

SCENARIOS = list_scenarios()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
async def test_console_fits_at_80x24(make_app, scenario) -> None:
    app = make_app(scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        console.advance_sim(scenario.duration / 3)
        await pilot.pause()
        table = console.query_one("#features")
        alerts = console.query_one("#alerts-box")
        assert table.region.height >= 2  # header and at least one feature
        assert alerts.region.height >= 3, "the feed panel must keep some room"
        assert alerts.region.bottom <= 24 - 2  # above the two-line key bar
        assert console.query_one("#topology").region.height <= 7
