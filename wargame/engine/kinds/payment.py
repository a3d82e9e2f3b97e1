"""Payments: money moved on a stale view is a financial violation.

A charge approved locally while the ledger's other replicas are out of
reach can overdraw (the balance it checked was stale) or be charged twice
(the client timed out and retried elsewhere). Both surface at
reconciliation; double charges are refunded. A queued charge settles after
the heal against the balance it saw when it was made: it can overdraw too.
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
    """A buyer waits a few minutes on 'payment processing' before giving up."""

    def apply_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context) -> None:
        """A queued charge settles against the balance it saw when it was made, which
        another charge may have spent meanwhile (an overdraft), unless the funds were
        held for it when it was made."""
        if not fs.knobs.authorize_hold:
            rng = ctx.rng(f"payment-pending:{fs.spec.id}:{region}")
            risk(d, "financial_violations", n * fs.knobs.overdraft_rate)
            bump(d, "financial_violations", binomial(rng, n, fs.knobs.overdraft_rate))
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
