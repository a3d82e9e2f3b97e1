"""The scenario format: one pydantic model per TOML section.

Every model forbids unknown keys, so a typo in a scenario file is an error
with a dotted path, never a silently ignored setting. Cross-references
(regions named by links, features and events) are checked in
``Scenario``'s validator, so the engine can trust what it is given.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    model_validator,
)

from wargame.model.text import quote
from wargame.model.timefmt import parse_clock

Policy = Literal["cp", "cp-reads", "queued", "ap"]
"""Where a feature sits on the sacrifice spectrum during a partition."""

POLICIES: tuple[str, ...] = ("cp", "cp-reads", "queued", "ap")

Resolution = Literal["lww", "merge", "crdt", "app"]
"""How divergent writes are reconciled after the heal."""

Kind = Literal[
    "inventory",
    "counter",
    "rate_limiter",
    "feed",
    "messaging",
    "block_list",
    "moderation",
    "access_control",
    "erasure",
    "session",
    "audit_log",
    "payment",
    "catalog",
    "cart",
]
"""The feature kinds the engine knows; each gives the symptoms their meaning."""

KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

Team = Literal["platform", "data", "security", "payments", "support", "comms"]
"""Teams the player can page."""

# -- bounds -----------------------------------------------------------------
# Every size and rate has an upper bound, chosen so that the largest scenario
# the format allows still runs to the end within the budget stated in
# scenarios/README.md (measured with ``wargame bench --largest``).
MAX_DURATION_S = 6 * 3600
"""Longest drill: six hours of sim time."""
MAX_STEPS = 2880
"""Most simulation steps (duration / tick) in one run."""
MAX_REGIONS = 8
MAX_FEATURES = 16
MAX_EVENTS = 100
MAX_LINKS = MAX_REGIONS * (MAX_REGIONS - 1) // 2
MAX_HOT_SKUS = 100
MAX_WORK = 60_000
"""Most work units in one run: steps x regions x features, where an inventory
feature counts ``1 + hot_skus / 8`` (each hot product is tracked per region)."""
MAX_RATE_PER_S = 1e8
"""Most reads (or writes) per second of one feature."""
MAX_MONEY = 1e7
"""Largest money figure per operation, refund or fine."""
MAX_LATENCY_MS = 10_000.0
MAX_WAIT_S = 86_400.0
"""Longest delay, hold time or time constant: one day."""
SEED_MAX = 2**63 - 1
"""Largest seed (the same range as ``--seed``)."""
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MAX_ID = 40
MAX_NAME = 80
MAX_TEXT = 4000


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or only spaces")
    return value


Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(_not_blank)]
"""A display name: 1 to 80 characters, not only spaces."""
Ident = Annotated[str, Field(min_length=1, max_length=MAX_ID, pattern=ID_PATTERN)]
"""An id used in actions: lower-case letters, digits and dashes."""
Text = Annotated[str, Field(max_length=MAX_TEXT)]
"""Free text (briefings, descriptions)."""
Seconds = Annotated[float, Field(ge=0, le=MAX_WAIT_S)]
"""A delay or hold time in seconds (at most a day)."""
Share = Annotated[float, Field(ge=0, le=1)]
"""A share or probability between 0 and 1."""


def _clock(value: object) -> float:
    seconds = parse_clock(value)
    if seconds > MAX_DURATION_S:
        raise ValueError(f"at most {MAX_DURATION_S // 3600} hours ({MAX_DURATION_S} s)")
    return seconds


Clock = Annotated[float, BeforeValidator(_clock)]
"""A sim time: seconds, or a "MM:SS" / "HH:MM:SS" string (at most six hours)."""


class Strict(BaseModel):
    """Base of every scenario model: unknown keys are errors."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, use_attribute_docstrings=True
    )


class Business(Strict):
    """Business figures that turn outcomes into money and people."""

    daily_users: int = Field(gt=0, le=10**10)
    """Daily active users of the product."""
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    """Currency code shown next to money figures."""
    status_page_trust: float = Field(default=0.5, ge=0, le=1)
    """Share of ticket volume an honest status-page post prevents once it is up."""
    domain: Literal[
        "general", "bank", "marketplace", "social", "messaging", "trading", "food", "api", "health"
    ] = "general"
    """What the product is: support tickets are phrased for it (``assets/tickets.toml``)."""


