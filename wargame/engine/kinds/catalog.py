"""Catalog and price cache: a stale price shown vs a page that does not load.

Under AP a region serves prices that miss updates made elsewhere. If
checkout re-checks the price, a stale page is only a surprise; if it does
not, some stale reads become sales at the wrong price (financial
violations). Under full CP the page fails instead.
"""

from __future__ import annotations

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump, risk
from wargame.engine.policies import Split
from wargame.engine.rng import binomial
from wargame.engine.state import FeatureState


class Catalog(Behaviour):
    """Stale price reads, and what they cost when checkout trusts them."""

    def tick(self, fs: FeatureState, region: str, s: Split, d: Delta, ctx: Context) -> None:
        self.revenue(fs, s, d)
        if s.r_stale and not fs.knobs.checkout_verifies:
            rng = ctx.rng(f"catalog:{fs.spec.id}:{region}")
            risk(d, "financial_violations", s.r_stale * fs.knobs.stale_trade_rate)
            wrong = binomial(rng, s.r_stale, fs.knobs.stale_trade_rate)
            bump(d, "financial_violations", wrong)
