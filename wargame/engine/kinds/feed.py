"""Append-only content: feed posts and audit records.

Feed: posts accepted on one side are missing on the other (stale reads) and
arrive late after the heal. Without causal ordering, the late items that
readers elsewhere care about land out of order (ordering conflicts users
see); with causal ordering they are held until what they answer is there,
so they only count as stale while the regions are cut. Audit log: a record
that is lost is a compliance violation.
"""

from __future__ import annotations

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump, risk
from wargame.engine.policies import Split
from wargame.engine.rng import binomial
from wargame.engine.state import FeatureState


class Feed(Behaviour):
    """Posts written locally during a partition show up late elsewhere."""

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        fs.data = {r: 0 for r in ctx.network.regions}

    def tick(self, fs: FeatureState, region: str, s: Split, d: Delta, ctx: Context) -> None:
        self.revenue(fs, s, d)
        if s.w_local:
            fs.data[region] += s.w_local

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        found: dict[str, Delta] = {}
        if fs.knobs.ordering == "none":
            # late cross-region items land wherever they arrive: replies before questions
            rng = ctx.rng(f"feed-order:{fs.spec.id}")
            for r, n in fs.data.items():
                late = binomial(rng, n, ctx_cross(fs, ctx, r))
                if late:
                    found[r] = {"conflicts": late}
        fs.data = {r: 0 for r in fs.data}
        return found


def ctx_cross(fs: FeatureState, ctx: Context, region: str) -> float:
    """Share of a region's content that readers elsewhere care about."""
    if fs.knobs.cross_region_fraction is not None:
        return fs.knobs.cross_region_fraction
    return 1.0 - ctx.share[region]


class AuditLog(Behaviour):
    """Records must never be lost: a dropped record is a compliance violation."""

    def drop_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context) -> None:
        super().drop_pending(fs, region, n, d, ctx)
        risk(d, "compliance_violations", n)  # certain: every dropped record
        bump(d, "compliance_violations", n)