class Region(Strict):
    """A region: where users are and where replicas run."""

    id: Ident
    """Short id used in actions, e.g. ``us-east``."""
    name: Name
    """Display name, e.g. ``US-East``."""
    user_share: float = Field(gt=0, le=1)
    """Share of the product's users served by this region."""
    primary: StrictBool = False
    """The default leader region for leader-based features."""


class LinkSpec(Strict):
    """A two-way network link between two regions."""

    a: Ident
    """One end (region id)."""
    b: Ident
    """The other end (region id)."""
    latency_ms: float = Field(default=80, gt=0, le=MAX_LATENCY_MS)
    """Base one-way latency in milliseconds (the chapter: 50-200 ms cross region)."""


class Knobs(Strict):
    """Kind-specific settings; each applies only to the kinds listed in ``KIND_KNOBS``."""

    leader: Ident | None = None
    """Leader region for CP writes (default: the primary region)."""
    replicas: list[Ident] | None = Field(default=None, min_length=1, max_length=MAX_REGIONS)
    """Regions holding a replica (default: all regions)."""
    write_quorum: Literal["majority", "all"] = "majority"
    """Replicas that must confirm a CP write: a majority, or all of them."""
    cross_region_fraction: float | None = Field(default=None, ge=0, le=1)
    """Share of a region's reads that touch data written elsewhere (default: 1 - its user share)."""
    leader_capacity: float = Field(default=2.5, gt=1, le=1000)
    """Load the leader survives, as a multiple of its normal load (retry storms past it)."""
    retry_factor: float = Field(default=3.0, ge=0, le=10)
    """Extra attempts a client makes after a rejected or timed-out request."""
    pending_ttl_s: float = Field(default=1800, gt=0, le=MAX_WAIT_S)
    """Queued writes older than this are dropped instead of applied at the heal."""
    patience_s: float | None = Field(default=None, gt=0, le=MAX_WAIT_S)
    """Mean time a user waits on a queued write before giving up on it (default: the
    kind's: a checkout is abandoned within minutes, a message waits for hours). A
    payment without ``authorize_hold`` cannot be withdrawn, so nobody's giving up
    cancels it."""
    replication: Literal["sync", "async"] = "sync"
    """``sync``: a CP write commits once the quorum has it. ``async`` (asynchronous
    primary): it commits on the leader alone and is copied to the replicas later, so
    the leader needs no quorum, but a replica cut off from it misses those writes
    (lost if that replica is promoted)."""
    auto_failover_s: float | None = Field(default=None, gt=0, le=MAX_WAIT_S)
    """As built, an orchestrator promotes a new leader by itself once the leader has
    missed heartbeats for this long (none: failover is manual)."""
    reconcile_per_s: float | None = Field(default=None, ge=0.001, le=MAX_RATE_PER_S)
    """Diverged or queued writes reconciled per second after the heal; until the
    backlog drains, the feature stays degraded (reads elsewhere may be stale, queued
    writes keep waiting). None: reconciliation runs in the background."""
    # inventory
    hot_skus: int = Field(default=0, ge=0, le=MAX_HOT_SKUS)
    """Number of scarce, high-demand products."""
    hot_stock: int = Field(default=0, ge=0, le=10**9)
    """Units of each hot product at the start."""
    hot_fraction: Share = 0.0
    """Share of purchases that go to the hot products at the start."""
    hot_decay_s: float | None = Field(default=None, gt=0, le=MAX_WAIT_S)
    """Interest in the hot products fades with this time constant (none: it never fades)."""
    # counter
    base: int = Field(default=0, ge=0, le=10**12)
    """Counter value before the incident."""
    # rate limiter
    limit_per_min: int = Field(default=100, gt=0, le=10**6)
    """Requests per user per minute."""
    partition_limit: Literal["full", "split"] = "full"
    """Local limit when counters cannot sync: the full limit, or the limit split per region."""
    legit_mean_per_min: float = Field(default=20, gt=0, le=10**6)
    """Mean request rate of a legitimate user (rates are exponentially distributed)."""
    abuser_share: float = Field(default=0.0, ge=0, le=1)
    """Share of requests sent by abusers hopping across regions."""
    abuser_rate_per_min: float = Field(default=500, gt=0, le=10**7)
    """Request rate of one abuser."""
    backend_capacity: float | None = Field(default=None, gt=1, le=1000)
    """If set, the backend behind the limiter fails past this multiple of normal load."""
    home_region: StrictBool = False
    """Refinement: a user keeps the full limit in their home region during a partition."""
    safe_factor: float | None = Field(default=None, ge=1, le=1000)
    """Safe mode designed in: while counters cannot sync, each region allows
    limit / regions / this factor (none: no safe mode until the player turns it on)."""
    # messaging
    delivery: Literal["at-least-once", "at-most-once"] = "at-least-once"
    """Delivery guarantee for messages that cannot reach their recipient's region."""
    dedup: StrictBool = False
    """Receivers drop duplicates by client-generated message id."""
    indicators: Literal["honest", "optimistic"] = "honest"
    """Optimistic indicators show 'delivered' before the recipient's region confirms."""
    duplicate_rate: float = Field(default=0.05, ge=0, le=1)
    """Share of retried messages delivered twice when dedup is off."""
    # payment
    double_charge_rate: float = Field(default=0.0, ge=0, le=1)
    """Share of unconfirmed payments a client retries in another region (double charge)."""
    overdraft_rate: float = Field(default=0.0, ge=0, le=1)
    """Share of payments approved on a stale balance (locally, by a second leader, or
    queued without a hold) that overdraw."""
    authorize_hold: bool = False
    """A charge places a hold on the funds when it is made (a card authorisation at
    the gateway), so a queued charge settles against money set aside for it. Without
    a hold it settles against the balance its region saw, which may be spent by then."""
    # catalog
    checkout_verifies: StrictBool = True
    """Checkout re-checks the price with the source of truth before charging."""
    stale_trade_rate: float = Field(default=0.001, ge=0, le=1)
    """Share of stale price reads that turn into a sale at the wrong price (no re-check)."""
    # cart
    remove_fraction: float = Field(default=0.2, ge=0, le=1)
    """Share of cart writes that remove an item (a stale merge can bring it back)."""
    # revocations (block list, moderation, access control, erasure, session)
    exposure_per_min: float = Field(default=0.0, ge=0, le=1)
    """Chance per minute that a revocation not yet seen by a region is exercised there."""
    # feed
    ordering: Literal["none", "causal"] = "none"
    """Without causal ordering, late cross-region items show out of order after the heal."""


