"""The L5/L6 signals a design showed, each with its evidence.

Four signals, after the chapter's list of what an interviewer listens for:

* **per feature, not system-wide**: one policy for every feature is the L5
  answer (unless the model itself uses one policy throughout: then the
  scenario gives no evidence either way);
* **user-visible symptom named**: the reasons picked trace each choice to
  what users see (only the statement that holds does);
* **business cost connected**: the design's revenue and trust against the
  model's in the run, and whether the reasons of the features that earn money hold;
* **partial partitions and failover risk considered**: the safeguards the
  model designs in (dedup, honest indicators, safe mode, client retries,
  queue TTL) are in the design too.

What L5 and L6 mean is said once, in :data:`wargame.scoring.verdicts.LEVELS`.
"""

from __future__ import annotations

from wargame.interview.models import KNOB_FIELDS, FeatureReview, Signal
from wargame.model.scenario import Scenario
from wargame.scoring.models import Debrief
from wargame.scoring.narrative import money

COST_OK = 90.0
"""An axis score (the model's design = 100) at or above this counts as the cost handled."""


def _names(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def per_feature(scenario: Scenario, features: list[FeatureReview]) -> Signal:
    """One policy everywhere (L5) or chosen per feature (L6)."""
    chosen = {f.policy for f in features}
    model = {f.model_policy for f in features}
    blanket = [f.name for f in features if f.reason.mistake == "system-wide"]
    by_policy: dict[str, list[str]] = {}
    for f in features:
        by_policy.setdefault(f.policy, []).append(f.name)
    spread = "; ".join(f"{p}: {', '.join(names)}" for p, names in by_policy.items())
    if len(chosen) == 1 and len(model) > 1:
        level, evidence = "L5", f"every feature is {next(iter(chosen))}: one policy for the "
        evidence += f"whole product, where the model uses {len(model)} different ones"
    elif blanket:
        level, evidence = "L5", f"the reason picked for {_names(blanket)} is 'one policy for "
        evidence += f"the whole system' (policies chosen: {spread})"
    elif len(chosen) == 1:
        level = "not shown"
        evidence = f"the model also gives every feature {next(iter(model))} here ({spread})"
    else:
        level, evidence = "L6", f"policies chosen feature by feature ({spread})"
    return Signal(
        id="per-feature", name="per feature, not system-wide", level=level, evidence=evidence
    )


def user_visible(features: list[FeatureReview]) -> Signal:
    """Every reason traces the choice to what users see (L6), or some do not (L5)."""
    missed = [f"{f.name} ({f.reason.label})" for f in features if not f.reason.correct]
    if missed:
        level = "L5"
        evidence = f"reasons that never say what users see: {'; '.join(missed)}"
    else:
        level = "L6"
        evidence = "every reason picked says what the feature's users see during the split"
    return Signal(
        id="user-visible", name="user-visible symptom named", level=level, evidence=evidence
    )


def business_cost(scenario: Scenario, features: list[FeatureReview], debrief: Debrief) -> Signal:
    """The design's cost in the run against the model's, and the money features' reasons."""
    s = debrief.scores
    currency = scenario.business.currency
    earning = {
        f.id
        for f in scenario.features
        if f.revenue_per_write > 0 or f.revenue_per_read > 0 or f.revenue_path
    }
    wrong = [f.name for f in features if f.feature in earning and not f.reason.correct]
    extra = s.revenue.cost - s.revenue.model_cost
    costly = sorted(
        (v for v in debrief.verdicts if v.points_lost > 0), key=lambda v: -v.points_lost
    )
    parts = [
        f"revenue {s.revenue.score:g} and trust {s.trust.score:g} against the model's 100",
    ]
    if extra >= 1:
        parts.append(f"{money(extra, currency)} more revenue lost than the model")
    if costly:
        parts.append("points lost: " + ", ".join(f"{v.name} {v.points_lost:g}" for v in costly[:3]))
    if wrong:
        parts.append(f"reasons of the features that earn money that do not hold: {_names(wrong)}")
    handled = s.revenue.score >= COST_OK and s.trust.score >= COST_OK and not wrong
    level = "L6" if handled else "L5"
    return Signal(
        id="business-cost",
        name="business cost connected",
        level=level,
        evidence="; ".join(parts),
    )


def failure_modes(scenario: Scenario, features: list[FeatureReview]) -> Signal:
    """The safeguards the model designs in (knobs and resolution) are in the design too."""
    designed: list[tuple[str, str]] = []
    for spec in scenario.features:
        for knob in spec.model.knobs.keys():
            if knob in KNOB_FIELDS:
                designed.append((spec.id, KNOB_FIELDS[knob]))
        if spec.model.resolution and spec.model.resolution != spec.resolution:
            designed.append((spec.id, "resolution"))
    if not designed:
        return Signal(
            id="failure-modes",
            name="partial partitions and failover risk considered",
            level="not shown",
            evidence="the model designs no safeguard beyond the policies in this scenario",
        )
    reviews = {f.feature: f for f in features}
    missed, kept = [], []
    for fid, setting in designed:
        review = reviews[fid]
        off = next((d for d in review.deviations if d.setting == setting), None)
        label = f"{review.name}: {setting}"
        if off is None:
            kept.append(label)
        else:
            missed.append(f"{label} {off.chosen}, the model {off.model} ({off.consequence})")
    if missed:
        level = "L5"
        evidence = f"safeguards the model designs in but the design lacks: {'; '.join(missed)}"
        if kept:
            evidence += f". In place: {', '.join(kept)}"
    else:
        level = "L6"
        evidence = f"every safeguard the model designs in is there: {', '.join(kept)}"
    return Signal(
        id="failure-modes",
        name="partial partitions and failover risk considered",
        level=level,
        evidence=evidence,
    )


def signals(scenario: Scenario, features: list[FeatureReview], debrief: Debrief) -> list[Signal]:
    """The four signals, in the order the debrief shows them."""
    return [
        per_feature(scenario, features),
        user_visible(features),
        business_cost(scenario, features, debrief),
        failure_modes(scenario, features),
    ]
