"""What a run produces: outcome counts, alerts, tickets, the timeline and series.

The engine fills these at the end of a run; scoring, the CLI and the UI read
them. Everything the player is shown or scored on derives from these counts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wargame.model.action import Action

COUNT_FIELDS: tuple[str, ...] = (
    "requests",
    "ok",
    "rejected",
    "timed_out",
    "stale_reads",
    "pending",
    "duplicates",
    "lost_writes",
    "conflicts",
    "abandoned",
    "oversold",
    "false_indicators",
    "over_limit",
    "safety_violations",
    "financial_violations",
    "compliance_violations",
)
"""Outcome counters, all non-negative integers."""

RISK_FIELDS: tuple[str, ...] = ("safety_risk", "financial_risk", "compliance_risk", "exposures")
"""What the settings risked (non-negative floats): expected violations by kind, and the
revocations exposed."""

MONEY_FIELDS: tuple[str, ...] = ("revenue", "lost_revenue", "refunds")
"""Money outcomes in the scenario's currency."""


class Counts(BaseModel):
    """Outcome counts and money for a feature, a region or the whole run.

    ``requests = ok + rejected + timed_out``: every request ends in exactly one
    of those. ``stale_reads`` and ``pending`` are subsets of ``ok`` (served, but
    stale; accepted, but not yet applied). The other counters are consequences
    found during or after the partition.
    """

    model_config = ConfigDict(extra="forbid")

    requests: int = 0
    ok: int = 0
    rejected: int = 0
    timed_out: int = 0
    stale_reads: int = 0
    pending: int = 0
    duplicates: int = 0
    lost_writes: int = 0
    conflicts: int = 0
    abandoned: int = 0
    """Queued writes whose user gave up waiting (cancelled: no revenue)."""
    oversold: int = 0
    false_indicators: int = 0
    over_limit: int = 0
    safety_violations: int = 0
    financial_violations: int = 0
    compliance_violations: int = 0
    safety_risk: float = 0.0
    """Expected safety violations given the exposure: what the settings risked,
    whatever the dice said (a certain harm counts in full)."""
    financial_risk: float = 0.0
    """Expected financial violations given the exposure: what the settings risked,
    whatever the dice said (a certain harm counts in full)."""
    compliance_risk: float = 0.0
    """Expected compliance violations given the exposure: what the settings risked,
    whatever the dice said (a certain harm counts in full)."""
    exposures: float = 0.0
    """Revocations (blocks, takedowns, logouts, revoked permissions, erasures) accepted
    but not in force everywhere at once: each left the person it protects exposed,
    whether or not the other side used the gap (that is a violation). Revocations an
    old leader took that a merge is expected to undo count too."""
    revenue: float = 0.0
    lost_revenue: float = 0.0
    refunds: float = 0.0

    @property
    def errors(self) -> int:
        """Requests the user saw fail."""
        return self.rejected + self.timed_out

    @property
    def violations(self) -> int:
        """Safety, financial and compliance violations together."""
        return self.safety_violations + self.financial_violations + self.compliance_violations

    @property
    def risk(self) -> float:
        """Expected safety, financial and compliance violations together."""
        return self.safety_risk + self.financial_risk + self.compliance_risk


class PolicySpan(BaseModel):
    """A feature's effective policy in one region from ``t`` on."""

    t: float
    region: str
    policy: str


class FeatureResult(Counts):
    """A feature's outcomes, per region too, and its policy over time."""

    kind: str
    by_region: dict[str, Counts] = Field(default_factory=dict)
    policy_timeline: list[PolicySpan] = Field(default_factory=list)


class Alert(BaseModel):
    """An alert raised by a rule that held long enough."""

    id: str
    t: float
    rule: str
    region: str
    feature: str | None = None
    severity: str
    message: str
    acked_at: float | None = None
    resolved_at: float | None = None


class Ticket(BaseModel):
    """A support ticket filed by a user."""

    id: str
    t: float
    symptom: str
    feature: str
    region: str
    text: str
    count: int = 1
    """Users who filed this same ticket at once (high volumes are filed in batches)."""


class LogLine(BaseModel):
    """A structured log line."""

    t: float
    level: str
    region: str
    feature: str
    partition_detected: bool
    cap_choice: str
    msg: str


class TimelineEntry(BaseModel):
    """An incident event, a player action or a notable engine fact, in time order."""

    t: float
    type: str
    text: str


class Sample(BaseModel):
    """Metric values at one tick (whole product, or per region where named)."""

    t: float
    values: dict[str, float]


