"""Each feature kind's consequences, on small scenarios built in the test."""

from support.builders import feature, scenario

from wargame.engine import Engine
from wargame.engine.kinds.counter import merge_counter
from wargame.engine.kinds.rate_limiter import (
    blocked_share,
    hopper_admitted,
    merge_windows,
    safe_mode_cap,
)


def run(sc, policy="as-built", seed=1, actions=()):
    e = Engine(sc, seed=seed, policy=policy)
    e.run(list(actions))
    return e.result()


def test_inventory_oversells_under_ap_but_not_under_cp():
    inv = feature(
        "stock",
        "inventory",
        reads_per_s=5,
        writes_per_s=4,
        revenue_per_write=10,
        knobs={"hot_skus": 4, "hot_stock": 30, "hot_fraction": 0.5},
    )
    sc = scenario([inv])
    ap, cp = run(sc, "all-ap"), run(sc, "all-cp")
    assert ap.features["stock"].oversold > 0
    assert ap.features["stock"].refunds == ap.features["stock"].oversold * 100
    assert cp.features["stock"].oversold == 0
    assert cp.features["stock"].lost_revenue > 0 and ap.features["stock"].lost_revenue == 0


def test_counter_merge_arithmetic():
    deltas = {"us-east": 300, "us-west": 150, "europe": 240, "asia": 600}
    assert merge_counter(1000, deltas, "crdt") == 2290
    assert merge_counter(1000, deltas, "max") == 1600
    assert merge_counter(1000, deltas, "sum_totals") == 5290
    assert merge_counter(1000, deltas, "lww", "asia") == 1600


def test_crdt_counter_keeps_every_increment_and_lww_loses_some():
    crdt = feature("likes", "counter", "ap", resolution="crdt")
    lww = feature("likes", "counter", "ap", resolution="lww")
    assert run(scenario([crdt])).features["likes"].lost_writes == 0
    lost = run(scenario([lww])).features["likes"]
    assert lost.lost_writes > 0 and lost.conflicts >= lost.lost_writes


def test_rate_limiter_arithmetic():
    assert safe_mode_cap(100, 5, 2) == 10
    assert hopper_admitted(safe_mode_cap(100, 5, 2), 5) == 50
    assert hopper_admitted(100, 2, counted_before=30) == 200
    assert merge_windows({"east": 27, "west": 28}, "max") == 28
    assert merge_windows({"east": 27, "west": 28}, "sum") == 55
    assert merge_windows({"east": 27, "west": 28}, "higher") == 28
    assert blocked_share(100, 100, 20) == 0
    assert blocked_share(10, 100, 20) > blocked_share(50, 100, 20) > 0


def test_rate_limiter_cp_blocks_legit_users_and_ap_lets_abuse_through():
    rl = feature(
        "limit",
        "rate_limiter",
        reads_per_s=500,
        writes_per_s=0,
        knobs={"abuser_share": 0.05, "abuser_rate_per_min": 500},
    )
    sc = scenario([rl])
    cp, ap = run(sc, "all-cp"), run(sc, "all-ap")
    assert cp.features["limit"].rejected > 0 and cp.features["limit"].over_limit == 0
    assert ap.features["limit"].rejected == 0 and ap.features["limit"].over_limit > 0


def test_safe_mode_caps_abuse_at_a_cost_to_legit_users():
    rl = feature(
        "limit",
        "rate_limiter",
        "ap",
        reads_per_s=500,
        writes_per_s=0,
        knobs={"abuser_share": 0.05, "abuser_rate_per_min": 500},
    )
    sc = scenario([rl], regions=3)
    plain = run(sc)
    safe = run(sc, actions=[_a("00:30 safe-mode limit 2")])
    assert safe.features["limit"].over_limit < plain.features["limit"].over_limit
    assert safe.features["limit"].rejected > plain.features["limit"].rejected


