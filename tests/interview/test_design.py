"""Scoring a design: the model's contract on top, flips and wrong reasons named, strict JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.interview.contract import Contract, DesignKnobs, FeatureChoice
from wargame.interview.design import evaluate
from wargame.interview.reasons import statements
from wargame.interview.render import contract_markdown, debrief_text
from wargame.model.loader import list_scenarios, load_scenario
from wargame.model.scenario import KIND_POLICIES
from wargame.scoring.runs import counterfactuals

SCENARIOS = list_scenarios()
TIES = {("messaging", "receipts")}
"""Flips the incident cannot tell from the model: the receipts keep honest indicators, so
queuing them or accepting them locally shows users the same thing in this incident."""


def _flip(contract: Contract, fid: str, policy: str) -> Contract:
    choice = contract.features[fid].model_copy(update={"policy": policy})
    return contract.model_copy(update={"features": {**contract.features, fid: choice}})


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_the_model_contract_scores_at_the_top_and_every_flip_lower(scenario) -> None:
    refs = counterfactuals(scenario, scenario.seed)
    model = Contract.from_model(scenario)
    top = evaluate(scenario, model, refs=refs)
    assert top.score == top.model_score == 100.0
    assert top.points_vs_model == 0.0
    assert all(top.score >= row.overall for row in top.debrief.comparison)
    assert all(f.matches_model and not f.deviations for f in top.features)
    assert top.reasons_right == len(scenario.features)
    assert all(s.level in ("L6", "not shown") for s in top.signals), top.signals
    for spec in scenario.features:
        flipped = "ap" if model.features[spec.id].policy != "ap" else "cp"
        if flipped not in KIND_POLICIES[spec.kind]:
            flipped = "cp-reads"
        r = evaluate(scenario, _flip(model, spec.id, flipped), refs=refs)
        review = next(f for f in r.features if f.feature == spec.id)
        assert not review.matches_model
        assert review.deviations[0].setting == "policy"
        assert review.users_see in review.deviations[0].consequence
        if (scenario.id, spec.id) in TIES:
            assert r.score == top.score
            continue
        assert r.score < top.score, (spec.id, r.score)
        # the debrief names the feature and what it cost against the model
        assert review.points_lost > 0 and review.cost_vs_model
        text = " ".join(debrief_text(r, scenario).split())
        assert spec.name in text and review.cost_vs_model in text
        # the other features are untouched
        assert all(f.matches_model for f in r.features if f.feature != spec.id)


def test_a_blanket_policy_is_the_system_wide_mistake() -> None:
    scenario = load_scenario("news-feed")
    model = Contract.from_model(scenario)
    contract = model
    for f in scenario.features:
        contract = _flip(contract, f.id, "cp")
    r = evaluate(scenario, contract)
    signal = next(s for s in r.signals if s.id == "per-feature")
    assert signal.level == "L5" and "every feature is cp" in signal.evidence
    assert r.verdict.startswith("L5")
    assert r.levels.startswith("L5 and L6 are interview levels")


def test_a_wrong_reason_is_named_with_its_explanation() -> None:
    scenario = load_scenario("transatlantic-cut")
    model = Contract.from_model(scenario)
    blocks = next(f for f in scenario.features if f.id == "blocks")
    wrong = next(s for s in statements(scenario, blocks) if s.mistake == "ap-always")
    choice = model.features["blocks"].model_copy(update={"reason": wrong.key})
    contract = model.model_copy(update={"features": {**model.features, "blocks": choice}})
    r = evaluate(scenario, contract)
    review = next(f for f in r.features if f.feature == "blocks")
    assert not review.reason.correct
    assert review.reason.mistake == "ap-always"
    assert review.reason.label == "AP is always better for users"
    assert review.reason.explanation == wrong.why
    assert review.reason.right != wrong.key
    assert r.reasons_right == len(scenario.features) - 1
    visible = next(s for s in r.signals if s.id == "user-visible")
    assert visible.level == "L5" and "AP is always better for users" in visible.evidence
    text = " ".join(debrief_text(r, scenario).split())
    assert f"Reason {wrong.key}: wrong, AP is always better for users." in text
    # the run is the model's: a wrong reason costs no points, only the signal
    assert r.score == 100.0


def test_missing_safeguards_are_the_failure_modes_signal() -> None:
    scenario = load_scenario("messaging")
    model = Contract.from_model(scenario)
    choice = model.features["send"].model_copy(update={"knobs": DesignKnobs(dedup=False)})
    r = evaluate(
        scenario, model.model_copy(update={"features": {**model.features, "send": choice}})
    )
    signal = next(s for s in r.signals if s.id == "failure-modes")
    assert signal.level == "L5" and "Direct messages: dedup off" in signal.evidence
    assert r.score < 100.0


def test_export_has_the_report_contract_shape() -> None:
    from wargame.scoring.contract import contract
    from wargame.scoring.markdown import contract_table

    scenario = load_scenario("flash-sale")
    model = Contract.from_model(scenario)
    text = contract_markdown(model, scenario)
    # the model's contract exports exactly the report's contract table
    assert "\n".join(contract_table(contract(scenario))) in text
    flipped = contract_markdown(_flip(model, "inventory", "cp"), scenario)
    head = contract_table(contract(scenario))[:2]
    assert "\n".join(head) in flipped
    assert "| Checkout & stock | CP (refuse without quorum) | checkout fails" in flipped
    assert model.features["inventory"].justification[:40] in text


_SC = load_scenario("price-cache")
_REFS = counterfactuals(_SC, _SC.seed)


def _choices(spec):
    knobs = st.builds(
        DesignKnobs,
        retry=st.none() | st.floats(0, 10),
        ttl=st.none() | st.floats(1, 86400),
    )
    return st.builds(
        FeatureChoice,
        policy=st.sampled_from(sorted(KIND_POLICIES[spec.kind])),
        resolution=st.none() | st.sampled_from(["lww", "merge", "crdt", "app"]),
        knobs=knobs,
        reason=st.none() | st.sampled_from(["a", "b", "c", "d"]),
        justification=st.text(max_size=50),
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({f.id: _choices(f) for f in _SC.features}))
def test_random_contracts_never_crash_and_give_strict_json(features) -> None:
    contract = Contract(scenario=_SC.id, features=features)
    r = evaluate(_SC, contract, refs=_REFS)
    assert r.score <= 100.0 + 1e-9 or r.points_vs_model > 0
    text = json.dumps(r.model_dump(mode="json"), allow_nan=False)
    assert json.loads(text)["scenario"] == _SC.id
    assert debrief_text(r, _SC)
    assert contract_markdown(contract, _SC)
