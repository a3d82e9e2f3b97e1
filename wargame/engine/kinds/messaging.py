"""Messaging: sends to a recipient whose region is out of reach.

Full or partial CP refuses such sends (honest errors). Queued holds them on
the server and delivers after the heal. AP lets the client keep them: with
at-least-once delivery they are retried and, without dedup, some arrive
twice; with at-most-once they are simply lost. Optimistic indicators that
say "delivered" before the recipient's region has the message are lies.
"""

from __future__ import annotations

import random

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump
from wargame.engine.kinds.feed import ctx_cross
from wargame.engine.policies import Odds, Split, split
from wargame.engine.rng import binomial
from wargame.engine.state import FeatureState


class Messaging(Behaviour):
    """Cross-region sends during a partition, and what the sender is shown."""

    patience_s = 3600.0
    """A message waits: its sender expects it to arrive, late or not."""

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        fs.data = {"retrying": {r: 0 for r in ctx.network.regions}}

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
        s = split(policy, reads, 0, odds, rng)
        s.writes = writes
        cut = ctx.cut_from(fs, region)
        if not cut or not writes:
            s.w_ok = writes
            return s
        others = sum(ctx.share[r] for r in fs.replicas if r != region) or 1.0
        reach_share = sum(ctx.share[r] for r in cut) / others
        stuck = binomial(rng, writes, ctx_cross(fs, ctx, region) * reach_share)
        s.w_ok = writes - stuck
        k = fs.knobs
        optimistic = k.indicators == "optimistic"
        if policy in ("cp", "cp-reads"):
            s.w_failed = stuck
        elif policy == "queued":
            s.w_pending = stuck
            if optimistic:
                bump(d, "false_indicators", stuck)
        elif k.delivery == "at-most-once":
            s.w_ok += stuck
            bump(d, "lost_writes", stuck)
            if optimistic:
                bump(d, "false_indicators", stuck)
        else:
            s.w_local = stuck
            fs.data["retrying"][region] += stuck
            if optimistic:
                bump(d, "false_indicators", stuck)
        return s

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        found: dict[str, Delta] = {}
        retrying = fs.data["retrying"]
        if not fs.knobs.dedup:
            rng = ctx.rng(f"messaging-dup:{fs.spec.id}")
            for r, n in retrying.items():
                dup = binomial(rng, n, fs.knobs.duplicate_rate)
                if dup:
                    found[r] = {"duplicates": dup}
        for r in retrying:
            retrying[r] = 0
        return found
