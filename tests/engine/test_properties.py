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


REVOCATIONS = ("block_list", "moderation", "access_control", "erasure", "session")


@st.composite
def scenarios(draw, must: tuple[str, ...] = (), only: tuple[str, ...] = ()):
    """A random scenario; ``must`` kinds are always drawn, ``only`` limits the kinds."""
    n = draw(st.integers(2, 4))
    ids = REGIONS[:n]
    pool = list(only) or KINDS
    kinds = list(must) + draw(
        st.lists(st.sampled_from(pool), min_size=0 if must else 1, max_size=3)
    )
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
        verb = draw(
            st.sampled_from(
                ["set", "failover", "shed", "status-page", "severity"]
                + ["resolve", "retry", "fence", "ttl", "dedup", "indicators", "safe-mode"]
            )
        )
        f = draw(st.sampled_from(feats))
        kind = sc.feature(f).kind
        if verb in ("dedup", "indicators") and kind != "messaging":
            verb = "retry"
        if verb == "safe-mode" and kind != "rate_limiter":
            verb = "fence"
        if verb == "resolve":
            args = (f, draw(st.sampled_from(["lww", "merge", "crdt", "app"])))
        elif verb == "retry":
            args = (f, str(draw(st.sampled_from([0, 1, 3, 10]))))
        elif verb == "fence":
            args = (f, draw(st.sampled_from(regions)))
        elif verb == "ttl":
            args = (f, str(draw(st.sampled_from([1, 60, 600, 86400]))))
        elif verb == "dedup":
            args = (f, draw(st.sampled_from(["on", "off"])))
        elif verb == "indicators":
            args = (f, draw(st.sampled_from(["honest", "optimistic"])))
        elif verb == "safe-mode":
            args = (f, draw(st.sampled_from(["2", "off"])), *draw(st.sampled_from([(), ("home",)])))
        elif verb == "set":
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
    for fid, f in r.features.items():
        # every lost write was a write someone made
        assert f.lost_writes + f.abandoned <= e.features[fid].writes_total, fid


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
@given(sc=scenarios(must=("block_list",)), seed=st.integers(0, 10_000))
def test_cp_reads_block_lists_are_never_stale(sc, seed):
    feats = [
        f.model_copy(update={"as_built": "cp-reads"}) for f in sc.features if f.kind == "block_list"
    ]
    assert feats
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
@given(
    sc=scenarios(must=("counter",), only=("counter", "cart")),
    seed=st.integers(0, 10_000),
    data=st.data(),
)
def test_crdt_merges_are_exact_and_file_no_conflict_tickets(sc, seed, data):
    feats = [f.model_copy(update={"resolution": "crdt"}) for f in sc.features]
    sc = sc.model_copy(update={"features": feats})
    assert any(f.kind == "counter" for f in feats)
    failover = Action(
        t=float(data.draw(st.integers(0, 300))), verb="failover", args=(feats[0].id, "west")
    )
    e = Engine(sc, seed=seed)
    e.run([failover] if data.draw(st.booleans()) else [])
    r = e.result()
    for fid, f in r.features.items():
        assert f.lost_writes == 0 and f.conflicts == 0, fid
    assert r.tickets.by_symptom.get("conflicts", 0) == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scenarios(), seed=st.integers(0, 10_000), data=st.data())
def test_no_stale_reads_without_a_committed_write(sc, seed, data):
    """A feature nobody writes to cannot serve a stale read, under any policy."""
    feats = [f.model_copy(update={"writes_per_s": 0.0}) for f in sc.features]
    sc = sc.model_copy(update={"features": feats})
    mode = data.draw(st.sampled_from(["as-built", "all-ap", "all-cp", "model"]))
    r = Engine(sc, seed=seed, policy=mode).result()
    for fid, f in r.features.items():
        assert f.stale_reads == 0, fid


def test_cp_reads_serves_no_stale_reads_when_no_write_commits():
    """The leader cannot reach its quorum (every replica must confirm) and nothing commits:
    local reads in the cut-off region miss nothing."""
    sc = scenario(
        [feature("f", "feed", "cp-reads", knobs={"write_quorum": "all"})],
        regions=3,
    )
    r = Engine(sc).result()
    f = r.features["f"]
    assert f.rejected + f.timed_out > 0 and f.stale_reads == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scenarios(), seed=st.integers(0, 10_000), mode=st.sampled_from(["all-ap", "as-built"]))
def test_risk_is_never_negative_and_covers_every_violation(sc, seed, mode):
    r = Engine(sc, seed=seed, policy=mode).result()
    for fid, f in [("totals", r.totals), *r.features.items()]:
        for kind in ("safety", "financial", "compliance"):
            risked = getattr(f, f"{kind}_risk")
            assert risked >= 0, (fid, kind)
            if getattr(f, f"{kind}_violations"):
                # a violation only happens where the settings exposed someone to it
                assert risked > 0, (fid, kind)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scenarios(), seed=st.integers(0, 10_000))
def test_no_exposure_no_risk(sc, seed):
    # full CP with no action: no stale revocation, no charge on a stale ledger, no
    # stale price, no queue to drop an audit record from
    r = Engine(sc, seed=seed, policy="all-cp").result()
    assert r.totals.risk == 0
    # and nothing at all goes wrong on a network that never breaks
    calm = sc.model_copy(update={"events": []})
    assert Engine(calm, seed=seed, policy="all-ap").result().totals.risk == 0
