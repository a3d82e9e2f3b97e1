"""The live game day in the store: the outbox of injects, the pause, heartbeats, the team link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from wargame.gameday import control, join, new_session
from wargame.gameday.link import TeamLink
from wargame.model.action import parse_action
from wargame.store import Store


@pytest.fixture
def day(store):
    made = new_session(store, "flash-sale", 3, seed=9, difficulty="standard")
    teams = [join(store, code) for _n, _name, code in made.teams]
    return made, teams


def test_injects_reach_everyone_or_one_team(store, day):
    made, (a, b, c) = day
    assert control.last_sent(store, made.id) == 0
    first = control.send_inject(store, made.id, "  The VP wants an ETA ", "VP")
    second = control.send_inject(store, made.id, "Only you", team=b.team)
    assert [s.text for s in control.pending(store, made.id, a.team, 0)] == ["The VP wants an ETA"]
    assert [s.text for s in control.pending(store, made.id, b.team, 0)] == [
        "The VP wants an ETA",
        "Only you",
    ]
    assert control.pending(store, made.id, b.team, second) == []
    assert [s.id for s in control.pending(store, made.id, c.team, first)] == []
    assert control.last_sent(store, made.id) == second
    assert [(s.source, s.team) for s in control.sent(store, made.id)] == [
        ("VP", None),
        ("facilitator", b.team),
    ]
    other = new_session(store, "flash-sale", 1, seed=1)
    with pytest.raises(ValueError, match="not in session"):
        control.send_inject(store, other.id, "wrong session", team=a.team)
    for text, source in (("", "x"), ("bell\x07", ""), ("ok", "a:b")):
        with pytest.raises(ValueError):
            control.send_inject(store, made.id, text, source)


def test_pause_and_resume(store, day):
    made, _ = day
    assert not control.is_paused(store, made.id)
    control.set_paused(store, made.id, True)
    assert control.is_paused(store, made.id)
    control.set_paused(store, made.id, False)
    assert not control.is_paused(store, made.id)


def test_heartbeats_make_the_board(store, day):
    made, (a, b, c) = day
    drill = store.start_drill("flash-sale", 9, "standard", made.id, a.team, source="gameday")
    control.beat(store, a.team, "playing", drill, 312.5)
    control.beat(store, b.team, "briefing", None, 0.0)
    with pytest.raises(ValueError):
        control.beat(store, c.team, "dancing", None, 0.0)
    later = datetime.now(UTC) + timedelta(seconds=30)
    rows = control.board(store, made.id, now=later)
    assert [(r.name, r.state, r.drill, r.t) for r in rows] == [
        ("Team 1", "playing", drill, 312.5),
        ("Team 2", "briefing", None, 0.0),
        ("Team 3", "not joined", None, 0.0),
    ]
    assert rows[0].silent and not rows[2].silent  # 30 s without a beat
    assert not control.board(store, made.id)[0].silent
    store.finish_drill(drill, {"grade": "B", "overall": 81.5})
    control.beat(store, a.team, "finished", None, 900.0)
    done = control.board(store, made.id)[0]
    assert (done.drill, done.grade, done.overall) == (drill, "B", 81.5)


def test_the_team_link_records_under_the_team_and_takes_orders(db_path, day):
    made, (a, _b, _c) = day
    with Store(db_path) as store:
        control.send_inject(store, made.id, "sent before the team joined")
    link = TeamLink(db_path, a)
    assert link.recording and link.path == db_path
    link.start("flash-sale", 9, "standard")
    assert link.team_drill
    act = parse_action("05:00 severity SEV2")
    link.record(act)
    orders = link.beat("playing", 300.0, playing=True)
    assert orders.injects == [] and not orders.paused  # nothing new since it joined
    with Store(db_path) as store:
        control.send_inject(store, made.id, "now", "Sales")
        control.set_paused(store, made.id, True)
    orders = link.beat("playing", 301.0, playing=True)
    assert [(s.source, s.text) for s in orders.injects] == [("Sales", "now")] and orders.paused
    assert link.beat("playing", 302.0, playing=True).injects == []  # each once
    drill = link.drill
    link.finish({"grade": "C", "overall": 70.0})
    link.start("flash-sale", 10, "standard")  # another seed: not the session's drill
    assert not link.team_drill
    link.close("finished", 900.0)
    with Store(db_path) as store:
        row = store.drill(drill)
        assert (row["team_id"], row["grade"], row["source"]) == (a.team, "C", "gameday")
        assert store.actions(drill) == [act]
        solo = store.query("SELECT source, team_id FROM drills ORDER BY id DESC LIMIT 1")[0]
        assert (solo["source"], solo["team_id"]) == ("play", None)
        assert control.board(store, made.id)[0].state == "finished"


def test_the_team_link_turns_off_instead_of_failing(tmp_path, day):
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    link = TeamLink(folder, day[1][0])
    assert not link.recording and "cannot be used as the store" in link.off
    link.start("flash-sale", 9, "standard")
    link.record(parse_action("05:00 severity SEV2"))
    assert link.beat("playing", 1.0, playing=True).injects == []
    link.finish({})
    link.close("left")
