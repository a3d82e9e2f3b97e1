"""Unit tests of the scoring formulas with hand-made results (no engine runs)."""

from __future__ import annotations

import math

import pytest
from scoring.helpers import hand_result
from support.builders import feature, scenario

from wargame.model.result import Series
from wargame.scoring import rules


def _scenario(**extra):
    # one feed feature at 50 reads/s + 10 writes/s = 60 requests/s; 1000 daily users
    return scenario([feature("thing", "feed")], **extra)


def test_place_is_linear_between_model_and_worst() -> None:
    assert rules.place("trust", 100, 100, 1100, 10)[0] == pytest.approx(100)
    assert rules.place("trust", 1100, 100, 1100, 10)[0] == pytest.approx(0)
    assert rules.place("trust", 600, 100, 1100, 10)[0] == pytest.approx(50)
    assert rules.place("trust", 2100, 100, 1100, 10)[0] == pytest.approx(-100)


def test_beating_the_model_scores_above_100() -> None:
    raw, zero = rules.place("revenue", 0, 100, 1100, 10)
    assert raw == pytest.approx(110)
    assert zero == pytest.approx(1100)


def test_span_never_below_floor_or_share() -> None:
    # naive no worse than the model: the floor sets the 0 mark
    raw, zero = rules.place("trust", 125, 100, 100, 50)
    assert zero == pytest.approx(150)
    assert raw == pytest.approx(50)
    # large, near-equal references: 5% of the larger one
    raw, zero = rules.place("trust", 1_025_000, 1_000_000, 1_001_000, 1)
    span = 0.05 * 1_001_000
    assert zero == pytest.approx(1_000_000 + span)
    assert raw == pytest.approx(100 * (1_000_000 + span - 1_025_000) / span)


def test_safety_is_placed_from_the_reference_on_a_log_scale() -> None:
    sc = _scenario()
    w = rules.weights(sc)
    floor = rules.min_span("safety", sc, hand_result({}), w["safety"])
    # the naive runs do not move the 0 mark: the same harm costs the same everywhere
    raw_a, zero_a = rules.place("safety", 3, 0, 10, floor)
    raw_b, zero_b = rules.place("safety", 3, 0, 10_000, floor)
    assert raw_a == raw_b == pytest.approx(100 * (1 - math.log1p(3 / rules.SAFETY_UNIT) / floor))
    assert zero_a == zero_b >= rules.SAFETY_MIN_SPAN
    # the same violations above a reference that had some cost the same
    assert rules.place("safety", 13, 10, 0, floor)[0] == pytest.approx(raw_a)
    # the first violation costs more than the tenth; fewer than the reference is a bonus
    first = 100 - rules.place("safety", 3, 0, 0, floor)[0]
    tenth = rules.place("safety", 27, 0, 0, floor)[0] - rules.place("safety", 30, 0, 0, floor)[0]
    assert first > tenth > 0
    assert rules.place("safety", 0, 3, 0, floor)[0] > 100


def test_trust_cost_parts() -> None:
    sc = _scenario()  # online users = 1000 * 5% = 50
    run = hand_result(
        {"thing": {"requests": 7200, "rejected": 3600, "stale_reads": 3600,
                   "false_indicators": 2, "duplicates": 1, "lost_writes": 1, "oversold": 1}},
        tickets=3,
    )  # fmt: skip
    base = hand_result({"thing": {}})
    parts = rules.run_costs(run, sc, base).parts["trust"]
    # 3600 errors = one minute of the feature's normal traffic (60/s) for 50 users
    assert parts["errors"] == pytest.approx(50)
    assert parts["stale reads"] == pytest.approx(5)
    assert parts["false indicators"] == pytest.approx(240)
    assert parts["duplicates"] == pytest.approx(30)
    assert parts["lost writes"] == pytest.approx(60)
    assert parts["oversold"] == pytest.approx(30)
    assert parts["tickets"] == pytest.approx(60)
    # a lie weighs more than any other single harm
    assert rules.EVENT_WEIGHTS["false_indicators"] == max(rules.EVENT_WEIGHTS.values())


def test_revenue_cost_is_gap_to_baseline_times_abandon_plus_refunds() -> None:
    sc = scenario([feature("thing", "feed", abandon_rate=0.5)])
    run = hand_result({"thing": {"revenue": 700.0, "refunds": 50.0}})
    base = hand_result({"thing": {"revenue": 1000.0}})
    costs = rules.run_costs(run, sc, base)
    assert costs.parts["revenue"] == {"lost revenue": 150.0, "refunds": 50.0}
    assert costs.features["thing"].revenue == pytest.approx(200)
    # earning more than the baseline (noise) is no negative loss
    rich = hand_result({"thing": {"revenue": 1200.0}})
    assert rules.run_costs(rich, sc, base).total("revenue") == 0