KIND_KNOBS: dict[str, frozenset[str]] = {
    "inventory": frozenset({"hot_skus", "hot_stock", "hot_fraction", "hot_decay_s"}),
    "counter": frozenset({"base"}),
    "rate_limiter": frozenset(
        {
            "limit_per_min",
            "partition_limit",
            "legit_mean_per_min",
            "abuser_share",
            "abuser_rate_per_min",
            "backend_capacity",
            "home_region",
            "safe_factor",
        }
    ),
    "messaging": frozenset({"delivery", "dedup", "indicators", "duplicate_rate"}),
    "payment": frozenset({"double_charge_rate", "overdraft_rate", "authorize_hold"}),
    "catalog": frozenset({"checkout_verifies", "stale_trade_rate"}),
    "cart": frozenset({"remove_fraction"}),
    "feed": frozenset({"ordering"}),
}
REVOCATION_HARM: dict[str, Literal["safety", "compliance"]] = {
    "block_list": "safety",
    "moderation": "safety",
    "session": "safety",
    "access_control": "compliance",
    "erasure": "compliance",
}
"""Revocation kinds and the harm a revocation not in force does: harm to a person (a
blocked account, a takedown, a stolen session) or a legal breach (a permission, an erasure)."""
for _kind in REVOCATION_HARM:
    KIND_KNOBS[_kind] = frozenset({"exposure_per_min"})