class Series(BaseModel):
    """Per-tick series for charts and for scoring.

    ``metrics`` holds the observable metrics (name -> one value per tick);
    ``features`` holds per-feature per-tick ``requests``, ``errors``, ``stale``
    and ``revenue``.
    """

    t: list[float] = Field(default_factory=list)
    metrics: dict[str, list[float]] = Field(default_factory=dict)
    features: dict[str, dict[str, list[float]]] = Field(default_factory=dict)


class TicketSummary(BaseModel):
    """Tickets in total, by symptom, and the first few tickets as a sample."""

    total: int = 0
    by_symptom: dict[str, int] = Field(default_factory=dict)
    items: list[Ticket] = Field(default_factory=list)
    """The first 50 tickets filed (a sample for reports; the counts cover every ticket)."""


class Operations(BaseModel):
    """What the on-call engineer did besides changing policies."""

    severity: list[tuple[float, str]] = Field(default_factory=list)
    pages: list[tuple[float, str]] = Field(default_factory=list)
    status_posts: list[tuple[float, str]] = Field(default_factory=list)
    failovers: list[tuple[float, str, str, bool]] = Field(default_factory=list)
    """(t, feature, region, split_brain) per failover that completed."""
    diagnoses: list[tuple[float, str, list[str]]] = Field(default_factory=list)
    """(t, kind, regions) per ``diagnose`` the player said (their hypotheses)."""
    fences: list[tuple[float, str, str]] = Field(default_factory=list)
    """(t, feature, region) per fence that took effect."""
    auto_failovers: list[tuple[float, str, str, bool]] = Field(default_factory=list)
    """(t, feature, region, split_brain) per failover the orchestrator made by itself."""
    flaps: dict[str, int] = Field(default_factory=dict)
    """Feature -> leader elections caused by lost heartbeats (each refused writes)."""


class Hypothesis(BaseModel):
    """One ``diagnose`` the player said, judged against the truth at that moment."""

    t: float
    """When the player said it (sim seconds)."""
    kind: str
    """congestion, partial, one-way, split, region-down or none."""
    regions: list[str] = Field(default_factory=list)
    """The regions named (for one-way, the sending end first)."""
    correct: bool
    """The kind and the regions match a fault present at ``t`` (``none``: no fault present)."""
    kind_correct: bool
    """The kind alone matches a fault present at ``t``."""


class FaultSpan(BaseModel):
    """One fault as it really was, from the engine's event log."""

    start: float
    """When it began (the time of the network event)."""
    end: float
    """When it ended (the heal, or the end of the drill)."""
    kind: str
    """congestion, partial, one-way, split or region-down."""
    regions: list[str]
    """The regions it involves (one-way: the sending end first, then the receivers)."""
    time_to_correct_s: float | None = None
    """From ``start`` to the first correct hypothesis said while it lasted."""


class ActedWhileWrong(BaseModel):
    """A lever pulled while the player's standing hypothesis was wrong."""

    t: float
    """When the lever was pulled."""
    action: str
    """The action as typed, without its time."""
    hypothesis_t: float
    """When the standing (latest) hypothesis was said."""
    hypothesis: str
    """The standing hypothesis, e.g. ``split us-east eu-west``."""


class Diagnosis(BaseModel):
    """What the player believed, what was true, and how fast they got it right."""

    difficulty: Literal["intro", "standard", "hard"] = "standard"
    """What the player could observe (intro: the truth and hints)."""
    hypotheses: list[Hypothesis] = Field(default_factory=list)
    """Every hypothesis, in time order."""
    truth: list[FaultSpan] = Field(default_factory=list)
    """Every fault, in order of start."""
    time_to_correct_s: float | None = None
    """From the first fault's start to the first correct hypothesis naming any fault then
    present (``none`` does not count; None: never)."""
    acted_while_wrong: list[ActedWhileWrong] = Field(default_factory=list)
    """Levers pulled while the standing hypothesis was wrong."""


class RunResult(BaseModel):
    """Everything a finished run produced."""

    scenario: str
    title: str
    seed: int
    policy: str
    duration_s: float
    tick_s: float
    totals: Counts
    features: dict[str, FeatureResult]
    tickets: TicketSummary
    alerts: list[Alert]
    timeline: list[TimelineEntry]
    actions: list[Action]
    operations: Operations
    partition_windows: list[tuple[float, float]]
    """Times (start, end) when some link was down or lossy."""
    page_t: float | None = None
    """Sim time the on-call engineer was paged (first alert or ``[control] page_at``);
    none if nothing paged them. Player actions are refused before it."""
    series: Series
    logs_total: int = 0
    difficulty: Literal["intro", "standard", "hard"] = "standard"
    """What the player could observe during the run."""
    diagnosis: Diagnosis = Field(default_factory=Diagnosis)
    """Hypotheses, the truth and the time to a correct diagnosis."""
