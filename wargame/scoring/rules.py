"""The scoring rules, in one place: every constant and formula the scores use.

``assets/scoring.md`` explains these rules to players (the README's Scoring
section and the UI's help show it); a test checks that the numbers quoted
there match the constants here, so change both together.

A run's cost is computed on three axes from the engine's outcomes only:

* **revenue** (money): revenue lost against the same seed on a healthy
  network (times the feature's abandon rate: the rest comes back later),
  plus refunds and compensation;
* **trust** (user-minute equivalents): user-minutes of errors, stale reads
  and pending writes, each duplicate, lost write, oversold unit and false
  indicator counted as a fixed number of user-minutes, support tickets, and
  backlash when errors stay visible (softened by a status-page post);
* **safety** (violations): safety, financial and compliance violations.

Each axis is then placed between the model run (100) and the worst naive
run (0); see :func:`place`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.scoring.models import AxisCost

AXES: tuple[str, ...] = ("revenue", "trust", "safety")
"""The three axes, in display order."""

NAIVE: tuple[str, ...] = ("as-built", "all-cp", "all-ap")
"""The naive policies whose worst run sets the 0 mark of each axis."""

ONLINE_SHARE = 0.05
"""Share of daily users online at any minute at normal traffic (surges scale it)."""

STALE_WEIGHT = 0.1
"""Trust points per user-minute of stale reads (users mostly tolerate stale data)."""
PENDING_WEIGHT = 0.1
"""Trust points per user-minute of writes shown as pending (honest, but delayed)."""
EVENT_WEIGHTS: dict[str, float] = {
    "duplicates": 30.0,
    "oversold": 30.0,
    "lost_writes": 60.0,
    "false_indicators": 120.0,
}
"""Trust points (user-minutes) per harmed user; lies weigh the most."""
TICKET_WEIGHT = 20.0
"""Trust points per support ticket."""
VISIBLE_GRACE_S = 300.0
"""Errors visible for longer than this without a break start public backlash."""
BACKLASH_FACTOR = 0.5
"""Backlash adds this share of the error user-minutes after the grace period."""

VIOLATION_CAP = 60.0
"""Any violation caps the overall score at this (grade D at best)."""
GRADES: tuple[tuple[float, str], ...] = ((90, "A"), (80, "B"), (70, "C"), (60, "D"))
"""Lowest overall score for each letter; below the last one the grade is F."""

MIN_SPAN_SHARE = 0.05
"""The 0 mark is at least this share of the larger reference cost away from the model."""
REVENUE_MIN_SPAN_SHARE = 0.01
"""... and at least this share of the healthy-network revenue (revenue axis) ..."""
REVENUE_MIN_SPAN = 100.0
"""... and at least this much money."""
TRUST_MIN_SPAN_MINUTES = 1.0
"""Trust: at least this many minutes of errors for every online user."""
SAFETY_MIN_SPAN = 4.0
"""Safety: at least this many violations (the axis is placed on a log scale)."""


def online_users(scenario: Scenario) -> float:
    """Users online at any minute at normal traffic."""
    return scenario.business.daily_users * ONLINE_SHARE


def _user_minutes(count: float, per_s: float, online: float) -> float:
    """Requests of a feature as user-minutes: minutes of its normal traffic, times users."""
    return count / (60.0 * per_s) * online if per_s > 0 else 0.0


@dataclass
class RunCosts:
    """A run's cost per axis (with parts) and per feature."""

    parts: dict[str, dict[str, float]] = field(default_factory=dict)
    """Axis -> component -> cost."""
    features: dict[str, AxisCost] = field(default_factory=dict)
    """Feature id -> its cost on each axis (tickets are product-wide, not per feature)."""

    def total(self, axis: str) -> float:
        """The axis's cost: the sum of its parts."""
        return sum(self.parts.get(axis, {}).values())