def test_backlash_after_grace_softened_by_status_page() -> None:
    sc = _scenario()
    t = [10.0 * (i + 1) for i in range(60)]
    series = Series(
        t=t,
        features={"thing": {"requests": [100.0] * 60, "errors": [50.0] * 60,
                            "stale": [0.0] * 60, "revenue": [0.0] * 60}},
    )  # fmt: skip
    run = hand_result({"thing": {"requests": 6000, "rejected": 3000}}, series=series)
    base = hand_result({"thing": {}})
    per_tick = 50 / 3600 * 50  # user-minutes of 50 errors at 60/s for 50 users
    late_ticks = sum(1 for x in t if x > rules.VISIBLE_GRACE_S)
    loud = rules.run_costs(run, sc, base).parts["trust"]["backlash"]
    assert loud == pytest.approx(rules.BACKLASH_FACTOR * late_ticks * per_tick)
    posted = hand_result(
        {"thing": {"requests": 6000, "rejected": 3000}}, series=series, posts=[(0.0, "x")]
    )
    soft = rules.run_costs(posted, sc, base).parts["trust"]["backlash"]
    assert soft == pytest.approx(loud * (1 - sc.business.status_page_trust))


def test_downtime_counts_revenue_path_ticks_over_threshold() -> None:
    sc = scenario([feature("shop", "inventory", revenue_path=True), feature("feed", "feed")])
    series = Series(
        t=[60.0, 120.0, 180.0],
        features={
            "shop": {"requests": [100, 100, 100], "errors": [0, 50, 4], "stale": [0] * 3,
                     "revenue": [0] * 3},
            "feed": {"requests": [100, 100, 100], "errors": [90, 90, 90], "stale": [0] * 3,
                     "revenue": [0] * 3},
        },
    )  # fmt: skip
    run = hand_result({"shop": {}, "feed": {}}, series=series)
    assert rules.downtime_minutes(run, sc) == pytest.approx(1.0)


def test_grades_and_no_a_with_a_violation() -> None:
    assert [rules.grade(x) for x in (100, 90, 89.9, 80, 70, 60, 59.9, 0)] == [
        "A", "A", "B", "B", "C", "D", "F", "F"
    ]  # fmt: skip
    assert rules.grade(100, violations=1) == rules.BEST_WITH_VIOLATIONS == "B"
    assert rules.grade(75, violations=3) == "C"
    assert "no A" in rules.grade_limit(95, 1)
    assert rules.grade_limit(85, 1) == "" and rules.grade_limit(95, 0) == ""


def test_weights_add_up_and_leave_a_share_to_handling() -> None:
    sc = _scenario(weights={"revenue": 2, "trust": 1, "safety": 1})
    w = rules.weights(sc)
    assert sum(w.values()) == pytest.approx(1)
    assert w["handling"] == pytest.approx(rules.HANDLING_WEIGHT)
    share = 1 - rules.HANDLING_WEIGHT
    assert w["revenue"] == pytest.approx(share / 2)
    # revenue alone, safety clean
    only = {"revenue": 100, "trust": 0, "safety": 100, "handling": 0}
    assert rules.overall(only, w) == pytest.approx(100 * share * 3 / 4)
    # axes are clamped to 0..100 before mixing
    clamped = {"revenue": 150, "trust": -20, "safety": 100, "handling": 100}
    assert rules.overall(clamped, w) == pytest.approx(100 * (share * 3 / 4 + rules.HANDLING_WEIGHT))
    # all-zero weights cannot happen: the scenario format refuses them
    with pytest.raises(ValueError, match="at least one weight"):
        _scenario(weights={"revenue": 0, "trust": 0, "safety": 0})


def test_harm_scales_the_whole_score() -> None:
    w = rules.weights(_scenario())
    clean = {"revenue": 100, "trust": 100, "safety": 100, "handling": 100}
    harmful = {**clean, "safety": 0}
    assert rules.overall(clean, w) == pytest.approx(100)
    expected = (100 - 100 * w["safety"]) * (1 - rules.HARM_SHARE)
    assert rules.overall(harmful, w) == pytest.approx(expected)
    assert rules.grade(rules.overall(harmful, w)) == "F"


def test_an_axis_that_cannot_vary_hands_out_no_points() -> None:
    sc = _scenario(weights={"revenue": 2, "trust": 1, "safety": 1})
    w = rules.weights(sc, live={"trust", "safety"})
    assert w["revenue"] == 0
    assert (
        w["trust"] == pytest.approx(w["safety"]) == pytest.approx((1 - rules.HANDLING_WEIGHT) / 2)
    )
    # a run perfect on the dead axis and poor elsewhere gets nothing for it
    assert rules.overall({"revenue": 100, "trust": 0, "safety": 0, "handling": 0}, w) == 0


@pytest.mark.parametrize("reference", [0.0, 3.0, 40.0])
def test_one_more_violation_moves_the_overall_by_at_most_five_points(reference: float) -> None:
    sc = _scenario()
    w = rules.weights(sc)
    span = rules.min_span("safety", sc, hand_result({}), w["safety"])
    moves = []
    for heaviest in (True, False):
        weight = max(rules.VIOLATION_WEIGHTS.values()) if heaviest else 1.0
        for n in range(0, 60):
            scores = []
            for k in (n, n + 1):
                raw, _ = rules.place("safety", reference + k * weight, reference, 0.0, span)
                scores.append(rules.overall({**_PERFECT, "safety": raw}, w))
            moves.append(scores[0] - scores[1])
    assert max(moves) <= rules.MAX_POINTS_PER_VIOLATION + 1e-9
    assert max(moves) > rules.MAX_POINTS_PER_VIOLATION / 2, "a violation still costs"
    assert min(moves) >= 0


