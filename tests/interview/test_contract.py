"""The design contract: models, files, checks against the scenario, the engine's design start."""

from __future__ import annotations

import json

import pytest

from wargame.engine import Engine
from wargame.engine.levers import model_levers
from wargame.interview.contract import (
    Contract,
    ContractError,
    FeatureChoice,
    load_contract,
    parse_contract,
)
from wargame.interview.dump import dump_json, dump_toml
from wargame.model.action import ActionError
from wargame.model.loader import list_scenarios, load_scenario

SCENARIOS = list_scenarios()


def _run(scenario, **kw):
    engine = Engine(scenario, seed=scenario.seed, **kw)
    engine.run([])
    return engine.result()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_model_and_as_built_contracts_check_clean_and_round_trip(scenario) -> None:
    for contract in (Contract.from_model(scenario), Contract.from_as_built(scenario)):
        assert contract.check(scenario) == []
        assert set(contract.features) == {f.id for f in scenario.features}
        assert parse_contract(dump_json(contract), "c.json") == contract
        assert parse_contract(dump_toml(contract, scenario), "c.toml") == contract
        assert parse_contract(dump_toml(contract, scenario, notes=True), "c.toml") == contract


@pytest.mark.parametrize("sid", ["messaging", "rate-limiter-backend-shield", "erasure-and-audit"])
def test_the_model_contract_builds_exactly_the_model_run(sid) -> None:
    scenario = load_scenario(sid)
    design = Contract.from_model(scenario).levers(scenario)
    built = _run(scenario, design=design).model_dump_json(exclude={"policy"})
    model = _run(scenario, policy="model").model_dump_json(exclude={"policy"})
    assert built == model


def test_a_design_is_in_place_from_the_start_without_rollout_or_page() -> None:
    scenario = load_scenario("flash-sale")
    levers = [lever for f in scenario.features for lever in model_levers(f)]
    engine = Engine(scenario, seed=1, design=levers)
    assert engine.page_t is None  # nobody paged, yet the design is in force
    assert engine.features["inventory"].policy == {r: "ap" for r in scenario.region_ids()}
    assert engine.features["cart"].resolution == "crdt"
    assert engine.timeline == []  # no rollout was started
    assert [str(a) for a in engine.design] == [f"00:00 {lever}" for lever in levers]


def test_a_design_refuses_incident_levers_and_bad_settings() -> None:
    scenario = load_scenario("flash-sale")
    with pytest.raises(ActionError, match="running incident"):
        Engine(scenario, design=["shed us-east 10"])
    with pytest.raises(ActionError, match="does not support"):
        Engine(scenario, design=["set rate-limit queued"])
    with pytest.raises(ActionError, match="unknown feature"):
        Engine(scenario, design=["set nope ap"])


def test_check_names_each_problem_with_its_path() -> None:
    scenario = load_scenario("messaging")
    contract = Contract.from_model(scenario)
    features = dict(contract.features)
    features["send"] = features["send"].model_copy(
        update={"knobs": features["send"].knobs.model_copy(update={"retry": 99.0})}
    )
    del features["groups"]
    features["ghost"] = FeatureChoice(policy="ap")
    bad = contract.model_copy(update={"features": features, "scenario": "flash-sale"})
    problems = dict(bad.check(scenario))
    assert "flash-sale" in problems["scenario"]
    assert "unknown feature" in problems["features.ghost"]
    assert "groups" in problems["features"]
    assert "retry factor must be between 0 and 10" in problems["features.send.knobs.retry"]


def test_knobs_of_another_kind_are_refused_like_the_levers() -> None:
    scenario = load_scenario("flash-sale")
    contract = Contract.from_as_built(scenario)
    features = dict(contract.features)
    features["inventory"] = FeatureChoice.model_validate(
        {"policy": "ap", "knobs": {"dedup": True, "safe_home": True}}
    )
    features["rate-limit"] = FeatureChoice.model_validate({"policy": "queued"})
    problems = dict(contract.model_copy(update={"features": features}).check(scenario))
    assert "messaging setting" in problems["features.inventory.knobs.dedup"]
    assert "safe-mode factor" in problems["features.inventory.knobs.safe_home"]
    assert "does not support 'queued'" in problems["features.rate-limit.policy"]


