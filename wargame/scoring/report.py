"""The post-incident report as data: header, timeline, narrative sections, contract.

:func:`build_report` turns a debrief and the player's run into a
:class:`Report`; :mod:`wargame.scoring.markdown` renders it. Every sentence is
derived from engine outcomes and the scenario file, so the same run gives
the same report. The date is whatever the caller passes (never the clock).
"""

from __future__ import annotations

from pydantic import Field

from wargame.judge.models import Judgment, MomentToAct
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock
from wargame.scoring.belief import BeliefTimeline, belief_timeline
from wargame.scoring.contract import ContractRow, contract
from wargame.scoring.models import Debrief, Strict
from wargame.scoring.narrative import (
    action_items,
    impact,
    lessons,
    resolution,
    root_cause,
    went_well_wrong,
)

METRIC_DEFINITIONS: dict[str, str] = {
    "MTTD": "mean time to detect: from the partition's start to the first acknowledged alert "
    "or first action (one incident, so the mean is this one value)",
    "MTTA": "mean time to acknowledge: from the first alert to the first acknowledgement",
    "MTTM": "mean time to mitigate: from the partition's start until no feature that should "
    "stay available failed more than the error threshold for the rest of the partition",
    "MTTR": "mean time to recover: from the partition's start to the end of the "
    "reconciliation after the heal",
}
"""The report's own definitions of its time metrics."""

ALERT_LINES = 40
"""Alert lines shown in the timeline before the rest are summarised."""


class TimelineLine(Strict):
    """One line of the report's timeline."""

    t: float
    """Sim time in seconds."""
    clock: str
    """Sim clock and time relative to the partition, e.g. ``05:30 (T+00:30)``."""
    kind: str
    """``partition``, ``event``, ``inject``, ``alert``, ``action`` or ``engine``."""
    text: str
    """What happened."""


class Metric(Strict):
    """A time metric with its definition."""

    name: str
    """Short name (MTTD, MTTA, MTTM, MTTR)."""
    value: str
    """Formatted value (MM:SS), or why there is none."""
    definition: str
    """What it measures."""


class Report(Strict):
    """A post-incident report for one run."""

    title: str
    """Report title."""
    date: str | None = None
    """Date of the drill as given by the caller (None: not recorded)."""
    scenario: str
    """Scenario id."""
    seed: int
    """Seed."""
    drill_duration: str
    """Length of the drill (MM:SS)."""
    incident_duration: str
    """Length of the partition (MM:SS)."""
    severity: str
    """Declared against warranted, in words."""
    users_affected: str
    """Users affected, in words and numbers."""
    summary: str
    """Score line: overall, grade and the verdict."""
    timeline: list[TimelineLine]
    """Events, alerts, the player's actions and engine facts, in time order."""
    beliefs: BeliefTimeline
    """What the player saw, what was true and what they believed, in time order."""
    root_cause: list[str]
    """Paragraphs: the partition, and which features behaved CP or AP, and why."""
    impact: list[str]
    """User impact in numbers."""
    resolution: list[str]
    """How service came back."""
    went_well: list[str]
    """What went well."""
    went_wrong: list[str]
    """What went wrong."""
    lessons: list[str]
    """One lesson per feature: the choice against the model, and why."""
    action_items: list[str]
    """Follow-ups, rendered as checkboxes."""
    metrics: list[Metric]
    """MTTD, MTTA, MTTM and MTTR with their definitions."""
    judgments: list[Judgment] = Field(default_factory=list)
    """Every action judged good, questionable or bad, then what was never done."""
    moments: list[MomentToAct] = Field(default_factory=list)
    """Per feature the model changes: when the signals supported it, when you acted and
    what the wait cost (empty when the caller did not measure them)."""
    contract: list[ContractRow]
    """The consistency contract, one row per feature."""
    debrief: Debrief
    """The scores, verdicts, incident metrics and comparison behind the report."""


def _clock(t: float, start: float) -> str:
    rel = t - start
    sign = "+" if rel >= 0 else "-"
    return f"{format_clock(t)} (T{sign}{format_clock(abs(rel))})"


def _metric(value: float | None, missing: str) -> str:
    return format_clock(value) if value is not None else missing


