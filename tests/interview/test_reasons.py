"""The four statements per feature: one holds, three are the chapter's L5 mistakes."""

from __future__ import annotations

import string

import pytest

from wargame.interview.reasons import HOLDS, load_templates, statements
from wargame.model.loader import list_scenarios
from wargame.model.scenario import KINDS, POLICIES, Feature
from wargame.scoring.contract import users_see

SCENARIOS = list_scenarios()
MISTAKES = {"system-wide", "cp-accuracy", "exactly-once", "ap-always", "abstract"}


def _all():
    return [(sc, f, statements(sc, f)) for sc in SCENARIOS for f in sc.features]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_every_shipped_feature_has_exactly_one_statement_that_holds(scenario) -> None:
    for spec in scenario.features:
        st = statements(scenario, spec)
        assert [s.key for s in st] == ["a", "b", "c", "d"]
        assert sum(s.correct for s in st) == 1, spec.id
        assert len({s.text for s in st}) == 4
        right = next(s for s in st if s.correct)
        assert right.mistake == HOLDS
        # the statement that holds names what the feature's users see under the model
        assert users_see(spec.kind, spec.model.policy) in right.text
        wrong = [s for s in st if not s.correct]
        assert {s.mistake for s in wrong} <= MISTAKES and len({s.mistake for s in wrong}) == 3
        assert all(s.why and s.label for s in st)
        assert all("{" not in s.text for s in st)


def test_the_order_is_stable_and_not_by_position() -> None:
    found = _all()
    assert [s for _, _, s in found] == [s for _, _, s in _all()]  # same on every call
    n = len(found)
    places = [next(s.key for s in st if s.correct) for _, _, st in found]
    for key in "abcd":
        assert places.count(key) <= 0.4 * n, (key, places.count(key), n)
    longest = sum(
        max(len(s.text) for s in st) == len(next(s.text for s in st if s.correct))
        for _, _, st in found
    )
    assert longest <= 0.5 * n  # the right statement cannot be spotted by its length


def test_every_kind_and_policy_has_a_statement_that_holds() -> None:
    """New scenarios get a correct statement whatever their kinds and models."""
    t = load_templates()
    assert set(t["holds"]["default"]) == set(POLICIES)
    for kind, by_policy in t["holds"].items():
        assert kind == "default" or kind in KINDS
        assert set(by_policy) <= set(POLICIES)
    fields = {"name", "users", "policy"}
    for group in ("holds", "mistakes"):
        for entry in t[group].values():
            for text in entry.values():
                used = {f for _, f, _, _ in string.Formatter().parse(text) if f}
                assert used <= fields, text


def test_statements_follow_the_feature_not_the_scenario_file() -> None:
    scenario = next(s for s in SCENARIOS if s.id == "news-feed")
    blocks = next(f for f in scenario.features if f.id == "blocks")
    as_ap = Feature.model_validate(
        {
            **blocks.model_dump(exclude_unset=True),
            "model": {**blocks.model.model_dump(exclude_unset=True), "policy": "ap", "knobs": {}},
        }
    )
    right = next(s for s in statements(scenario, as_ap) if s.correct)
    assert users_see("block_list", "ap") in right.text
    mistakes = {s.mistake for s in statements(scenario, as_ap) if not s.correct}
    assert "cp-accuracy" in mistakes  # an AP model's statements argue the CP mistakes
    mistakes = {s.mistake for s in statements(scenario, blocks) if not s.correct}
    assert "ap-always" in mistakes
