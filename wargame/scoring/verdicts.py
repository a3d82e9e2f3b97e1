"""Per-feature verdicts and the one-line verdict of a run, in L5/L6 terms.

A feature's verdict compares the policy it actually ran during the partition
(from the engine's policy timeline) with the scenario's model, says whether
the behaviour was designed, accidental or the player's doing, and how long
after the cut the player first set the model's policy and settings. A feature
whose model also needs settings changed (safe mode, a resolution, dedup) is not
"right by design" until those are applied, and a failover that left two leaders
taking writes makes a feature's verdict "split brain" whatever its policy.
"""

from __future__ import annotations

from wargame.engine.levers import model_levers
from wargame.model.result import FeatureResult, RunResult
from wargame.model.scenario import Feature, Scenario
from wargame.model.timefmt import format_clock
from wargame.scoring.models import AxisCost, FeatureVerdict, PolicyChange

IN_TIME_S = 300.0
"""A model policy set within this many seconds of the cut counts as fixed in time."""
LEVELS = (
    "L5 and L6 are interview levels: an L5 (senior) answer picks CP or AP for the whole "
    "system, or argues from the theorem; an L6 (staff) answer chooses per feature and "
    "traces each choice to what its users see and what it costs."
)
"""The one line that says what L5 and L6 mean, shown where a debrief first uses them."""
HOLD_SHARE = 0.9
"""A feature kept its policy if it held it for this share of the partition's region-seconds."""


def windows(result: RunResult) -> list[tuple[float, float]]:
    """The partition windows, or nothing when the network never failed."""
    return [(a, b) for a, b in result.partition_windows if b > a]


def timeline(f: FeatureResult) -> list[PolicyChange]:
    """The feature's policy changes, with a rollout's regions grouped into one entry."""
    out: list[PolicyChange] = []
    for span in sorted(f.policy_timeline, key=lambda s: s.t):
        last = out[-1] if out else None
        if last and last.policy == span.policy and span.region not in last.regions:
            last.regions.append(span.region)
        else:
            out.append(PolicyChange(t=span.t, policy=span.policy, regions=[span.region]))
    return out


def policy_shares(f: FeatureResult, spans: list[tuple[float, float]]) -> dict[str, float]:
    """Share of the windows' region-seconds spent under each policy."""
    by_region: dict[str, list[tuple[float, str]]] = {}
    for span in sorted(f.policy_timeline, key=lambda s: s.t):
        by_region.setdefault(span.region, []).append((span.t, span.policy))
    seconds: dict[str, float] = {}
    for changes in by_region.values():
        for i, (t, policy) in enumerate(changes):
            until = changes[i + 1][0] if i + 1 < len(changes) else float("inf")
            for a, b in spans:
                overlap = min(b, until) - max(a, t)
                if overlap > 0:
                    seconds[policy] = seconds.get(policy, 0.0) + overlap
    total = sum(seconds.values())
    return {p: s / total for p, s in seconds.items()} if total else {}


def _first_correct(result: RunResult, spec: Feature, start: float) -> float | None:
    for action in result.actions:
        if action.verb == "set" and action.args[:2] == (spec.id, spec.model.policy):
            return max(0.0, action.t - start)
    return None


def settings_levers(spec: Feature) -> list[str]:
    """The model's levers besides ``set``: settings that differ from as-built."""
    return [text for text in model_levers(spec) if not text.startswith("set ")]


def lever_done(action, lever: str) -> bool:
    """The action applies the lever (safe mode: any factor counts, not only the model's)."""
    verb, *args = lever.split()
    if action.verb != verb or tuple(action.args[:1]) != tuple(args[:1]):
        return False
    if verb == "safe-mode":
        return len(action.args) > 1 and action.args[1] != "off"
    return tuple(action.args) == tuple(args)


def levers_done_at(result: RunResult, levers: list[str], start: float) -> float | None:
    """Seconds after ``start`` by which every lever had been applied (None: some never)."""
    last = 0.0
    for lever in levers:
        when = next((a.t for a in result.actions if lever_done(a, lever)), None)
        if when is None:
            return None
        last = max(last, when - start)
    return last


