"""The player's levers, and what the engine does at the heal.

Each verb of :class:`~wargame.model.action.Action` has one function here.
Levers with a duration (policy rollouts, failovers) and reconciliation after
the heal run as SimPy processes, so their effect arrives when it would in a
real system, not when the key is pressed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine import leadership, levers, queues
from wargame.model.action import Action
from wargame.model.result import RISK_FIELDS

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.state import FeatureState

RECONCILE_SLICES = 10


def apply(e: Engine, action: Action) -> str:
    """Start the effect of an action; return a short description of what happens."""
    verb, args = action.verb, action.args
    if verb == "set":
        return _set_policy(e, e.features[args[0]], args[1])
    if verb == "failover":
        if args[0] == "all-cp":
            targets = [
                fs for fs in e.features.values() if set(fs.target.values()) & {"cp", "cp-reads"}
            ]
            if not targets:
                return "no feature is CP: nothing to fail over"
        else:
            targets = [e.features[args[0]]]
        # a region that already leads a feature has nothing to take over (no election)
        moving = [fs for fs in targets if fs.leader != args[1]]
        if not moving:
            names = ", ".join(fs.spec.id for fs in targets)
            return f"{args[1]} already leads {names}: nothing to fail over"
        for fs in moving:
            e.env.process(leadership.failover(e, fs, args[1], e.scenario.control.failover_s))
        names = ", ".join(fs.spec.id for fs in moving)
        return f"failing {names} over to {args[1]} (takes {e.scenario.control.failover_s:g} s)"
    if verb == "shed":
        pct = float(args[1].rstrip("%"))
        e.shed[args[0]] = pct / 100.0
        return f"shedding {pct:g}% of traffic in {args[0]}"
    if verb == "status-page":
        text = " ".join(args) or "We are investigating degraded service in some regions."
        e.ops.status_posts.append((e.now, text))
        return "status page updated"
    if verb == "severity":
        e.ops.severity.append((e.now, args[0]))
        return f"incident declared {args[0]}"
    if verb == "page":
        e.ops.pages.append((e.now, args[0]))
        return f"paged the {args[0]} team"
    if verb == "ack":
        acked = 0
        for alert in e.obs.alerts:
            if alert.acked_at is None and (args[0] == "all" or alert.id == args[0]):
                alert.acked_at = e.now
                acked += 1
        return f"acknowledged {acked} alert(s)"
    if verb == "diagnose":
        e.ops.diagnoses.append((e.now, args[0], list(args[1:])))
        return "hypothesis noted: " + " ".join(args)
    if verb in ("resolve", "dedup", "retry", "indicators", "safe-mode", "ttl", "fence"):
        return levers.apply(e, e.features[args[0]], action)
    raise ValueError(f"no effect defined for verb {verb!r}")  # pragma: no cover


def _set_policy(e: Engine, fs: FeatureState, policy: str) -> str:
    """Roll a policy out region by region (primary first)."""
    regions = sorted(e.network.regions, key=lambda r: r != e.scenario.primary_region())
    for r in regions:
        fs.target[r] = policy
    e.env.process(_rollout(e, fs, policy, regions))
    total = e.scenario.control.policy_rollout_s
    return f"rolling {fs.spec.id} out to {policy} over {total:g} s"


def _rollout(e: Engine, fs: FeatureState, policy: str, regions: list[str]):
    total = e.scenario.control.policy_rollout_s
    fs.generation += 1
    generation = fs.generation
    done = 0.0
    for i, r in enumerate(regions):
        at = total * (i + 1) / len(regions)
        if at > done:
            yield e.env.timeout(at - done)
            done = at
        if fs.generation != generation:
            return
        if fs.policy[r] != policy:
            fs.policy[r] = policy
            fs.policy_timeline.append((e.now, r, policy))
            e.obs.log("INFO", r, fs, f"policy now {policy}")
    e._note("engine", f"{fs.spec.name}: {policy} everywhere")


def heal(e: Engine, fs: FeatureState) -> None:
    """Every replica of ``fs`` is reachable again: drain queues, reconcile, end split brain."""
    drain_s = queues.start_backlog(e, fs, sum(fs.local_writes.values()))
    if drain_s:
        e.obs.log("WARN", fs.leader, fs, f"reconciliation backlog: about {drain_s:.0f} s to drain")
    else:
        for r in e.network.regions:
            if fs.pending[r]:
                d: dict[str, float] = {}
                queues.apply(e, fs, r, d)
                e.commit(fs, r, d)
    found = findings(e, fs)
    fs.fenced.clear()
    fs.local_writes = {}
    fs.leader_writes = 0
    if fs.old_leader:
        e.obs.log("INFO", fs.leader, fs, f"{fs.old_leader} steps down; one leader again")
        fs.old_leader = None
    fs.members, fs.members_need = fs.replicas, fs.need
    if found:
        e.env.process(_reconcile(e, fs, found, max(e.scenario.control.reconcile_s, drain_s)))


def findings(e: Engine, fs: FeatureState) -> dict[str, dict[str, float]]:
    """What reconciliation finds, per region: the kind's divergence and split brain."""
    found = fs.behaviour.heal(fs, e)
    for region, n in fs.split_brain_writes.items():
        if not n:
            continue
        d = found.setdefault(region, {})
        for k, v in fs.behaviour.split_brain(fs, region, n, e).items():
            d[k] = d.get(k, 0) + v
    fs.split_brain_writes = {}
    # what the settings risked is known now, not revealed slice by slice; a region
    # with nothing but risk found nothing to reconcile
    for region, d in list(found.items()):
        risked = {k: d.pop(k) for k in RISK_FIELDS if k in d}
        if risked:
            e.commit(fs, region, risked)
            if not d:
                del found[region]
    return found


