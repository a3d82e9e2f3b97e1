"""The debrief's data: scores, per-feature verdicts, incident metrics, comparison rows.

Every model forbids unknown keys and documents its fields, because the UI,
``wargame run --json`` and ``wargame report`` all show these fields as they
are. Times are sim-clock seconds; money is in the scenario's currency.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Base of the scoring models: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class AxisScore(Strict):
    """One axis (revenue, trust or safety) of one run, placed against the references."""

    axis: Literal["revenue", "trust", "safety"]
    """Which axis."""
    score: float
    """0-100 as shown: 100 = as good as the responder (the reference play), 0 = as bad as
    doing nothing (safety: see the rules)."""
    raw: float
    """The placement before clamping: above 100 beats the responder, below 0 is worse than
    doing nothing."""
    bonus: float = 0.0
    """Points above 100 (``raw - 100`` when the run beat the responder), shown as a bonus."""
    cost: float
    """This run's cost on the axis, in ``unit``."""
    model_cost: float
    """The reference run's cost (the 100 mark: the responder's run)."""
    worst_cost: float
    """The 0 mark: doing nothing's cost, or the reference's cost plus the minimum span
    when doing nothing is not clearly worse (safety: the reference plus its scale)."""
    worst_policy: str
    """The run that sets the 0 mark (as-built: doing nothing)."""
    unit: str
    """Unit of the costs (e.g. ``USD``, ``user-minutes``, ``violations``)."""
    parts: dict[str, float] = Field(default_factory=dict)
    """The cost broken down by component (lost revenue, refunds, errors, lies, ...)."""


class HandlingScore(Strict):
    """Incident handling (severity, paging, acknowledging, diagnosis), scored 0-100 on its own."""

    score: float
    """0-100: the mean of the parts times 100."""
    parts: dict[str, float] = Field(default_factory=dict)
    """Each part 0-1: severity, paging, acknowledging and (when known) diagnosis."""


class Scores(Strict):
    """A run's axes, the weighted overall score, grade and verdict."""

    revenue: AxisScore
    """Revenue axis."""
    trust: AxisScore
    """Trust axis."""
    safety: AxisScore
    """Safety axis."""
    handling: HandlingScore | None = None
    """Incident handling (a small share of the overall score)."""
    weights: dict[str, float]
    """Weight of each axis and of handling, adding up to 1; an axis that cannot vary in
    this scenario weighs 0 (its weight goes to the others)."""
    uncapped: float
    """The weighted mix before any grade limit (equal to ``overall``: scores have no cap)."""
    overall: float
    """The overall score 0-100."""
    capped: bool
    """True when a violation kept the grade below A."""
    cap_reason: str = ""
    """Why the grade was limited (empty when it was not)."""
    grade: str
    """Letter grade A-F from ``overall`` (at best B with any violation)."""
    bonus: list[str] = Field(default_factory=list)
    """One line per axis on which the run beat the reference."""
    verdict: str = ""
    """One line in L5/L6 terms: what the run's choices say about its reasoning."""


class PolicyChange(Strict):
    """From ``t`` on, ``policy`` is in effect in ``regions``."""

    t: float
    """Sim time of the change (the first region that switched)."""
    policy: str
    """The policy now in effect."""
    regions: list[str]
    """Regions that switched to it in this change."""


class AxisCost(Strict):
    """What one feature cost on each axis."""

    revenue: float = 0.0
    """Money: revenue lost against the no-partition run plus refunds and compensation."""
    trust: float = 0.0
    """Trust points (user-minute equivalents) from the feature's symptoms."""
    safety: float = 0.0
    """Violations (safety, financial and compliance)."""


FeatureStatus = Literal[
    "right by design",
    "fixed in time",
    "fixed late",
    "never fixed",
    "made wrong",
    "split brain",
    "no partition",
]


