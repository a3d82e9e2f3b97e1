"""Every cost and knob of the scenario format changes a run's outcome.

For each field: a small scenario where it applies, run twice with two values,
and some outcome (counts, money, operations) must differ. A field that could be
set and ignored would fail here.
"""

from typing import Any

import pytest
from support.builders import feature, lossy_west, scenario

from wargame.engine import Engine
from wargame.model.scenario import Control, Costs, Knobs

REV = ("block_list", "moderation", "session", "access_control", "erasure")
LOSSY = lossy_west(0.5)

# field -> (kind, policy, feature extras, value a, value b, scenario extras)
KNOB_CASES: dict[str, tuple[str, str, dict[str, Any], Any, Any, dict[str, Any]]] = {
    "leader": ("feed", "cp", {}, "east", "west", {}),
    "replicas": ("feed", "cp", {}, ["east", "west", "asia"], ["west", "asia"], {}),
    "write_quorum": ("feed", "cp", {"knobs": {"leader": "west"}}, "majority", "all", {}),
    "cross_region_fraction": ("feed", "ap", {}, 0.1, 0.9, {}),
    "leader_capacity": ("feed", "cp-reads", {"knobs": {"retry_factor": 5}}, 1.5, 50, {}),
    "retry_factor": ("feed", "cp-reads", {}, 0.0, 5.0, {}),
    "pending_ttl_s": ("feed", "queued", {}, 60, 1800, {}),
    "patience_s": ("feed", "queued", {}, 30, 86400, {}),
    "replication": ("feed", "cp", {}, "sync", "async", {}),
    "auto_failover_s": ("feed", "cp", {}, None, 30, {}),
    "reconcile_per_s": ("feed", "ap", {}, None, 5, {}),
    "hot_skus": ("inventory", "ap", {"knobs": {"hot_stock": 50, "hot_fraction": 0.5}}, 1, 5, {}),
    "hot_stock": ("inventory", "ap", {"knobs": {"hot_skus": 2, "hot_fraction": 0.5}}, 20, 5000, {}),
    "hot_fraction": ("inventory", "ap", {"knobs": {"hot_skus": 2, "hot_stock": 100}}, 0.0, 0.5, {}),
    "hot_decay_s": (
        "inventory",
        "ap",
        {"knobs": {"hot_skus": 2, "hot_stock": 100, "hot_fraction": 0.5}},
        None,
        30,
        {},
    ),
    "limit_per_min": ("rate_limiter", "ap", {"knobs": {"abuser_share": 0.1}}, 50, 400, {}),
    "partition_limit": ("rate_limiter", "ap", {}, "full", "split", {}),
    "legit_mean_per_min": (
        "rate_limiter",
        "ap",
        {"knobs": {"partition_limit": "split"}},
        5,
        60,
        {},
    ),
    "abuser_share": ("rate_limiter", "ap", {}, 0.0, 0.2, {}),
    "abuser_rate_per_min": ("rate_limiter", "ap", {"knobs": {"abuser_share": 0.2}}, 150, 2000, {}),
    "backend_capacity": ("rate_limiter", "ap", {"knobs": {"abuser_share": 0.3}}, None, 1.05, {}),
    "home_region": ("rate_limiter", "ap", {"knobs": {"partition_limit": "split"}}, False, True, {}),
    "safe_factor": ("rate_limiter", "ap", {"knobs": {"abuser_share": 0.2}}, None, 4, {}),
    "delivery": ("messaging", "ap", {}, "at-least-once", "at-most-once", {}),
    "dedup": ("messaging", "ap", {"knobs": {"duplicate_rate": 0.5}}, False, True, {}),
    "indicators": ("messaging", "ap", {}, "honest", "optimistic", {}),
    "duplicate_rate": ("messaging", "ap", {}, 0.0, 0.5, {}),
    "double_charge_rate": ("payment", "ap", {}, 0.0, 0.2, {}),
    "overdraft_rate": ("payment", "ap", {}, 0.0, 0.2, {}),
    "authorize_hold": ("payment", "queued", {"knobs": {"overdraft_rate": 0.2}}, False, True, {}),
    "checkout_verifies": ("catalog", "ap", {"knobs": {"stale_trade_rate": 0.5}}, True, False, {}),
    "stale_trade_rate": ("catalog", "ap", {"knobs": {"checkout_verifies": False}}, 0.0, 0.5, {}),
    "remove_fraction": ("cart", "ap", {"resolution": "merge"}, 0.0, 1.0, {}),
    "exposure_per_min": ("block_list", "ap", {}, 0.0, 0.5, {}),
    "ordering": ("feed", "ap", {}, "none", "causal", {}),
}

