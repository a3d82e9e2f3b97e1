"""Drills recorded in the store as they run; a joined team receives injects and the pause.

The facilitator's side is the store API (``wargame.gameday.control``) the
facilitator console uses; the team's game is a real app under Pilot whose
heartbeat is called directly (the app's timer does the same once a second).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from support.tui import wait_debrief

from wargame.cli import main as cli_main
from wargame.gameday import control, join, new_session
from wargame.model.journal import read_journal
from wargame.store import Store
from wargame.tui.screens.console import ConsoleScreen


def _session(db: Path, teams: int = 2, seed: int = 12):
    with Store(db) as store:
        made = new_session(store, "flash-sale", teams, seed=seed, difficulty="standard")
        return made, join(store, made.teams[0][2])


async def _wait_recorded(app, pilot, db: Path, drill: int) -> dict:
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        with Store(db) as store:
            row = store.drill(drill)
        if row["finished"]:
            return dict(row)
    raise AssertionError("the drill's result was never stored")


async def test_a_solo_drill_is_recorded_action_by_action(make_app, test_scenario, tmp_path):
    db = tmp_path / "solo.db"
    app = make_app(test_scenario, seed=3, store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        console.advance_sim(60)
        assert console.act("severity SEV2")
        with Store(db) as store:  # committed before act() returned
            (row,) = store.query("SELECT id, source, session_id FROM drills")
            assert (row["source"], row["session_id"]) == ("play", None)
            assert [a.describe() for a in store.actions(row["id"])] == ["severity SEV2"]
        assert "recording off" not in str(console.query_one("#header").render())
        await pilot.press("e", "y")
        await wait_debrief(app, pilot)
        stored = await _wait_recorded(app, pilot, db, row["id"])
    assert stored["grade"] and stored["overall"] is not None


async def test_recording_off_when_the_store_cannot_be_opened(make_app, test_scenario, tmp_path):
    bad = tmp_path / "not-a-store.db"
    bad.write_text("this is not SQLite\n")
    app = make_app(test_scenario, seed=3, store_path=bad)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        console.advance_sim(60)
        assert console.act("severity SEV2")  # the drill goes on
        await pilot.pause()
        assert "recording off" in str(console.query_one("#header").render())
        assert "not a wargame store" in app.live.off
    assert bad.read_text() == "this is not SQLite\n"
    assert len(read_journal(app.drill.journal_path).actions) == 1  # the journal still is


async def test_a_joined_team_gets_injects_and_the_pause(make_app, tmp_path, capsys):
    db = tmp_path / "day.db"
    made, joined = _session(db)
    app = make_app(None, joined=joined, store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "BriefingScreen"
        app.live.beat()
        with Store(db) as store:
            (team,) = [t for t in control.board(store, made.id) if t.id == joined.team]
            assert team.state == "briefing"
            control.send_inject(store, made.id, "too early: nobody plays yet")
        app.live.beat()  # not playing: an inject now is not kept for later
        await pilot.press("enter")
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        assert (app.drill.scenario.id, app.drill.seed) == ("flash-sale", 12)
        console.advance_sim(330)
        assert console.act("set inventory ap")
        with Store(db) as store:
            control.send_inject(store, made.id, "Legal asks about the EU data", "Legal")
            other = made.teams[1]
            other_id = store.query("SELECT id FROM teams WHERE code = ?", (other[2],))[0][0]
            control.send_inject(store, made.id, "for the other team only", team=other_id)
            control.set_paused(store, made.id, True)
        app.live.beat()
        await pilot.pause()
        drill = app.drill
        assert drill.held and drill.tick(1.0) is None  # the clock waits
        header = ""
        for _ in range(40):  # the header redraws on its own timer: wait for it, not a frame
            header = str(console.query_one("#header").render())
            if "PAUSED BY THE FACILITATOR" in header:
                break
            await pilot.pause(0.05)
        assert "PAUSED BY THE FACILITATOR" in header
        notes = [e.text for e in drill.timeline if e.type == "inject"]
        assert "Legal: Legal asks about the EU data" in notes
        assert not any("other team" in n or "too early" in n for n in notes)
        with Store(db) as store:
            (team,) = [t for t in control.board(store, made.id) if t.id == joined.team]
            assert (team.state, team.t) == ("playing", drill.now)
            drill_id = team.drill
            assert [a.verb for a in store.journal(drill_id)] == ["set", "inject"]
            control.set_paused(store, made.id, False)
        app.live.beat()
        assert not drill.held
        drill.paused = False  # the test app starts paused: only the player's pause is left
        assert drill.tick(0.2) is not None
        console.advance_sim(60)
        assert console.act("severity SEV1")
        await pilot.press("e", "y")
        await wait_debrief(app, pilot)
        stored = await _wait_recorded(app, pilot, db, drill_id)
        assert stored["team_id"] == joined.team and stored["source"] == "gameday"
        journal = drill.journal_path
        result = drill.result
    assert [a.verb for a in read_journal(journal).actions] == ["set", "inject", "severity"]
    # The journal and the store replay the drill exactly, the inject included.
    played = result.model_dump(mode="json", exclude={"tickets": {"items"}})
    assert any(e["type"] == "inject" and e["text"].startswith("Legal:") for e in played["timeline"])
    assert cli_main(["run", "--actions", str(journal), "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert {k: replayed[k] for k in played} == played
    exported = tmp_path / "from-store.jsonl"
    assert (
        cli_main(["history", "--journal", str(drill_id), "-o", str(exported), "--db", str(db)]) == 0
    )
    assert read_journal(exported).actions == read_journal(journal).actions


SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from wargame.gameday import join_code
    from wargame.tui.app import WargameApp

    async def main():
        joined = join_code(sys.argv[1], sys.argv[2])
        app = WargameApp(joined=joined, store_path=sys.argv[2], paused=True, toasts=False,
                         journal_dir=sys.argv[3])
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")
            console = app.screen
            console.advance_sim(330)
            for i in range(1000):
                console.act("severity " + ("SEV1", "SEV2")[i % 2])
                print("acted", i + 1, flush=True)
                console.advance_sim(1)

    asyncio.run(main())
    """
)


