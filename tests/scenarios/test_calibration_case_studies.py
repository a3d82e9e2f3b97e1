"""Directional checks for the case studies the chapter describes without figures.

* Price cache (Part 9 interview exchange): AP prices with a checkout re-check
  keep pages up and never charge a wrong price; CP empties the pages of the
  cut-off region. On a trading desk the same AP cache trades on stale quotes
  (financial violations) and CP is right.
* Bank transfer (Part 2 matrix, Part 7 incident table): approving transfers on
  a local balance overdraws and double-debits; a confirmation that waits for a
  majority fails after the money moved. The model reverses both.
* False alarm (Part 2 detection, Part 6E): the congestion spike raises only the
  latency alarm; the real partial partition later raises several signals at
  once. Failing over on the spike puts the leader where the real trouble comes
  and makes that incident much costlier.
* Erasure and audit (Part 6D): asynchronous erasure and permission revocation,
  and an audit buffer that drops old entries, are compliance violations; the
  model has none and keeps members' own data available.
* Food ordering (homework): the model keeps every region ordering, at the cost
  of a few refunded specials.
"""

from __future__ import annotations

from calib import median_over_seeds, run

SPIKE = (5 * 60, 15 * 60)
REAL = (25 * 60, 40 * 60)


def test_price_cache_ap_keeps_pages_up_without_wrong_charges() -> None:
    as_built = run("price-cache", "as-built").features["prices"]
    model = run("price-cache", "model").features["prices"]
    assert as_built.by_region["eu-west"].errors > 0
    assert as_built.by_region["us-east"].errors == 0
    assert model.errors == 0 and model.stale_reads > 0
    assert model.financial_violations == 0
    assert run("price-cache", "model").totals.violations == 0


def test_trading_cache_must_refuse_rather_than_guess() -> None:
    as_built = run("price-cache-trading", "as-built").features["quotes"]
    model = run("price-cache-trading", "model").features["quotes"]
    assert as_built.financial_violations > 0 and as_built.refunds > 0
    assert model.financial_violations == 0
    assert model.by_region["eu-west"].errors > 0, "Europe's quotes are refused during the cut"


def test_bank_transfers_on_local_balances_overdraw_and_double_debit() -> None:
    as_built = run("bank-transfer", "as-built")
    model = run("bank-transfer", "model")
    assert as_built.features["transfers"].duplicates > 0
    assert (
        as_built.features["transfers"].financial_violations
        > as_built.features["transfers"].duplicates
    ), "overdrafts on stale balances on top of the double debits"
    assert as_built.features["confirmations"].errors > 0
    assert model.totals.violations == 0 and model.totals.duplicates == 0
    assert model.features["confirmations"].errors == 0
    assert model.features["balance"].errors == 0


def _alert_rules(result, start: float, end: float) -> set[str]:
    return {a.rule for a in result.alerts if start <= a.t < end}


def test_false_alarm_spike_raises_only_the_latency_alarm() -> None:
    r = run("false-alarm", "as-built")
    assert _alert_rules(r, *SPIKE) == {"latency_p99"}
    real = _alert_rules(r, *REAL)
    assert {"quorum_lost", "write_rejections", "stale_reads"} <= real
    assert r.features["checkout"].by_region["us-west"].errors > 0


def test_false_alarm_failing_over_on_the_spike_backfires() -> None:
    def lost(actions: tuple[str, ...]):
        return lambda s: run("false-alarm", "as-built", s, actions).totals.lost_revenue

    calm = median_over_seeds(lost(()))
    hasty = median_over_seeds(lost(("08:00 failover all-cp us-west",)))
    # Re-measured when lossy links started deposing leaders (flaps): the lossy cut at
    # 25:00 now refuses writes in the calm run too (median lost revenue 318,510, was
    # ~100K before flaps), so the hasty failover's price shows as what it adds on top:
    # 352,800 - 318,510 = 34,290 (the 90-s promotion and a leader across the slow link).
    assert calm > 0
    assert hasty - calm >= 25_000


def test_erasure_and_audit_as_built_breaks_compliance_model_does_not() -> None:
    as_built = run("erasure-and-audit", "as-built")
    model = run("erasure-and-audit", "model")
    for fid in ("erasure", "access", "audit"):
        assert as_built.features[fid].compliance_violations > 0, fid
    assert model.totals.compliance_violations == 0
    assert model.features["audit"].lost_writes == 0
    assert as_built.features["profile"].by_region["uk-south"].errors > 0
    assert model.features["profile"].errors == 0


def test_food_ordering_model_keeps_every_region_ordering() -> None:
    as_built = run("food-ordering", "as-built")
    model = run("food-ordering", "model")
    assert as_built.features["orders"].lost_revenue > 0
    assert model.totals.lost_revenue == 0 and model.totals.errors == 0
    oversold = median_over_seeds(
        lambda s: run("food-ordering", "model", s).features["availability"].oversold
    )
    assert 0 < oversold < 100, "a few specials sold twice and refunded"
    assert model.totals.violations == 0
