"""Incident metrics: detection, acknowledgement, mitigation, recovery, severity, paging.

These describe how the incident was handled; they are reported in the
debrief and the post-incident report but do not enter the scores (the
scores measure what users and the business felt).

Definitions (repeated in the report):

* **time to detect**: from the partition's start to the first acknowledged
  alert or the first action, whichever comes first;
* **time to acknowledge**: from the first alert to the first acknowledgement;
* **time to mitigate**: from the partition's start to the end of the last
  tick in which a feature failed more than the error threshold, when that
  happens before the heal (otherwise the heal, not the player, ended the
  errors); features the model keeps CP are left out, since refusing
  requests is what they are designed to do during a partition;
* **time to recover**: from the partition's start to the end of the
  reconciliation that follows the heal.
"""

from __future__ import annotations

from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.scoring.models import IncidentMetrics, TeamPage
from wargame.scoring.rules import downtime_minutes, tick_lengths, visible_ticks
from wargame.scoring.verdicts import windows

AFFECTED_ERROR_SHARE = 0.01
"""A region's users count as seeing errors when a feature failed this share of its requests."""
DESIGNED_ERRORS = ("cp", "cp-reads")
"""Model policies that refuse requests during a partition by design."""
AP_PAIN = ("conflicts", "oversold", "duplicates", "lost_writes", "false_indicators")
"""Counters that make reconciliation work for the data team after the heal."""


def _severity_rank(sev: str) -> int:
    return int(sev.removeprefix("SEV"))


def warranted_severity(result: RunResult, scenario: Scenario) -> tuple[str, str]:
    """The severity the impact called for, and why."""
    t = result.totals
    if t.violations:
        return "SEV1", f"{t.violations} safety, financial or compliance violation(s)"
    down = downtime_minutes(result, scenario)
    if down > 0:
        return "SEV1", f"the revenue path was failing for {down:.1f} minutes"
    if any(visible_ticks(result, scenario, [f.id for f in scenario.features])):
        return "SEV2", "users saw errors, but the revenue path kept working"
    if t.stale_reads or t.pending or any(getattr(t, k) for k in AP_PAIN):
        return "SEV3", "degraded data (stale reads, pending writes or conflicts), no errors"
    return "SEV4", "no user-visible impact"


def _mitigation(
    result: RunResult, scenario: Scenario, start: float, end: float, healed: bool
) -> tuple[float | None, str]:
    available = [f.id for f in scenario.features if f.model.policy not in DESIGNED_ERRORS]
    flags = visible_ticks(result, scenario, available)
    lengths = tick_lengths(result)
    inside = [
        (t, flags[i], lengths[i]) for i, t in enumerate(result.series.t) if start < t <= end + 1e-9
    ]
    seen = [(t, dt) for t, on, dt in inside if on]
    if not seen:
        return None, "nothing to mitigate"
    last, dt = seen[-1]
    if last + dt + 1e-6 >= end:
        return None, "heal" if healed else "never"
    return last - start, "player"


def _recovery(result: RunResult, start: float, end: float, healed: bool) -> float | None:
    if not healed:
        return None
    done = [
        e.t
        for e in result.timeline
        if e.type == "engine" and "reconciliation finished" in e.text and e.t >= end
    ]
    return (max(done) if done else end) - start


def _teams(result: RunResult, scenario: Scenario, start: float, end: float) -> list[TeamPage]:
    """Teams the impact called for (the chapter's paging rules)."""
    need: list[tuple[str, str, float, float]] = []
    fids = [f.id for f in scenario.features]
    flags = visible_ticks(result, scenario, fids)
    if any(on and start < t <= end for t, on in zip(result.series.t, flags, strict=False)):
        need.append(("platform", "CP pain: users saw errors during the partition", start, end))
    t = result.totals
    if any(getattr(t, k) for k in AP_PAIN):
        need.append(("data", "AP pain: reconciliation found conflicts after the heal", start, 1e18))
    for spec in scenario.features:
        f = result.features.get(spec.id)
        if f is not None and f.violations:
            why = f"{spec.name}: {f.violations} violation(s) to investigate"
            need.append((spec.team, why, start, 1e18))
    merged: dict[str, TeamPage] = {}
    for team, reason, a, b in need:
        if team in merged:
            merged[team].reason += f"; {reason}"
            continue
        paged = [pt for pt, pteam in result.operations.pages if pteam == team and a <= pt <= b]
        merged[team] = TeamPage(team=team, reason=reason, paged_at=paged[0] if paged else None)
    return list(merged.values())


def incident_metrics(result: RunResult, scenario: Scenario) -> IncidentMetrics:
    """How the incident was detected, handled and declared."""
    spans = windows(result)
    start = spans[0][0] if spans else 0.0
    end = spans[-1][1] if spans else result.duration_s
    healed = bool(spans) and end < result.duration_s
    acks = [a.acked_at for a in result.alerts if a.acked_at is not None and a.acked_at >= start]
    acts = [a.t for a in result.actions if a.t >= start]
    detect = min(acks + acts) - start if acks or acts else None
    raised = [a.t for a in result.alerts if a.t >= start]
    ack_time = None
    if acks and raised:
        ack_time = max(0.0, min(acks) - min(raised))
    mitigate, by = _mitigation(result, scenario, start, end, healed)
    declared = [sev for _, sev in result.operations.severity]
    worst_declared = min(declared, key=_severity_rank) if declared else None
    warranted, why = warranted_severity(result, scenario)
    if worst_declared is None:
        sev_verdict = "not declared"
    elif _severity_rank(worst_declared) == _severity_rank(warranted):
        sev_verdict = "right"
    elif _severity_rank(worst_declared) > _severity_rank(warranted):
        sev_verdict = "too low"
    else:
        sev_verdict = "too high"
    teams = _teams(result, scenario, start, end)
    paged: list[str] = []
    for _, team in result.operations.pages:
        if team not in paged:
            paged.append(team)
    t = result.totals
    daily = scenario.business.daily_users
    share = {r.id: r.user_share for r in scenario.regions}
    regions = {
        r
        for f in result.features.values()
        for r, c in f.by_region.items()
        if c.requests and c.errors / c.requests > AFFECTED_ERROR_SHARE
    }
    harmed = t.duplicates + t.lost_writes + t.oversold + t.false_indicators + t.violations
    posts = result.operations.status_posts
    return IncidentMetrics(
        incident_start_s=start,
        incident_end_s=end,
        time_to_detect_s=detect,
        time_to_acknowledge_s=ack_time,
        time_to_mitigate_s=mitigate,
        mitigated_by=by,  # type: ignore[arg-type]
        time_to_recover_s=_recovery(result, start, end, healed),
        severity_declared=worst_declared,
        severity_declared_at=result.operations.severity[0][0] if declared else None,
        severity_warranted=warranted,
        severity_reason=why,
        severity_verdict=sev_verdict,  # type: ignore[arg-type]
        teams_expected=teams,
        teams_paged=paged,
        right_team_paged=all(p.paged_at is not None for p in teams),
        status_page_at=posts[0][0] if posts else None,
        users_seeing_errors=int(round(daily * sum(share.get(r, 0.0) for r in regions))),
        users_harmed=min(daily, harmed),
    )
