"""The queue TTL lever in the console: the ``t`` key and the command palette."""

from __future__ import annotations

from textual.command import CommandPalette

from wargame.tui.screens.console import ConsoleScreen
from wargame.tui.screens.modals import ChoiceModal


async def test_t_key_sets_a_feature_queue_ttl(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        actions = app.drill.engine.actions
        await pilot.press("t")
        assert isinstance(app.screen, ChoiceModal)  # which feature
        await pilot.press("down", "enter")  # blocks (orders is first)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)  # which TTL
        assert "Queue TTL for blocks" in app.screen.title_text
        await pilot.press("down", "down", "enter")  # 60, 300, 900
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert (actions[-1].verb, actions[-1].args) == ("ttl", ("blocks", "900"))
        app.screen.advance_sim(test_scenario.control.policy_rollout_s + 10)
        feature = app.drill.engine.features["blocks"]
        assert feature.knobs.pending_ttl_s == 900


async def test_ttl_is_in_the_command_palette(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        titles = {c.title: c for c in app.get_system_commands(console)}
        assert "Drill: ttl" in titles
        assert "queued writes" in titles["Drill: ttl"].help
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Drill: ttl")
        for _ in range(20):
            await pilot.pause(0.05)
        await pilot.press("enter")
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, ChoiceModal), app.screen
        await pilot.press("enter", "end", "enter")  # orders, 24 h
        await pilot.pause()
        last = app.drill.engine.actions[-1]
        assert (last.verb, last.args) == ("ttl", ("orders", "86400"))


async def test_ttl_is_locked_until_the_page(make_app, test_scenario) -> None:
    control = test_scenario.control.model_copy(update={"page_at": None})
    app = make_app(test_scenario.model_copy(update={"control": control}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "t")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert not app.drill.engine.actions
