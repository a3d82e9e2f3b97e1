"""What the console may show now: observations at every level, the truth only at intro.

``Engine.view()`` returns a :class:`View`, a frozen snapshot. The UI reads the
engine only through ``advance``/``apply`` results and this snapshot.

By difficulty (``View.difficulty``):

* ``intro``: everything below, plus ``truth`` (the true link states, the regions
  that are out and the faults present) and ``hints`` (what to look at);
* ``standard``: probes, replication lag, metrics, the regions' failure
  detectors, features and active alerts; ``truth`` is ``None`` and ``hints`` is
  empty, and no field is derived from the true link state except through the
  probe and replication models (:mod:`wargame.engine.probes`, :mod:`.lag`);
* ``hard``: as standard, with noisier probes, a decoy (a flaky probe host),
  the replication lag ``late`` by a minute (``View.late``) and one vantage's
  RTT percentiles ``missing`` (``None``, named in ``View.missing``).

Fields (``View``):

* ``t``: sim seconds; ``difficulty``; ``regions`` in scenario order;
* ``probes``: one :class:`ProbeView` per ordered pair (vantage ``src``, peer
  ``dst``), sorted by ``src`` then ``dst`` in region order; pairs whose vantage
  is ``silent`` are left out;
* ``lag``: one :class:`LagView` per ordered pair (``src`` writes, ``dst`` applies);
* ``silent``: regions whose monitoring reports nothing (their region is out);
* ``metrics`` / ``region_metrics``: the latest sample (names in
  :data:`wargame.engine.observe.METRICS` / ``REGION_METRICS``);
* ``partition_detected``: per region, whether its own failure detector
  suspects a peer (no heartbeat for ``thresholds.quorum_hold_s``);
* ``alerts``: the alerts up now (copies); ``features``: :class:`FeatureView`;
* ``late`` (metric -> seconds late) and ``missing`` (``"rtt:REGION"`` per vantage
  whose RTT percentiles are not reported);
* ``hints`` and ``truth`` (intro only).

``View.probe(src, dst)`` finds one pair's :class:`ProbeView` (None while ``src``
is silent). Reading a view never changes the run (a test compares runs with and
without views).

``View.links`` and ``View.down_regions`` are kept for older callers:
``links`` is the truth's links at intro and empty otherwise; ``down_regions``
is the truth's at intro and ``silent`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wargame.engine.diagnosis import Fault, classify
from wargame.model.result import Alert

if TYPE_CHECKING:
    from wargame.engine.engine import Engine


@dataclass(frozen=True)
class ProbeView:
    """What the vantage ``src`` measures of the peer ``dst`` over the last minute."""

    src: str
    """The vantage point: the region whose probe host measures."""
    dst: str
    """The peer probed."""
    ok: float | None
    """Share of round-trip probes answered (0-1); None before the first tick."""
    p50_ms: float | None
    """Median round-trip time of answered probes; None if none was answered or missing."""
    p99_ms: float | None
    """99th percentile round trip (timeouts count at the probe timeout); None likewise."""
    last_ok_s: float
    """Seconds since a probe from ``src`` to ``dst`` was last answered."""
    heard_s: float
    """Seconds since ``src`` last heard a heartbeat from ``dst`` (one-way: ``dst -> src``)."""
    recent: tuple[float, ...]
    """Answered share per tick over the window, oldest first (flapping shows here)."""


@dataclass(frozen=True)
class LagView:
    """Replication lag from ``src`` into ``dst``: age of the oldest write not yet copied."""

    src: str
    dst: str
    lag_s: float


@dataclass(frozen=True)
class LinkView:
    """One pair of regions as it really is (intro only): state per direction."""

    a: str
    b: str
    a_to_b: str
    """State of a -> b: up, slow, lossy or down."""
    b_to_a: str
    latency_ms: float
    loss: float


@dataclass(frozen=True)
class TruthView:
    """The true network (intro only)."""

    links: list[LinkView]
    down_regions: list[str]
    faults: list[Fault]
    """Each fault present (:class:`~wargame.engine.diagnosis.Fault`: ``kind``, ``regions``,
    ``islands``), as a correct ``diagnose`` would name it."""


@dataclass(frozen=True)
class FeatureView:
    """One feature: policies (effective and target), leader and what users see, per region."""

    id: str
    name: str
    kind: str
    policy: dict[str, str]
    """Effective policy per region."""
    target: dict[str, str]
    """Policy per region once rollouts finish (differs while a change rolls out)."""
    status: dict[str, str]
    """What users see per region: ok, errors, stale or pending."""
    leader: str
    old_leader: str | None
    """Set during split brain: the previous leader still accepting writes."""
    failing_over: bool
    overloaded: bool
    safe_factor: float | None
    unheld_money: bool = False
    """A payment whose funds are not held when a charge is accepted (how it is built, told
    to the player): queued, its charges settle later on the balance they saw."""


@dataclass(frozen=True)
class View:
    """What the console may show at ``t`` (see the module doc for each level)."""

    t: float
    regions: list[str]
    features: list[FeatureView]
    metrics: dict[str, float]
    region_metrics: dict[str, dict[str, float]]
    partition_detected: dict[str, bool]
    difficulty: str = "standard"
    probes: list[ProbeView] = field(default_factory=list)
    lag: list[LagView] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    late: dict[str, float] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    truth: TruthView | None = None

    @property
    def links(self) -> list[LinkView]:
        """The true links at intro; empty at standard and hard."""
        return self.truth.links if self.truth else []

    @property
    def down_regions(self) -> list[str]:
        """The regions out (truth) at intro; the silent regions otherwise."""
        return self.truth.down_regions if self.truth else list(self.silent)

    def probe(self, src: str, dst: str) -> ProbeView | None:
        """The probes of ``src`` to ``dst`` (None while ``src`` is silent)."""
        for p in self.probes:
            if p.src == src and p.dst == dst:
                return p
        return None


def _truth(e: Engine) -> TruthView:
    net = e.network
    links = []
    for i, a in enumerate(net.regions):
        for b in net.regions[i + 1 :]:
            ab, ba = net.links[(a, b)], net.links[(b, a)]
            links.append(
                LinkView(
                    a=a,
                    b=b,
                    a_to_b=ab.state,
                    b_to_a=ba.state,
                    latency_ms=max(ab.latency_ms(), ba.latency_ms()),
                    loss=max(ab.loss, ba.loss),
                )
            )
    return TruthView(links=links, down_regions=sorted(net.down_regions), faults=classify(net))


def hints(faults: list[Fault]) -> list[str]:
    """What to look at for each fault present (intro only)."""
    out = []
    for fault in faults:
        kind, regs = fault.kind, fault.regions
        pair = " and ".join(regs)
        if kind == "congestion":
            out.append(
                f"Probes between {pair} still succeed but their RTT p99 is up: slow, not cut."
                f" Try: diagnose congestion {' '.join(regs)}"
            )
        elif kind == "partial":
            out.append(
                f"Probes between {pair} are answered only some of the time and flap tick to"
                f" tick: a lossy link. Try: diagnose partial {' '.join(regs)}"
            )
        elif kind == "one-way":
            sender, rest = regs[0], " and ".join(regs[1:])
            out.append(
                f"{rest} no longer hear {sender}'s heartbeats, yet {sender} still hears"
                f" {rest}: messages are lost in one direction only."
                f" Try: diagnose one-way {' '.join(regs)}"
            )
        elif kind == "split":
            out.append(
                f"{pair} lost each other (each side blames the other); a third region that"
                f" reaches both sides shows a split, not a dead region."
                f" Try: diagnose split {' '.join(regs)}"
            )
        elif kind == "region-down":
            out.append(
                f"Every peer lost {pair} and its own probes stopped reporting: the region is"
                f" out. Try: diagnose region-down {' '.join(regs)}"
            )
    return out


def snapshot(e: Engine) -> View:
    """Take a snapshot of what the console may show now."""
    net = e.network
    obs = e.obs
    probes = obs.probes
    silent = probes.silent()
    missing_src = probes.missing
    rows = []
    for a in net.regions:
        if a in silent:
            continue
        for b in net.regions:
            if a == b:
                continue
            st = probes.pairs[(a, b)]
            hide = a == missing_src
            sent, p50, p99 = st.sent, st.p50, st.p99
            rows.append(
                ProbeView(
                    src=a,
                    dst=b,
                    ok=round(st.answered / sent, 4) if sent else None,
                    p50_ms=None if hide or p50 is None else round(p50, 1),
                    p99_ms=None if hide or p99 is None else round(p99, 1),
                    last_ok_s=round(e.now - st.last_ok, 3),
                    heard_s=round(e.now - st.last_heard, 3),
                    recent=tuple(round(x[1] / x[0], 2) for x in st.ticks),
                )
            )
    lag = [LagView(src=a, dst=b, lag_s=round(v, 3)) for (a, b), v in obs.lag_seen.items()]
    late = {"lag_s": probes.noise.lag_late_s} if probes.noise.lag_late_s else {}
    features = [
        FeatureView(
            id=fs.spec.id,
            name=fs.spec.name,
            kind=fs.spec.kind,
            policy=dict(fs.policy),
            target=dict(fs.target),
            status={r: fs.status.get(r, "ok") for r in net.regions},
            leader=fs.leader,
            old_leader=fs.old_leader,
            failing_over=fs.failing_over,
            overloaded=fs.overloaded,
            safe_factor=fs.safe_factor,
            unheld_money=fs.spec.kind == "payment" and not fs.knobs.authorize_hold,
        )
        for fs in e.features.values()
    ]
    truth = _truth(e) if e.difficulty == "intro" else None
    return View(
        t=e.now,
        regions=list(net.regions),
        features=features,
        metrics=dict(obs.latest),
        region_metrics={r: dict(v) for r, v in obs.latest_region.items()},
        partition_detected=dict(obs.detected),
        difficulty=e.difficulty,
        probes=rows,
        lag=lag,
        silent=silent,
        alerts=e.active_alerts(),
        late=late,
        missing=[f"rtt:{missing_src}"] if missing_src else [],
        hints=hints(truth.faults) if truth else [],
        truth=truth,
    )
