"""The report's prose sections, written from outcomes: root cause, impact,
resolution, what went well and wrong, lessons and action items.

Each function returns a list of sentences or bullet lines; the Markdown
renderer decides how they look.
"""

from __future__ import annotations

from wargame.model.result import RunResult
from wargame.model.scenario import Event, Scenario
from wargame.model.timefmt import format_clock
from wargame.scoring.contract import NOTHING_TO_RECONCILE, POLICY_NAMES, RESOLUTION_NAMES
from wargame.scoring.models import Debrief, FeatureVerdict

QUICK_DETECT_S = 120.0
"""Detection within this many seconds of the cut counts as quick."""
STATUS_PAGE_S = 600.0
"""A status-page post within this many seconds of the cut counts as timely."""


def money(value: float, currency: str) -> str:
    """``$1,234`` (other currencies as a suffix)."""
    text = f"{value:,.0f}"
    return f"${text}" if currency == "USD" else f"{text} {currency}"


def _clock(t: float | None) -> str:
    return format_clock(t) if t is not None else "never"


def _names(scenario: Scenario, ids: list[str]) -> str:
    names = {r.id: r.name for r in scenario.regions}
    return ", ".join(names.get(i, i) for i in ids)


def describe_event(ev: Event, scenario: Scenario) -> str | None:
    """A plain sentence for a network event (None for other kinds)."""
    at = format_clock(ev.at)
    if ev.kind == "partition":
        if ev.groups:
            sides = " | ".join(_names(scenario, g) for g in ev.groups)
            what = f"the network split into {sides}"
        else:
            pairs = "; ".join(_names(scenario, p) for p in ev.links or [])
            what = f"the links {pairs} failed"
        how = {"full": "", "lossy": f" (partial: {ev.loss:.0%} of messages lost)",
               "one-way": " (one direction only)"}[ev.mode]  # fmt: skip
        return f"At {at} {what}{how}."
    if ev.kind == "link":
        pairs = "; ".join(_names(scenario, p) for p in ev.links or [])
        extra = f" (x{ev.factor:g} latency)" if ev.state == "slow" else ""
        return f"At {at} the links {pairs} went {ev.state}{extra}."
    if ev.kind == "outage":
        return f"At {at} region {_names(scenario, [ev.region or ''])} went down."
    if ev.kind == "restore":
        return f"At {at} region {_names(scenario, [ev.region or ''])} came back."
    if ev.kind == "heal":
        return f"At {at} the network healed."
    return None


def root_cause(debrief: Debrief, result: RunResult, scenario: Scenario) -> list[str]:
    """The network trigger, then which features behaved CP or AP, by design or by accident."""
    network = [s for ev in scenario.events if (s := describe_event(ev, scenario))]
    out = [" ".join(network) if network else "The network never failed during this drill."]
    for side in ("CP", "AP"):
        rows = [v for v in debrief.verdicts if v.behaved == side]
        if not rows:
            continue
        parts = []
        for v in rows:
            why = {
                "by design": "by design",
                "by accident": f"by accident: started {v.start_policy}, never decided",
                "by your change": f"by your change; started {v.start_policy}",
            }[v.origin]
            parts.append(f"{v.name} ran {v.partition_policy} ({why})")
        label = "errors for users" if side == "CP" else "stale data, reconciled after the heal"
        out.append(f"Behaved {side} ({label}): " + "; ".join(parts) + ".")
    wrong = [v.name for v in debrief.verdicts if v.origin == "by accident"]
    if wrong:
        out.append(
            "The product had no written consistency contract for "
            + ", ".join(wrong)
            + (": its" if len(wrong) == 1 else ": their")
            + " partition behaviour came from how it was built, not from a decision."
        )
    return out