def test_kill_9_mid_drill_loses_no_recorded_action(tmp_path):
    db = tmp_path / "kill.db"
    made, joined = _session(db)
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, made.teams[0][2], str(db), str(tmp_path / "j")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    acted = 0
    try:
        while acted < 8:
            line = proc.stdout.readline()
            assert line, "the game stopped before acting"
            acted = int(line.split()[1])
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Store(db) as store:
        (drill,) = store.query("SELECT id, team_id, finished FROM drills")
        assert drill["team_id"] == joined.team and drill["finished"] is None
        recorded = store.actions(drill["id"])
        # every action whose act() returned is in the store; at most one more was in flight
        assert acted <= len(recorded) <= acted + 1
        assert [a.args[0] for a in recorded] == [
            ("SEV1", "SEV2")[i % 2] for i in range(len(recorded))
        ]
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"
    (journal,) = (tmp_path / "j").glob("*.jsonl")
    # The journal is written first, then the store: the kill may fall between the two,
    # so the journal agrees with the store and holds at most the one action in flight.
    written = read_journal(journal).actions
    assert written[: len(recorded)] == recorded and len(written) - len(recorded) <= 1


async def test_a_team_joined_on_the_join_screen_is_recorded_under_it(make_app, tmp_path):
    from textual.widgets import Input

    db = tmp_path / "screen.db"
    made, _ = _session(db)
    _, _, code = made.teams[1]
    app = make_app(join_screen=True, store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#join-code", Input).focus()
        await pilot.press(*code, "enter")
        await pilot.pause()
        await pilot.press("enter")  # briefing -> console
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        console.advance_sim(330)
        assert console.act("severity SEV2")
        app.live.beat()
        with Store(db) as store:
            (drill,) = store.query("SELECT id, team_id, session_id FROM drills")
            team = store.query("SELECT id FROM teams WHERE code = ?", (code,))[0][0]
            assert (drill["team_id"], drill["session_id"]) == (team, made.id)
            assert [a.describe() for a in store.actions(drill["id"])] == ["severity SEV2"]
            board = {t.id: t for t in control.board(store, made.id)}
            assert board[team].state == "playing"
