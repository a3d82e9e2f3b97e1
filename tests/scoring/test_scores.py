"""The sanity the issue pins, on every shipped scenario and on the mini scenario.

These run the engine (the scoring reads its outcomes); they assert orderings
and caps, never exact figures, so tuning a shipped scenario cannot break them
unless it breaks the sanity itself.
"""

from __future__ import annotations

from functools import cache

import pytest
from scoring.helpers import play

from wargame.model.loader import list_scenarios, load_scenario
from wargame.respond import REACTION_S, respond
from wargame.scoring import Debrief, compare, debrief_json

SHIPPED = [s.id for s in list_scenarios()]
CLEARLY = 10.0
"""'Clearly lower': at least this many overall points below the responder."""
LATE_S = 300.0
"""A responder five minutes slower than the signals agreeing."""


@cache
def debrief_at(scenario_id: str, reaction_s: float) -> Debrief:
    """A responder with another reaction time than the reference's, scored as a player.

    It is not the reference run (which reacts ``REACTION_S`` after the signals agree), so
    its score is measured, not 100 by construction.
    """
    sc = load_scenario(scenario_id)
    return compare(sc, sc.seed, respond(sc, sc.seed, reaction_s=reaction_s).result)


def _mixes(sc) -> bool:
    sides = {"AP" if f.model.policy == "ap" else "CP" for f in sc.features}
    return len(sides) == 2


def test_there_are_shipped_scenarios() -> None:
    assert SHIPPED
    assert 0 < REACTION_S < LATE_S


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_responding_at_the_page_grades_a(scenario_id: str) -> None:
    d = debrief_at(scenario_id, 0.0)
    assert d.scores.grade == "A", d.scores.model_dump()


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_responding_five_minutes_late_costs_points(scenario_id: str) -> None:
    d = debrief_at(scenario_id, LATE_S)
    ref = next(r for r in d.comparison if r.run == "responder")
    assert d.scores.overall < ref.overall - 2, "reacting late must cost something"


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_naive_policies_score_clearly_lower_where_the_model_mixes(scenario_id: str) -> None:
    sc = load_scenario(scenario_id)
    if not _mixes(sc):
        pytest.skip("the model does not mix CP and AP here")
    rows = {r.run: r for r in debrief_at(scenario_id, 0.0).comparison}
    for naive in ("all-cp", "all-ap"):
        assert rows[naive].overall <= rows["responder"].overall - CLEARLY, (naive, rows[naive])


def test_mini_scenario_mixes_and_naive_lose(mini) -> None:
    assert _mixes(mini)
    d = compare(mini, mini.seed, play(mini, [], policy="model"))
    rows = {r.run: r for r in d.comparison}
    assert rows["responder"].overall >= 90
    assert rows["all-cp"].overall <= rows["responder"].overall - CLEARLY
    assert rows["all-ap"].overall <= rows["responder"].overall - CLEARLY
    # all-CP loses on revenue and trust, all-AP on safety
    assert rows["all-cp"].revenue < rows["responder"].revenue
    assert rows["all-ap"].safety < rows["responder"].safety


def test_any_violation_rules_out_an_a(mini) -> None:
    # as built, the block list is AP: a blocked person gets through
    player = play(mini, [])
    assert player.totals.violations > 0
    d = compare(mini, mini.seed, player)
    ref = next(r for r in d.comparison if r.run == "responder")
    assert player.totals.violations > ref.violations
    assert d.scores.grade != "A"
    # a violation the responder had too (done before anyone could act) does not count
    for row in d.comparison:
        if row.violations > ref.violations:
            assert row.grade != "A", row


def test_fixing_every_feature_beats_doing_nothing(mini) -> None:
    lazy = compare(mini, mini.seed, play(mini, []))
    fixed = compare(
        mini,
        mini.seed,
        play(mini, ["02:20 set posts ap", "02:20 set blocks cp", "02:20 set shop ap"]),
    )
    assert fixed.scores.overall > lazy.scores.overall
    assert fixed.scores.revenue.score > lazy.scores.revenue.score


def test_scores_are_deterministic_for_a_seed(mini) -> None:
    actions = ["02:30 set posts ap", "03:00 status-page hello"]
    a = compare(mini, 11, play(mini, actions, seed=11)).model_dump()
    b = compare(mini, 11, play(mini, actions, seed=11)).model_dump()
    assert a == b


def test_debrief_json_has_the_four_keys(mini) -> None:
    data = debrief_json(play(mini, []), mini)
    assert set(data) == {"scores", "verdicts", "incident_metrics", "comparison"}
    assert [r["run"] for r in data["comparison"]] == [
        "player",
        "responder",
        "model",
        "as-built",
        "all-cp",
        "all-ap",
    ]
    assert {v["feature"] for v in data["verdicts"]} == {f.id for f in mini.features}


def test_compare_refuses_a_run_of_another_scenario(mini) -> None:
    other = load_scenario(SHIPPED[0])
    with pytest.raises(ValueError, match="mini-social"):
        compare(other, 1, play(mini, []))