def impact(debrief: Debrief, result: RunResult, scenario: Scenario) -> list[str]:
    """User impact in numbers."""
    m = debrief.incident_metrics
    t = result.totals
    cur = debrief.currency
    player = debrief.comparison[0]
    lines = [
        f"Users in regions that saw errors: {m.users_seeing_errors:,}.",
        f"Revenue path down (over the error threshold): {player.downtime_min:.1f} minutes.",
        f"Revenue lost against a healthy network: {money(player.lost_revenue, cur)}; "
        f"refunds and compensation: {money(t.refunds, cur)}.",
        f"Requests failed: {t.errors:,}; stale reads served: {t.stale_reads:,}; "
        f"writes left pending: {t.pending:,}.",
        f"Oversold: {t.oversold:,}; duplicates: {t.duplicates:,}; lost writes: "
        f"{t.lost_writes:,}; false indicators: {t.false_indicators:,}.",
        f"Violations: {t.safety_violations} safety, {t.financial_violations} financial, "
        f"{t.compliance_violations} compliance happened; your settings risked "
        f"{t.safety_risk:.1f}, {t.financial_risk:.1f} and {t.compliance_risk:.1f} "
        f"(expected counts) and left {t.exposures:,.0f} revocations exposed (not in force "
        "everywhere at once); the safety score weighs the exposures and expected counts.",
    ]
    by = ", ".join(f"{k} {v:,}" for k, v in result.tickets.by_symptom.items()) or "none"
    lines.append(f"Support tickets: {result.tickets.total:,} ({by}).")
    return lines


def resolution(debrief: Debrief, result: RunResult, scenario: Scenario) -> list[str]:
    """How service came back: the player's levers, the heal, reconciliation."""
    m = debrief.incident_metrics
    out = []
    levers = [a for a in result.actions if a.verb in ("set", "failover", "safe-mode", "shed")]
    for a in levers:
        out.append(f"{format_clock(a.t)}: {a.describe()}.")
    if not levers:
        out.append("No feature was changed during the incident.")
    if m.mitigated_by == "player":
        out.append(f"User-visible errors stopped {_clock(m.time_to_mitigate_s)} after the cut.")
    elif m.mitigated_by == "heal":
        out.append("User-visible errors stopped only when the network healed.")
    elif m.mitigated_by == "never":
        out.append("User-visible errors lasted to the end of the drill.")
    else:
        out.append("No feature failed visibly: there were no errors to mitigate.")
    if m.time_to_recover_s is not None:
        out.append(
            f"The network healed at {format_clock(m.incident_end_s)}; reconciliation was done "
            f"at {format_clock(m.incident_start_s + m.time_to_recover_s)}."
        )
    else:
        out.append("The network had not healed when the drill ended.")
    return out


def _feature_well_wrong(v: FeatureVerdict, cur: str) -> tuple[str | None, str | None]:
    if v.status == "right by design":
        return f"{v.name} was designed {v.model_policy} and behaved as intended.", None
    if v.status == "fixed in time":
        when = _clock(v.first_correct_change_s)
        return f"{v.name} was moved to {v.model_policy} {when} after the cut.", None
    if v.status == "split brain":
        return None, f"{v.name} had two leaders after your failover: split brain."
    if v.status in ("fixed late", "never fixed", "made wrong"):
        extra = f" ({v.points_lost:g} points lost)" if v.points_lost else ""
        if v.status == "fixed late":
            when = _clock(v.first_correct_change_s)
            return None, f"{v.name} reached {v.model_policy} only {when} after the cut{extra}."
        if v.status == "never fixed" and v.partition_policy == v.model_policy:
            missing = "; ".join(v.model_levers)
            return None, f"{v.name} never got the model's settings ({missing}){extra}."
        return None, f"{v.name} ran {v.partition_policy}, not {v.model_policy}{extra}."
    return None, None


