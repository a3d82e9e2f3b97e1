"""Shopping cart: edits on both sides merged after the heal.

A cart edited in two regions during a partition is merged at the heal:
last-writer-wins drops one side's edits (lost writes); a naive union brings
removed items back (conflicts the user notices); a CRDT set (or app logic)
merges cleanly.
"""

from __future__ import annotations

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump
from wargame.engine.kinds.feed import ctx_cross
from wargame.engine.policies import Split
from wargame.engine.rng import binomial
from wargame.engine.state import FeatureState


class Cart(Behaviour):
    """Divergent cart edits and how the merge treats them."""

    patience_s = 600.0
    """A shopper comes back to a pending cart edit for a while, then gives up."""

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        fs.data = {r: 0 for r in ctx.network.regions}

    def tick(self, fs: FeatureState, region: str, s: Split, d: Delta, ctx: Context) -> None:
        self.revenue(fs, s, d)
        if s.w_local:
            fs.data[region] += s.w_local

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        rng = ctx.rng(f"cart:{fs.spec.id}")
        found: dict[str, Delta] = {}
        if fs.resolution == "crdt":
            # an add/remove set merges exactly: no conflict to count or ticket to file
            fs.data = {r: 0 for r in fs.data}
            return found
        for r, n in fs.data.items():
            collided = binomial(rng, n, ctx_cross(fs, ctx, r))
            if not collided:
                continue
            d: Delta = {"conflicts": collided}
            if fs.resolution == "lww":
                bump(d, "lost_writes", collided)
            elif fs.resolution == "merge":
                bump(d, "false_indicators", binomial(rng, collided, fs.knobs.remove_fraction))
            found[r] = d
        fs.data = {r: 0 for r in fs.data}
        return found