COST_CASES: dict[str, list[tuple[str, str, dict[str, Any], dict[str, Any]]]] = {
    "refund_per_oversell": [
        ("inventory", "ap", {"knobs": {"hot_skus": 1, "hot_stock": 2000, "hot_fraction": 0.5}}, {})
    ],
    "refund_per_duplicate": [("payment", "ap", {"knobs": {"double_charge_rate": 0.3}}, {})],
    "compensation_per_lost_write": [
        ("feed", "queued", {"knobs": {"pending_ttl_s": 60}}, {}),
        ("counter", "ap", {}, {}),
        ("feed", "cp", {}, {"split_brain": True}),
    ],
    "compensation_per_violation": [
        *[(k, "ap", {"knobs": {"exposure_per_min": 0.5}}, {}) for k in REV],
        ("payment", "ap", {"knobs": {"overdraft_rate": 0.2}}, {}),
        ("catalog", "ap", {"knobs": {"checkout_verifies": False, "stale_trade_rate": 0.5}}, {}),
    ],
}

IGNORED_KNOBS = {"base": "the counter's starting value: outcomes count increments, not totals"}


def _outcome(sc) -> str:
    r = Engine(sc).result()
    return r.totals.model_dump_json() + r.operations.model_dump_json()


def test_every_knob_and_cost_has_a_case():
    assert set(KNOB_CASES) | set(IGNORED_KNOBS) == set(Knobs.model_fields)
    assert set(COST_CASES) == set(Costs.model_fields)


@pytest.mark.parametrize("name", sorted(KNOB_CASES))
def test_each_knob_changes_the_outcome(name):
    kind, policy, extra, a, b, sc_extra = KNOB_CASES[name]
    events = LOSSY if name == "auto_failover_s" else None

    def build(value):
        knobs = {**extra.get("knobs", {}), name: value}
        knobs = {k: v for k, v in knobs.items() if v is not None}
        f = feature(
            "x", kind, policy, writes_per_s=20, revenue_per_write=5, **{**extra, "knobs": knobs}
        )
        return scenario([f], regions=3, events=events, **sc_extra)

    assert _outcome(build(a)) != _outcome(build(b)), name


@pytest.mark.parametrize(
    ("name", "case"),
    [(n, c) for n, cases in sorted(COST_CASES.items()) for c in cases],
    ids=lambda x: x if isinstance(x, str) else x[0],
)
def test_each_cost_changes_the_refunds_of_every_kind_it_names(name, case):
    kind, policy, extra, how = case

    def refunds(value: float) -> float:
        f = feature(
            "x", kind, policy, writes_per_s=20, revenue_per_write=5, costs={name: value}, **extra
        )
        if how.get("split_brain"):
            sc = scenario(
                [f],
                regions=3,
                events=[
                    {"at": 60, "kind": "partition", "links": [["east", "west"]]},
                    {"at": 400, "kind": "heal"},
                ],
            )
            e = Engine(sc)
            e.advance(100)
            e.apply("failover x west")
        else:
            e = Engine(scenario([f], regions=3))
        return e.result().features["x"].refunds

    assert refunds(0.0) < refunds(7.0), (name, kind)


def test_control_timings_have_effects():
    """The new [control] fields: deploy_s, fence_s and election_s."""
    assert {"deploy_s", "fence_s", "election_s"} <= set(Control.model_fields)

    def lossy(election_s: float) -> int:
        f = feature("x", "feed", "cp", writes_per_s=20)
        sc = scenario(
            [f], regions=3, events=LOSSY, control={"election_s": election_s, "page_at": 0}
        )
        return Engine(sc).result().totals.errors

    assert lossy(1) < lossy(30)
