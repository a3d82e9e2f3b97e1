"""Counters (likes, views): concurrent increments on both sides of a partition.

A CRDT (grow-only counter per region) merges to the exact total; keeping one
side's value (last writer wins) or the larger value loses the other side's
increments. ``merge_counter`` is the arithmetic, shared with the tests.
"""

from __future__ import annotations

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump
from wargame.engine.policies import Split
from wargame.engine.state import FeatureState


def merge_counter(base: int, deltas: dict[str, int], method: str, winner: str = "") -> int:
    """Value after merging per-region increments made during a partition.

    ``crdt``: base plus every increment. ``max``: the larger regional value.
    ``sum_totals``: adding up the regional values (counts the base N times).
    ``lww``: the value of the region that wrote last (``winner``).
    """
    if method == "crdt":
        return base + sum(deltas.values())
    if method == "max":
        return base + max(deltas.values(), default=0)
    if method == "sum_totals":
        return sum(base + v for v in deltas.values())
    if method == "lww":
        return base + deltas.get(winner, 0)
    raise ValueError(f"unknown merge method {method!r}")


class Counter(Behaviour):
    """Increments accepted locally diverge; the resolution decides how many survive."""

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        fs.data = {r: 0 for r in ctx.network.regions}

    def tick(self, fs: FeatureState, region: str, s: Split, d: Delta, ctx: Context) -> None:
        self.revenue(fs, s, d)
        if s.w_local:
            fs.data[region] += s.w_local

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        deltas = {r: n for r, n in fs.data.items() if n}
        fs.data = {r: 0 for r in fs.data}
        if len(deltas) < 2:
            return {}
        total = sum(deltas.values())
        if fs.resolution == "crdt":
            return {}  # per-region counters merge to the exact total: nothing to resolve
        if fs.resolution == "app":
            kept = merge_counter(0, deltas, "crdt")
            winner = ""
        elif fs.resolution == "merge":
            winner = max(deltas, key=lambda r: (deltas[r], r))
            kept = merge_counter(0, deltas, "max")
        else:
            rng = ctx.rng(f"counter-lww:{fs.spec.id}")
            regions = sorted(deltas)
            winner = rng.choices(regions, weights=[deltas[r] for r in regions])[0]
            kept = merge_counter(0, deltas, "lww", winner)
        found: dict[str, Delta] = {}
        for r, n in deltas.items():
            d: Delta = {"conflicts": n}
            if r != winner and kept < total:
                bump(d, "lost_writes", n)
            found[r] = d
        return found
