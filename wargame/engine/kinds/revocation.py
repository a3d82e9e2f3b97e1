"""Revocations: block lists, moderation takedowns, access control, erasure, sessions.

A revocation (a block, a takedown, a revoked permission, an erasure, a
logout) only protects a region once that region has it. Under AP it applies
where it was made and travels asynchronously: directly, or through a third
region after the relay delay, or not at all until the heal. While a region
misses it, each unseen revocation may be exercised there: a violation.
Under CP the revocation is acknowledged only once every replica has it
(synchronous propagation), so it is refused during a partition and never
stale. Queued revocations protect nobody until they are applied.

Every revocation accepted but not in force everywhere at once (held back from
a region by the cut, delayed through a third region, or waiting in a queue)
is one *exposure*: the person it protects was exposed, whether or not the
other side used the gap. The safety axis scores exposures; the violations
(the gap actually used, a Poisson draw) are what gets reported.
"""

from __future__ import annotations

import random
from collections import deque

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump, risk
from wargame.engine.kinds.feed import ctx_cross
from wargame.engine.policies import Odds, Split, split
from wargame.engine.rng import binomial, poisson
from wargame.engine.state import FeatureState
from wargame.model.scenario import REVOCATION_HARM

VIOLATION: dict[str, str] = {kind: f"{harm}_violations" for kind, harm in REVOCATION_HARM.items()}


class Unseen:
    """Per region, revocations it does not have yet: cut off (until the heal), queued
    (until applied) and on their way through a third region or a lossy link."""

    __slots__ = ("cut", "pending", "relay", "relay_sum")

    def __init__(self, regions) -> None:
        self.cut = {r: 0 for r in regions}
        self.pending = {r: 0 for r in regions}
        self.relay: dict[str, deque[list[float]]] = {r: deque() for r in regions}
        """Region -> [arrives_at, count], in arrival order."""
        self.relay_sum = {r: 0 for r in regions}


class Revocation(Behaviour):
    """Tracks, per region, revocations it has not received yet."""

    plain_when_calm = False  # revocations on their way can still be exercised

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        fs.data = Unseen(ctx.network.regions)

    def demand_split(
        self,
        fs: FeatureState,
        region: str,
        policy: str,
        reads: int,
        writes: int,
        odds: Odds,
        rng: random.Random,
        d: Delta,
        ctx: Context,
    ) -> Split:
        if policy in ("cp", "cp-reads") and ctx.cut_from(fs, region):
            # synchronous propagation: a revocation needs every replica
            odds = Odds(0.0, odds.diverged, odds.stale_frac, odds.local_reads_ok)
        s = split(policy, reads, writes, odds, rng)
        if s.w_local or s.w_pending:
            exposed = self._spread(fs, region, s.w_local, s.w_pending, ctx)
            bump(d, "exposures", exposed)
        self._exposures(fs, region, s, d, ctx, rng, policy)
        return s

    def _spread(self, fs: FeatureState, region: str, local: int, pending: int, ctx: Context) -> int:
        """Hand new revocations to every replica; return how many are exposed (not in
        force everywhere at once): the queued ones, and local ones some replica missed."""
        net = ctx.network
        u: Unseen = fs.data
        relay = ctx.scenario.control.relay_s
        missed = False
        late = net.late_paths(region)
        for q in fs.replicas:
            if pending:
                u.pending[q] += pending
            if q == region or not local:
                continue
            if q not in late:
                continue  # connected
            missed = True
            # anti-entropy gets it there late through a third region or a lossy link
            if late[q]:
                u.relay[q].append([ctx.now + relay, local])
                u.relay_sum[q] += local
            else:
                u.cut[q] += local
        return pending + (local if missed else 0)

    def _exposures(self, fs, region, s: Split, d: Delta, ctx: Context, rng, policy) -> None:
        u: Unseen = fs.data
        if policy != "queued" and (u.cut[region] or u.pending[region]):
            if not ctx.network.impaired():
                u.cut[region] = u.pending[region] = 0  # the network is whole again
        relay = u.relay[region]
        while relay and relay[0][0] <= ctx.now:
            u.relay_sum[region] -= relay.popleft()[1]
        count = u.cut[region] + u.pending[region] + u.relay_sum[region]
        if count and s.r_ok:
            lam = count * fs.knobs.exposure_per_min * ctx.tick_s / 60.0
            risk(d, VIOLATION[fs.spec.kind], lam)
            bump(d, VIOLATION[fs.spec.kind], poisson(rng, lam))

    def apply_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context) -> None:
        """``region``'s queue reached the quorum: its ``n`` revocations are no longer
        waiting anywhere; a replica still out of reach gets them like any other write
        (late through a relay, or at the heal). Other regions' queues, and revocations
        cut off by another part of the partition, are untouched. (Their exposure was
        counted when they were queued.)"""
        u: Unseen = fs.data
        for q in fs.replicas:
            u.pending[q] -= min(n, u.pending[q])
        self._spread(fs, region, n, 0, ctx)

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        fs.data = Unseen(list(fs.data.cut))
        return {}

    def split_brain(self, fs: FeatureState, region: str, n: int, ctx: Context) -> Delta:
        """Revocations an old leader took: where the other leader rewrote the same
        record, last-writer-wins or a field merge can bring the revoked right back."""
        d = super().split_brain(fs, region, n, ctx)
        if fs.resolution in ("lww", "merge"):
            rng = ctx.rng(f"revocation-undone:{fs.spec.id}")
            cross = ctx_cross(fs, ctx, region)
            risk(d, VIOLATION[fs.spec.kind], n * cross)
            bump(d, "exposures", n * cross)  # expected: undone for good, until found
            bump(d, VIOLATION[fs.spec.kind], binomial(rng, n, cross))
        return d