_PERFECT = {"revenue": 100.0, "trust": 100.0, "safety": 100.0, "handling": 100.0}


def test_points_lost_share_each_axis_in_proportion() -> None:
    sc = _scenario()
    extra = {"a": {"revenue": 300, "trust": 0, "safety": 0},
             "b": {"revenue": 100, "trust": 10, "safety": 0}}  # fmt: skip
    lost = {"revenue": 40.0, "trust": 20.0, "safety": 0.0}
    w = rules.weights(sc)
    shares = rules.points_lost(extra, lost, w)
    assert shares["a"] == pytest.approx(round(w["revenue"] * 30, 1))
    assert shares["a"] + shares["b"] == pytest.approx(w["revenue"] * 40 + w["trust"] * 20, abs=0.1)


@pytest.mark.parametrize(("kind", "axis"), [("block_list", "safety"), ("erasure", "compliance")])
def test_a_revocation_harms_by_its_exposures_not_its_dice(kind: str, axis: str) -> None:
    sc = scenario([feature("rev", kind, "ap")])
    base = hand_result({"rev": {}}, kind=kind)
    unlucky = {"exposures": 40.0, f"{axis}_violations": 3, f"{axis}_risk": 0.5}
    lucky = {"exposures": 40.0, f"{axis}_violations": 0, f"{axis}_risk": 0.5}
    harm = [
        rules.run_costs(hand_result({"rev": v}, kind=kind), sc, base).parts["safety"]
        for v in (unlucky, lucky)
    ]
    expected = rules.VIOLATION_WEIGHTS[axis] * rules.EXPOSURE_WEIGHT * 40
    assert harm[0][axis] == harm[1][axis] == pytest.approx(expected)
    assert sum(harm[0].values()) == pytest.approx(expected), "the expected uses are not added"
    # more exposures, more harm; none, none
    more = rules.run_costs(hand_result({"rev": {"exposures": 80.0}}, kind=kind), sc, base)
    assert more.total("safety") == pytest.approx(2 * expected)
    assert rules.run_costs(base, sc, base).total("safety") == 0


def test_a_gap_used_often_harms_by_its_expected_uses() -> None:
    # 10 exposures, each open long enough to be used 0.4 times on average: 4 expected uses
    sc = scenario([feature("rev", "session", "ap")])
    base = hand_result({"rev": {}}, kind="session")
    run = hand_result({"rev": {"exposures": 10.0, "safety_risk": 4.0}}, kind="session")
    assert 4.0 > rules.EXPOSURE_WEIGHT * 10
    harm = rules.run_costs(run, sc, base).total("safety")
    assert harm == pytest.approx(rules.VIOLATION_WEIGHTS["safety"] * 4.0)


def test_money_and_records_harm_by_their_expected_count() -> None:
    sc = scenario([feature("pay", "payment", "ap")])
    base = hand_result({"pay": {}}, kind="payment")
    run = hand_result(
        {"pay": {"financial_violations": 7, "financial_risk": 4.5, "exposures": 99.0}},
        kind="payment",
    )
    parts = rules.run_costs(run, sc, base).parts["safety"]
    assert parts["financial"] == pytest.approx(rules.VIOLATION_WEIGHTS["financial"] * 4.5)
    assert sum(parts.values()) == pytest.approx(parts["financial"])


def test_an_exposure_weighs_less_than_the_violation_it_risks() -> None:
    # so one more exposure moves the overall by less than one more violation (<= 5 points)
    assert 0 < rules.EXPOSURE_WEIGHT < 1
    sc = _scenario()
    w = rules.weights(sc)
    span = rules.min_span("safety", sc, hand_result({}), w["safety"])
    one = rules.EXPOSURE_WEIGHT * max(rules.VIOLATION_WEIGHTS.values())
    raw, _ = rules.place("safety", one, 0.0, 0.0, span)
    move = 100 - rules.overall({**_PERFECT, "safety": raw}, w)
    assert 0 < move < rules.MAX_POINTS_PER_VIOLATION


def test_a_large_harm_fails_the_run() -> None:
    """Some 45 harassment incidents (or 870 harassment exposures) over the reference put the
    safety axis at 0 with the default weights, and the run fails whatever it earned."""
    sc = _scenario()
    w = rules.weights(sc)
    span = rules.min_span("safety", sc, hand_result({}), w["safety"])
    harm = 45 * max(rules.VIOLATION_WEIGHTS.values())
    raw, _ = rules.place("safety", harm, 0.0, 0.0, span)
    assert raw <= 1.0
    assert rules.grade(rules.overall({**_PERFECT, "safety": raw}, w)) == "F"
    raw, _ = rules.place("safety", 870 * 3 * rules.EXPOSURE_WEIGHT, 0.0, 0.0, span)
    assert raw <= 1.0
