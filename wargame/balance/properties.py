"""The balance properties B1-B5 a shipped scenario set must hold.

* **B1**: doing nothing grades F on every scenario; so do all-CP and all-AP
  wherever the model's policies are not all CP (resp. all AP) themselves.
* **B2**: the responder reacting 60 s after the signals agree grades A, and its
  journal holds only player verbs at or after the page.
  Reported alongside as the advisory ``B2+``: the responder acting as soon as the
  signals agree scores within :data:`B2_SOONER_SPAN` of it. Acting sooner on the same
  signals costing much more means the model itself does harm (e.g. a queue whose TTL
  drops records during a long cut): the author should look at the model.
* **B3**: no blanket policy set at the page grades B or better on more than
  two of the scenarios checked.
* **B4**: where the partition is partial, one-way or split-topology, failing
  the CP features over at the page + 60 s scores at least 5 below the responder.
  The same check on the responder *plus* a failover (a stricter reading: the
  failover on top of good play must still hurt) is reported as the advisory
  ``B4+``; it does not fail the run.
* **B5**: a fixed strategy's overall score spans at most 10 points over the seeds.
"""

from __future__ import annotations

from dataclasses import dataclass

from wargame.balance.harness import ScenarioTable
from wargame.model.action import ARITY
from wargame.model.scenario import Scenario

B2_SOONER_SPAN = 10.0
"""Advisory B2+: the responder reacting at once scores within this of the reference."""
B3_MAX_SCENARIOS = 2
"""A blanket policy may grade B or better on at most this many scenarios."""
B4_MARGIN = 5.0
"""A failover in a partial partition scores at least this much below the responder."""
B5_MAX_SPAN = 10.0
"""A fixed strategy's score spans at most this many points over the seeds."""
CP_SIDE = frozenset({"cp", "cp-reads", "queued"})


@dataclass
class Finding:
    """One property check on one scenario (or across scenarios for B3)."""

    prop: str
    scenario: str
    ok: bool
    detail: str
    advisory: bool = False
    """Reported for information; an advisory finding that does not hold fails nothing."""


def partial(scenario: Scenario) -> bool:
    """Is some partition partial (lossy), one-way or split-topology?

    Split topology: two regions lose their direct link while both still reach a
    third one (the cut is not a clean split into groups).
    """
    regions = scenario.region_ids()
    for ev in scenario.events:
        lossy = (ev.kind == "partition" and ev.mode in ("lossy", "one-way")) or (
            ev.kind == "link" and ev.state == "lossy"
        )
        if lossy:
            return True
        cut: set[frozenset[str]] = set()
        if ev.kind == "partition" and ev.links:
            cut = {frozenset(p) for p in ev.links}
        elif ev.kind == "link" and ev.state == "down":
            cut = {frozenset(p) for p in ev.links or []}
        for pair in cut:
            a, b = sorted(pair)
            for c in regions:
                if c not in pair and frozenset((a, c)) not in cut and frozenset((b, c)) not in cut:
                    return True
    return False


def check(tables: list[ScenarioTable]) -> list[Finding]:
    """Every property on every table."""
    out: list[Finding] = []
    blanket_good: dict[str, list[str]] = {}
    for table in tables:
        sc, rows = table.scenario, table.rows
        sid = sc.id
        # B1
        policies = {f.model.policy for f in sc.features}
        for name, exempt in (
            ("do nothing", False),
            ("all-cp", policies <= {"cp"}),
            ("all-ap", policies <= {"ap"}),
        ):
            row = rows[name]
            if exempt:
                out.append(Finding("B1", sid, True, f"{name}: exempt (the model is {name})"))
                continue
            out.append(
                Finding("B1", sid, row.grade == "F", f"{name}: median {row.median} ({row.grade})")
            )
        # B2
        row = rows["responder+60s"]
        late = [
            (o.seed, t, verb)
            for o in row.outcomes
            for t, verb in o.actions
            if o.page_t is None or t < o.page_t - 1e-9 or verb not in ARITY
        ]
        ok = row.grade == "A" and not late
        detail = f"responder+60s: median {row.median} ({row.grade})"
        if late:
            detail += f"; actions before the page or not player verbs: {late[:3]}"
        out.append(Finding("B2", sid, ok, detail))
        sooner = rows["responder@page"].median
        out.append(
            Finding(
                "B2+",
                sid,
                sooner >= row.median - B2_SOONER_SPAN,
                f"responder@page {sooner} vs responder+60s {row.median}",
                advisory=True,
            )
        )
        # B3 (gathered)
        for name, r in rows.items():
            if "blanket" in r.strategy.tags and r.grade in ("A", "B"):
                blanket_good.setdefault(name, []).append(sid)
        # B4
        if partial(sc):
            ref = rows["responder@page"].median
            for name, r in rows.items():
                if "failover" in r.strategy.tags:
                    ok = r.median <= ref - B4_MARGIN
                    plus = r.strategy.kind == "responder"
                    detail = f"{name}: {r.median} vs responder@page {ref}"
                    out.append(Finding("B4+" if plus else "B4", sid, ok, detail, advisory=plus))
        # B5
        for name, r in rows.items():
            if r.strategy.fixed and len(r.outcomes) > 1:
                span = r.high - r.low
                if span > B5_MAX_SPAN:
                    out.append(
                        Finding("B5", sid, False, f"{name}: spans {span:.1f} ({r.low}-{r.high})")
                    )
        if not any(f.prop == "B5" and f.scenario == sid for f in out):
            out.append(Finding("B5", sid, True, f"every fixed strategy within {B5_MAX_SPAN:g}"))
    for name in sorted(
        {n for t in tables for n, r in t.rows.items() if "blanket" in r.strategy.tags}
    ):
        good = blanket_good.get(name, [])
        out.append(
            Finding(
                "B3",
                "*",
                len(good) <= B3_MAX_SCENARIOS,
                f"{name}: B or better on {len(good)} scenario(s) {good}",
            )
        )
    return out