COMMON_KNOBS = frozenset(
    {
        "leader",
        "replicas",
        "write_quorum",
        "cross_region_fraction",
        "leader_capacity",
        "retry_factor",
        "pending_ttl_s",
        "patience_s",
        "replication",
        "auto_failover_s",
        "reconcile_per_s",
    }
)

KIND_POLICIES: dict[str, frozenset[str]] = {kind: frozenset(POLICIES) for kind in KINDS}
# A limiter has nothing to queue: a request is admitted or refused now.
KIND_POLICIES["rate_limiter"] = frozenset({"cp", "cp-reads", "ap"})


class Costs(Strict):
    """Money attached to a feature's symptoms."""

    refund_per_oversell: float = Field(default=100, ge=0, le=MAX_MONEY)
    """Refund (plus goodwill credit) per oversold unit."""
    refund_per_duplicate: float = Field(default=0, ge=0, le=MAX_MONEY)
    """Refund per duplicate (e.g. a double charge)."""
    compensation_per_lost_write: float = Field(default=0, ge=0, le=MAX_MONEY)
    """Compensation per write that was accepted and then lost."""
    compensation_per_violation: float = Field(default=0, ge=0, le=MAX_MONEY)
    """Compensation or fine per safety, financial or compliance violation."""


class KnobOverrides(Knobs):
    """The knobs a feature's model sets; only the keys written in the file count.

    Read like a mapping of those keys to their values (``items()``, ``in``, ``len``).
    """

    def keys(self) -> list[str]:
        """The knobs set in the file, in field order."""
        return [name for name in type(self).model_fields if name in self.model_fields_set]

    def items(self) -> list[tuple[str, object]]:
        """(knob, value) for every knob set in the file."""
        return [(name, getattr(self, name)) for name in self.keys()]

    def __contains__(self, name: object) -> bool:
        return name in self.model_fields_set

    def __len__(self) -> int:
        return len(self.model_fields_set)

    def __bool__(self) -> bool:
        return bool(self.model_fields_set)


class ModelPolicy(Strict):
    """The per-feature consistency model the debrief scores against."""

    policy: Policy
    """The policy this feature should have during a partition."""
    resolution: Resolution | None = None
    """Conflict resolution under the model (default: the as-built one)."""
    knobs: KnobOverrides = Field(default_factory=lambda: KnobOverrides())
    """Knob overrides the model designs in (e.g. ``dedup = true``); checked like ``knobs``."""
    why: str = Field(min_length=20, max_length=MAX_TEXT)
    """One paragraph the debrief shows: why this feature gets this policy."""


KNOB_LEVERS: dict[str, str] = {
    "retry_factor": "retry",
    "dedup": "dedup",
    "indicators": "indicators",
    "safe_factor": "safe-mode",
    "home_region": "safe-mode",
    "pending_ttl_s": "ttl",
}
"""Knob -> the lever that changes it during a drill. A model may change only these knobs
from the as-built ones (plus its policy and resolution): the responder must be able to
reach it with player actions."""


