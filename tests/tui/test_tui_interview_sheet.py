"""The interviewer's sheet on screen: it follows the live file; snapshots at 80x24 and 120x40."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from wargame.interview.contract import Contract
from wargame.interview.live import write_live
from wargame.interview.reasons import correct_key
from wargame.tui.interview.design import DesignScreen
from wargame.tui.interview.sheet import SheetApp

SIZES = [(80, 24), (120, 40)]


def _source(app) -> str:
    return app.sheet.query_one("#sheet-text").source


def _status(app) -> str:
    return str(app.sheet.query_one("#sheet-status").render())


async def test_sheet_updates_when_the_candidate_file_changes(test_scenario, tmp_path) -> None:
    live = tmp_path / "live.json"
    app = SheetApp(test_scenario, live, poll=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "waiting for the candidate" in _status(app)
        assert "has not started yet" in _source(app)
        contract = Contract.from_as_built(test_scenario)
        first = test_scenario.features[0]
        write_live(live, contract, seed=7, current=first.id)
        for _ in range(40):  # the timer notices within a few polls
            await asyncio.sleep(0.05)
            await pilot.pause()
            if app.sheet.updates:
                break
        assert app.sheet.updates == 1
        assert "◀ on the candidate's screen" in _source(app)
        assert "reason: not chosen yet" in _source(app)
        key = correct_key(test_scenario, first)
        contract.features[first.id] = contract.features[first.id].model_copy(
            update={"reason": key, "justification": "checkout must work"}
        )
        write_live(live, contract, seed=7, current=first.id)
        for _ in range(40):
            await asyncio.sleep(0.05)
            await pilot.pause()
            if app.sheet.updates == 2:
                break
        assert app.sheet.updates == 2
        assert "(**holds**)" in _source(app)
        assert "in their words: checkout must work" in _source(app)
        assert "update 2" in _status(app)


async def test_sheet_follows_the_design_screen(make_app, test_scenario, tmp_path) -> None:
    """Two apps, as in two terminals: the candidate's choices reach the sheet."""
    live = tmp_path / "live.json"
    candidate = make_app(test_scenario, interview=True, live=live)
    sheet = SheetApp(test_scenario, live, poll=None)
    async with candidate.run_test(size=(100, 30)) as pilot, sheet.run_test(size=(100, 30)):
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = candidate.screen
        assert isinstance(screen, DesignScreen)
        f = test_scenario.features[0]
        screen.choose("policy", "queued")
        screen.choose("reason", correct_key(test_scenario, f))
        assert sheet.sheet.check(force=True)
        text = _source(sheet)
        assert "`queued` (degraded CP" in text and "(**holds**)" in text


async def test_sheet_export_key_writes_markdown(test_scenario, tmp_path) -> None:
    live = tmp_path / "live.json"
    write_live(live, Contract.from_model(test_scenario), seed=7)
    target = tmp_path / "out" / "sheet.md"
    app = SheetApp(test_scenario, live, export=target, poll=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert app.sheet.exported == [target]
        assert target.read_text() == app.sheet.markdown()
        assert "# Interviewer's sheet" in target.read_text()


async def test_a_broken_live_file_is_reported_not_fatal(test_scenario, tmp_path) -> None:
    live = tmp_path / "live.json"
    live.write_text("{")
    app = SheetApp(test_scenario, live, poll=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "not JSON" in _status(app)
        write_live(live, Contract.from_as_built(test_scenario))
        await pilot.press("r")
        await pilot.pause()
        assert app.sheet.updates == 1


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_sheet(snap_compare, test_scenario, tmp_path: Path, monkeypatch, size) -> None:
    monkeypatch.chdir(tmp_path)
    live = Path("live.json")  # relative: the status line is the same on every run
    contract = Contract.from_as_built(test_scenario)
    f = test_scenario.features[0]
    contract.features[f.id] = contract.features[f.id].model_copy(
        update={"policy": "ap", "reason": correct_key(test_scenario, f), "justification": "sales"}
    )
    write_live(live, contract, seed=7, current=f.id)
    app = SheetApp(test_scenario, live, poll=None)

    async def run_before(pilot) -> None:
        await pilot.pause()
        # scroll to the feature on the candidate's screen
        heading = next(
            w for w in app.sheet.query("MarkdownH2") if "candidate's screen" in str(w._content)
        )
        app.sheet.query_one("#sheet").scroll_to_widget(heading, top=True, animate=False)
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)
