"""Payments: money moved on a stale view is a financial violation.

A charge approved locally while the ledger's other replicas are out of
reach can overdraw (the balance it checked was stale) or be charged twice
(the client timed out and retried elsewhere). Both surface at
reconciliation; double charges are refunded.

A queued charge is only as safe as what was reserved for it. With
``authorize_hold`` the funds were held when it was accepted (the card
pattern: authorize now, capture later): the capture is exact and a buyer who
gives up releases the hold. Without a hold the charge is a promise the region
made on its own copy of the balance: the customer cannot take it back, it
settles after the heal against the balance it saw (an overdraft if another
charge spent that money meanwhile), and the queue delivers it at least once,
so a charge whose acknowledgement was lost is applied twice (a double charge).
Queued money without a hold is AP with a delay.
"""

from __future__ import annotations

from wargame.engine.kinds.base import Behaviour, Context, Delta, bump, risk
from wargame.engine.policies import Split
from wargame.engine.rng import binomial
from wargame.engine.state import FeatureState


class Payment(Behaviour):
    """Locally approved charges are checked against the ledger at the heal."""

    def prices(self, fs: FeatureState) -> tuple[tuple[str, float], ...]:
        """A double charge is refunded at the charge's value unless a refund is set."""
        out = super().prices(fs)
        if not fs.spec.costs.refund_per_duplicate and fs.spec.revenue_per_write:
            out += (("duplicates", fs.spec.revenue_per_write),)
        return out

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        fs.data = {r: 0 for r in ctx.network.regions}

    def tick(self, fs: FeatureState, region: str, s: Split, d: Delta, ctx: Context) -> None:
        self.revenue(fs, s, d)
        if s.w_local:
            fs.data[region] += s.w_local

    patience_s = 300.0
    """A buyer waits a few minutes on 'payment processing' before giving up (which
    releases a held charge; a charge without a hold cannot be withdrawn)."""

    def patience(self, fs: FeatureState) -> float | None:
        """Only a held charge is withdrawn when its buyer gives up."""
        return super().patience(fs) if fs.knobs.authorize_hold else None

    def apply_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context) -> None:
        """A queued charge settles after the heal. With the funds held when it was made
        it is exact; without, it settles against the balance it saw, which another
        charge may have spent meanwhile (an overdraft), and the queue's at-least-once
        delivery charges some twice (a double charge, refunded)."""
        if not fs.knobs.authorize_hold:
            rng = ctx.rng(f"payment-pending:{fs.spec.id}:{region}")
            risk(d, "financial_violations", n * _violation_rate(fs))
            double = binomial(rng, n, fs.knobs.double_charge_rate)
            over = binomial(rng, n, fs.knobs.overdraft_rate)
            bump(d, "duplicates", double)
            bump(d, "financial_violations", double + over)
        bump(d, "revenue", n * fs.spec.revenue_per_write)

    def split_brain(self, fs: FeatureState, region: str, n: int, ctx: Context) -> Delta:
        """Payments two ledgers approved apart: the same money spent on both sides
        (overdrafts) and retries charged by both leaders (double charges)."""
        d = super().split_brain(fs, region, n, ctx)
        rng = ctx.rng(f"payment-split:{fs.spec.id}")
        risk(d, "financial_violations", n * _violation_rate(fs))
        double = binomial(rng, n, fs.knobs.double_charge_rate)
        over = binomial(rng, n, fs.knobs.overdraft_rate)
        bump(d, "duplicates", double)
        bump(d, "financial_violations", double + over)
        return d

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        rng = ctx.rng(f"payment-heal:{fs.spec.id}")
        found: dict[str, Delta] = {}
        for r, n in fs.data.items():
            if not n:
                continue
            double = binomial(rng, n, fs.knobs.double_charge_rate)
            over = binomial(rng, n, fs.knobs.overdraft_rate)
            d: Delta = {}
            risk(d, "financial_violations", n * _violation_rate(fs))
            bump(d, "duplicates", double)
            bump(d, "financial_violations", double + over)
            bump(d, "conflicts", double + over)
            if d:
                found[r] = d
        fs.data = {r: 0 for r in fs.data}
        return found


def _violation_rate(fs: FeatureState) -> float:
    """Expected financial violations per charge two ledgers approved apart: a double
    charge or an overdraft each count one."""
    return fs.knobs.double_charge_rate + fs.knobs.overdraft_rate