class Feature(Strict):
    """A product feature, with how it is built today and how it should be built."""

    id: Ident
    """Short id used in actions, e.g. ``inventory``."""
    name: Name
    """Display name."""
    kind: Kind
    """What the feature is; gives its symptoms their meaning."""
    description: Text = ""
    """One line for the briefing: what users do with it."""
    reads_per_s: float = Field(default=0, ge=0, le=MAX_RATE_PER_S)
    """Reads per second across all regions at normal traffic."""
    writes_per_s: float = Field(default=0, ge=0, le=MAX_RATE_PER_S)
    """Writes per second across all regions at normal traffic."""
    revenue_per_write: float = Field(default=0, ge=0, le=MAX_MONEY)
    """Revenue per successful write (a checkout, a paid call)."""
    revenue_per_read: float = Field(default=0, ge=0, le=MAX_MONEY)
    """Revenue per successful read (browsing that converts later)."""
    abandon_rate: float = Field(default=1.0, ge=0, le=1)
    """Share of failed revenue-bearing operations lost for good."""
    as_built: Policy
    """How the feature behaves in a partition today, designed or not."""
    resolution: Resolution = "lww"
    """Conflict resolution after the heal, as built."""
    model: ModelPolicy
    """The per-feature model (hidden until the debrief)."""
    knobs: Knobs = Field(default_factory=Knobs)
    """Kind-specific settings."""
    costs: Costs = Field(default_factory=Costs)
    """Money attached to this feature's symptoms."""
    team: Team = "platform"
    """Team that owns the feature and is paged for it."""
    revenue_path: StrictBool = False
    """Counts towards the downtime of the revenue path in the comparison."""

    @model_validator(mode="after")
    def _check_kind(self) -> Feature:
        allowed = KIND_KNOBS.get(self.kind, frozenset()) | COMMON_KNOBS
        errors: list[str] = []
        for where, knobs in (("knobs", self.knobs), ("model.knobs", self.model.knobs)):
            for name in sorted(knobs.model_fields_set):
                if name not in allowed:
                    errors.append(f"{where}.{name}: does not apply to kind {self.kind!r}")
        supported = KIND_POLICIES[self.kind]
        for label, policy in (("as_built", self.as_built), ("model.policy", self.model.policy)):
            if policy not in supported:
                errors.append(
                    f"{label}: {policy!r} is not supported by kind {self.kind!r} "
                    f"(choose from {', '.join(sorted(supported))})"
                )
        if errors:
            raise ValueError("\n".join(errors))
        return self

    def unreachable_model_knobs(self) -> list[str]:
        """Model knobs that differ from as-built and that no lever can change in a drill
        (``model.knobs.NAME: why``; checked by the scenario, after its cross-references)."""
        built, model = self.knobs, self.model_knobs()
        out = []
        for name in sorted(self.model.knobs.model_fields_set):
            if name not in KNOB_LEVERS and getattr(built, name) != getattr(model, name):
                out.append(
                    f"model.knobs.{name}: no lever changes {name!r} during a drill, so the "
                    "model would be out of the responder's reach (build it in: give "
                    "[features.knobs] the same value)"
                )
        safe = ("safe_factor", "home_region")
        moved = any(getattr(built, k) != getattr(model, k) for k in safe)
        if moved and model.home_region and model.safe_factor is None:
            out.append(
                "model.knobs.home_region: the home-region limit has a lever only with safe "
                "mode (set safe_factor too)"
            )
        return out

    def model_knobs(self) -> Knobs:
        """The knobs with the model's overrides applied."""
        if not self.model.knobs:
            return self.knobs
        merged = {**self.knobs.model_dump(exclude_unset=True), **dict(self.model.knobs.items())}
        return Knobs.model_validate(merged)


EventKind = Literal["partition", "link", "heal", "outage", "restore", "surge", "inject"]


class Event(Strict):
    """One entry of the incident timeline."""

    at: Clock
    """When it happens (sim clock, "MM:SS" or seconds)."""
    kind: EventKind
    """What happens."""
    groups: list[Annotated[list[Ident], Field(min_length=1, max_length=MAX_REGIONS)]] | None = (
        Field(default=None, max_length=MAX_REGIONS)
    )
    """partition: cut every link between these groups of regions."""
    links: list[list[Ident]] | None = Field(default=None, max_length=MAX_LINKS)
    """partition/link/heal: the region pairs concerned (``[a, b]``)."""
    state: Literal["up", "slow", "lossy", "down"] | None = None
    """link: the new state of the listed links."""
    mode: Literal["full", "lossy", "one-way"] = "full"
    """partition: drop everything, drop a share (partial), or drop one direction only."""
    loss: Share = 0.0
    """Share of messages lost on a lossy link."""
    factor: float = Field(default=1.0, gt=0, le=100)
    """slow: latency multiplier; surge: traffic multiplier."""
    region: Ident | None = None
    """outage/restore: the region concerned."""
    features: list[Ident] | None = Field(default=None, max_length=MAX_FEATURES)
    """surge: features concerned (default: all)."""
    text: Text = ""
    """inject: what the player reads; other kinds: an optional label for the timeline."""
    source: str = Field(default="", max_length=MAX_NAME)
    """inject: who says it (e.g. "VP Engineering")."""

    @model_validator(mode="after")
    def _check_fields(self) -> Event:
        k = self.kind
        if k == "partition" and not (self.groups or self.links):
            raise ValueError("a partition needs 'groups' or 'links'")
        if k == "partition" and self.mode == "lossy" and self.loss <= 0:
            raise ValueError("a lossy partition needs 'loss' above 0")
        if k == "link" and (not self.links or self.state is None):
            raise ValueError("a link event needs 'links' and 'state'")
        if k == "link" and self.state == "lossy" and self.loss <= 0:
            raise ValueError("a lossy link needs 'loss' above 0")
        if k in ("outage", "restore") and not self.region:
            raise ValueError(f"an {k} event needs 'region'")
        if k == "inject" and not self.text.strip():
            raise ValueError("an inject needs 'text'")
        errors = []
        for j, pair in enumerate(self.links or []):
            if len(pair) != 2:
                errors.append(f"links.{j}: a link is a pair of regions, got {quote(pair)}")
            elif pair[0] == pair[1]:
                errors.append(f"links.{j}: a link joins two different regions, not {pair[0]!r}")
        if errors:
            raise ValueError("\n".join(errors))
        return self


