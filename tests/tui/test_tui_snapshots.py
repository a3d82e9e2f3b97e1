"""Snapshots of every screen at fixed sim times with a fixed seed, at 80x24 and 120x40.

Deterministic by construction: the drill starts paused and is moved with
``advance_sim``; no toasts, no blinking cursor, animations off; the scenario
is the frozen one under ``tests/tui/data``. Update with ``--snapshot-update``
and review with ``--snapshot-report``.
"""

from __future__ import annotations

import pytest

from wargame.tui.screens.debrief import DebriefScreen

SIZES = [(80, 24), (120, 40)]


async def _console_at(pilot, seconds: float, policy: bool = True) -> None:
    """Start the drill and run it to ``seconds``, changing a policy 15 s before."""
    await pilot.press("enter")
    console = pilot.app.screen
    if policy:
        console.advance_sim(seconds - 15)
        console.act("set orders ap")
        console.advance_sim(15)
    else:
        console.advance_sim(seconds)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_picker(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(scenarios=[test_scenario])
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_briefing(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(scenarios=[test_scenario])
    assert snap_compare(app, press=["enter"], terminal_size=size)


@pytest.mark.parametrize("size", [*SIZES, (160, 50)])
def test_console_mid_incident(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 240)

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_console_feed_switch(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 300, policy=False)

    assert snap_compare(app, run_before=run_before, press=["w"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_policy_modal(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 240)

    assert snap_compare(app, run_before=run_before, press=["down", "p"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 60, policy=False)

    assert snap_compare(app, run_before=run_before, press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_confirm_quit(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 60, policy=False)

    assert snap_compare(app, run_before=run_before, press=["ctrl+q"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_debrief(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 240)
        pilot.app.screen.advance_sim(10_000)
        for _ in range(100):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screen = pilot.app.screen
            if isinstance(screen, DebriefScreen) and screen.data is not None:
                break
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_debrief_rewind_and_branch(snap_compare, make_app, test_scenario, size) -> None:
    """The rewind strip and the console at 03:45, and the branch the responder took from there."""
    from wargame.tui.screens.debrief import DEBOUNCE_S

    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 240)
        pilot.app.screen.advance_sim(10_000)
        for _ in range(100):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screen = pilot.app.screen
            if isinstance(screen, DebriefScreen) and screen.data is not None:
                break
        await pilot.press("right_square_bracket", "t")
        await pilot.pause(DEBOUNCE_S * 3)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


def test_debrief_saw_true_believed(snap_compare, make_app, test_scenario) -> None:
    """The end of the debrief: what the player saw, what was true, what they believed."""
    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 170, policy=False)
        console = pilot.app.screen
        console.act("diagnose one-way west east")
        console.act("set orders ap")
        console.advance_sim(30)
        console.act("diagnose split asia")
        console.advance_sim(10_000)
        for _ in range(100):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screen = pilot.app.screen
            if isinstance(screen, DebriefScreen) and screen.data is not None:
                break
        await pilot.pause()
        pilot.app.screen.query_one("#debrief").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_please_enlarge(snap_compare, make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    assert snap_compare(app, terminal_size=(70, 20))


@pytest.mark.parametrize("scenario", ["drill-test", "drill-five"])
def test_console_during_the_split_at_120x40(snap_compare, make_app, scenario) -> None:
    # 3 and 5 regions at standard difficulty, 90 s into the split: probes, lag, every column
    from pathlib import Path

    from wargame.model.loader import load_path

    sc = load_path(Path(__file__).parent / "data" / f"{scenario}.toml")
    app = make_app(sc)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 240, policy=False)

    assert snap_compare(app, run_before=run_before, terminal_size=(120, 40))


def test_diagnose_dialog(snap_compare, make_app, test_scenario) -> None:
    app = make_app(test_scenario)

    async def run_before(pilot) -> None:
        await _console_at(pilot, 240, policy=False)

    assert snap_compare(
        app,
        run_before=run_before,
        press=["d", "down", "down", "down", "enter"],
        terminal_size=(120, 40),
    )


def test_intro_console_with_truth_and_hint(snap_compare, make_app, test_scenario) -> None:
    app = make_app(test_scenario, difficulty="intro")

    async def run_before(pilot) -> None:
        await _console_at(pilot, 240, policy=False)

    assert snap_compare(app, run_before=run_before, terminal_size=(120, 40))
