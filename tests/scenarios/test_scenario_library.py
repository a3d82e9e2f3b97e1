"""Every shipped scenario: well formed, fast, and the model beats the as-built design.

For each scenario in ``list_scenarios()``:

* the file is named after its id, and the text the player reads before and
  during the drill never says "partition";
* it has a difficulty, injects from named people, and a real paragraph of
  reasoning for every feature's model;
* it stays within the engine's step budget (ticks x regions x features);
* the as-built policies do worse than the model on what the scenario is about
  (money lost, errors or violations), the model has no safety, financial or
  compliance violation, on the scenario's seed and on two more;
* the scoring puts the model at 90 or more and the as-built policies below it;
* giving a safety feature the wrong policy (AP for revocations, payments and
  trusted prices) produces violations of that feature.
"""

from __future__ import annotations

import re

import pytest
from calib import run

from wargame.engine import Engine
from wargame.model.loader import list_scenarios, shipped
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock
from wargame.scoring import compare

EXPECTED = {
    "flash-sale",
    "flash-sale-blast-radius",
    "transatlantic-cut",
    "global-rate-limiter",
    "rate-limiter-backend-shield",
    "news-feed",
    "messaging",
    "price-cache",
    "price-cache-trading",
    "bank-transfer",
    "food-ordering",
    "false-alarm",
    "erasure-and-audit",
}
SCENARIOS = list_scenarios()
IDS = [sc.id for sc in SCENARIOS]
STEP_BUDGET = 10_500
REVOCATIONS = {"block_list", "moderation", "access_control", "erasure", "session"}


def _safety_features(sc: Scenario) -> list[str]:
    """Features whose wrong policy is a safety, financial or compliance matter."""
    out = []
    for f in sc.features:
        k = f.knobs
        if f.kind in REVOCATIONS:
            out.append(f.id)
        elif f.kind == "payment" and (k.double_charge_rate or k.overdraft_rate):
            out.append(f.id)
        elif f.kind == "catalog" and not k.checkout_verifies:
            out.append(f.id)
    return out


def _harm(sc: Scenario, policy: str, seed: int | None) -> tuple[float, int, int]:
    r = run(sc.id, policy, seed)
    t = r.totals
    return t.lost_revenue + t.refunds, t.errors, t.violations


def test_the_library_is_complete() -> None:
    assert EXPECTED <= set(IDS)
    for sid, path in shipped().items():
        assert path.stem == sid


@pytest.mark.parametrize("sc", SCENARIOS, ids=IDS)
def test_player_text_never_names_the_failure(sc: Scenario) -> None:
    texts = [sc.title, sc.summary, sc.briefing, *sc.objectives]
    texts += [ev.text for ev in sc.events]
    texts += [f.name + " " + f.description for f in sc.features]
    for text in texts:
        assert not re.search(r"partition", text, re.IGNORECASE), text


@pytest.mark.parametrize("sc", SCENARIOS, ids=IDS)
def test_scenario_is_a_complete_drill(sc: Scenario) -> None:
    assert sc.difficulty in ("intro", "standard", "hard")
    assert len(sc.briefing) > 300
    injects = [ev for ev in sc.events if ev.kind == "inject"]
    assert len(injects) >= 3 and all(ev.source for ev in injects)
    assert any(ev.kind in ("partition", "link", "outage") for ev in sc.events)
    assert any(ev.kind == "heal" for ev in sc.events)
    for f in sc.features:
        assert len(f.model.why) > 120, f.id
        assert f.description, f.id


@pytest.mark.parametrize("sc", SCENARIOS, ids=IDS)
def test_scenario_stays_within_the_step_budget(sc: Scenario) -> None:
    ticks = sc.duration / sc.tick
    assert ticks * len(sc.regions) * len(sc.features) <= STEP_BUDGET


@pytest.mark.parametrize("sc", SCENARIOS, ids=IDS)
@pytest.mark.parametrize("seed", [None, 1, 2])
def test_as_built_does_worse_than_the_model(sc: Scenario, seed: int | None) -> None:
    money_m, errors_m, violations_m = _harm(sc, "model", seed)
    money_a, errors_a, violations_a = _harm(sc, "as-built", seed)
    assert violations_m == 0
    assert violations_m <= violations_a
    worse = [money_a > money_m, errors_a > errors_m, violations_a > violations_m]
    assert any(worse), (money_a, money_m, errors_a, errors_m, violations_a)
    # and the model is not worse on money and violations at the same time
    assert not (money_m > money_a and violations_m > violations_a)


@pytest.mark.parametrize("sc", SCENARIOS, ids=IDS)
def test_scoring_puts_the_responder_clearly_above_the_naive_runs(sc: Scenario) -> None:
    """The naive runs are played independently of the reference (the responder): each
    must land clearly below it, or the scoring does not separate good play from bad."""
    model = run(sc.id, "model", sc.seed)
    rows = {row.run: row for row in compare(sc, sc.seed, model).comparison}
    for naive in ("as-built", "all-cp", "all-ap"):
        if naive == "all-cp" and {f.model.policy for f in sc.features} <= {"cp"}:
            continue
        if naive == "all-ap" and {f.model.policy for f in sc.features} <= {"ap"}:
            continue
        assert rows[naive].overall <= rows["responder"].overall - 10, (naive, rows[naive])


@pytest.mark.parametrize("sc", SCENARIOS, ids=IDS)
def test_wrong_policy_on_a_safety_feature_causes_violations(sc: Scenario) -> None:
    features = _safety_features(sc)
    audit = [f.id for f in sc.features if f.kind == "audit_log"]
    if not features and not audit:
        pytest.skip("no safety feature in this scenario")
    if features:
        # the on-call engineer breaks the model's safety features as soon as they are paged
        page = run(sc.id, "model").page_t
        assert page is not None, "the model's own run pages the on-call engineer"
        at = format_clock(page)
        r = run(sc.id, "model", None, [f"{at} set {fid} ap" for fid in features])
        for fid in features:
            assert r.features[fid].violations > 0, fid
            assert run(sc.id, "model").features[fid].violations == 0, fid
    for fid in audit:
        # an audit trail buffered with a short time-to-live drops records
        assert sc.feature(fid).as_built == "queued"
        assert run(sc.id, "as-built").features[fid].compliance_violations > 0


@pytest.mark.parametrize("sc", SCENARIOS, ids=IDS)
def test_every_run_is_deterministic_and_quick(sc: Scenario) -> None:
    import time

    start = time.perf_counter()
    a = Engine(sc, policy="as-built").result()
    elapsed = time.perf_counter() - start
    b = run(sc.id, "as-built")
    assert a.totals == b.totals
    assert elapsed < 2.0