class Control(Strict):
    """Control-plane facts: how long the player's levers take."""

    policy_rollout_s: Seconds = 60
    """Time for a policy change to reach every region (regions switch one after another)."""
    failover_s: Seconds = 90
    """Time for a failover to promote a new leader."""
    timeout_ms: float = Field(default=1000, gt=0, le=60_000)
    """Client timeout for a cross-region round trip."""
    relay_s: Seconds = 480
    """Extra delay of asynchronous replication relayed through a third region
    when two regions cannot reach each other directly (anti-entropy rounds)."""
    reconcile_s: float = Field(default=600, gt=0, le=MAX_WAIT_S)
    """Time reconciliation takes after the heal to find every conflict."""
    deploy_s: Seconds = 600
    """Time for a change that needs a code deploy (conflict resolution, dedup) to take
    effect; configuration levers (retry, indicators, safe mode, queue TTL) take
    ``policy_rollout_s``."""
    fence_s: Seconds = 30
    """Time to fence a leader (revoke its lease so it stops taking writes)."""
    election_s: Seconds = 10
    """Writes are refused for this long while a leader election runs (a flap)."""
    page_at: Clock | None = None
    """When the on-call engineer is paged (levers unlock); default: the first alert raised."""


class Thresholds(Strict):
    """Alert thresholds (defaults are the chapter's)."""

    latency_factor: float = Field(default=5.0, gt=1, le=1000)
    """Cross-region p99 above this multiple of baseline ..."""
    latency_hold_s: Seconds = 30
    """... for this long raises an alert."""
    lag_s: Seconds = 60
    """Replication lag above this raises an alert."""
    quorum_hold_s: Seconds = 10
    """Quorum short for this long raises an alert."""
    rejection_rate: Share = 0.05
    """Write rejections above this share of writes raise an alert."""
    stale_rate: Share = 0.10
    """Stale reads above this share of reads raise an alert."""
    error_rate: Share = 0.05
    """Errors above this share of requests raise an alert."""


class TicketRule(Strict):
    """How a user-visible symptom turns into support tickets."""

    per_event: float = Field(ge=0, le=10)
    """Tickets filed per symptom occurrence (a fraction: most users do not write in)."""
    delay_s: Seconds = 120
    """Mean delay between the symptom and the ticket."""


def _default_tickets() -> dict[str, TicketRule]:
    return {
        "errors": TicketRule(per_event=0.002, delay_s=60),
        "stale": TicketRule(per_event=0.00002, delay_s=300),
        "duplicates": TicketRule(per_event=0.02, delay_s=180),
        "lost_writes": TicketRule(per_event=0.05, delay_s=600),
        "oversold": TicketRule(per_event=1.0, delay_s=900),
        "false_indicators": TicketRule(per_event=0.02, delay_s=300),
        "conflicts": TicketRule(per_event=0.001, delay_s=600),
        "violations": TicketRule(per_event=1.0, delay_s=300),
    }


