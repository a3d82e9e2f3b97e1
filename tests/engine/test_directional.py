"""Directional tests on the flash sale: the lesson must hold whatever the tuning."""

from wargame.engine import Engine, load_scenario


def results(policy: str, seeds=(1, 2, 3)):
    sc = load_scenario("flash-sale")
    return [Engine(sc, seed=s, policy=policy).result() for s in seeds]


def test_all_cp_loses_far_more_revenue_than_all_ap():
    for cp, ap in zip(results("all-cp"), results("all-ap"), strict=True):
        cp_cost = cp.totals.lost_revenue + cp.totals.refunds
        ap_cost = ap.totals.lost_revenue + ap.totals.refunds
        assert cp_cost > 10 * ap_cost


def test_all_ap_oversells_more_than_all_cp():
    for cp, ap in zip(results("all-cp"), results("all-ap"), strict=True):
        assert ap.totals.oversold > cp.totals.oversold


def test_without_a_partition_the_policy_does_not_matter_for_revenue():
    sc = load_scenario("flash-sale")
    calm = sc.model_copy(
        update={"events": [e for e in sc.events if e.kind not in ("partition", "heal", "link")]}
    )
    cp = Engine(calm, seed=5, policy="all-cp").result()
    ap = Engine(calm, seed=5, policy="all-ap").result()
    assert cp.totals.revenue == ap.totals.revenue
    assert cp.totals.lost_revenue == ap.totals.lost_revenue == 0
    assert cp.totals.errors == ap.totals.errors == 0