def visible_ticks(result: RunResult, scenario: Scenario, features: list[str]) -> list[bool]:
    """Per tick: did one of ``features`` fail more than the error threshold?"""
    threshold = scenario.thresholds.error_rate
    n = len(result.series.t)
    out = [False] * n
    for fid in features:
        series = result.series.features.get(fid)
        if not series:
            continue
        for i, (req, err) in enumerate(zip(series["requests"], series["errors"], strict=False)):
            if req > 0 and err / req > threshold:
                out[i] = True
    return out


def tick_lengths(result: RunResult) -> list[float]:
    """Seconds each series sample covers."""
    ts = result.series.t
    return [t - (ts[i - 1] if i else 0.0) for i, t in enumerate(ts)]


def downtime_minutes(result: RunResult, scenario: Scenario) -> float:
    """Minutes when some revenue-path feature failed more than the error threshold."""
    path = [f.id for f in scenario.features if f.revenue_path]
    flags = visible_ticks(result, scenario, path)
    return sum(dt for dt, on in zip(tick_lengths(result), flags, strict=False) if on) / 60.0


def _backlash(result: RunResult, scenario: Scenario, online: float) -> dict[str, float]:
    """Extra trust cost per feature for errors that stayed visible past the grace period."""
    fids = [f.id for f in scenario.features]
    flags = visible_ticks(result, scenario, fids)
    posts = [t for t, _ in result.operations.status_posts]
    soften = 1.0 - scenario.business.status_page_trust
    rate = {f.id: f.reads_per_s + f.writes_per_s for f in scenario.features}
    out = {fid: 0.0 for fid in fids}
    since: float | None = None
    for i, t in enumerate(result.series.t):
        if not flags[i]:
            since = None
            continue
        start = t - tick_lengths(result)[i]
        since = start if since is None else since
        if t - since <= VISIBLE_GRACE_S:
            continue
        factor = BACKLASH_FACTOR * (soften if posts and posts[0] <= t else 1.0)
        for fid in fids:
            errors = result.series.features.get(fid, {}).get("errors", [])
            if i < len(errors) and errors[i]:
                out[fid] += factor * _user_minutes(errors[i], rate[fid], online)
    return out


def run_costs(result: RunResult, scenario: Scenario, baseline: RunResult) -> RunCosts:
    """The cost of a run on every axis, against the healthy-network ``baseline``."""
    online = online_users(scenario)
    backlash = _backlash(result, scenario, online)
    costs = RunCosts(parts={axis: {} for axis in AXES})

    def add(axis: str, part: str, value: float) -> None:
        parts = costs.parts[axis]
        parts[part] = parts.get(part, 0.0) + value

    for spec in scenario.features:
        f = result.features.get(spec.id)
        if f is None:
            continue
        base = baseline.features.get(spec.id)
        gap = max(0.0, (base.revenue if base else f.revenue) - f.revenue)
        lost = gap * spec.abandon_rate
        per_s = spec.reads_per_s + spec.writes_per_s
        trust = {
            "errors": _user_minutes(f.errors, per_s, online),
            "stale reads": STALE_WEIGHT * _user_minutes(f.stale_reads, per_s, online),
            "pending writes": PENDING_WEIGHT * _user_minutes(f.pending, per_s, online),
            "backlash": backlash.get(spec.id, 0.0),
        }
        for name, weight in EVENT_WEIGHTS.items():
            trust[name.replace("_", " ")] = weight * getattr(f, name)
        add("revenue", "lost revenue", lost)
        add("revenue", "refunds", f.refunds)
        for name, value in trust.items():
            add("trust", name, value)
        add("safety", "safety", f.safety_violations)
        add("safety", "financial", f.financial_violations)
        add("safety", "compliance", f.compliance_violations)
        costs.features[spec.id] = AxisCost(
            revenue=round(lost + f.refunds, 2),
            trust=round(sum(trust.values()), 2),
            safety=float(f.violations),
        )
    add("trust", "tickets", TICKET_WEIGHT * result.tickets.total)
    return costs


