"""Split brain's harm per kind, fencing, leadership flaps, the orchestrator, async primary."""

from support.builders import feature, scenario

from wargame.engine import Engine

SPLIT = [
    {"at": 60, "kind": "partition", "links": [["east", "west"]]},
    {"at": 400, "kind": "heal"},
]
"""east <-> west cut while asia reaches both: a failover to west leaves east writing."""


def _split_brain(f: dict, actions: tuple[str, ...] = ("failover x west",)):
    sc = scenario([f], regions=3, events=SPLIT, duration=600)
    e = Engine(sc)
    e.advance(100)
    for a in actions:
        e.apply(a)
        e.advance(1)
    return e, e.result()


def test_split_brain_on_money_makes_financial_violations():
    f = feature(
        "x",
        "payment",
        "cp",
        writes_per_s=50,
        revenue_per_write=10,
        knobs={"double_charge_rate": 0.05, "overdraft_rate": 0.05},
    )
    _, r = _split_brain(f)
    x = r.features["x"]
    assert r.operations.failovers[0][3] is True
    assert x.financial_violations > 0 and x.duplicates > 0 and x.conflicts > 0


def test_split_brain_on_stock_oversells():
    f = feature(
        "x",
        "inventory",
        "cp",
        writes_per_s=10,
        knobs={"hot_skus": 2, "hot_stock": 1500, "hot_fraction": 1.0},
    )
    _, r = _split_brain(f)
    assert r.features["x"].oversold > 0


def test_split_brain_revocation_harm_under_lww():
    f = feature("x", "block_list", "cp", resolution="lww")
    from wargame.engine.kinds import behaviour

    sc = scenario([f], regions=3, events=SPLIT)
    e = Engine(sc)
    fs = e.features["x"]
    d = behaviour("block_list").split_brain(fs, "east", 1000, e)
    assert d["conflicts"] == 1000 and d["lost_writes"] == 1000 and d["safety_violations"] > 0
    crdt = Engine(scenario([{**f, "resolution": "crdt"}], regions=3, events=SPLIT))
    assert behaviour("block_list").split_brain(crdt.features["x"], "east", 1000, crdt) == {}


def test_split_brain_lost_writes_are_compensated():
    def refunds(cost: float) -> float:
        f = feature("x", "feed", "cp", costs={"compensation_per_lost_write": cost})
        return _split_brain(f)[1].features["x"].refunds

    assert refunds(0) == 0 and refunds(2.0) > 0


def test_fence_ends_split_brain_at_a_cost():
    f = feature("x", "feed", "cp", writes_per_s=20)
    sc = scenario([f], regions=3, events=SPLIT, duration=600)
    free = Engine(sc)
    free.run([])
    e = Engine(sc)
    e.advance(100)
    e.apply("failover x west")
    e.advance(sc.control.failover_s + 5)
    assert e.view().features[0].old_leader == "east"
    e.apply("fence x east")
    e.advance(sc.control.fence_s + 1)
    assert e.view().features[0].old_leader is None
    fenced = e.result()
    unfenced = _split_brain(f)[1]
    assert fenced.operations.fences and fenced.operations.fences[0][1:] == ("x", "east")
    # fewer writes taken twice, but east's writes are refused until it rejoins
    assert fenced.features["x"].lost_writes < unfenced.features["x"].lost_writes
    east_f = fenced.features["x"].by_region["east"]
    east_u = unfenced.features["x"].by_region["east"]
    assert east_f.rejected + east_f.timed_out > east_u.rejected + east_u.timed_out


def test_fencing_the_new_leader_undoes_a_bad_failover():
    # the failover to west split the brain (east keeps its majority through asia); fencing
    # west's new leader leaves east leading alone: only west's writes since its promotion
    # are lost, not everything east took meanwhile
    f = feature("x", "feed", "cp", writes_per_s=20)
    sc = scenario([f], regions=3, events=SPLIT, duration=600)

    def run(fence: str | None):
        e = Engine(sc)
        e.advance(100)
        e.apply("failover x west")
        e.advance(sc.control.failover_s + 5)
        assert e.view().features[0].old_leader == "east"
        if fence:
            e.apply(f"fence x {fence}")
            e.advance(sc.control.fence_s + 1)
        return e

    e = run("west")
    view = e.view().features[0]
    assert view.old_leader is None and e.features["x"].leader == "east"
    undone, split = e.result(), run(None).result()
    assert undone.operations.fences[0][1:] == ("x", "west")
    lost_undone, lost_split = undone.features["x"].lost_writes, split.features["x"].lost_writes
    assert 0 < lost_undone < lost_split / 3
    # west's writes are refused from the fence until the heal; east's are served
    assert (
        undone.features["x"].by_region["west"].rejected
        > split.features["x"].by_region["west"].rejected
    )
    east = [r.features["x"].by_region["east"].rejected for r in (undone, split)]
    assert east[0] <= east[1]  # only the election's refusals, as in the split run


