"""Mutable per-feature state of a run: policies, leader, queues and counters."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wargame.model.scenario import Feature, Knobs

if TYPE_CHECKING:
    from wargame.engine.kinds.base import Behaviour


@dataclass(slots=True)
class FeatureState:
    """Everything the engine tracks for one feature during a run."""

    spec: Feature
    knobs: Knobs
    resolution: str
    behaviour: Behaviour
    replicas: tuple[str, ...]
    need: int
    leader: str
    policy: dict[str, str]
    """Effective policy per region (what the region does now)."""
    target: dict[str, str]
    """Policy per region once the rollouts under way finish."""
    acc: dict[str, dict[str, float]]
    """Region -> counter -> total so far."""
    members: tuple[str, ...] = ()
    """Replicas the current leader counts its quorum over (narrowed by a failover)."""
    members_need: int = 0
    """Confirmations the current leader needs from ``members``."""
    generation: int = 0
    """Bumped by every policy change, so an older rollout stops where a newer one starts."""
    last_fresh: float = 0.0
    """Operations that reached the leader last tick (the base of the retry-storm ratio)."""
    pending: dict[str, deque[list[float]]] = field(default_factory=dict)
    """Region -> queue of [accepted_at, count] of queued writes."""
    retries: dict[str, float] = field(default_factory=dict)
    """Region -> retry attempts that arrive in the next tick."""
    overload_since: float | None = None
    overloaded: bool = False
    old_leader: str | None = None
    """Set while a failover left the previous leader writing on its side (split brain)."""
    split_brain_writes: dict[str, int] = field(default_factory=dict)
    """Region -> writes the old leader took while another leader also took writes."""
    fenced: set[str] = field(default_factory=set)
    """Regions whose leader or clients are fenced: writes there refused until the heal."""
    setting_gen: dict[str, int] = field(default_factory=dict)
    """Lever verb -> generation, so a later change of a setting supersedes one under way."""
    safe_factor: float | None = None
    failing_over: bool = False
    fully_connected: bool = True
    backlog: float = 0.0
    """Writes reconciliation still has to copy after the heal (``knobs.reconcile_per_s``)."""
    draining: bool = False
    """True while that backlog (or the queue) drains: the feature is still degraded."""
    via_old: bool = False
    """True while the engine hands a kind writes the old leader took (split brain)."""
    sick_since: float | None = None
    """Since when the orchestrator has seen the leader miss heartbeats or its quorum."""
    last_auto: float | None = None
    """When the orchestrator last promoted a leader by itself."""
    data: Any = None
    status: dict[str, str] = field(default_factory=dict)
    tick_violations: dict[str, float] = field(default_factory=dict)
    policy_timeline: list[tuple[float, str, str]] = field(default_factory=list)

    @property
    def led(self) -> bool:
        """Some region's writes go through the leader (its policy is not AP)."""
        return any(p != "ap" for p in self.policy.values())

    prices: tuple[tuple[str, float], ...] = ()
    """(counter, money per unit) the engine adds to refunds on every commit."""
    loud: frozenset[str] = frozenset()
    """Counters a commit does more with than add up: priced ones, violations and the
    symptoms users write in about (a delta with none of them is only added up)."""
    local_writes: dict[str, int] = field(default_factory=dict)
    """Region -> writes accepted there that other regions may not have (since the network
    broke; cleared at the heal)."""
    leader_writes: int = 0
    """Writes the leader committed since the network broke (cleared at the heal)."""
    promoted_at_writes: int = 0
    """``leader_writes`` when the current leader was promoted (its own writes are the rest)."""
    writes_total: int = 0
    """Writes (and limiter requests) offered so far, for sanity checks."""