def went_well_wrong(
    debrief: Debrief, result: RunResult, scenario: Scenario
) -> tuple[list[str], list[str]]:
    """Two lists of bullet lines."""
    m = debrief.incident_metrics
    well: list[str] = []
    wrong: list[str] = []
    for v in debrief.verdicts:
        good, bad = _feature_well_wrong(v, debrief.currency)
        well += [good] if good else []
        wrong += [bad] if bad else []
    if m.time_to_detect_s is not None and m.time_to_detect_s <= QUICK_DETECT_S:
        well.append(f"Detected {_clock(m.time_to_detect_s)} after the cut.")
    elif m.time_to_detect_s is not None:
        wrong.append(f"Detection took {_clock(m.time_to_detect_s)}.")
    else:
        wrong.append("Nobody acknowledged an alert or acted during the incident.")
    if m.severity_verdict == "right":
        well.append(f"Severity {m.severity_declared} matched the impact.")
    elif m.severity_verdict == "not declared":
        wrong.append(f"No severity declared; the impact warranted {m.severity_warranted}.")
    else:
        wrong.append(
            f"Severity {m.severity_declared} was {m.severity_verdict}: "
            f"{m.severity_warranted} was warranted ({m.severity_reason})."
        )
    for page in m.teams_expected:
        if page.paged_at is not None:
            well.append(f"Paged {page.team} at {format_clock(page.paged_at)} ({page.reason}).")
        else:
            wrong.append(f"{page.team} was not paged in time ({page.reason}).")
    post = m.status_page_at
    if post is not None and post - m.incident_start_s <= STATUS_PAGE_S:
        well.append(f"Status page updated at {format_clock(post)}.")
    elif post is not None:
        wrong.append(f"The status page was updated late, at {format_clock(post)}.")
    elif m.users_seeing_errors:
        wrong.append("Users saw errors but the status page said nothing.")
    if result.totals.violations:
        wrong.append(f"{result.totals.violations} violation(s): the grade is capped.")
    return well or ["Nothing stood out."], wrong or ["Nothing stood out."]


def lessons(debrief: Debrief) -> list[str]:
    """One lesson per feature: the choice against the model, and the model's reasoning."""
    out = []
    for v in debrief.verdicts:
        res = RESOLUTION_NAMES.get(v.model_resolution, v.model_resolution)
        out.append(
            f"**{v.name}** ({v.status}): {v.lesson} Model: {POLICY_NAMES[v.model_policy]}, "
            f"{res}. Why: {v.model_why}"
        )
    return out


def action_items(debrief: Debrief, scenario: Scenario) -> list[str]:
    """Follow-ups: design changes per feature, then runbook and process items."""
    m = debrief.incident_metrics
    out = []
    for f in scenario.features:
        want = f.model.policy
        res = f.model.resolution or f.resolution
        if f.as_built != want:
            out.append(
                f"Make {f.name} {POLICY_NAMES[want]} during partitions "
                f"(it is {f.as_built} today, by accident)."
            )
        if res != f.resolution:
            out.append(f"Switch {f.name}'s conflict resolution to {RESOLUTION_NAMES[res]}.")
        current = f.knobs.model_dump()
        for knob, value in sorted(f.model.knobs.items()):
            if current.get(knob) != value:
                out.append(f"Set {f.name}'s {knob} to {value}.")
    ap_pain = [
        v.name
        for v in debrief.verdicts
        if v.model_policy == "ap" and v.kind not in NOTHING_TO_RECONCILE
    ]
    if ap_pain:
        out.append(
            "Write runbooks for reconciliation outcomes (who decides, who tells the customer) "
            "for " + ", ".join(ap_pain) + "."
        )
    if not m.right_team_paged:
        out.append(
            "Route quorum and error-rate alerts to platform/SRE, and conflict alerts after a "
            "heal to the data team."
        )
    if m.status_page_at is None or m.status_page_at - m.incident_start_s > STATUS_PAGE_S:
        out.append("Add a status-page post to the partition runbook, within ten minutes.")
    out.append("Publish the consistency contract below and link it from the on-call runbook.")
    out.append("Rehearse this partition in a game day and check every feature keeps its contract.")
    return out
