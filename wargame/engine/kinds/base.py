"""The contract between the engine and a feature kind, and the default behaviour.

The engine decides, per tick and per (region, feature), how many reads and
writes were served, refused, queued or accepted locally (``policies.split``);
a kind turns that into what it means for the business: revenue, oversold
units, lost increments, duplicates, violations. A kind also says what the
heal reveals (reconciliation) and what happens to queued writes.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Protocol

from wargame.engine.policies import Odds, Split, split

if TYPE_CHECKING:
    from wargame.engine.network import Network
    from wargame.engine.state import FeatureState
    from wargame.model.scenario import Scenario

Delta = dict[str, float]
"""Counter name -> amount added in this step."""


def bump(d: Delta, name: str, n: float) -> None:
    """Add ``n`` to ``d[name]`` (nothing for zero)."""
    if n:
        d[name] = d.get(name, 0) + n


RISK_OF: dict[str, str] = {
    "safety_violations": "safety_risk",
    "financial_violations": "financial_risk",
    "compliance_violations": "compliance_risk",
}
"""Violation counter -> the outcome holding its expected value (what the settings risked)."""


def risk(d: Delta, counter: str, expected: float) -> None:
    """Add the expected number of ``counter`` violations of a draw (or of a certain
    harm: then the count itself) to the matching risk outcome."""
    bump(d, RISK_OF[counter], expected)


class Context(Protocol):
    """What a kind may read from the engine."""

    now: float
    tick_s: float
    network: Network
    scenario: Scenario
    share: dict[str, float]

    def rng(self, name: str) -> random.Random: ...

    def cut_from(self, fs: FeatureState, region: str) -> list[str]: ...


class Behaviour:
    """Default kind: revenue on successful operations, nothing else special."""

    safety_counter = "safety_violations"
    plain_when_calm: bool = True
    """On a whole network this kind only books revenue on served requests, so the
    engine may skip its hooks then (kinds that track state every tick say False)."""
    patience_s: float | None = None
    """Mean time a user waits on a queued write of this kind before giving up
    (None: the write is not a user waiting, e.g. a like or a revocation)."""

    def patience(self, fs: FeatureState) -> float | None:
        """Mean wait before a user gives up on a queued write of ``fs`` (None: nobody
        does): the feature's ``patience_s`` knob, else the kind's default."""
        return fs.knobs.patience_s or self.patience_s

    def prices(self, fs: FeatureState) -> tuple[tuple[str, float], ...]:
        """(counter, money refunded or paid per unit) for the feature's costs.

        The engine charges these on every committed outcome, wherever it arises
        (a tick, a queue, a heal, split brain), so each cost applies to every kind.
        """
        c = fs.spec.costs
        pairs = [
            ("lost_writes", c.compensation_per_lost_write),
            ("oversold", c.refund_per_oversell),
            ("duplicates", c.refund_per_duplicate),
            ("safety_violations", c.compensation_per_violation),
            ("financial_violations", c.compensation_per_violation),
            ("compliance_violations", c.compensation_per_violation),
        ]
        return tuple((k, v) for k, v in pairs if v)

    def setup(self, fs: FeatureState, ctx: Context) -> None:
        """Create the kind's own state in ``fs.data``."""
        fs.data = None

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
        """Decide the tick's outcomes; most kinds use the generic policy split."""
        return split(policy, reads, writes, odds, rng)

    def tick(self, fs: FeatureState, region: str, s: Split, d: Delta, ctx: Context) -> None:
        """Add the kind's consequences of one tick to ``d``."""
        self.revenue(fs, s, d)

    def revenue(self, fs: FeatureState, s: Split, d: Delta) -> None:
        """Revenue of served operations, and revenue lost to failed ones."""
        spec = fs.spec
        if spec.revenue_per_write or spec.revenue_per_read:
            bump(d, "revenue", (s.w_ok + s.w_local) * spec.revenue_per_write)
            bump(d, "revenue", s.r_ok * spec.revenue_per_read)
            failed = s.w_failed * spec.revenue_per_write + s.r_failed * spec.revenue_per_read
            bump(d, "lost_revenue", failed * spec.abandon_rate)

    def apply_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context) -> None:
        """Queued writes finally applied after the heal."""
        bump(d, "revenue", n * fs.spec.revenue_per_write)

    def abandon_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context):
        """Queued writes whose users gave up waiting: cancelled, their revenue lost."""
        bump(d, "abandoned", n)
        bump(d, "lost_revenue", n * fs.spec.revenue_per_write * fs.spec.abandon_rate)

    def drop_pending(self, fs: FeatureState, region: str, n: int, d: Delta, ctx: Context) -> None:
        """Queued writes dropped because they waited past their TTL."""
        bump(d, "lost_writes", n)
        bump(d, "lost_revenue", n * fs.spec.revenue_per_write * fs.spec.abandon_rate)

    def heal(self, fs: FeatureState, ctx: Context) -> dict[str, Delta]:
        """What reconciliation finds once every replica is reachable again, per region."""
        return {}

    def split_brain(self, fs: FeatureState, region: str, n: int, ctx: Context) -> Delta:
        """Writes an old leader in ``region`` took while another leader took writes too.

        The two histories meet at the heal: a CRDT merges them exactly (nothing to
        count); app logic resolves each clash (a conflict, nothing lost); last-writer-wins
        or a field merge keeps one leader's version and drops the other's (lost writes).
        Kinds add their own harm (money, stock, revocations) on top.
        """
        d: Delta = {}
        if fs.resolution == "crdt":
            return d
        bump(d, "conflicts", n)
        if fs.resolution in ("lww", "merge"):
            bump(d, "lost_writes", n)
        return d