SYMPTOMS: tuple[str, ...] = tuple(_default_tickets())


class Weights(Strict):
    """How the three score axes mix into the overall score."""

    revenue: float = Field(default=0.4, ge=0, le=100)
    """Weight of the revenue axis."""
    trust: float = Field(default=0.35, ge=0, le=100)
    """Weight of the trust axis."""
    safety: float = Field(default=0.25, ge=0, le=100)
    """Weight of the safety axis."""

    @model_validator(mode="after")
    def _some_weight(self) -> Weights:
        if self.revenue + self.trust + self.safety <= 0:
            raise ValueError("at least one weight must be above 0")
        return self


class Scenario(Strict):
    """A whole drill: the product, its network, its features and the incident."""

    id: Ident
    """Scenario id, e.g. ``flash-sale``."""
    title: Name
    """Display title."""
    summary: Text
    """One or two sentences for the scenario picker."""
    briefing: Text
    """What the on-call engineer is told before the drill (never the answer)."""
    difficulty: Literal["intro", "standard", "hard"] = "standard"
    """How hard the diagnosis is by default: ``intro`` shows the truth and hints,
    ``standard`` probes and metrics only, ``hard`` more noise, a decoy and a late metric."""
    duration: Clock
    """Length of the drill in sim time."""
    tick: float = Field(default=5, ge=1, le=60)
    """Simulation step in seconds (aggregate flows per step)."""
    seed: int = Field(default=1, ge=0, le=SEED_MAX)
    """Default seed."""
    objectives: list[Annotated[str, Field(max_length=MAX_NAME * 4)]] = Field(
        default_factory=list, max_length=20
    )
    """What the player is asked to protect."""
    business: Business
    """Business figures."""
    regions: list[Region] = Field(min_length=2, max_length=MAX_REGIONS)
    """Regions (user shares must add up to 1)."""
    default_latency_ms: float = Field(default=80, gt=0, le=MAX_LATENCY_MS)
    """Latency of links not listed in ``links``."""
    links: list[LinkSpec] = Field(default_factory=list, max_length=MAX_LINKS)
    """Links with their own latency (every pair of regions is linked)."""
    features: list[Feature] = Field(min_length=1, max_length=MAX_FEATURES)
    """The product's features."""
    events: list[Event] = Field(default_factory=list, max_length=MAX_EVENTS)
    """The incident timeline."""
    control: Control = Field(default_factory=Control)
    """Control-plane timings."""
    thresholds: Thresholds = Field(default_factory=Thresholds)
    """Alert thresholds."""
    tickets: dict[str, TicketRule] = Field(
        default_factory=_default_tickets, max_length=len(SYMPTOMS)
    )
    """Ticket rules per symptom (missing symptoms keep their defaults)."""
    weights: Weights = Field(default_factory=Weights)
    """Score weights."""

    @model_validator(mode="after")
    def _check_references(self) -> Scenario:
        ids = [r.id for r in self.regions]
        errors: list[str] = []
        if self.duration <= 0:
            errors.append("duration: must be above 0")
        elif self.duration / self.tick > MAX_STEPS:
            errors.append(
                f"duration: {self.duration:g}s in steps of {self.tick:g}s is "
                f"{self.duration / self.tick:,.0f} steps; at most {MAX_STEPS:,} "
                "(shorten the drill or raise 'tick')"
            )
        elif self.work() > MAX_WORK:
            errors.append(
                f"duration: a run would take {self.work():,.0f} work units "
                f"(steps x regions x features, hot products counted); at most {MAX_WORK:,} "
                "(shorten the drill, raise 'tick', or use fewer regions, features or hot_skus)"
            )
        if len(set(ids)) != len(ids):
            errors.append("regions: region ids must be unique")
        known = set(ids)
        share = sum(r.user_share for r in self.regions)
        if abs(share - 1.0) > 0.011:
            errors.append(f"regions: user shares add up to {share:.3f}, not 1")
        if sum(r.primary for r in self.regions) > 1:
            errors.append("regions: at most one region may be primary")
        for i, link in enumerate(self.links):
            for end in ("a", "b"):
                if getattr(link, end) not in known:
                    errors.append(f"links.{i}.{end}: unknown region {getattr(link, end)!r}")
            if link.a == link.b:
                errors.append(f"links.{i}: a link joins two different regions")
        fids = [f.id for f in self.features]
        if len(set(fids)) != len(fids):
            errors.append("features: feature ids must be unique")
        for i, f in enumerate(self.features):
            errors.extend(f"features.{i}.{p}" for p in f.unreachable_model_knobs())
            for where, knobs in (("knobs", f.knobs), ("model.knobs", f.model.knobs)):
                if knobs.leader is not None and knobs.leader not in known:
                    errors.append(f"features.{i}.{where}.leader: unknown region {knobs.leader!r}")
                for r in knobs.replicas or []:
                    if r not in known:
                        errors.append(f"features.{i}.{where}.replicas: unknown region {r!r}")
                if knobs.replicas and len(set(knobs.replicas)) != len(knobs.replicas):
                    errors.append(f"features.{i}.{where}.replicas: a region is listed twice")
        if self.control.page_at is not None and self.control.page_at > self.duration:
            errors.append(
                f"control.page_at: {self.control.page_at:g}s is after the end ({self.duration:g}s)"
            )
        for i, ev in enumerate(self.events):
            where = f"events.{i}"
            if ev.at > self.duration:
                errors.append(f"{where}.at: {ev.at:g}s is after the end ({self.duration:g}s)")
            for g, group in enumerate(ev.groups or []):
                for r in group:
                    if r not in known:
                        errors.append(f"{where}.groups.{g}: unknown region {r!r}")
            if ev.groups:
                seen: set[str] = set()
                for group in ev.groups:
                    overlap = seen.intersection(group)
                    if overlap:
                        errors.append(
                            f"{where}.groups: region(s) {sorted(overlap)} are in two groups"
                        )
                    seen.update(group)
                if len(ev.groups) < 2:
                    errors.append(f"{where}.groups: a partition needs at least two groups")
            for j, pair in enumerate(ev.links or []):
                for r in pair:
                    if r not in known:
                        errors.append(f"{where}.links.{j}: unknown region {r!r}")
            if ev.region is not None and ev.region not in known:
                errors.append(f"{where}.region: unknown region {ev.region!r}")
            for feature in ev.features or []:
                if feature not in fids:
                    errors.append(f"{where}.features: unknown feature {feature!r}")
        for symptom in self.tickets:
            if symptom not in SYMPTOMS:
                errors.append(
                    f"tickets.{quote(symptom, 40)}: unknown symptom "
                    f"(choose from {', '.join(SYMPTOMS)})"
                )
        if errors:
            raise ValueError("\n".join(errors))
        return self

    def work(self) -> float:
        """What a run costs: steps x regions x features (see ``MAX_WORK``)."""
        per_step = sum(
            1 + (f.knobs.hot_skus / 8 if f.kind == "inventory" else 0) for f in self.features
        )
        return self.duration / self.tick * len(self.regions) * per_step

    def region_ids(self) -> list[str]:
        """Region ids in file order."""
        return [r.id for r in self.regions]

    def primary_region(self) -> str:
        """The primary region (the first region if none is marked)."""
        for r in self.regions:
            if r.primary:
                return r.id
        return self.regions[0].id

    def feature(self, feature_id: str) -> Feature:
        """The feature with this id (``KeyError`` if there is none)."""
        for f in self.features:
            if f.id == feature_id:
                return f
        raise KeyError(feature_id)

    def baseline_p99_ms(self) -> float:
        """The p99 the latency alert compares against: the slowest link's latency x 1.5."""
        ids = self.region_ids()
        latency = {frozenset((a, b)): self.default_latency_ms for a in ids for b in ids if a != b}
        for link in self.links:
            latency[frozenset((link.a, link.b))] = link.latency_ms
        return max(latency.values()) * 1.5

    def ticket_rule(self, symptom: str) -> TicketRule:
        """The ticket rule of a symptom, with the defaults filled in."""
        return self.tickets.get(symptom) or _default_tickets()[symptom]