def timeline(result: RunResult, start: float) -> list[TimelineLine]:
    """Events, alerts and actions in time order (alerts raised together share a line)."""
    items: list[tuple[float, int, str, str]] = []
    for a, b in result.partition_windows:
        items.append((a, 0, "partition", "the partition starts (regions lose each other)"))
        if b < result.duration_s:
            items.append((b, 0, "partition", "the partition heals"))
    order = {"event": 1, "inject": 2, "alert": 3, "action": 4, "engine": 5}
    for e in result.timeline:
        items.append((e.t, order.get(e.type, 6), e.type, e.text))
    groups: dict[tuple[float, str, str], list[str]] = {}
    for a in result.alerts:
        groups.setdefault((a.t, a.severity, a.rule), []).append(a.message)
    shown = 0
    for (t, severity, rule), messages in sorted(groups.items()):
        if shown >= ALERT_LINES:
            continue
        shown += 1
        more = f" (+{len(messages) - 1} more)" if len(messages) > 1 else ""
        items.append((t, 3, "alert", f"{severity} {rule}: {messages[0]}{more}"))
    if len(groups) > ALERT_LINES:
        last = max(t for t, _, _ in groups)
        items.append((last, 7, "alert", f"{len(groups) - ALERT_LINES} more alert groups"))
    items.sort(key=lambda x: (x[0], x[1]))
    return [TimelineLine(t=t, clock=_clock(t, start), kind=k, text=x) for t, _, k, x in items]


def build_report(
    debrief: Debrief,
    result: RunResult,
    scenario: Scenario,
    date: str | None = None,
    moments: list[MomentToAct] | None = None,
) -> Report:
    """The whole report for a run and its debrief.

    ``moments`` are the moments to act (:func:`wargame.judge.moments_to_act`, which
    replays the run); without them the report leaves that section out.
    """
    from wargame.judge.decisions import judge_decisions

    m = debrief.incident_metrics
    s = debrief.scores
    start, end = m.incident_start_s, m.incident_end_s
    declared = m.severity_declared or "none declared"
    severity = f"{declared} (warranted: {m.severity_warranted}, {m.severity_reason})"
    share = m.users_seeing_errors / scenario.business.daily_users
    users = (
        f"{m.users_seeing_errors:,} users ({share:.0%} of daily users) in regions that saw "
        f"errors; {m.users_harmed:,} harmed one by one"
    )
    metrics = [
        Metric(name="MTTD", value=_metric(m.time_to_detect_s, "not detected"),
               definition=METRIC_DEFINITIONS["MTTD"]),
        Metric(name="MTTA", value=_metric(m.time_to_acknowledge_s, "no alert acknowledged"),
               definition=METRIC_DEFINITIONS["MTTA"]),
        Metric(name="MTTM", value=_metric(m.time_to_mitigate_s, f"n/a ({m.mitigated_by})"),
               definition=METRIC_DEFINITIONS["MTTM"]),
        Metric(name="MTTR", value=_metric(m.time_to_recover_s, "not recovered in the drill"),
               definition=METRIC_DEFINITIONS["MTTR"]),
    ]  # fmt: skip
    well, wrong = went_well_wrong(debrief, result, scenario)
    return Report(
        title=f"Incident report: {scenario.title} partition",
        date=date,
        scenario=scenario.id,
        seed=debrief.seed,
        drill_duration=format_clock(result.duration_s),
        incident_duration=format_clock(end - start) if result.partition_windows else "00:00",
        severity=severity,
        users_affected=users,
        summary=f"Overall {s.overall:g}/100, grade {s.grade}. {s.verdict}",
        timeline=timeline(result, start),
        beliefs=belief_timeline(result),
        root_cause=root_cause(debrief, result, scenario),
        impact=impact(debrief, result, scenario),
        resolution=resolution(debrief, result, scenario),
        went_well=well,
        went_wrong=wrong,
        lessons=lessons(debrief),
        action_items=action_items(debrief, scenario),
        metrics=metrics,
        judgments=judge_decisions(result, scenario, debrief),
        moments=list(moments or []),
        contract=contract(scenario),
        debrief=debrief,
    )
