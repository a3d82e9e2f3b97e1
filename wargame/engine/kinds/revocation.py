"""Revocations: block lists, moderation takedowns, access control, erasure, sessions.

A revocation (a block, a takedown, a revoked permission, an erasure, a
logout) only protects a region once that region has it. Under AP it applies
where it was made and travels asynchronously: directly, or through a third
region after the relay delay, or not at all until the heal. While a region
misses it, each unseen revocation may be exercised there: a violation.
Under CP the revocation is acknowledged only once every replica has it
(synchronous propagation), so it is refused during a partition and never
stale. Queued revocations protect nobody until they are applied.
"""

from __future__ import annotations

import random

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump
from wargame.engine.kinds.feed import ctx_cross
from wargame.engine.policies import Odds, Split, split
from wargame.engine.rng import binomial, poisson
from wargame.engine.state import FeatureState

VIOLATION: dict[str, str] = {
    "block_list": "safety_violations",
    "moderation": "safety_violations",
    "session": "safety_violations",
    "access_control": "compliance_violations",
    "erasure": "compliance_violations",
}


class Revocation(Behaviour):
    """Tracks, per region, revocations it has not received yet."""

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        # region -> list of [visible_at or None, count]
        fs.data = {"unseen": {r: [] for r in ctx.network.regions}}

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
            self._spread(fs, region, s.w_local, s.w_pending, ctx)
        self._exposures(fs, region, s, d, ctx, rng, policy)
        return s

    def _spread(self, fs: FeatureState, region: str, local: int, pending: int, ctx: Context):
        net = ctx.network
        unseen = fs.data["unseen"]
        relay = ctx.scenario.control.relay_s
        for q in fs.replicas:
            if pending:
                unseen[q].append([None, pending])
            if q == region or not local:
                continue
            if net.connected(region, q):
                continue
            # anti-entropy gets it there late through a third region or a lossy link
            late = net.relayed(region, q) or net.leaky(region, q)
            at = ctx.now + relay if late else None
            unseen[q].append([at, local])

    def _exposures(self, fs, region, s: Split, d: Delta, ctx: Context, rng, policy) -> None:
        entries = fs.data["unseen"][region]
        if not entries:
            return
        net = ctx.network
        keep, count = [], 0
        for entry in entries:
            at = entry[0]
            if at is None and policy != "queued" and net.impaired() is False:
                continue
            if at is not None and at <= ctx.now:
                continue
            keep.append(entry)
            count += entry[1]
        fs.data["unseen"][region] = keep
        if count and s.r_ok:
            lam = count * fs.knobs.exposure_per_min * ctx.tick_s / 60.0
            bump(d, VIOLATION[fs.spec.kind], poisson(rng, lam))

    def apply_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context) -> None:
        self._clear_pending(fs)

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        fs.data["unseen"] = {r: [] for r in fs.data["unseen"]}
        return {}

    def split_brain(self, fs: FeatureState, region: str, n: int, ctx: Context) -> Delta:
        """Revocations an old leader took: where the other leader rewrote the same
        record, last-writer-wins or a field merge can bring the revoked right back."""
        d = super().split_brain(fs, region, n, ctx)
        if fs.resolution in ("lww", "merge"):
            rng = ctx.rng(f"revocation-undone:{fs.spec.id}")
            bump(d, VIOLATION[fs.spec.kind], binomial(rng, n, ctx_cross(fs, ctx, region)))
        return d

    def _clear_pending(self, fs: FeatureState) -> None:
        for r, entries in fs.data["unseen"].items():
            fs.data["unseen"][r] = [e for e in entries if e[0] is not None]
