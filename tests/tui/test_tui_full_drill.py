"""Play whole drills headless through the keyboard and check the debrief against a replay.

The debrief's numbers must equal what ``wargame run --actions JOURNAL`` prints
for the journal the drill wrote: the journal is the drill.
"""

from __future__ import annotations

import json

import pytest
from support.tui import wait_debrief

from wargame.cli import main as cli_main
from wargame.model.journal import read_journal
from wargame.tui.screens.console import ConsoleScreen
from wargame.tui.screens.modals import ChoiceModal, PolicyModal, TextModal


async def test_play_flash_sale_and_replay_the_journal(make_app, capsys) -> None:
    from wargame.engine import load_scenario

    sc = load_scenario("flash-sale")
    app = make_app(sc, seed=12)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # briefing -> console
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        console.advance_sim(330)

        # change a policy: the modal opens on the highlighted feature (the first)
        await pilot.press("p")
        assert isinstance(app.screen, PolicyModal)
        await pilot.press("down", "down", "down", "enter")  # cp -> ap
        assert app.drill.engine.actions[-1].args == ("inventory", "ap")
        await pilot.pause()
        inv = next(f for f in app.drill.view.features if f.id == "inventory")
        assert set(inv.target.values()) == {"ap"}  # rolling out

        console.advance_sim(30)
        # fail payment over to us-west
        await pilot.press("f")
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("down", "down", "down", "down", "enter")  # payment
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal), app.screen
        await pilot.press("enter")  # the only other region
        assert app.drill.engine.actions[-1].verb == "failover"
        assert app.drill.engine.actions[-1].args == ("payment", "us-west")

        # status page with the suggested text, and a severity
        await pilot.press("s")
        assert isinstance(app.screen, TextModal)
        await pilot.press("enter")
        await pilot.press("v", "enter")
        assert [a.verb for a in app.drill.engine.actions] == [
            "set",
            "failover",
            "status-page",
            "severity",
        ]
        await pilot.pause()
        assert "SEV1" in str(console.query_one("#header").render())

        console.advance_sim(60)
        await pilot.press("e")
        await pilot.press("y")
        debrief = await wait_debrief(app, pilot)
        data = debrief.data
        journal = app.drill.journal_path
        await pilot.press("r")
        report = journal.with_name(journal.stem + ".report.md")
        assert report.exists() and "Flash Sale" in report.read_text()

    lines = journal.read_text().splitlines()
    assert len(lines) == 5  # header + four actions, written as they happened
    assert json.loads(lines[0])["seed"] == 12
    replay = read_journal(journal)
    assert [a.t for a in replay.actions] == [a.t for a in data.player.actions]

    capsys.readouterr()
    assert cli_main(["run", "--actions", str(journal), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["totals"] == data.player.totals.model_dump(mode="json")
    assert out["scores"]["overall"] == data.debrief.scores.overall
    assert out["scores"]["grade"] == data.debrief.scores.grade
    assert out["comparison"] == [r.model_dump(mode="json") for r in data.debrief.comparison]
    player_row = data.debrief.comparison[0]
    assert player_row.run == "player"
    assert player_row.tickets == out["tickets"]["total"]


async def test_clock_runs_to_the_end_and_opens_the_debrief(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        await pilot.press("a")  # nothing to acknowledge yet: no dialog
        assert app.screen is console
        console.advance_sim(200)
        await pilot.press("a", "enter")  # acknowledge all
        assert app.drill.engine.actions[-1].args == ("all",)
        assert not app.drill.unacked()
        console.advance_sim(10_000)
        debrief = await wait_debrief(app, pilot)
        assert debrief.data.player.duration_s == 600
        assert debrief.data.debrief.comparison[0].run == "player"


@pytest.mark.parametrize("keys", [["escape"], ["p", "escape"], ["f", "escape"]])
async def test_cancelled_dialogs_do_nothing(make_app, test_scenario, keys) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *keys)
        assert app.drill is not None and app.drill.engine.actions == []
