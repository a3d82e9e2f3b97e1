"""The facilitator's console with three fake teams writing to a temporary store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, RichLog

from wargame.cli import main as cli_main
from wargame.gameday import control, join, new_session
from wargame.model.action import parse_action
from wargame.store import Store
from wargame.tui.facilitator import FacilitatorApp
from wargame.tui.screens.modals import ChoiceModal, TextModal


@pytest.fixture
def day(tmp_path: Path):
    db = tmp_path / "day.db"
    with Store(db) as store:
        made = new_session(store, "flash-sale", 3, seed=12, difficulty="standard", name="Ops")
        teams = [join(store, code) for _n, _name, code in made.teams]
    return db, made, teams


def _start(db: Path, team, t: float, actions: list[str]) -> int:
    with Store(db) as store:
        drill = store.start_drill(
            "flash-sale", 12, "standard", team.session, team.team, source="gameday"
        )
        for text in actions:
            store.record_action(drill, parse_action(text))
        control.beat(store, team.team, "playing", drill, t)
    return drill


def _cells(app, table: str) -> list[list[str]]:
    t = app.query_one(f"#{table}", DataTable)
    return [[str(c) for c in t.get_row_at(i)] for i in range(t.row_count)]


async def _settle(app, pilot) -> None:
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app._estimating:
            return


async def test_teams_actions_estimates_and_leaderboard(day):
    db, made, (one, two, three) = day
    d1 = _start(db, one, 400.0, ["05:30 set inventory ap", "06:00 severity SEV1"])
    _start(db, two, 350.0, [])
    app = FacilitatorApp(made.id, db, poll_s=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(app, pilot)
        app.refresh_board()
        await pilot.pause()
        rows = _cells(app, "teams")
        assert [r[:4] for r in rows] == [
            ["Team 1", "playing", "06:40", "2"],
            ["Team 2", "playing", "05:50", "0"],
            ["Team 3", "not joined", "", "0"],
        ]
        assert rows[0][4] == "06:00 severity SEV1"
        assert "est." in rows[0][5] and "est." in rows[1][5] and rows[2][5] == "—"
        # the estimate is the scorer on a replay of what the team did so far
        est = app.estimator.cached(d1, 2)
        assert est is not None and f"{est['overall']:5.1f}" in rows[0][5]
        log = "\n".join(str(line.text) for line in app.query_one("#activity", RichLog).lines)
        assert "05:30 Team 1   set inventory ap" in log
        # a new action shows up at the next read; a finished team ranks by its final score
        with Store(db) as store:
            store.record_action(d1, parse_action("07:00 status-page Investigating"))
            store.finish_drill(d1, {"grade": "A", "overall": 99.0})
            control.beat(store, one.team, "debrief", d1, 900.0)
        app.refresh_board()
        await _settle(app, pilot)
        board = _cells(app, "board")
        assert board[0] == ["1", "Team 1", " 99.0 A", "final"]
        assert [r[1] for r in board] == ["Team 1", "Team 2"] and board[1][3] == "est."
        log = "\n".join(str(line.text) for line in app.query_one("#activity", RichLog).lines)
        assert "status-page Investigating" in log


async def test_injects_to_all_and_to_one_and_pause(day):
    db, made, (one, two, _three) = day
    _start(db, one, 100.0, [])
    app = FacilitatorApp(made.id, db, poll_s=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("i")  # the scenario's own injects first
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "o")  # the highlighted team: Team 2
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("end", "enter")  # type one's own
        await pilot.pause()
        assert isinstance(app.screen, TextModal)
        await pilot.press(*"Legal: EU data?", "enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert "PAUSED" in str(app.query_one("#fac-status").render())
    with Store(db) as store:
        sent = control.sent(store, made.id)
        first = next(e for e in app.scenario.events if e.kind == "inject")
        assert [(s.team, s.source, s.text) for s in sent] == [
            (None, first.source, first.text),
            (two.team, "Legal", "EU data?"),
        ]
        assert control.is_paused(store, made.id)
        assert [s.text for s in control.pending(store, made.id, one.team, 0)] == [first.text]


async def test_a_silent_team_is_flagged(day):
    db, made, (one, _two, _three) = day
    _start(db, one, 100.0, [])
    later = datetime.now(UTC) + timedelta(seconds=60)
    app = FacilitatorApp(made.id, db, poll_s=0, now=lambda: later)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(app, pilot)
        assert _cells(app, "teams")[0][1].startswith("playing (silent")


def test_gameday_run_refuses_unknown_sessions(capsys, tmp_path, day):
    db, _made, _teams = day
    assert cli_main(["gameday", "run", "9", "--db", str(db)]) == 2
    assert "no session 9" in capsys.readouterr().err
    assert cli_main(["gameday", "run", "1", "--db", str(tmp_path / "none.db")]) == 2
