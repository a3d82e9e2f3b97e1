"""The four partition policies, applied to one tick of one (region, feature).

This is the only place that decides, from the network odds, which reads and
writes are served, refused, queued or accepted locally. Feature kinds then
give those numbers their meaning (oversell, lost increments, safety ...).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from wargame.engine.rng import binomial

POLICY_LABELS: dict[str, str] = {
    "cp": "full CP: refuse reads and writes without quorum",
    "cp-reads": "partial CP: refuse writes without quorum, serve reads locally (maybe stale)",
    "queued": "degraded CP: accept writes as pending, apply them after the heal",
    "ap": "full AP: accept writes locally, serve reads locally, reconcile after the heal",
}
"""One line per policy, for help screens and the policy picker."""


@dataclass(slots=True)
class Split:
    """How one tick's reads and writes ended under a policy."""

    writes: int = 0
    reads: int = 0
    w_ok: int = 0
    """Writes committed with quorum (or everywhere reachable)."""
    w_local: int = 0
    """Writes accepted locally while some replica was out of reach (AP divergence)."""
    w_pending: int = 0
    """Writes accepted as pending (queued), applied later."""
    w_failed: int = 0
    """Writes refused or timed out."""
    r_ok: int = 0
    """Reads served (stale ones included)."""
    r_stale: int = 0
    """Reads served with data missing writes made elsewhere."""
    r_failed: int = 0
    """Reads refused or timed out."""


@dataclass(slots=True)
class Odds:
    """What the network and the leader allow one region this tick."""

    p_commit: float
    """Chance a write reaches the leader and gathers its quorum."""
    diverged: bool
    """The region is cut from some replica, so local writes diverge."""
    stale_frac: float
    """Chance a local read misses writes made elsewhere."""
    local_reads_ok: bool
    """False when the local replica cannot serve (an overloaded leader here)."""


def split(policy: str, reads: int, writes: int, odds: Odds, rng: random.Random) -> Split:
    """Apply ``policy`` to a tick's demand under the given odds."""
    p_commit, diverged = odds.p_commit, odds.diverged
    stale_frac, local_reads_ok = odds.stale_frac, odds.local_reads_ok
    s = Split(writes, reads)
    if policy == "ap":
        if diverged:
            s.w_local = writes
        else:
            s.w_ok = writes
    else:
        committed = writes if p_commit >= 1.0 else binomial(rng, writes, p_commit)
        s.w_ok = committed
        if policy == "queued":
            s.w_pending = writes - committed
        else:
            s.w_failed = writes - committed
    if policy == "cp":
        s.r_ok = reads if p_commit >= 1.0 else binomial(rng, reads, p_commit)
        s.r_failed = reads - s.r_ok
    elif local_reads_ok:
        s.r_ok = reads
        if stale_frac > 0:
            s.r_stale = binomial(rng, reads, stale_frac)
    else:
        s.r_failed = reads
    return s
