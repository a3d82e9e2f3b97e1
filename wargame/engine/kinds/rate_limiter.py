"""Rate limiter: legitimate users wrongly blocked vs abusers let through.

Requests are admitted or refused now; nothing is queued. While the shared
counters cannot sync, each region enforces a local cap: the full limit (abuse
over several regions gets through), the limit split per region (users are
blocked early), or safe mode (limit / regions / safety factor). Full CP
refuses everything it cannot count. Legitimate users' rates are exponential
with a known mean, so the share of their requests over a cap is exp(-cap/mean).
"""

from __future__ import annotations

import math
import random

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump
from wargame.engine.policies import Odds, Split
from wargame.engine.rng import binomial
from wargame.engine.state import FeatureState


def safe_mode_cap(limit: float, regions: int, factor: float) -> float:
    """Per-region limit in safe mode: limit / regions / safety factor."""
    return limit / regions / factor


def hopper_admitted(cap_per_region: float, regions_used: int, counted_before: int = 0) -> int:
    """True requests a user spreading evenly over regions gets through before every
    region blocks, when each region counts only its own requests.

    ``counted_before`` is what each region had counted when the counters stopped
    syncing (it still counts towards that region's local cap).
    """
    per_region = max(int(cap_per_region), counted_before)
    return per_region * regions_used


def merge_windows(counts: dict[str, int], method: str) -> int:
    """The current-window count after the heal: ``max``, ``sum`` or ``higher`` counter."""
    if method == "max":
        return max(counts.values())
    if method == "sum":
        return sum(counts.values())
    if method == "higher":
        return counts[max(counts, key=lambda r: counts[r])]
    raise ValueError(f"unknown window merge {method!r}")


def blocked_share(cap: float, limit: float, mean: float) -> float:
    """Share of legitimate requests refused by ``cap`` that the true limit would allow."""
    return max(0.0, math.exp(-cap / mean) - math.exp(-limit / mean))


class RateLimiter(Behaviour):
    """Admission decisions per region and tick."""

    plain_when_calm = False  # a limiter counts every request as a write

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        """A limiter designed with safe mode starts with it armed (the player may turn it off)."""
        fs.data = None
        if fs.knobs.safe_factor:
            fs.safe_factor = fs.knobs.safe_factor

    def cap(self, fs: FeatureState, policy: str) -> float:
        """The local per-user cap a region enforces while its counters cannot sync."""
        k = fs.knobs
        n = len(fs.replicas)
        if fs.safe_factor:
            return safe_mode_cap(k.limit_per_min, n, fs.safe_factor)
        if policy == "cp-reads" or k.partition_limit == "split":
            return k.limit_per_min / n
        return float(k.limit_per_min)

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
        k = fs.knobs
        requests = reads + writes
        s = Split(requests)
        abusers = binomial(rng, requests, k.abuser_share)
        legit = requests - abusers
        fair_share = min(1.0, k.limit_per_min / k.abuser_rate_per_min)
        p_commit = odds.p_commit
        synced = not odds.diverged and p_commit >= 1.0
        if synced:
            s.w_ok = requests
            return s
        if policy == "cp":
            admitted = binomial(rng, requests, p_commit)
            s.w_ok, s.w_failed = admitted, requests - admitted
            return s
        cap = self.cap(fs, policy)
        share = blocked_share(cap, k.limit_per_min, k.legit_mean_per_min)
        if k.home_region:
            share *= 0.1  # most users stay home and keep the full limit there
        blocked = binomial(rng, legit, share)
        hops = len(fs.replicas)
        abuse_admit = min(1.0, cap * hops / k.abuser_rate_per_min)
        admitted = binomial(rng, abusers, abuse_admit)
        bump(d, "over_limit", max(0, admitted - round(abusers * fair_share)))
        s.w_ok = requests - blocked
        s.w_failed = blocked
        if k.backend_capacity:
            normal = legit + abusers * fair_share
            if normal and (legit - blocked + admitted) > k.backend_capacity * normal:
                s.w_failed, s.w_ok = requests, 0
        return s

    def tick(self, fs: FeatureState, region: str, s: Split, d: Delta, ctx) -> None:
        self.revenue(fs, s, d)

    def split_brain(self, fs: FeatureState, region: str, n: int, ctx: Context) -> Delta:
        """Two limiters each count their own side; counts are per window and expire, so
        nothing is lost at the heal (the abuse they let through is counted as it happens)."""
        return {}