TOML_BAD = """scenario = "flash-sale"

[features.inventory]
policy = "ap"

[features.cart]
policy = "sideways"

[features.catalog]
policy = "ap"

[features.rate-limit]
policy = "ap"
[features.rate-limit.knobs]
retry = 3
safe_mode = 0.5

[features.payment]
policy = "queued"
reason = "e"
"""


def test_toml_errors_have_file_line_and_path(tmp_path) -> None:
    scenario = load_scenario("flash-sale")
    path = tmp_path / "c.toml"
    path.write_text(TOML_BAD)
    with pytest.raises(ContractError) as info:
        load_contract(path, scenario)
    lines = str(info.value).splitlines()
    assert any(line.startswith(f"{path}:7: features.cart.policy: ") for line in lines), lines
    assert any(line.startswith(f"{path}:20: features.payment.reason: ") for line in lines), lines
    # the types are fine now: the scenario check finds the safe-mode factor out of range
    path.write_text(TOML_BAD.replace("sideways", "ap").replace('"e"', '"b"'))
    with pytest.raises(ContractError) as info:
        load_contract(path, scenario)
    assert str(info.value) == (
        f"{path}:16: features.rate-limit.knobs.safe_mode: safety factor must be between 1 and 1000"
    )


def test_json_errors_have_file_line_and_path(tmp_path) -> None:
    scenario = load_scenario("flash-sale")
    data = json.loads(dump_json(Contract.from_as_built(scenario)))
    data["features"]["payment"]["knobs"]["ttl"] = 0
    data["features"]["cart"]["colour"] = "red"
    path = tmp_path / "c.json"
    text = json.dumps(data, indent=2)
    path.write_text(text)
    with pytest.raises(ContractError) as info:
        load_contract(path, scenario)
    lines = text.splitlines()
    colour = next(i for i, line in enumerate(lines, 1) if '"colour"' in line)
    assert str(info.value) == f"{path}:{colour}: features.cart.colour: unknown key " + (
        "(check the spelling; see README.md, Interview mode)"
    )
    del data["features"]["cart"]["colour"]
    text = json.dumps(data, indent=2)
    path.write_text(text)
    with pytest.raises(ContractError) as info:
        load_contract(path, scenario)
    ttl = [i for i, line in enumerate(text.splitlines(), 1) if '"ttl"' in line][-1]
    assert str(info.value).startswith(f"{path}:{ttl}: features.payment.knobs.ttl: queue TTL")


@pytest.mark.parametrize(
    ("name", "text", "expect"),
    [
        ("c.toml", 'scenario = "x"\n\n[features\n', ":3: TOML syntax error"),
        ("c.json", '{"scenario": "x",\n "features": {,}}', ":2: not JSON"),
        ("c.json", '{"scenario": NaN, "features": {}}', "c.json:"),
        ("c.json", "[1, 2]", ":1: expected a table"),
        ("c.toml", 'scenario = "x"\n', "features: required key is missing"),
    ],
)
def test_syntax_errors_are_one_line_with_a_line_number(tmp_path, name, text, expect) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ContractError) as info:
        load_contract(path, load_scenario("flash-sale"))
    assert expect in str(info.value)
    assert "Traceback" not in str(info.value)


def test_special_files_are_refused(tmp_path) -> None:
    with pytest.raises(ContractError, match="is a directory"):
        load_contract(tmp_path, load_scenario("flash-sale"))
    with pytest.raises(ContractError, match="no such file"):
        load_contract(tmp_path / "missing.toml", load_scenario("flash-sale"))