def lost_revenue(result: RunResult, scenario: Scenario, baseline: RunResult) -> float:
    """Revenue lost against the healthy-network run (the revenue axis's first part)."""
    return run_costs(result, scenario, baseline).parts["revenue"]["lost revenue"]


def min_span(axis: str, scenario: Scenario, baseline: RunResult) -> float:
    """The smallest distance between the 100 mark and the 0 mark of an axis."""
    if axis == "revenue":
        return max(REVENUE_MIN_SPAN, REVENUE_MIN_SPAN_SHARE * baseline.totals.revenue)
    if axis == "trust":
        return TRUST_MIN_SPAN_MINUTES * online_users(scenario)
    return _scale("safety", SAFETY_MIN_SPAN)


def _scale(axis: str, cost: float) -> float:
    """Safety is placed on a log scale: the first violation weighs the most."""
    return math.log1p(max(0.0, cost)) if axis == "safety" else cost


def place(axis: str, cost: float, model: float, worst: float, floor: float) -> tuple[float, float]:
    """Place ``cost`` between ``model`` (100) and ``worst`` (0); return (raw, 0 mark).

    The distance between the marks is at least ``floor`` (already on the axis's
    scale) and at least ``MIN_SPAN_SHARE`` of the larger reference, so noise
    between near-equal references cannot swing the score. ``raw`` is not
    clamped: above 100 beats the model.
    """
    c, m, w = _scale(axis, cost), _scale(axis, model), _scale(axis, worst)
    span = max(w - m, floor, MIN_SPAN_SHARE * max(abs(w), abs(m)))
    zero = m + span
    raw = 100.0 * (zero - c) / span
    unscaled_zero = math.expm1(zero) if axis == "safety" else zero
    return raw, unscaled_zero


def weights(scenario: Scenario) -> dict[str, float]:
    """The scenario's axis weights, normalised to add up to 1 (equal if all are 0)."""
    w = scenario.weights
    values = {"revenue": w.revenue, "trust": w.trust, "safety": w.safety}
    total = sum(values.values())
    if total <= 0:
        return {axis: 1 / 3 for axis in AXES}
    return {axis: v / total for axis, v in values.items()}


def overall(scores: dict[str, float], scenario: Scenario) -> float:
    """Weighted mix of the clamped axis scores."""
    w = weights(scenario)
    return sum(w[axis] * min(100.0, max(0.0, scores[axis])) for axis in AXES)


def cap(score: float, violations: int) -> tuple[float, str]:
    """Apply the violation cap; return (score, reason or '')."""
    if violations > 0 and score > VIOLATION_CAP:
        noun = "violation" if violations == 1 else "violations"
        return VIOLATION_CAP, f"{violations} {noun}: overall capped at {VIOLATION_CAP:g}"
    if violations > 0:
        return score, f"{violations} violation(s): overall already below the cap"
    return score, ""


def grade(score: float) -> str:
    """Letter grade of an overall score."""
    for low, letter in GRADES:
        if score >= low - 1e-9:
            return letter
    return "F"


def points_lost(
    extra: dict[str, dict[str, float]], lost: dict[str, float], scenario: Scenario
) -> dict[str, float]:
    """Overall points each feature cost against the model.

    ``extra`` maps feature -> axis -> extra cost over the model's run of that
    feature; ``lost`` maps axis -> points below 100. Each axis's lost points
    are shared among the features in proportion to their extra cost, then
    weighted like the overall score.
    """
    w = weights(scenario)
    out = {fid: 0.0 for fid in extra}
    for axis in AXES:
        total = sum(max(0.0, d.get(axis, 0.0)) for d in extra.values())
        if total <= 0 or lost.get(axis, 0.0) <= 0:
            continue
        for fid, d in extra.items():
            out[fid] += w[axis] * lost[axis] * max(0.0, d.get(axis, 0.0)) / total
    return {fid: round(v, 1) for fid, v in out.items()}
