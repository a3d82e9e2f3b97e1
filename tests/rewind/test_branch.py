"""Branching: the rest of the drill re-run with the responder, nobody, or other actions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring.helpers import GOOD_PLAY, mini_scenario

from wargame.engine import Engine
from wargame.model.action import parse_action
from wargame.respond import respond
from wargame.rewind import TOTAL_KEYS, RewindError, branch, branch_run
from wargame.scoring.runs import counterfactuals

SCENARIO = mini_scenario()
ACTIONS = [parse_action(a) for a in GOOD_PLAY]
REFS = counterfactuals(SCENARIO, SCENARIO.seed)


def _run(actions, seed=None):
    e = Engine(SCENARIO, seed=seed)
    e.run(actions)
    return e.result()


@settings(max_examples=12, deadline=None)
@given(
    keep=st.lists(st.sampled_from(range(len(ACTIONS))), unique=True),
    after=st.floats(min_value=0.001, max_value=300.0),
    seed=st.integers(min_value=0, max_value=50),
)
def test_branching_with_none_after_the_last_action_is_the_original(keep, after, seed) -> None:
    actions = [ACTIONS[i] for i in sorted(keep)]
    last = max((a.t for a in actions), default=0.0)
    at = min(SCENARIO.duration, last + after)
    if actions and at <= last:
        return  # the last action sits at the very end: no time after it
    result, tried, kept = branch_run(SCENARIO, seed, actions, at, "none")
    assert (tried, kept) == ([], len(actions))
    assert result.model_dump_json() == _run(actions, seed).model_dump_json()


@settings(max_examples=8, deadline=None)
@given(
    keep=st.lists(st.sampled_from(range(len(ACTIONS))), unique=True),
    seed=st.integers(min_value=0, max_value=50),
)
def test_branching_at_zero_with_respond_is_the_responder_run(keep, seed) -> None:
    actions = [ACTIONS[i] for i in sorted(keep)]
    result, _, kept = branch_run(SCENARIO, seed, actions, 0.0, "respond")
    assert kept == 0
    assert result.model_dump_json() == respond(SCENARIO, seed).result.model_dump_json()


def test_responder_takes_over_later_keeping_what_came_before() -> None:
    at = 200.0
    result, _, kept = branch_run(SCENARIO, None, ACTIONS, at, "respond")
    before = [a.describe() for a in ACTIONS if a.t < at]
    assert kept == len(before)
    done = [a.describe() for a in result.actions]
    assert done[: len(before)] == before
    theirs = result.actions[len(before) :]
    assert theirs and all(a.t >= at for a in theirs)
    # it picks up what the player already did: no second SEV1, no second page of platform
    assert [a.describe() for a in theirs].count("severity SEV1") == 0
    assert "page platform" not in [a.describe() for a in theirs]
    # and still applies the model the player had not applied yet
    assert "set shop ap" in [a.describe() for a in theirs]


def test_responder_that_takes_over_undoes_a_wrong_policy() -> None:
    wrong = [parse_action("02:30 set blocks ap"), parse_action("02:30 set posts cp")]
    wrong.append(parse_action("02:40 set blocks cp-reads"))
    result, _, _ = branch_run(SCENARIO, None, wrong, 180.0, "respond")
    later = [a.describe() for a in result.actions if a.t >= 180.0]
    assert "set blocks cp" in later and "set posts ap" in later


def test_none_at_a_decision_undoes_it() -> None:
    at = parse_action("06:30 set shop ap").t
    result, _, kept = branch_run(SCENARIO, None, ACTIONS, at, "none")
    assert "set shop ap" not in [a.describe() for a in result.actions]
    assert kept == sum(1 for a in ACTIONS if a.t < at)


def test_try_an_action_here() -> None:
    b = branch(SCENARIO, None, ACTIONS, 150.0, [parse_action("set shop ap", t=0.0)], refs=REFS)
    assert b.then == "actions" and [a.t for a in b.tried] == [150.0]
    done = [(a.t, a.describe()) for a in b.branched.actions]
    assert done == [(a.t, a.describe()) for a in ACTIONS if a.t < 150.0] + [(150.0, "set shop ap")]
    assert b.dropped == sum(1 for a in ACTIONS if a.t >= 150.0)


def test_branch_scores_both_runs_and_their_difference() -> None:
    b = branch(SCENARIO, None, ACTIONS, 60.0 * 2 + 20, "none", refs=REFS)
    o, n = b.original_totals, b.branch_totals
    assert o.overall == b.original_debrief.scores.overall
    assert n.overall == b.branch_debrief.scores.overall
    for k in TOTAL_KEYS:
        assert b.difference[k] == pytest.approx(getattr(n, k) - getattr(o, k), abs=0.01)
    # doing nothing after the page throws the good play away: worse overall, more user harm
    assert b.difference["overall"] < 0 and b.difference["user_minutes"] > 0
    summary = b.summary()
    assert set(summary) >= {"original", "branch", "difference", "at_t", "then"}
    assert b.original.model_dump_json() == _run(ACTIONS).model_dump_json()


def test_trying_an_action_before_the_page_is_refused() -> None:
    with pytest.raises(RewindError, match="before the page"):
        branch_run(SCENARIO, None, ACTIONS, 10.0, [parse_action("set shop ap", t=0.0)])


def test_branch_point_outside_the_drill_is_refused() -> None:
    with pytest.raises(RewindError, match="past the end"):
        branch_run(SCENARIO, None, ACTIONS, SCENARIO.duration + 1, "none")
    with pytest.raises(RewindError):
        branch_run(SCENARIO, None, ACTIONS, -5.0, "respond")
