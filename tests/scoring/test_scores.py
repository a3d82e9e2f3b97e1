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
from wargame.scoring import Debrief, compare, debrief_json
from wargame.scoring.rules import VIOLATION_CAP

SHIPPED = [s.id for s in list_scenarios()]
CLEARLY = 10.0
"""'Clearly lower': at least this many overall points below the model."""


@cache
def model_debrief(scenario_id: str) -> Debrief:
    """The model run scored as if a player had played it (cached per scenario)."""
    sc = load_scenario(scenario_id)
    return compare(sc, sc.seed, play(sc, [], policy="model"))


def _mixes(sc) -> bool:
    sides = {"AP" if f.model.policy == "ap" else "CP" for f in sc.features}
    return len(sides) == 2


def test_there_are_shipped_scenarios() -> None:
    assert SHIPPED


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_model_scores_at_least_90(scenario_id: str) -> None:
    d = model_debrief(scenario_id)
    assert d.scores.overall >= 90, d.scores.model_dump()
    assert d.scores.grade == "A"
    row = next(r for r in d.comparison if r.run == "model")
    assert row.overall == d.scores.overall


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_naive_policies_score_clearly_lower_where_the_model_mixes(scenario_id: str) -> None:
    sc = load_scenario(scenario_id)
    if not _mixes(sc):
        pytest.skip("the model does not mix CP and AP here")
    rows = {r.run: r for r in model_debrief(scenario_id).comparison}
    for naive in ("all-cp", "all-ap"):
        assert rows[naive].overall <= rows["model"].overall - CLEARLY, (naive, rows[naive])


def test_mini_scenario_mixes_and_naive_lose(mini) -> None:
    assert _mixes(mini)
    d = compare(mini, mini.seed, play(mini, [], policy="model"))
    rows = {r.run: r for r in d.comparison}
    assert rows["model"].overall >= 90
    assert rows["all-cp"].overall <= rows["model"].overall - CLEARLY
    assert rows["all-ap"].overall <= rows["model"].overall - CLEARLY
    # all-CP loses on revenue and trust, all-AP on safety
    assert rows["all-cp"].revenue < rows["model"].revenue
    assert rows["all-ap"].safety < rows["model"].safety


def test_any_violation_caps_the_grade(mini) -> None:
    # as built, the block list is AP: a blocked person gets through
    player = play(mini, [])
    assert player.totals.violations > 0
    d = compare(mini, mini.seed, player)
    assert d.scores.capped
    assert d.scores.overall <= VIOLATION_CAP
    assert d.scores.grade in ("D", "F")
    assert "cap" in d.scores.cap_reason
    # every comparison row with a violation is capped too
    for row in d.comparison:
        if row.violations:
            assert row.overall <= VIOLATION_CAP, row


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