def test_messaging_duplicates_without_dedup_and_none_with_it():
    plain = feature("chat", "messaging", "ap", knobs={"duplicate_rate": 0.2})
    dedup = feature("chat", "messaging", "ap", knobs={"duplicate_rate": 0.2, "dedup": True})
    once = feature("chat", "messaging", "ap", knobs={"delivery": "at-most-once"})
    assert run(scenario([plain])).features["chat"].duplicates > 0
    assert run(scenario([dedup])).features["chat"].duplicates == 0
    lost = run(scenario([once])).features["chat"]
    assert lost.lost_writes > 0 and lost.duplicates == 0


def test_optimistic_indicators_lie():
    honest = feature("chat", "messaging", "queued")
    liar = feature("chat", "messaging", "queued", knobs={"indicators": "optimistic"})
    assert run(scenario([honest])).features["chat"].false_indicators == 0
    assert run(scenario([liar])).features["chat"].false_indicators > 0


def test_block_list_is_safe_under_cp_and_unsafe_under_ap():
    blocks = feature("blocks", "block_list", knobs={"exposure_per_min": 0.5})
    sc = scenario([blocks], regions=3)
    assert run(sc, "all-cp").features["blocks"].safety_violations == 0
    ap = run(sc, "all-ap").features["blocks"]
    assert ap.safety_violations > 0
    cp = run(sc, "all-cp").features["blocks"]
    assert cp.rejected > 0  # blocking is unavailable during the split: the CP price


def test_erasure_lag_is_a_compliance_violation():
    erase = feature("erase", "erasure", "ap", knobs={"exposure_per_min": 0.5})
    r = run(scenario([erase], regions=3)).features["erase"]
    assert r.compliance_violations > 0 and r.safety_violations == 0


def test_ap_payments_double_charge_and_cp_payments_do_not():
    pay = feature(
        "pay",
        "payment",
        revenue_per_write=20,
        knobs={"double_charge_rate": 0.05, "overdraft_rate": 0.01},
    )
    sc = scenario([pay])
    ap, cp = run(sc, "all-ap").features["pay"], run(sc, "all-cp").features["pay"]
    assert ap.duplicates > 0 and ap.financial_violations > 0 and ap.refunds > 0
    assert cp.financial_violations == 0 and cp.lost_revenue > 0


def test_stale_prices_cost_money_only_when_checkout_trusts_them():
    safe = feature("price", "catalog", "ap", reads_per_s=500, knobs={"checkout_verifies": True})
    risky = feature(
        "price",
        "catalog",
        "ap",
        reads_per_s=500,
        knobs={"checkout_verifies": False, "stale_trade_rate": 0.01},
    )
    assert run(scenario([safe])).features["price"].financial_violations == 0
    assert run(scenario([risky])).features["price"].financial_violations > 0


def test_cart_merge_resurrects_and_lww_loses():
    merge = feature("cart", "cart", "ap", resolution="merge", knobs={"remove_fraction": 0.5})
    lww = feature("cart", "cart", "ap", resolution="lww")
    crdt = feature("cart", "cart", "ap", resolution="crdt")
    assert run(scenario([merge])).features["cart"].false_indicators > 0
    assert run(scenario([lww])).features["cart"].lost_writes > 0
    c = run(scenario([crdt])).features["cart"]
    assert c.lost_writes == 0 and c.false_indicators == 0


def test_queued_writes_past_their_ttl_are_lost():
    short = feature("post", "feed", "queued", knobs={"pending_ttl_s": 60})
    long = feature("post", "feed", "queued", knobs={"pending_ttl_s": 3600})
    assert run(scenario([short])).features["post"].lost_writes > 0
    r = run(scenario([long])).features["post"]
    assert r.lost_writes == 0 and r.pending > 0


def test_audit_records_lost_from_the_queue_are_compliance_violations():
    audit = feature("audit", "audit_log", "queued", knobs={"pending_ttl_s": 60})
    r = run(scenario([audit])).features["audit"]
    assert r.compliance_violations == r.lost_writes > 0


def _a(text):
    from wargame.model.action import parse_action

    return parse_action(text)
