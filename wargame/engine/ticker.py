"""One tick of the simulation: demand drawn, policies applied, outcomes committed.

For every feature, the tick works out the leader's odds (quorum, elections,
fencing, an overloaded leader), then for every region draws Poisson reads and
writes and decides how they end (``policies.split`` and the kind's hooks),
tracking what split brain, queues and staleness need, and commits the outcome.
A whole network takes a short path for kinds with nothing to track.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine import control, leadership, queues
from wargame.engine.network import LOSSY, SLOW
from wargame.engine.policies import Odds, Split
from wargame.engine.rng import poisson
from wargame.engine.state import FeatureState

if TYPE_CHECKING:
    from wargame.engine.engine import Engine

_CALM = Odds(1.0, False, 0.0, True)
"""The odds of every region when the network is whole and the leader healthy."""


def tick(e: Engine, step: float) -> None:
    """One tick: every (feature, region) draws its demand and the policies decide it."""
    net = e.network
    now = e.env.now
    timeout = e.scenario.control.timeout_ms
    impaired = net.impaired()
    regions = net.regions
    down = net.down_regions
    all_regions = len(regions)
    rates, shedding, commit, obs = e._rates, e.shed, e.commit, e.obs
    record_split, obs_sums = obs.record_split, obs.sums
    for fs in e.features.values():
        spec = fs.spec
        full = not impaired or whole(e, fs)
        if full and not fs.fully_connected:
            control.heal(e, fs)
        fs.fully_connected = full
        surge = e.surge[spec.id] * step
        rng = e._traffic[spec.id]
        if fs.knobs.replication == "async":
            # commit on the leader alone; replicas copy later
            q_leader = 0.0 if fs.leader in down else 1.0
        else:
            q_leader = net.quorum_odds(fs.leader, fs.members, fs.members_need, timeout)
        if fs.leader in fs.fenced:
            q_leader = 0.0
        if impaired:
            q_leader *= leadership.writable_share(e, fs, step, q_leader)
        e._overload(fs, q_leader)
        calm = (
            not impaired
            and q_leader >= 1.0
            and not fs.overloaded
            and not fs.failing_over
            and fs.old_leader is None
            and len(fs.members) == all_regions
            and not fs.draining
        )
        if fs.draining:
            queues.drain_backlog(fs, step)
        fresh = 0.0
        q_old = 0.0
        if fs.old_leader:
            q_old = net.quorum_odds(fs.old_leader, fs.replicas, fs.need, timeout)
        split = fs.behaviour.demand_split
        kind_tick = fs.behaviour.tick
        plain = calm and fs.behaviour.plain_when_calm
        rpw, rpr = spec.revenue_per_write, spec.revenue_per_read
        policies, retries, pending = fs.policy, fs.retries, fs.pending
        if plain:
            accs, status, fsum = fs.acc, fs.status, obs.fsums[spec.id]
        for r, (read_rate, write_rate) in rates[spec.id].items():
            reads = poisson(rng, read_rate * surge)
            writes = poisson(rng, write_rate * surge)
            d: dict[str, float] = {}
            if r in down:
                d["requests"] = d["timed_out"] = reads + writes
                commit(fs, r, d)
                continue
            shed = shedding[r]
            shed_n = 0
            if shed:
                keep_r, keep_w = int(reads * (1 - shed)), int(writes * (1 - shed))
                shed_n = reads + writes - keep_r - keep_w
                reads, writes = keep_r, keep_w
            via_old = False
            policy = policies[r]
            if plain and not shed_n and not pending[r]:
                # a whole network, a kind with nothing to track, nothing shed or
                # queued: every request is served. What ``record_split`` and
                # ``commit`` would do with it, added up in the same order here.
                served = reads + writes
                revenue = writes * rpw + reads * rpr
                if policy != "ap":
                    fresh += writes + (reads if policy == "cp" else 0)
                fs.writes_total += writes
                if retries[r]:
                    retries[r] = 0.0
                sums = obs_sums[r]
                sums[0] += writes
                sums[2] += reads
                fsum[0] += served
                if status.get(r) != "ok":
                    obs.logbook.status(fs, r, "ok")
                acc = accs[r]
                if revenue:
                    acc["revenue"] = acc.get("revenue", 0) + revenue
                    fsum[3] += revenue
                    obs.revenue_tick += revenue
                acc["requests"] = acc.get("requests", 0) + served
                acc["ok"] = acc.get("ok", 0) + served
                continue
            if plain:
                # the same with requests shed or writes queued: ``commit`` prices them
                s = Split(writes, reads, writes, 0, 0, 0, reads, 0, 0)
                revenue = writes * rpw + reads * rpr
                if revenue:
                    d["revenue"] = revenue
                if policy != "ap":
                    fresh += writes + (reads if policy == "cp" else 0)
                fs.writes_total += writes
                d["requests"] = reads + writes + shed_n
                d["ok"] = reads + writes
                if shed_n:
                    d["rejected"] = shed_n
                if retries[r]:
                    retries[r] = 0.0
                if pending[r]:
                    queues.tend(e, fs, r, d, 1.0, step)
                record_split(fs, r, s)
                commit(fs, r, d)
                continue
            if calm:
                route = p = 1.0
                odds = _CALM
            else:
                route = net.round_trip(r, fs.leader, timeout)
                # no leader takes writes while one is being promoted
                p = 0.0 if fs.overloaded or fs.failing_over else route * q_leader
                if q_old and (p < 1.0 or r == fs.old_leader):
                    # clients next to the old leader never heard of the promotion
                    p_old = net.round_trip(r, fs.old_leader, timeout) * q_old
                    if p_old > p or (r == fs.old_leader and p_old > 0):
                        p, via_old = p_old, True
                if r in fs.fenced:
                    p, via_old = 0.0, False
                odds = region_odds(e, fs, r, p)
            if route > 0 and policy != "ap":
                # the leader serves its own region's reads under any policy: they are load too
                fresh += writes + (reads if policy == "cp" or r == fs.leader else 0)
            s = split(fs, r, policy, reads, writes, odds, rng, d, e)
            fs.via_old = via_old
            kind_tick(fs, r, s, d, e)
            fs.via_old = False
            fs.writes_total += s.writes
            if impaired and not calm:
                if s.w_local:
                    fs.local_writes[r] = fs.local_writes.get(r, 0) + s.w_local
                if via_old:
                    fs.split_brain_writes[r] = fs.split_brain_writes.get(r, 0) + s.w_ok
                    old = fs.old_leader
                    fs.local_writes[old] = fs.local_writes.get(old, 0) + s.w_ok
                else:
                    fs.leader_writes += s.w_ok
            w_failed = s.w_failed
            failed = w_failed + s.r_failed
            requests = s.reads + s.writes + shed_n
            d["requests"] = requests
            d["ok"] = requests - failed - shed_n
            if failed:
                label = fail_label(e, fs, r)
                d[label] = d.get(label, 0) + failed
                retries[r] = w_failed * fs.knobs.retry_factor if route > 0 else 0.0
            elif retries[r]:
                retries[r] = 0.0
            if shed_n:
                d["rejected"] = d.get("rejected", 0) + shed_n
            if s.r_stale:
                d["stale_reads"] = d.get("stale_reads", 0) + s.r_stale
            if s.w_pending:
                d["pending"] = d.get("pending", 0) + s.w_pending
                pending[r].append([now, s.w_pending])
            if pending[r]:
                queues.tend(e, fs, r, d, p, step)
            record_split(fs, r, s)
            commit(fs, r, d)
        fs.last_fresh = fresh


def whole(e: Engine, fs: FeatureState) -> bool:
    """Every replica of ``fs`` exchanges data with every other (cached per network state)."""
    key = (e.network.version, fs.spec.id)
    hit = e._whole_cache.get(key)
    if hit is None:
        hit = all(not e.cut_from(fs, r) for r in fs.replicas)
        if len(e._whole_cache) > 4096:
            e._whole_cache.clear()
        e._whole_cache[key] = hit
    return hit


def region_odds(e: Engine, fs: FeatureState, r: str, p: float) -> Odds:
    """The odds of region ``r`` for ``fs`` while the network is impaired."""
    knobs = fs.knobs
    key = (e.network.version, fs.spec.id, r)
    hit = e._odds_cache.get(key)
    if hit is None or hit[0] is not knobs:
        hit = [knobs, *_stale_odds(e, fs, r), None]
        if len(e._odds_cache) > 4096:
            e._odds_cache.clear()
        e._odds_cache[key] = hit
    _, cut, cut_stale, drain_stale, last = hit
    stale = cut_stale if cut and unseen_writes(fs, r, cut) else 0.0
    if fs.draining:
        # reconciliation still copying the partition's writes: reads of data
        # written elsewhere may miss them
        stale = max(stale, drain_stale)
    local_ok = not (fs.overloaded and r == fs.leader)
    if (
        last is not None
        and last.p_commit == p
        and last.stale_frac == stale
        and last.local_reads_ok is local_ok
    ):
        return last  # the same odds as last tick (nobody changes an Odds)
    hit[4] = odds = Odds(p, bool(cut), stale, local_ok)
    return odds


def _stale_odds(e: Engine, fs: FeatureState, r: str) -> tuple[list[str], float, float]:
    """(replicas ``r`` is cut from, stale share of its reads when writes it cannot see
    were made there, stale share while reconciliation drains): the parts of
    :func:`region_odds` that depend on the network and the knobs alone."""
    cut = e.cut_from(fs, r)
    cross = fs.knobs.cross_region_fraction
    if cross is None:
        cross = 1.0 - e.share[r]
    others = sum(e.share[q] for q in fs.replicas if q != r) or 1.0
    cut_stale = min(1.0, cross * sum(e.share[q] for q in cut) / others)
    drain = fs.knobs.cross_region_fraction
    drain_stale = 1.0 - e.share[r] if drain is None else drain
    return cut, cut_stale, drain_stale


def unseen_writes(fs: FeatureState, r: str, cut: list[str]) -> bool:
    """Some write committed since the network broke that region ``r`` cannot see:
    one accepted locally in a region it is cut from, or one committed by a leader
    it is cut from. Without one, a local read is not stale, however cut off."""
    local = fs.local_writes
    if local:
        for q in cut:
            if local.get(q):
                return True
    return fs.leader_writes > 0 and r != fs.leader and fs.leader in cut


def fail_label(e: Engine, fs: FeatureState, region: str) -> str:
    """Failures time out on lossy or slow paths and fail fast on cut ones."""
    if fs.overloaded:
        return "timed_out"
    key = (e.network.version, fs.spec.id, region)
    hit = e._label_cache.get(key)
    if hit is None:
        links = e.network.links
        leader = fs.leader
        path = [(region, leader), (leader, region)] if region != leader else []
        path += [(leader, q) for q in fs.replicas if q != leader]
        hit = "rejected"
        if any(links[p].state in (LOSSY, SLOW) for p in path if p in links):
            hit = "timed_out"
        if len(e._label_cache) > 4096:
            e._label_cache.clear()
        e._label_cache[key] = hit
    return hit
