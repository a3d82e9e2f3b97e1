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
  indicator counted as a fixed number of user-minutes, support tickets,
  backlash when errors stay visible (softened by an honest status-page post
  made once the incident is under way) and the lie of an all-clear post
  while users see errors;
* **safety** (weighted harm): what the run's settings exposed users to, each
  weighed by its kind: every revocation accepted but not in force everywhere
  (an *exposure*, whether or not the other side used the gap), and the expected
  double charges, overdrafts, wrong-price trades and lost records (the dice that
  decide whether a harm actually happened do not move the score).

Revenue and trust are then placed between the reference run (100: the
responder, :mod:`wargame.respond`) and doing nothing (0); safety counts the
violations above the reference's; see :func:`place`.
Incident handling (:mod:`wargame.scoring.handling`) adds a small share.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from wargame.model.result import Counts, RunResult
from wargame.model.scenario import REVOCATION_HARM, Scenario
from wargame.model.status import all_clear
from wargame.scoring.models import AxisCost

AXES: tuple[str, ...] = ("revenue", "trust", "safety")
"""The three axes, in display order."""

NAIVE: tuple[str, ...] = ("as-built", "all-cp", "all-ap")
"""The naive policies run for the comparison."""
ZERO_MARK = "as-built"
"""The run that sets the 0 mark of the revenue and trust axes: doing nothing (as-built,
no action), where the on-call engineer stood when paged."""

ONLINE_SHARE = 0.05
"""Share of daily users online at any minute at normal traffic (surges scale it)."""

STALE_WEIGHT = 0.1
"""Trust points per user-minute of stale reads (users mostly tolerate stale data)."""
PENDING_WEIGHT = 0.3
"""Trust points per user-minute of writes shown as pending: users notice their own action
waiting, so a pending write weighs three times a stale read."""
EVENT_WEIGHTS: dict[str, float] = {
    "duplicates": 30.0,
    "oversold": 30.0,
    "lost_writes": 60.0,
    "false_indicators": 120.0,
    "abandoned": 10.0,
}
"""Trust points (user-minutes) per harmed user; lies weigh the most."""
TICKET_WEIGHT = 20.0
"""Trust points per support ticket."""
VISIBLE_GRACE_S = 300.0
"""Errors visible for longer than this without a break start public backlash."""
BACKLASH_FACTOR = 0.5
"""Backlash adds this share of the error user-minutes after the grace period."""
LIE_WEIGHT = 1.0
"""Trust points per user-minute of errors shown while the status page says all is well."""

VIOLATION_WEIGHTS: dict[str, float] = {"safety": 3.0, "compliance": 2.0, "financial": 1.0}
"""Safety-axis cost of one violation by kind: exposing a user to harm (a harassment
exposure, a revoked session still working) weighs most, a legal breach (an erasure not
applied, an audit record lost) next, a money error (its refund is on the revenue axis) least."""
EXPOSURE_WEIGHT = 0.05
"""Safety-axis cost of one exposure (a revocation accepted but not in force everywhere at
once), as a share of a violation of its kind: twenty harassment exposures weigh as much as
one harassment incident (0.15 each)."""
MAX_POINTS_PER_VIOLATION = 5.0
"""One more violation moves the overall score by at most this many points."""
BEST_WITH_VIOLATIONS = "B"
"""With any violation the reference play would have avoided, the grade is at best this
letter (no A)."""
BONUS_MAX = 100.0
"""Points above 100 shown as a bonus at most (a tiny span would make it meaningless)."""
HANDLING_WEIGHT = 0.1
"""Share of the overall score given to incident handling (taken evenly from the axes)."""
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
"""Safety: the 0 mark is at least this many weighted violations above the reference."""
SAFETY_UNIT = 20.0
"""Safety's log scale counts weighted harm in units of this size: the first few violations
(a harm to a user weighs 3) cost about the same each, larger harms grow slowly
(``log1p(excess / SAFETY_UNIT)``); with the default weights the axis reaches 0 at about
130 weighted (some 45 people harmed, 130 double charges)."""
HARM_SHARE = 0.5
"""Harm also scales the whole score: with the safety axis at 0 the overall is multiplied
by ``1 - HARM_SHARE`` (halved), so a run that hurts many users fails whatever it earned."""


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


