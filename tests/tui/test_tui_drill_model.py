"""The console's model without widgets: clock, speed ladder, pause, journal, histories."""

from __future__ import annotations

import json

import pytest

from wargame.engine import Engine
from wargame.model.action import ActionError
from wargame.model.journal import read_journal
from wargame.tui import datadir
from wargame.tui.drill import MAX_STEP_WALL_S, SPEEDS, Drill, default_speed


def test_default_speed_makes_a_drill_last_5_to_15_minutes() -> None:
    for minutes in (10, 20, 30, 45, 60, 90, 120):
        speed = default_speed(minutes * 60)
        assert speed in SPEEDS
        assert 5 <= minutes / speed <= 15, (minutes, speed)


def test_speed_ladder_and_pause(test_scenario) -> None:
    d = Drill(test_scenario, seed=7, speed=1.0)
    d.slower()
    d.slower()
    assert d.speed == 0.5
    for _ in range(10):
        d.faster()
    assert d.speed == 16.0
    d.tick(0.25)
    assert d.now == pytest.approx(4.0)
    d.paused = True
    assert d.tick(0.25) is None and d.now == pytest.approx(4.0)
    d.paused = False
    d.tick(60)  # a stalled timer does not fast-forward a whole minute
    assert d.now == pytest.approx(4.0 + MAX_STEP_WALL_S * 16)


def test_journal_is_written_as_actions_happen_and_replays(test_scenario, tmp_path) -> None:
    path = datadir.journal_path(tmp_path, test_scenario.id, 7, "X")
    d = Drill(test_scenario, seed=7, journal=path)
    assert json.loads(path.read_text())["seed"] == 7  # header on disk before any action
    d.advance(170.3)
    d.act("set orders ap")
    assert len(path.read_text().splitlines()) == 2  # flushed at once
    d.advance(33.3)
    d.act("failover likes west")
    with pytest.raises(ActionError):
        d.act("set nosuch ap")
    d.act("severity sev2")
    assert d.severity == "SEV2"
    result = d.finish()
    journal = read_journal(path)
    assert [a.verb for a in journal.actions] == ["set", "failover", "severity"]
    replay = Engine(test_scenario, seed=7)
    replay.run(journal.actions)
    assert replay.result().model_dump() == result.model_dump()
    with pytest.raises(ActionError):
        d.act("severity sev1")  # the drill is over


def test_histories_and_feeds_fill(test_scenario) -> None:
    d = Drill(test_scenario, seed=7)
    d.advance(300)
    assert len(d.times) == 60
    assert d.history["error_rate"][-1] >= 0
    assert d.alerts and d.unacked()
    assert d.tickets_total == len(d.tickets) > 0
    assert all(a.t >= b.t for a, b in zip(d.tickets, list(d.tickets)[1:], strict=False))
    assert any(e.type == "inject" for e in d.timeline)
    d.act("ack all")
    assert not d.unacked()


def test_data_dir_follows_env_and_xdg(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("WARGAME_DATA_DIR", str(tmp_path / "w"))
    assert datadir.journal_dir() == tmp_path / "w" / "journals"
    assert datadir.journal_dir(tmp_path / "j") == tmp_path / "j"
    monkeypatch.delenv("WARGAME_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert datadir.data_dir() == tmp_path / "xdg" / "wargame"


def test_journal_names_never_collide_and_writes_are_atomic(tmp_path) -> None:
    first = datadir.journal_path(tmp_path, "s", 1, "T")
    first.write_text("x")
    second = datadir.journal_path(tmp_path, "s", 1, "T")
    assert second != first and second.name == "s-seed1-T-2.jsonl"
    target = tmp_path / "out" / "r.md"
    datadir.atomic_write(target, "hello")
    datadir.atomic_write(target, "again")
    assert target.read_text() == "again"
    assert [p.name for p in target.parent.iterdir()] == ["r.md"]