class Reconciliation:
    """What a heal found, revealed in slices; the rest is settled at the end of the run."""

    def __init__(self, fs: FeatureState, found: dict[str, dict[str, float]]) -> None:
        self.fs = fs
        self.total = {r: dict(d) for r, d in found.items()}
        self.given: dict[str, dict[str, float]] = {r: {} for r in found}
        self.slices_done = 0

    def reveal(self, e: Engine, upto: int) -> None:
        """Commit everything up to slice ``upto`` of ``RECONCILE_SLICES``."""
        for r, d in self.total.items():
            part: dict[str, float] = {}
            for k, v in d.items():
                target = v * upto / RECONCILE_SLICES
                if k not in ("refunds", "revenue", "lost_revenue"):
                    target = int(target)
                delta = target - self.given[r].get(k, 0)
                if delta:
                    part[k] = delta
                    self.given[r][k] = target
            e.commit(self.fs, r, part)
        self.slices_done = upto


def _reconcile(e: Engine, fs: FeatureState, found: dict[str, dict[str, float]], total: float):
    """Reveal what the heal found in slices over the reconciliation time."""
    job = Reconciliation(fs, found)
    e.reconciling.append(job)
    step = total / RECONCILE_SLICES
    e.obs.log("WARN", next(iter(found)), fs, "reconciliation started: conflicts found")
    for i in range(1, RECONCILE_SLICES + 1):
        yield e.env.timeout(step)
        job.reveal(e, i)
    e.reconciling.remove(job)
    e._note("engine", f"{fs.spec.name}: reconciliation finished")


def settle(e: Engine) -> None:
    """At the end of the run: finish reconciliations under way and reconcile what never
    healed, so the debrief counts every consequence of the incident."""
    for job in list(e.reconciling):
        job.reveal(e, RECONCILE_SLICES)
    e.reconciling.clear()
    for fs in e.features.values():
        if not fs.fully_connected or any(fs.split_brain_writes.values()):
            for r, d in findings(e, fs).items():
                e.commit(fs, r, d)