def incident_start(result: RunResult, flags: list[bool]) -> float | None:
    """When something first went wrong: the first network trouble or visible error."""
    starts = [a for a, b in result.partition_windows if b > a]
    lengths = tick_lengths(result)
    starts += [t - lengths[i] for i, t in enumerate(result.series.t) if flags[i]][:1]
    return min(starts) if starts else None


def _cover(result: RunResult, start: float | None, t: float) -> tuple[bool, bool]:
    """(honest post in force, all-clear claim in force) at ``t``.

    The post in force is the latest one made by ``t``; an honest post only counts
    once the incident is under way (a post before anything happens earns nothing).
    """
    posts = [(pt, text) for pt, text in result.operations.status_posts if pt <= t]
    if not posts:
        return False, False
    pt, text = posts[-1]
    if all_clear(text):
        return False, True
    return start is not None and pt >= start, False


def _backlash(
    result: RunResult, scenario: Scenario, online: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Per feature: backlash for errors visible past the grace period, and the cost of an
    all-clear status post while users see errors."""
    fids = [f.id for f in scenario.features]
    flags = visible_ticks(result, scenario, fids)
    start = incident_start(result, flags)
    soften = 1.0 - scenario.business.status_page_trust
    rate = {f.id: f.reads_per_s + f.writes_per_s for f in scenario.features}
    out = {fid: 0.0 for fid in fids}
    lies = {fid: 0.0 for fid in fids}
    lengths = tick_lengths(result)
    since: float | None = None
    for i, t in enumerate(result.series.t):
        if not flags[i]:
            since = None
            continue
        since = t - lengths[i] if since is None else since
        honest, lying = _cover(result, start, t)
        errors_of = {fid: result.series.features.get(fid, {}).get("errors", []) for fid in fids}
        if lying:
            for fid, errors in errors_of.items():
                if i < len(errors) and errors[i]:
                    lies[fid] += LIE_WEIGHT * _user_minutes(errors[i], rate[fid], online)
        if t - since <= VISIBLE_GRACE_S:
            continue
        factor = BACKLASH_FACTOR * (soften if honest else 1.0)
        for fid, errors in errors_of.items():
            if i < len(errors) and errors[i]:
                out[fid] += factor * _user_minutes(errors[i], rate[fid], online)
    return out, lies


def run_costs(result: RunResult, scenario: Scenario, baseline: RunResult) -> RunCosts:
    """The cost of a run on every axis, against the healthy-network ``baseline``."""
    online = online_users(scenario)
    backlash, lies = _backlash(result, scenario, online)
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
            "status-page lie": lies.get(spec.id, 0.0),
        }
        for name, weight in EVENT_WEIGHTS.items():
            trust[name.replace("_", " ")] = weight * getattr(f, name, 0)
        add("revenue", "lost revenue", lost)
        add("revenue", "refunds", f.refunds)
        for name, value in trust.items():
            add("trust", name, value)
        safety = safety_harm(f, spec.kind)
        for kind, value in safety.items():
            add("safety", kind, value)
        costs.features[spec.id] = AxisCost(
            revenue=round(lost + f.refunds, 2),
            trust=round(sum(trust.values()), 2),
            safety=round(sum(safety.values()), 2),
        )
    add("trust", "tickets", TICKET_WEIGHT * result.tickets.total)
    return costs


def safety_harm(f: Counts, kind: str) -> dict[str, float]:
    """A feature's weighted harm by violation kind.

    A revocation harms by its exposures (the people left unprotected, whether or not
    the gap was used), each :data:`EXPOSURE_WEIGHT` of a violation; where the gap was
    open long enough that more uses are expected than that, the expected uses count
    instead. The other kinds harm by their expected violations (each double charge,
    overdraft or lost record is itself the harm).
    """
    harm = REVOCATION_HARM.get(kind)
    out = {k: VIOLATION_WEIGHTS[k] * getattr(f, f"{k}_risk") for k in VIOLATION_WEIGHTS}
    if harm is not None:
        out[harm] = VIOLATION_WEIGHTS[harm] * max(EXPOSURE_WEIGHT * f.exposures, f.risk)
    return out


def lost_revenue(result: RunResult, scenario: Scenario, baseline: RunResult) -> float:
    """Revenue lost against the healthy-network run (the revenue axis's first part)."""
    return run_costs(result, scenario, baseline).parts["revenue"]["lost revenue"]


def min_span(
    axis: str, scenario: Scenario, baseline: RunResult, safety_weight: float = 0.0
) -> float:
    """The smallest distance between the 100 mark and the 0 mark of an axis.

    Safety (in log units, see :func:`place`) is not placed against the naive runs.
    The scale is steepest at the first violation: one more violation of the heaviest
    kind moves the safety axis by at most ``100 * log1p(weight / SAFETY_UNIT) / span``
    points, and the overall by at most ``(safety_weight + HARM_SHARE)`` times that (see
    :func:`overall`), so the span keeps one more violation within
    :data:`MAX_POINTS_PER_VIOLATION` overall points.
    """
    if axis == "revenue":
        return max(REVENUE_MIN_SPAN, REVENUE_MIN_SPAN_SHARE * baseline.totals.revenue)
    if axis == "trust":
        return TRUST_MIN_SPAN_MINUTES * online_users(scenario)
    return max(math.log1p(SAFETY_MIN_SPAN / SAFETY_UNIT), _first_violation_span(safety_weight))


def _first_violation_span(safety_weight: float) -> float:
    """The log span that holds the heaviest first violation to the overall-points limit."""
    heaviest = math.log1p(max(VIOLATION_WEIGHTS.values()) / SAFETY_UNIT)
    return 100.0 * heaviest * (safety_weight + HARM_SHARE) / MAX_POINTS_PER_VIOLATION


def place(axis: str, cost: float, model: float, worst: float, floor: float) -> tuple[float, float]:
    """Place ``cost`` between ``model`` (100) and the 0 mark; return (raw, 0 mark).

    Revenue and trust: the 0 mark is doing nothing (``worst``), at least
    ``floor`` and ``MIN_SPAN_SHARE`` of the larger reference away from the 100 mark, so
    noise between near-equal references cannot swing the score. Safety: the weighted
    violations above the reference's are placed on a log scale of ``floor`` (see
    :func:`min_span`), whatever the naive runs did: the first violations cost the
    most, and a run's score does not swing with the exact count of a large harm.
    ``raw`` is not clamped: above 100 beats the reference.
    """
    if axis == "safety":
        diff = cost - model
        step = math.log1p(abs(diff) / SAFETY_UNIT) / floor
        zero = model + SAFETY_UNIT * math.expm1(floor)
        return 100.0 * (1.0 - math.copysign(step, diff)), zero
    span = max(worst - model, floor, MIN_SPAN_SHARE * max(abs(worst), abs(model)))
    zero = model + span
    return 100.0 * (zero - cost) / span, zero


VIOLATION_KINDS: frozenset[str] = frozenset(
    {"payment", "audit_log", "block_list", "moderation", "session", "access_control", "erasure"}
)
"""Kinds whose wrong policy can cause violations (a catalog can too, when checkout trusts
stale prices)."""


def live_axes(scenario: Scenario, baseline: RunResult, refs: list[RunResult]) -> set[str]:
    """The axes that can vary in this scenario (the others would hand out free points).

    Revenue varies when the product earns anything; safety when a feature can cause a
    violation (by its kind, or as seen in a reference run); trust always does.
    """
    live = {"trust"}
    if baseline.totals.revenue > 0:
        live.add("revenue")
    can_harm = any(
        f.kind in VIOLATION_KINDS
        or (f.kind == "catalog" and f.knobs.stale_trade_rate > 0 and not f.knobs.checkout_verifies)
        for f in scenario.features
    )
    if can_harm or any(r.totals.violations or r.totals.risk for r in refs):
        live.add("safety")
    return live


def weights(
    scenario: Scenario, live: set[str] | None = None, handling: float = HANDLING_WEIGHT
) -> dict[str, float]:
    """Weight of each axis and of handling, adding up to 1.

    The scenario's axis weights are normalised over the axes that can vary (``live``;
    all of them by default), then scaled to leave ``handling`` (:data:`HANDLING_WEIGHT`;
    0 when a design is scored: nobody handles an incident in it) to handling.
    """
    w = scenario.weights
    values = {"revenue": w.revenue, "trust": w.trust, "safety": w.safety}
    live = set(AXES) if live is None else live
    values = {axis: (v if axis in live else 0.0) for axis, v in values.items()}
    total = sum(values.values())
    if total <= 0:
        values = {axis: (1.0 if axis in live else 0.0) for axis in AXES}
        total = sum(values.values())
    share = 1.0 - handling
    out = {axis: share * v / total for axis, v in values.items()}
    out["handling"] = handling
    return out


def overall(scores: dict[str, float], w: dict[str, float]) -> float:
    """Weighted mix of the clamped axis scores (and handling), scaled down by harm.

    The mix is multiplied by ``1 - HARM_SHARE * (1 - safety / 100)`` when the safety
    axis counts: a run that hurts users loses on the safety axis and on everything
    it earned elsewhere.
    """

    def clamp(x: float) -> float:
        return min(100.0, max(0.0, x))

    mix = sum(wt * clamp(scores.get(axis, 0.0)) for axis, wt in w.items())
    if w.get("safety", 0.0) > 0:
        mix *= 1.0 - HARM_SHARE * (1.0 - clamp(scores.get("safety", 100.0)) / 100.0)
    return mix


def grade(score: float, violations: int = 0) -> str:
    """Letter grade of an overall score; any (avoidable) violation rules out an A.

    ``violations`` are those beyond the reference play's on the same seed: harm done
    before anyone could react is not the player's.
    """
    letter = "F"
    for low, name in GRADES:
        if score >= low - 1e-9:
            letter = name
            break
    if violations and letter == "A":
        return BEST_WITH_VIOLATIONS
    return letter


def grade_limit(score: float, violations: int) -> str:
    """Why the grade is lower than the score alone would give ('' when it is not)."""
    if violations and grade(score) == "A":
        noun = "violation" if violations == 1 else "violations"
        return f"{violations} {noun} the reference play avoided: no A"
    return ""


def points_lost(
    extra: dict[str, dict[str, float]], lost: dict[str, float], w: dict[str, float]
) -> dict[str, float]:
    """Overall points each feature cost against the model.

    ``extra`` maps feature -> axis -> extra cost over the model's run of that
    feature; ``lost`` maps axis -> points below 100. Each axis's lost points
    are shared among the features in proportion to their extra cost, then
    weighted like the overall score (``w``, from :func:`weights`).
    """
    out = {fid: 0.0 for fid in extra}
    for axis in AXES:
        total = sum(max(0.0, d.get(axis, 0.0)) for d in extra.values())
        if total <= 0 or lost.get(axis, 0.0) <= 0:
            continue
        for fid, d in extra.items():
            out[fid] += w[axis] * lost[axis] * max(0.0, d.get(axis, 0.0)) / total
    return {fid: round(v, 1) for fid, v in out.items()}
