"""Rewind: the console at any moment, rebuilt by replaying the journal."""

from __future__ import annotations

import pytest
from scoring.helpers import GOOD_PLAY, mini_scenario

from wargame.engine import Engine
from wargame.model.action import parse_action
from wargame.rewind import Rewinder, RewindError, state_at

SCENARIO = mini_scenario()
ACTIONS = [parse_action(a) for a in GOOD_PLAY]


def test_moment_is_the_engine_stopped_at_t() -> None:
    m = state_at(SCENARIO, None, ACTIONS, 200.0)
    e = Engine(SCENARIO)
    for a in ACTIONS:
        if a.t <= 200.0:
            e.advance_to(a.t)
            e.apply(a)
    e.advance_to(200.0)
    assert m.t == 200.0 and m.clock == "03:20"
    assert m.view == e.view()
    assert [a.describe() for a in m.actions] == [a.describe() for a in e.actions]
    assert [a.describe() for a in m.actions] == [a.describe() for a in ACTIONS if a.t <= 200.0]
    assert m.alerts == tuple(e.alerts())


def test_totals_so_far_grow_and_stop_short_of_the_end() -> None:
    early = state_at(SCENARIO, None, ACTIONS, 150.0)
    late = state_at(SCENARIO, None, ACTIONS, 400.0)
    e = Engine(SCENARIO)
    e.run(ACTIONS)
    full = e.result()
    assert 0 < early.so_far.totals.requests < late.so_far.totals.requests < full.totals.requests
    assert early.tickets_total <= late.tickets_total <= full.tickets.total
    assert len(early.alerts) <= len(late.alerts)


def test_moment_shows_the_action_at_exactly_t_and_its_rollout() -> None:
    at = parse_action("02:30 set posts ap").t
    before = state_at(SCENARIO, None, ACTIONS, at - 1)
    at_t = state_at(SCENARIO, None, ACTIONS, at)
    posts = {f.id: f for f in at_t.view.features}["posts"]
    assert set(posts.target.values()) == {"ap"}
    assert "set posts ap" not in [a.describe() for a in before.actions]
    assert "set posts ap" in [a.describe() for a in at_t.actions]


def test_beliefs_settings_and_operations_so_far() -> None:
    actions = [*ACTIONS, parse_action("04:00 diagnose split east west")]
    actions.append(parse_action("04:10 resolve posts merge"))
    quick = SCENARIO.control.model_copy(update={"deploy_s": 60})
    scenario = SCENARIO.model_copy(update={"control": quick})
    m = state_at(scenario, None, actions, 250.0)
    assert [h.kind for h in m.beliefs] == ["split"]
    assert m.beliefs[0].correct  # the mini scenario splits east from west at 02:00
    assert m.faults and m.faults[0].kind == "split"
    assert m.settings["posts"]["resolution"] == "lww"  # a resolution change needs a deploy
    assert state_at(scenario, None, actions, 320.0).settings["posts"]["resolution"] == "merge"
    assert [team for _, team in m.so_far.operations.pages] == ["platform"]
    assert m.so_far.operations.severity == [(160.0, "SEV1")]
    assert m.page_t is not None and m.page_t <= 140.0


def test_rewinder_runs_on_forward_and_replays_backward() -> None:
    r = Rewinder(SCENARIO, None, ACTIONS)
    fresh = {t: state_at(SCENARIO, None, ACTIONS, t) for t in (100.0, 300.0, 500.0)}
    a, b = r.at(100.0), r.at(300.0)
    assert r.replays == 1
    c = r.at(100.0)
    assert r.replays == 2
    assert r.at(500.0).view == fresh[500.0].view
    assert a.view == fresh[100.0].view == c.view and b.view == fresh[300.0].view
    # a moment is frozen: running on must not change what it holds
    assert a.so_far.series.t == fresh[100.0].so_far.series.t
    assert a.tickets == fresh[100.0].tickets and a.logs == fresh[100.0].logs


def test_reading_moments_does_not_change_the_run() -> None:
    r = Rewinder(SCENARIO, None, ACTIONS)
    for t in range(0, int(SCENARIO.duration) + 1, 60):
        r.at(float(t))
    e = Engine(SCENARIO)
    e.run(ACTIONS)
    assert r.engine.result().model_dump_json() == e.result().model_dump_json()


@pytest.mark.parametrize("t", [-1.0, float("nan"), 721.0])
def test_times_outside_the_drill_are_refused(t: float) -> None:
    with pytest.raises(RewindError):
        state_at(SCENARIO, None, ACTIONS, t)


def test_end_of_drill_is_a_moment() -> None:
    m = state_at(SCENARIO, None, ACTIONS, SCENARIO.duration)
    assert m.t == SCENARIO.duration and len(m.actions) == len(ACTIONS)