def split_brain(result: RunResult, feature: str) -> tuple[float | None, float | None]:
    """(when the player's failover split the brain, when a fence followed) for a feature.

    Fencing either leader ends it: the old one, or the new one (the old one then leads
    alone again).
    """
    split = next(
        ((t, region) for t, f, region, bad in result.operations.failovers if f == feature and bad),
        None,
    )
    if split is None:
        return None, None
    fence = next(
        (t for t, f, region in result.operations.fences if f == feature and t >= split[0]),
        None,
    )
    return split[0], fence


def _money(value: float, currency: str) -> str:
    text = f"{value:,.0f}"
    return f"${text}" if currency == "USD" else f"{text} {currency}"


def cost_delta(cost: AxisCost, model: AxisCost, currency: str) -> str:
    """'$1,234 more on revenue, 56 more user-minutes of harm, 2.5 more weighted harm' (or '').

    Safety is the weighted harm the settings risked (expected violations and exposures),
    not a count of incidents, so it is shown with one decimal.
    """
    parts = []
    if cost.revenue - model.revenue >= 1:
        parts.append(f"{_money(cost.revenue - model.revenue, currency)} more on revenue")
    if cost.trust - model.trust >= 1:
        parts.append(f"{cost.trust - model.trust:,.0f} more user-minutes of harm")
    if cost.safety - model.safety >= 0.05:
        parts.append(f"{cost.safety - model.safety:,.1f} more weighted harm (safety)")
    return ", ".join(parts)


def _lesson(v: FeatureVerdict, currency: str) -> str:
    worse = cost_delta(v.cost, v.model_cost, currency)
    tail = f" Against the model it cost {worse}." if worse else ""
    if v.status == "no partition":
        return f"The network never split, so {v.name} kept its starting policy ({v.start_policy})."
    if v.status == "right by design":
        return f"{v.name} was already built {v.model_policy}, as the model wants.{tail}"
    if v.status == "made wrong":
        return (
            f"{v.name} was built {v.model_policy}, as the model wants, but ran "
            f"{v.partition_policy} for most of the partition after your change.{tail}"
        )
    when = format_clock(v.first_correct_change_s or 0.0)
    settings = "; ".join(v.model_levers)
    if v.status == "split brain":
        fence = (
            f"a leader was fenced only at {format_clock(v.fenced_at)}"
            if v.fenced_at is not None
            else "the old leader was never fenced"
        )
        return (
            f"{v.name} ran {v.partition_policy}, but your failover (done at "
            f"{format_clock(v.split_brain_at or 0.0)}) promoted a new leader while the old one "
            f"could still reach a majority: two leaders took writes and {fence}.{tail}"
        )
    if v.status == "never fixed" and v.model_levers and v.partition_policy == v.model_policy:
        return (
            f"{v.name} ran {v.model_policy}, as the model wants, but the model also needs "
            f"{settings}, and that was never applied.{tail}"
        )
    if v.model_levers and v.start_policy == v.model_policy:
        if v.status in ("fixed in time", "fixed late"):
            late = "" if v.status == "fixed in time" else " That was late."
            return (
                f"{v.name} was built {v.model_policy}, as the model wants, and you applied its "
                f"settings ({settings}) {when} after the cut.{late}{tail}"
            )
        if v.status == "never fixed":
            return (
                f"{v.name} was built {v.model_policy}, as the model wants, but the model also "
                f"needs {settings}, and that was never applied.{tail}"
            )
    if v.status in ("fixed in time", "fixed late"):
        late = "" if v.status == "fixed in time" else " That was late."
        return (
            f"You moved {v.name} from {v.start_policy} to {v.model_policy} {when} after the cut."
            f"{late} Designed {v.model_policy} beforehand, it needs no decision during the "
            f"incident.{tail}"
        )
    how = "as built, by accident" if v.origin == "by accident" else "after your change"
    return f"{v.name} ran {v.partition_policy} ({how}); the model runs it {v.model_policy}.{tail}"


