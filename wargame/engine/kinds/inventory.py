"""Inventory: scarce stock sold from both sides of a partition can be oversold.

A few hot products are tracked unit by unit. Every region keeps its own view
of the remaining stock; while it is cut off, its view misses sales made
elsewhere, so two sides can each sell the "last" units. The oversold units
surface at reconciliation and are refunded.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump
from wargame.engine.policies import Split
from wargame.engine.rng import binomial
from wargame.engine.state import FeatureState
from wargame.model.scenario import Knobs


def hot_share(knobs: Knobs, t: float) -> float:
    """Share of purchases going to the hot products at time ``t`` (interest fades)."""
    if knobs.hot_decay_s is None:
        return knobs.hot_fraction
    return knobs.hot_fraction * math.exp(-t / knobs.hot_decay_s)


@dataclass
class Stock:
    """True stock per hot product, and per region the sales it has not seen."""

    true: list[int]
    unseen: dict[str, list[int]]
    hidden_oversold: dict[str, int] = field(default_factory=dict)
    rngs: dict[str, random.Random] = field(default_factory=dict)
    """Per region, the stream its sales are drawn from."""


class Inventory(Behaviour):
    """Purchases decrement stock; AP purchases decide on a possibly stale local view."""

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        k = fs.knobs.hot_skus
        fs.data = Stock(
            true=[fs.knobs.hot_stock] * k,
            unseen={r: [0] * k for r in ctx.network.regions},
            rngs={r: ctx.rng(f"inventory:{fs.spec.id}:{r}") for r in ctx.network.regions},
        )

    plain_when_calm = False  # every sale takes stock
    patience_s = 120.0
    """A shopper waits a couple of minutes on 'order pending' before giving up."""

    def tick(self, fs: FeatureState, region: str, s: Split, d: Delta, ctx: Context) -> None:
        stock: Stock = fs.data
        spec = fs.spec
        bump(d, "revenue", s.r_ok * spec.revenue_per_read)
        lost = s.w_failed * spec.revenue_per_write + s.r_failed * spec.revenue_per_read
        bump(d, "lost_revenue", lost * spec.abandon_rate)
        sales = s.w_ok + s.w_local
        if not sales and not s.w_pending:
            return
        unseen = stock.unseen[region]
        if not ctx.cut_from(fs, region) and any(unseen):
            unseen[:] = [0] * len(unseen)
        if sales:
            # local (AP) sales and an old leader's sales (split brain) decide on this
            # region's own view of the stock, blind to what the other side sold
            diverged = bool(s.w_local) or fs.via_old
            sold = self._sell(fs, region, sales, diverged, ctx)
            bump(d, "revenue", sold * spec.revenue_per_write)
        if s.w_pending:
            # a queued order is checked against the stock this region sees when it is
            # placed (and holds its unit); one that finds it sold out is not queued
            s.w_pending = self._sell(fs, region, s.w_pending, True, ctx)

    def _sell(self, fs: FeatureState, region: str, sales: int, diverged: bool, ctx) -> int:
        """Take ``sales`` orders against the stock (the region's view if ``diverged``);
        return how many went through (the rest found their product sold out)."""
        stock: Stock = fs.data
        if not stock.true:
            return sales
        unseen = stock.unseen[region]
        sold = sales
        rng = stock.rngs[region]
        left = binomial(rng, sales, hot_share(fs.knobs, ctx.now))
        k = len(stock.true)
        blind = ctx.cut_from(fs, region)
        for i in range(k):
            if not left:
                break  # every later product gets none (a draw of none takes no number)
            n = left if i == k - 1 else binomial(rng, left, 1 / (k - i))
            left -= n
            if not n:
                continue
            view = stock.true[i] + (unseen[i] if diverged else 0)
            allowed = min(n, max(0, view))
            sold -= n - allowed
            before = stock.true[i]
            stock.true[i] -= allowed
            over = max(0, -stock.true[i]) - max(0, -before)
            if over:
                stock.hidden_oversold[region] = stock.hidden_oversold.get(region, 0) + over
            for q in blind:
                stock.unseen[q][i] += allowed
        return sold

    def apply_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context) -> None:
        """The unit was taken when the order was placed; applying it books the sale."""
        bump(d, "revenue", n * fs.spec.revenue_per_write)

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        stock: Stock = fs.data
        found: dict[str, Delta] = {}
        for region, n in stock.hidden_oversold.items():
            if n:
                found[region] = {
                    "oversold": n,
                    "conflicts": n,
                }
        stock.hidden_oversold.clear()
        for unseen in stock.unseen.values():
            unseen[:] = [0] * len(unseen)
        return found
