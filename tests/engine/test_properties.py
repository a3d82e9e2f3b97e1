"""Hypothesis invariants over random scenarios and random action lists."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.builders import feature, scenario

from wargame.engine import Engine
from wargame.model.action import Action
from wargame.model.result import COUNT_FIELDS, MONEY_FIELDS
from wargame.model.scenario import KINDS as ALL_KINDS

KINDS = list(ALL_KINDS)
REGIONS = ["east", "west", "asia", "eu"]


@st.composite
def scenarios(draw):
    n = draw(st.integers(2, 4))
    ids = REGIONS[:n]
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4))
    feats = []
    for i, kind in enumerate(kinds):
        policy = draw(
            st.sampled_from(
                ["cp", "cp-reads", "ap"] + ([] if kind == "rate_limiter" else ["queued"])
            )
        )
        knobs = {}
        if kind == "inventory":
            knobs = {"hot_skus": 3, "hot_stock": draw(st.integers(0, 50)), "hot_fraction": 0.3}
        if kind in ("block_list", "moderation", "access_control", "erasure", "session"):
            knobs = {"exposure_per_min": draw(st.floats(0, 1))}
        feats.append(
            feature(
                f"f{i}",
                kind,
                policy,
                reads_per_s=draw(st.floats(0, 300)),
                writes_per_s=draw(st.floats(0, 50)),
                revenue_per_write=draw(st.sampled_from([0, 1, 50])),
                resolution=draw(st.sampled_from(["lww", "merge", "crdt", "app"])),
                knobs=knobs,
                model_policy="cp-reads" if kind == "rate_limiter" else "queued",
            )
        )
    start = draw(st.integers(0, 200))
    length = draw(st.integers(10, 300))
    shape = draw(st.sampled_from(["groups", "split", "lossy", "oneway", "slow", "outage"]))
    if shape == "groups":
        cut = {"kind": "partition", "groups": [ids[:1], ids[1:]]}
    elif shape == "split":
        cut = {"kind": "partition", "links": [[ids[0], ids[1]]]}
    elif shape == "lossy":
        cut = {
            "kind": "partition",
            "groups": [ids[:1], ids[1:]],
            "mode": "lossy",
            "loss": draw(st.floats(0.05, 0.95)),
        }
    elif shape == "oneway":
        cut = {"kind": "partition", "links": [[ids[0], ids[1]]], "mode": "one-way"}
    elif shape == "slow":
        cut = {
            "kind": "link",
            "links": [[ids[0], ids[1]]],
            "state": "slow",
            "factor": draw(st.floats(1, 30)),
        }
    else:
        cut = {"kind": "outage", "region": ids[-1]}
    heal = {"kind": "restore", "region": ids[-1]} if shape == "outage" else {"kind": "heal"}
    events = [{"at": start, **cut}, {"at": start + length, **heal}]
    return scenario(feats, regions=n, events=events, duration=600, tick=10)


@st.composite
def action_lists(draw, sc):
    feats = [f.id for f in sc.features]
    regions = sc.region_ids()
    out = []
    for _ in range(draw(st.integers(0, 5))):
        t = float(draw(st.integers(0, 590)))
        verb = draw(st.sampled_from(["set", "failover", "shed", "status-page", "severity"]))
        f = draw(st.sampled_from(feats))
        kind = sc.feature(f).kind
        if verb == "set":
            pols = ["cp", "cp-reads", "ap"] + ([] if kind == "rate_limiter" else ["queued"])
            args = (f, draw(st.sampled_from(pols)))
        elif verb == "failover":
            args = (f, draw(st.sampled_from(regions)))
        elif verb == "shed":
            args = (draw(st.sampled_from(regions)), str(draw(st.integers(0, 100))))
        elif verb == "severity":
            args = ("SEV2",)
        else:
            args = ()
        out.append(Action(t=t, verb=verb, args=args))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_outcome_invariants_hold_for_any_scenario_and_actions(data):
    sc = data.draw(scenarios())
    actions = data.draw(action_lists(sc))
    e = Engine(sc, seed=data.draw(st.integers(0, 10_000)))
    e.run(actions)
    r = e.result()
    for fid, f in [("total", r.totals), *r.features.items()]:
        for name in COUNT_FIELDS + MONEY_FIELDS:
            assert getattr(f, name) >= 0, (fid, name)
        assert f.requests == f.ok + f.rejected + f.timed_out, fid
        assert f.stale_reads <= f.ok and f.pending <= f.ok, fid
    for fid, f in r.features.items():
        for region, c in f.by_region.items():
            assert c.requests == c.ok + c.rejected + c.timed_out, (fid, region)
    assert r.tickets.total == sum(r.tickets.by_symptom.values())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scenarios(), seed=st.integers(0, 10_000))
def test_cp_never_causes_safety_violations_from_staleness(sc, seed):
    for mode in ("all-cp",):
        r = Engine(sc, seed=seed, policy=mode).result()
        for fid, f in r.features.items():
            if f.kind in ("block_list", "moderation", "session", "access_control", "erasure"):
                assert f.safety_violations == 0 and f.compliance_violations == 0, fid
            assert f.stale_reads == 0, fid  # full CP reads never serve stale data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scenarios(), seed=st.integers(0, 10_000))
def test_cp_reads_block_lists_are_never_stale(sc, seed):
    feats = [
        f.model_copy(update={"as_built": "cp-reads"}) for f in sc.features if f.kind == "block_list"
    ]
    if not feats:
        return
    r = Engine(sc.model_copy(update={"features": feats}), seed=seed).result()
    assert all(f.safety_violations == 0 for f in r.features.values())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scenarios(), seed=st.integers(0, 10_000))
def test_ap_never_refuses_for_lack_of_quorum(sc, seed):
    if any(e.kind == "outage" for e in sc.events):
        return  # users of a region that is down fail whatever the policy
    r = Engine(sc, seed=seed, policy="all-ap").result()
    for fid, f in r.features.items():
        if f.kind == "rate_limiter":
            continue  # a limiter refuses abusers by design; covered in test_kinds
        assert f.rejected == 0 and f.timed_out == 0, fid


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scenarios(), seed=st.integers(0, 10_000))
def test_crdt_counters_never_lose_increments(sc, seed):
    feats = [
        f.model_copy(update={"resolution": "crdt", "as_built": "ap"})
        for f in sc.features
        if f.kind == "counter"
    ]
    if not feats:
        return
    r = Engine(sc.model_copy(update={"features": feats}), seed=seed).result()
    assert all(f.lost_writes == 0 for f in r.features.values())