def feature_verdicts(
    result: RunResult,
    scenario: Scenario,
    costs: dict[str, AxisCost],
    model_costs: dict[str, AxisCost],
) -> list[FeatureVerdict]:
    """One verdict per feature of the scenario, in scenario order."""
    spans = windows(result)
    start = spans[0][0] if spans else 0.0
    whole = spans or [(0.0, result.duration_s)]
    currency = scenario.business.currency
    out: list[FeatureVerdict] = []
    for spec in scenario.features:
        f = result.features[spec.id]
        shares = policy_shares(f, whole)
        changes = timeline(f)
        first = changes[0].policy if changes else spec.as_built
        held = max(shares, key=lambda p: (shares[p], p)) if shares else first
        model = spec.model.policy
        correct = _first_correct(result, spec, start)
        extra = settings_levers(spec)
        if extra:
            done = levers_done_at(result, extra, start)
            policy_at = 0.0 if first == model else correct
            correct = None if done is None or policy_at is None else max(done, policy_at)
        matches = held == model and (not extra or correct is not None)
        split_at, fenced_at = split_brain(result, spec.id)
        if not spans:
            status = "no partition"
        elif first == model and shares.get(model, 0) < HOLD_SHARE:
            status = "made wrong"
        elif first == model and not extra:
            status, correct = "right by design", None
        elif correct is not None and matches:
            status = "fixed in time" if correct <= IN_TIME_S else "fixed late"
        elif correct is not None:
            status = "fixed late"
        else:
            status = "never fixed"
        if spans and split_at is not None and held != "ap":
            status, matches = "split brain", False
        if held != first:
            origin = "by your change"
        else:
            origin = "by design" if first == model else "by accident"
        verdict = FeatureVerdict(
            feature=spec.id,
            name=spec.name,
            kind=spec.kind,
            team=spec.team,
            as_built=spec.as_built,
            start_policy=first,
            model_policy=model,
            model_resolution=spec.model.resolution or spec.resolution,
            model_why=" ".join(spec.model.why.split()),
            timeline=changes,
            partition_policy=held,
            matches_model=matches,
            behaved="AP" if held == "ap" else "CP",
            origin=origin,
            status=status,
            first_correct_change_s=correct,
            model_levers=extra,
            split_brain_at=split_at,
            fenced_at=fenced_at,
            cost=costs.get(spec.id, AxisCost()),
            model_cost=model_costs.get(spec.id, AxisCost()),
            lesson="",
        )
        verdict.lesson = _lesson(verdict, currency)
        out.append(verdict)
    return out


def _the(name: str) -> str:
    """'the checkout' style reference to a feature name."""
    if len(name) > 1 and name[1].isupper():
        return f"the {name}"
    return f"the {name[0].lower()}{name[1:]}"


def _damage(v: FeatureVerdict) -> tuple[bool, float, str]:
    """Sort key: extra violations first (they cap the grade), then overall points lost."""
    return (v.cost.safety > v.model_cost.safety, v.points_lost, v.feature)


def _want(v: FeatureVerdict) -> str:
    """The model's side of the trade-off for a feature."""
    return "AP" if v.model_policy == "ap" else "CP"


def run_verdict(verdicts: list[FeatureVerdict], overall: float) -> str:
    """One line: what the run's per-feature choices say, in the chapter's L5/L6 terms."""
    active = [v for v in verdicts if v.status != "no partition"]
    if not active:
        return "No partition in this drill: nothing forced a CAP choice."
    model_classes = {_want(v) for v in active}
    uniform = len(model_classes) == 2 and len({v.behaved for v in active}) == 1
    tail = "; one policy for the whole product, where CAP is chosen per feature" if uniform else ""
    wrong = sorted((v for v in active if v.behaved != _want(v)), key=_damage, reverse=True)
    if wrong:
        v = wrong[0]
        twins = [u for u in active if _want(u) != _want(v)]
        twin = next((u for u in twins if u.behaved != _want(v)), twins[0] if twins else None)
        if twin is not None:
            return f"L5: treated {_the(v.name)} like {_the(twin.name)}{tail}."
        return f"L5: ran {_the(v.name)} {v.behaved} when its users need it {_want(v)}."
    off = [v for v in active if not v.matches_model]
    if off:
        v = max(off, key=_damage)
        return (
            f"Right side of the trade-off, wrong point on it: {_the(v.name)} ran "
            f"{v.partition_policy} where the model uses {v.model_policy}."
        )
    late = [v for v in active if v.status == "fixed late"]
    if late:
        return (
            f"L6 choices, made under pressure: {_the(late[0].name)} was fixed "
            f"{format_clock(late[0].first_correct_change_s or 0)} after the cut."
        )
    ap = [v.name for v in active if v.behaved == "AP"]
    cp = [v.name for v in active if v.behaved == "CP"]
    if ap and cp:
        return (
            f"L6: per-feature choices: {', '.join(ap)} stayed available; "
            f"{', '.join(cp)} stayed correct."
        )
    return f"L6: every feature ran the policy its users need ({overall:.0f} overall)."
