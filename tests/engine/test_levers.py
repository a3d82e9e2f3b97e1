"""Setting levers: resolve, dedup, retry, indicators, safe-mode (home), ttl, fence.

Each takes effect after its rollout (configuration) or deploy (code), and every
setting a shipped model uses can be reached from as-built with levers only.
"""

import pytest
from support.builders import designed, feature, scenario

from wargame.engine import Engine
from wargame.engine.levers import model_levers
from wargame.model.loader import list_scenarios


def _effects(e: Engine) -> list[tuple[str, float]]:
    return [(x.text, x.t) for x in e.timeline if x.type == "engine" and "in effect" in x.text]


def test_configuration_levers_take_the_rollout_and_code_levers_the_deploy():
    sc = scenario(
        [feature("msg", "messaging", "ap")],
        control={"policy_rollout_s": 10, "deploy_s": 200, "page_at": 0},
    )
    e = Engine(sc)
    e.advance(5)
    e.apply("retry msg 1")
    e.apply("indicators msg optimistic")
    e.apply("dedup msg on")
    e.apply("resolve msg crdt")
    fs = e.features["msg"]
    assert fs.knobs.retry_factor == 3.0 and not fs.knobs.dedup and fs.resolution == "lww"
    e.advance(300)
    assert _effects(e) == [
        ("Msg: clients retry x1 in effect", 15.0),
        ("Msg: optimistic indicators in effect", 15.0),
        ("Msg: dedup on in effect", 205.0),
        ("Msg: conflict resolution crdt in effect", 205.0),
    ]
    assert fs.knobs.retry_factor == 1.0 and fs.knobs.dedup and fs.knobs.indicators == "optimistic"
    assert fs.resolution == "crdt"


def test_a_later_change_of_a_setting_supersedes_one_under_way():
    sc = scenario([feature("msg", "messaging", "ap")], control={"deploy_s": 100, "page_at": 0})
    e = Engine(sc)
    e.apply("dedup msg on")
    e.advance(50)
    e.apply("dedup msg off")
    e.advance(200)
    assert _effects(e) == [("Msg: dedup off in effect", 150.0)]
    assert not e.features["msg"].knobs.dedup


def test_safe_mode_home_and_off():
    sc = scenario([feature("lim", "rate_limiter", "ap")], control={"page_at": 0})
    e = Engine(sc)
    text = e.apply("safe-mode lim 2 home").text
    assert "home region" in text
    e.advance(sc.control.policy_rollout_s)
    fs = e.features["lim"]
    assert fs.safe_factor == 2.0 and fs.knobs.home_region and fs.knobs.safe_factor == 2.0
    e.apply("safe-mode lim off")
    e.advance(sc.control.policy_rollout_s)
    assert fs.safe_factor is None and not fs.knobs.home_region


def test_ttl_lever_changes_when_queued_writes_are_dropped():
    def lost(actions: list[str]) -> int:
        sc = scenario([feature("q", "feed", "queued")], duration=600)
        e = Engine(sc)
        for a in actions:
            e.apply(a)
        return e.result().features["q"].lost_writes

    assert lost([]) == 0
    assert lost(["ttl q 60"]) > 0


@pytest.mark.parametrize("sc", list_scenarios(), ids=lambda s: s.id)
def test_every_shipped_model_is_reachable_from_as_built_with_levers_only(sc):
    e = Engine(designed(sc), policy="as-built")
    for spec in sc.features:
        for text in model_levers(spec):
            e.apply(text)
    c = sc.control
    e.advance(max(c.deploy_s, c.policy_rollout_s) + 1)
    for spec in sc.features:
        fs = e.features[spec.id]
        assert set(fs.policy.values()) == {spec.model.policy}, spec.id
        assert fs.resolution == (spec.model.resolution or spec.resolution), spec.id
        assert fs.knobs.model_dump() == spec.model_knobs().model_dump(), spec.id
        model = Engine(designed(sc), policy="model").features[spec.id]
        assert fs.safe_factor == model.safe_factor, spec.id


def test_a_model_knob_without_a_lever_is_named():
    spec = scenario(
        [feature("inv", "inventory", "cp", model_policy="ap")],
    ).features[0]
    spec = spec.model_copy(
        update={"model": spec.model.model_copy(update={"knobs": {"hot_stock": 5}})}
    )
    with pytest.raises(ValueError, match="hot_stock"):
        model_levers(spec)
