"""A read-only snapshot of the live state, for the console (and tests).

The UI reads the engine only through ``advance``/``apply`` results and this
snapshot; it never reaches into the engine's mutable state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wargame.engine.engine import Engine


@dataclass(frozen=True)
class LinkView:
    """One pair of regions: state per direction, latency and loss."""

    a: str
    b: str
    a_to_b: str
    """State of a -> b: up, slow, lossy or down."""
    b_to_a: str
    latency_ms: float
    loss: float


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


@dataclass(frozen=True)
class View:
    """The live state at ``t``."""

    t: float
    regions: list[str]
    down_regions: list[str]
    links: list[LinkView]
    features: list[FeatureView]
    metrics: dict[str, float]
    region_metrics: dict[str, dict[str, float]]
    partition_detected: dict[str, bool]


def snapshot(e: Engine) -> View:
    """Take a snapshot of the engine's live state."""
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
        )
        for fs in e.features.values()
    ]
    return View(
        t=e.now,
        regions=list(net.regions),
        down_regions=sorted(net.down_regions),
        links=links,
        features=features,
        metrics=dict(e.obs.latest),
        region_metrics={r: dict(v) for r, v in e.obs.latest_region.items()},
        partition_detected=dict(e.obs.detected),
    )
