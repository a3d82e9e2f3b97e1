"""Queued writes (the ``queued`` policy) and the backlog after the heal.

A queued write is accepted as pending and applied once its region reaches the
leader's quorum again. Pending has a price:

* users give up as the wait grows: each pending write is abandoned at a rate of
  one over the kind's patience (``knobs.patience_s`` or the kind's default: a
  checkout is abandoned within minutes, a message waits for hours); an
  abandoned write is cancelled and its revenue lost;
* past ``knobs.pending_ttl_s`` the queue drops the write (a lost write);
* with ``knobs.reconcile_per_s`` set, the queue (and the diverged writes the
  heal found) drains at that rate after the heal, so the feature stays degraded
  until the backlog is gone.

Queue entries are ``[accepted_at, count]``, oldest first.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from wargame.engine.rng import binomial

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.state import FeatureState


def patience(fs: FeatureState) -> float | None:
    """Mean wait before a user gives up on a queued write (None: nobody gives up)."""
    return fs.behaviour.patience(fs)


def tend(e: Engine, fs: FeatureState, region: str, d: dict[str, float], p: float, step: float):
    """One tick of a region's queue: apply it if the quorum is back, else age it."""
    queue = fs.pending[region]
    if p >= 1.0 and not fs.draining:
        apply(e, fs, region, d)
        return
    now, ttl = e.now, fs.knobs.pending_ttl_s
    while queue and now - queue[0][0] > ttl:
        _, n = queue.popleft()
        fs.behaviour.drop_pending(fs, region, int(n), d, e)
    wait = patience(fs)
    if queue and wait:
        total = sum(n for _, n in queue)
        gone = binomial(
            e.rng(f"abandon:{fs.spec.id}:{region}"), int(total), 1 - math.exp(-step / wait)
        )
        if gone:
            fs.behaviour.abandon_pending(fs, region, gone, d, e)
            _take_oldest(queue, gone)
    if p >= 1.0 and fs.draining:
        drain(e, fs, region, d, step)


def _take_oldest(queue, n: int) -> list[list[float]]:
    """Remove ``n`` writes from the oldest entries; return what was removed."""
    taken = []
    while n > 0 and queue:
        entry = queue[0]
        k = min(n, int(entry[1]))
        entry[1] -= k
        n -= k
        taken.append([entry[0], k])
        if entry[1] <= 0:
            queue.popleft()
    return taken


def apply(e: Engine, fs: FeatureState, region: str, d: dict[str, float]) -> None:
    """Apply a region's queued writes (those still within their TTL)."""
    queue = fs.pending[region]
    ttl = fs.knobs.pending_ttl_s
    while queue:
        at, n = queue.popleft()
        _apply_one(e, fs, region, at, int(n), ttl, d)


def _apply_one(e: Engine, fs, region: str, at: float, n: int, ttl: float, d) -> None:
    if not n:
        return
    if e.now - at > ttl:
        fs.behaviour.drop_pending(fs, region, n, d, e)
    else:
        fs.behaviour.apply_pending(fs, region, n, d, e)


def drain(e: Engine, fs: FeatureState, region: str, d: dict[str, float], step: float) -> None:
    """Apply up to this tick's share of the reconciliation rate from the queue."""
    budget = int((fs.knobs.reconcile_per_s or 0) * step / max(1, len(fs.pending)))
    ttl = fs.knobs.pending_ttl_s
    for at, n in _take_oldest(fs.pending[region], budget):
        _apply_one(e, fs, region, at, int(n), ttl, d)


def start_backlog(e: Engine, fs: FeatureState, diverged: int) -> float:
    """At the heal: the writes to reconcile; returns how long the drain takes (s)."""
    rate = fs.knobs.reconcile_per_s
    if not rate:
        return 0.0
    queued = sum(n for q in fs.pending.values() for _, n in q)
    fs.backlog = float(diverged + queued)
    fs.draining = fs.backlog > 0
    return fs.backlog / rate


def drain_backlog(fs: FeatureState, step: float) -> None:
    """Count down the diverged-writes backlog; the feature is healthy once it is empty."""
    if not fs.draining:
        return
    fs.backlog -= (fs.knobs.reconcile_per_s or 0) * step
    if fs.backlog <= 0 and not any(fs.pending.values()):
        fs.backlog, fs.draining = 0.0, False