class FeatureVerdict(Strict):
    """The verdict on one feature: the player's policy against the model's."""

    feature: str
    """Feature id."""
    name: str
    """Display name."""
    kind: str
    """Feature kind."""
    team: str
    """Owning team."""
    as_built: str
    """How the feature is built today (its policy in the scenario file)."""
    start_policy: str
    """The policy the run started with (``as_built`` unless the run used another mode)."""
    model_policy: str
    """The model's policy."""
    model_resolution: str
    """The model's conflict resolution after the heal."""
    model_why: str
    """The model's reasoning, from the scenario file."""
    timeline: list[PolicyChange]
    """The player's policy over the run (the first entry is the start)."""
    partition_policy: str
    """The policy in effect for most region-seconds of the partition."""
    matches_model: bool
    """``partition_policy`` equals the model's policy."""
    behaved: Literal["CP", "AP"]
    """Whether the feature behaved CP (cp, cp-reads, queued) or AP during the partition."""
    origin: Literal["by design", "by accident", "by your change"]
    """Why it behaved so: the as-built policy was the model's, was not, or you changed it."""
    status: FeatureStatus
    """Short verdict."""
    first_correct_change_s: float | None = None
    """Seconds from the partition's start until the model's policy and every setting in
    ``model_levers`` had been applied by the player (0 when done before the partition;
    None when never done or not needed)."""
    model_levers: list[str] = Field(default_factory=list)
    """Settings the model changes besides the policy (e.g. ``safe-mode api-limit 2 home``):
    as built they differ, so the model needs them applied during the incident."""
    split_brain_at: float | None = None
    """When a failover the player ordered left two leaders taking writes (None: never)."""
    fenced_at: float | None = None
    """When one of the two leaders (usually the old one) was fenced after that split brain
    (None: never)."""
    cost: AxisCost
    """What the feature cost in this run."""
    model_cost: AxisCost
    """What it cost in the model run."""
    points_lost: float = 0.0
    """Overall points this feature cost against the model: each axis's lost points shared
    among the features in proportion to their extra cost on that axis, then weighted."""
    lesson: str
    """One or two sentences: the choice against the model, and why."""


class TeamPage(Strict):
    """A team the impact called for, and whether it was paged in time."""

    team: str
    """Team id."""
    reason: str
    """Why this team should have been paged."""
    paged_at: float | None = None
    """When it was paged in the right window (None: not paged in time)."""


class IncidentMetrics(Strict):
    """How the incident was handled (reported, not scored)."""

    incident_start_s: float
    """Start of the first partition (or of the drill when there is none)."""
    incident_end_s: float
    """End of the last partition (the heal)."""
    time_to_detect_s: float | None = None
    """From the start to the first acknowledged alert or first action (None: never)."""
    time_to_acknowledge_s: float | None = None
    """From the first alert to the first acknowledgement (None: nothing acknowledged)."""
    time_to_mitigate_s: float | None = None
    """From the start to the moment user-visible errors stopped for the rest of the
    partition (None: they only stopped at the heal, or never)."""
    mitigated_by: Literal["nothing to mitigate", "player", "heal", "never"]
    """What ended the user-visible errors."""
    time_to_recover_s: float | None = None
    """From the start to the end of reconciliation after the heal (None: never healed)."""
    severity_declared: str | None = None
    """The most severe level declared (None: none declared)."""
    severity_declared_at: float | None = None
    """When the first severity was declared."""
    severity_warranted: str
    """What the impact called for (SEV1: revenue path lost or any violation)."""
    severity_reason: str
    """Why that severity."""
    severity_verdict: Literal["right", "too low", "too high", "not declared"]
    """Declared against warranted."""
    teams_expected: list[TeamPage] = Field(default_factory=list)
    """Teams the impact called for."""
    teams_paged: list[str] = Field(default_factory=list)
    """Teams paged, in order (repeats removed)."""
    right_team_paged: bool
    """Every expected team was paged in its window."""
    status_page_at: float | None = None
    """First status-page post (None: never)."""
    users_seeing_errors: int = 0
    """Users in regions where some feature failed visibly (over 1% of its requests)."""
    users_harmed: int = 0
    """Users hurt one by one: oversold orders, duplicates, lost writes, lies, violations."""


class ComparisonRow(Strict):
    """One run of the same seed in the comparison table."""

    run: str
    """``player``, ``model``, ``as-built``, ``all-cp`` or ``all-ap``."""
    downtime_min: float
    """Minutes when a revenue-path feature failed more than the error threshold."""
    lost_revenue: float
    """Revenue lost against the no-partition run."""
    refunds: float
    """Refunds and compensation."""
    oversold: int
    """Units sold that did not exist."""
    duplicates: int
    """Duplicates (double charges, double deliveries)."""
    tickets: int
    """Support tickets."""
    violations: int
    """Safety, financial and compliance violations."""
    revenue: float
    """Revenue score."""
    trust: float
    """Trust score."""
    safety: float
    """Safety score."""
    overall: float
    """Overall score (after the cap)."""
    grade: str
    """Letter grade."""


class Debrief(Strict):
    """Everything the debrief shows about one player run."""

    scenario: str
    """Scenario id."""
    seed: int
    """Seed shared by every run compared."""
    scores: Scores
    """The player's scores."""
    verdicts: list[FeatureVerdict]
    """One verdict per feature, in scenario order."""
    incident_metrics: IncidentMetrics
    """Detection, acknowledgement, mitigation, severity, paging."""
    comparison: list[ComparisonRow]
    """Player, model, as-built, all-CP and all-AP side by side."""
    baseline_revenue: float
    """Revenue of the same seed with a healthy network."""
    currency: str
    """Currency of the money figures."""
