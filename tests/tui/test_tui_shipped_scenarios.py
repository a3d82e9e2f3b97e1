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


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
async def test_every_region_column_shows_at_120x40(make_app, scenario) -> None:
    # With 3+ regions the feature table used to share its row with the Alerts panel,
    # which covered its last region columns (two of them with 5 regions).
    app = make_app(scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        console.advance_sim(scenario.duration / 3)
        await pilot.pause()
        table = console.query_one("#features")
        box = console.query_one("#features-box")
        assert table.virtual_size.width <= table.region.width, "columns cut off"
        assert table.region.right <= box.region.right <= 120
        for name in ("#alerts-box", "#timeline-box", "#tickets-box", "#logs-box"):
            panel = console.query_one(name)
            assert panel.display and panel.region.height >= 3, name
            assert not panel.region.overlaps(table.region), name
        screen_text = "\n".join(
            "".join(seg.text for seg in strip) for strip in console._compositor.render_strips()
        )
        for region in scenario.region_ids():
            assert screen_text.count(region) >= 2, region  # network panel and table header


@pytest.mark.parametrize("scenario_id", ["bank-transfer", "messaging"])
async def test_as_built_to_the_debrief_with_negative_revenue(make_app, scenario_id) -> None:
    # Ending at once with the as-built policies gives minutes of negative revenue
    # (refunds); the revenue chart used to crash the debrief with IndexError.
    from wargame.model.loader import load_scenario
    from wargame.tui.screens.debrief import DebriefScreen
    from wargame.tui.widgets import LineChart

    app = make_app(load_scenario(scenario_id))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "e", "y")
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, DebriefScreen) and app.screen.data is not None:
                break
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and debrief.data is not None
        revenue = debrief.data.player.series.metrics["revenue_per_min"]
        assert min(revenue) < 0, "the case this test exists for: a negative minute"
        await pilot.pause()
        for chart in debrief.query(LineChart):
            assert chart.render().plain.startswith(chart.title)
