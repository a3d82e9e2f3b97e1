"""App behaviour: small terminals, quitting, the palette, the live clock, the CLI entry."""

from __future__ import annotations

import time

import pytest

from wargame.cli import main as cli_main
from wargame.tui.screens.console import ConsoleScreen
from wargame.tui.screens.enlarge import EnlargeScreen
from wargame.tui.screens.modals import ConfirmModal


async def test_small_terminal_asks_to_enlarge_and_recovers(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert isinstance(app.screen, EnlargeScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)


async def test_quit_during_a_drill_asks_first(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+q")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_outside_a_drill_is_immediate(make_app, test_scenario) -> None:
    app = make_app(scenarios=[test_scenario])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_every_console_key_is_in_the_palette_and_the_footer(make_app, test_scenario) -> None:
    from wargame.tui.widgets import KeyFooter

    app = make_app(test_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        titles = [c.title for c in app.get_system_commands(screen)]
        footer = str(screen.query_one(KeyFooter).render())
        for binding in ConsoleScreen.BINDINGS:
            assert f"Drill: {binding.description}" in titles
            assert binding.description in footer
        command = next(c for c in app.get_system_commands(screen) if c.title == "Drill: pause")
        command.callback()
        await pilot.pause()
        assert not app.drill.paused  # started paused; the palette command resumed it


async def test_live_clock_keeps_pace_at_16x(make_app, test_scenario) -> None:
    app = make_app(test_scenario, paused=False, speed=16.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        start, t0 = time.monotonic(), app.drill.now
        await pilot.pause(1.0)
        wall = time.monotonic() - start
        sim = app.drill.now - t0
        assert sim == pytest.approx(16 * wall, rel=0.25)
        await pilot.press("space")
        frozen = app.drill.now
        await pilot.pause(0.3)
        assert app.drill.now == frozen
        assert "PAUSED" in str(app.screen.query_one("#header").render())


def test_play_rejects_bad_arguments(capsys) -> None:
    assert cli_main(["play", "no-such-scenario"]) == 2
    assert "unknown scenario" in capsys.readouterr().err
    assert cli_main(["play", "flash-sale", "--speed", "3"]) == 2
    assert "--speed" in capsys.readouterr().err
