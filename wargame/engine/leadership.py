"""Leadership on a sick network: heartbeats, elections, failovers, the orchestrator.

A lossy link loses heartbeats as well as data. A follower that misses a few in a
row starts an election, and its vote requests (which do get through, now and
then) depose a healthy leader: leadership flaps, and every election refuses
writes for ``[control] election_s``. A fully cut link carries nothing, so it
deposes nobody.

A failover promotes a new leader; if the old one still reaches a quorum on its
side it keeps taking writes (split brain) until the heal or a ``fence``. As built,
a feature may have an orchestrator (``knobs.auto_failover_s``) that promotes a
new leader by itself once the leader has looked sick for that long, as in
GitHub's October 2018 incident; it then waits an hour before it acts again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine.rng import poisson

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.state import FeatureState

HEARTBEATS_PER_S = 1.0
"""Heartbeats a leader sends each follower per second."""
MISSES = 2
"""Heartbeats missed in a row before a follower starts an election (losses on a sick
link come in bursts, so a short run of misses is all it takes)."""
AUTO_BLOCK_S = 3600.0
"""After promoting a leader by itself, the orchestrator waits this long before the next."""


def heartbeat_loss(e: Engine, fs: FeatureState) -> float:
    """Worst loss on a lossy link between the leader and a member (0 when none is lossy)."""
    return e.network.worst_loss(fs.leader, fs.members)


def writable_share(e: Engine, fs: FeatureState, step: float, q_leader: float) -> float:
    """Share of this tick the leader takes writes (elections refuse them), and the
    orchestrator's turn to act."""
    loss = heartbeat_loss(e, fs) if e.network.impaired() else 0.0
    share = 1.0
    if loss > 0.0 and fs.led:
        rate = HEARTBEATS_PER_S * loss**MISSES
        flaps = poisson(e.rng(f"flaps:{fs.spec.id}"), rate * step)
        if flaps:
            fid = fs.spec.id
            e.ops.flaps[fid] = e.ops.flaps.get(fid, 0) + flaps
            share = max(0.0, 1.0 - flaps * e.scenario.control.election_s / step)
            e.obs.log("WARN", fs.leader, fs, f"leader election: heartbeats lost ({flaps}x)")
    if fs.knobs.auto_failover_s is not None:
        _orchestrate(e, fs, loss, q_leader)
    return share


def _orchestrate(e: Engine, fs: FeatureState, loss: float, q_leader: float) -> None:
    net = e.network
    sick = loss > 0.0 or q_leader < 1.0 or fs.leader in net.down_regions
    if not sick or fs.failing_over or not fs.led:
        fs.sick_since = None
        return
    if fs.sick_since is None:
        fs.sick_since = e.now
    blocked = fs.last_auto is not None and e.now - fs.last_auto < AUTO_BLOCK_S
    if blocked or e.now - fs.sick_since < float(fs.knobs.auto_failover_s or 0):
        return
    timeout = e.scenario.control.timeout_ms
    best, odds = None, 0.0
    for r in fs.replicas:
        if r == fs.leader or r in net.down_regions:
            continue
        q = net.quorum_odds(r, fs.replicas, fs.need, timeout)
        if q > odds:
            best, odds = r, q
    if best is None:
        return
    fs.last_auto, fs.sick_since = e.now, None
    e.obs.log("WARN", best, fs, f"orchestrator: leader in {fs.leader} looks dead, promoting {best}")
    e.env.process(failover(e, fs, best, e.scenario.control.election_s, auto=True))


def failover(e: Engine, fs: FeatureState, region: str, duration: float, auto: bool = False):
    """Promote ``region`` after ``duration`` (writes refused meanwhile)."""
    fs.failing_over = True
    yield e.env.timeout(duration)
    fs.failing_over = False
    net = e.network
    timeout = e.scenario.control.timeout_ms
    old = fs.leader
    if region in net.down_regions:
        e._note("engine", f"{fs.spec.name}: failover to {region} failed (region is down)")
        return
    if region == old:
        e._note("engine", f"{fs.spec.name}: {region} already leads")
        return
    if fs.knobs.replication == "async" and region in e.cut_from(fs, old) and fs.leader_writes:
        # writes the old leader committed but never copied to the new one
        fs.split_brain_writes[old] = fs.split_brain_writes.get(old, 0) + fs.leader_writes
        fs.local_writes[old] = fs.local_writes.get(old, 0) + fs.leader_writes
        fs.leader_writes = 0
    members = tuple(q for q in fs.replicas if q == region or net.connected(region, q))
    fs.leader = region
    fs.promoted_at_writes = fs.leader_writes
    fs.fenced.discard(region)
    fs.members, fs.members_need = members, len(members) // 2 + 1
    still_writing = (
        old not in net.down_regions
        and old not in fs.fenced
        and net.quorum_odds(old, fs.replicas, fs.need, timeout) > 0.0
    )
    split = still_writing and not fs.fully_connected
    if split:
        fs.old_leader = old
        e.obs.log("ERROR", region, fs, f"two leaders: {old} still accepts writes")
    record = e.ops.auto_failovers if auto else e.ops.failovers
    record.append((e.now, fs.spec.id, region, split))
    who = "the orchestrator promoted " if auto else ""
    e._note(
        "engine",
        f"{fs.spec.name}: {who}{region} now leads"
        + (f" while {old} still accepts writes (split brain)" if split else ""),
    )