def _lossy(loss: float, **knobs) -> dict:
    return {
        "events": [
            {
                "at": 60,
                "kind": "partition",
                "groups": [["west"], ["east", "asia"]],
                "mode": "lossy",
                "loss": loss,
            },
            {"at": 400, "kind": "heal"},
        ]
    }


def test_lossy_links_make_leadership_flap_and_refuse_writes():
    f = feature("x", "feed", "cp-reads", writes_per_s=20)
    sc = scenario([f], regions=3, duration=600, **_lossy(0.6))
    r = Engine(sc).result()
    assert r.operations.flaps.get("x", 0) > 10
    # the majority side keeps its quorum, but elections refuse its writes too
    east = r.features["x"].by_region["east"]
    assert east.rejected + east.timed_out > 0
    full = scenario(
        [f],
        regions=3,
        duration=600,
        events=[
            {"at": 60, "kind": "partition", "groups": [["west"], ["east", "asia"]]},
            {"at": 400, "kind": "heal"},
        ],
    )
    fr = Engine(full).result()
    assert fr.operations.flaps == {}
    e2 = fr.features["x"].by_region["east"]
    assert e2.rejected + e2.timed_out == 0


def test_ap_reads_go_stale_at_any_loss():
    f = feature("x", "feed", "ap", writes_per_s=20)
    sc = scenario([f], regions=3, duration=600, **_lossy(0.05))
    assert Engine(sc).result().features["x"].stale_reads > 0


def test_orchestrator_fails_over_by_itself_out_of_a_minority():
    f = feature("x", "feed", "cp", knobs={"auto_failover_s": 30})
    sc = scenario([f], regions=3)  # east (the leader) alone vs west + asia at 60 s
    r = Engine(sc).result()
    assert [(t, fid, split) for t, fid, _, split in r.operations.auto_failovers] == [
        (100.0, "x", False)
    ]
    assert r.operations.auto_failovers[0][2] in ("west", "asia")


def test_orchestrator_on_a_lossy_network_makes_two_leaders():
    f = feature("x", "feed", "cp", writes_per_s=20, knobs={"auto_failover_s": 10})
    sc = scenario([f], regions=3, duration=600, **_lossy(0.3))
    r = Engine(sc).result()
    assert r.operations.auto_failovers and r.operations.auto_failovers[0][3] is True
    assert r.features["x"].conflicts > 0 and r.features["x"].lost_writes > 0


def test_async_primary_needs_no_quorum_but_a_failover_loses_unreplicated_writes():
    sync = feature("x", "feed", "cp", writes_per_s=20)
    asyn = feature("x", "feed", "cp", writes_per_s=20, knobs={"replication": "async"})

    # east (leader) alone vs west + asia: sync east cannot commit, async east can
    def run(f, actions=()):
        e = Engine(scenario([f], regions=3))
        e.advance(100)
        for a in actions:
            e.apply(a)
        return e.result().features["x"]

    s, a = run(sync), run(asyn)
    assert s.by_region["east"].rejected > 0 and a.by_region["east"].rejected == 0
    assert a.lost_writes == 0
    moved = run(asyn, ["failover x west"])
    assert moved.lost_writes > 0 and moved.conflicts > 0


def test_fencing_the_new_leader_when_the_old_one_wrote_nothing_loses_nothing():
    # a block list under cp-reads refuses every revocation while a replica is cut off, on
    # both sides: when the new leader is fenced nothing diverged, so nothing is lost
    f = feature("x", "block_list", "cp-reads", writes_per_s=5)
    sc = scenario([f], regions=3, events=SPLIT, duration=600)
    e = Engine(sc)
    e.advance(100)
    e.apply("failover x west")
    e.advance(sc.control.failover_s + 5)
    fs = e.features["x"]
    assert fs.old_leader == "east" and not any(fs.split_brain_writes.values())
    if fs.leader_writes == fs.promoted_at_writes:
        fs.leader_writes += 8  # the new leader took a few writes
    e.apply("fence x west")
    e.advance(sc.control.fence_s + 1)
    assert fs.leader == "east" and fs.split_brain_writes == {}
    r = e.result().features["x"]
    assert r.lost_writes == 0 and r.conflicts == 0
