"""The risk outcomes: the expected violations a run's settings exposed users to.

Over many seeds the realized violation counts average out to the risk; the risk
itself hardly moves from seed to seed (that is why the safety score uses it).
"""

import statistics

import pytest
from support.builders import feature, scenario

from wargame.engine import Engine

SEEDS = range(40)


def _runs(sc, fid, kind):
    out = []
    for seed in SEEDS:
        f = Engine(sc, seed=seed, policy="all-ap").result().features[fid]
        out.append((getattr(f, f"{kind}_violations"), getattr(f, f"{kind}_risk")))
    return out


def _check_mean(runs):
    counts = [c for c, _ in runs]
    risks = [r for _, r in runs]
    mean_count, mean_risk = statistics.fmean(counts), statistics.fmean(risks)
    assert mean_risk > 1  # enough exposure for the averages to mean something
    # within four standard errors of the counts' mean
    tolerance = 4 * statistics.stdev(counts) / len(counts) ** 0.5
    assert abs(mean_count - mean_risk) <= tolerance, (mean_count, mean_risk, tolerance)
    # the dice move the count far more than the exposure moves the risk
    assert statistics.pstdev(risks) < statistics.pstdev(counts)


@pytest.mark.parametrize("kind", ["block_list", "session", "erasure"])
def test_revocation_risk_is_the_mean_violation_count(kind):
    f = feature("rev", kind, "ap", knobs={"exposure_per_min": 0.05})
    counter = "compliance" if kind == "erasure" else "safety"
    _check_mean(_runs(scenario([f], regions=3), "rev", counter))


def test_payment_risk_is_the_mean_violation_count():
    pay = feature(
        "pay",
        "payment",
        "ap",
        writes_per_s=1.0,
        revenue_per_write=20,
        knobs={"double_charge_rate": 0.01, "overdraft_rate": 0.01},
    )
    _check_mean(_runs(scenario([pay]), "pay", "financial"))


def test_a_certain_harm_counts_in_full():
    audit = feature("audit", "audit_log", "queued", knobs={"pending_ttl_s": 60})
    r = Engine(scenario([audit]), seed=1).result().features["audit"]
    assert r.compliance_violations > 0
    assert r.compliance_risk == r.compliance_violations


def test_risk_shows_in_the_json_result():
    f = feature("rev", "block_list", "ap", knobs={"exposure_per_min": 0.05})
    data = Engine(scenario([f], regions=3), seed=1, policy="all-ap").result().model_dump()
    assert data["totals"]["safety_risk"] == data["features"]["rev"]["safety_risk"] > 0
