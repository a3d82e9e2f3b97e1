"""The diagnosis section: truth from the engine's event log, hypotheses judged against it."""

from __future__ import annotations

import pytest
from support.builders import feature, scenario

from wargame.engine import Engine, list_scenarios, load_scenario
from wargame.engine.diagnosis import classify
from wargame.engine.network import Network
from wargame.model.action import parse_action

REGIONS = ["east", "west", "asia"]


def _net() -> Network:
    return Network(REGIONS, {(a, b): 80.0 for a in REGIONS for b in REGIONS if a != b})


def _named(faults) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.kind, f.regions) for f in faults]


def test_classify_names_each_fault_kind():
    net = _net()
    assert classify(net) == []
    net.set_pair("east", "west", "slow", factor=5)
    assert _named(classify(net)) == [("congestion", ("east", "west"))]
    net.set_pair("east", "west", "lossy", loss=0.5)
    assert _named(classify(net)) == [("partial", ("east", "west"))]
    net.set_link("east", "west", "down")
    net.set_link("west", "east", "up")
    assert _named(classify(net)) == [("one-way", ("east", "west"))]
    net.set_link("west", "east", "down")
    assert _named(classify(net)) == [("split", ("east", "west"))]
    net.heal()
    net.set_region("asia", up=False)
    assert _named(classify(net)) == [("region-down", ("asia",))]


def test_a_cut_island_may_be_named_by_itself():
    net = _net()
    net.set_pair("east", "west", "down")
    net.set_pair("east", "asia", "down")
    (fault,) = classify(net)
    assert fault.regions == ("asia", "east", "west")
    assert ("east",) in fault.islands and ("asia", "west") in fault.islands


def _run(events, actions, duration=900, regions=3):
    sc = scenario([feature("orders", "feed", "cp")], regions=regions, events=events)
    sc = sc.model_copy(update={"duration": float(duration)})
    e = Engine(sc, seed=2)
    e.run([parse_action(a) for a in actions])
    return e.result()


def test_hypotheses_are_judged_at_their_time_and_time_to_correct_counts_from_the_start():
    events = [
        {"at": 60, "kind": "link", "links": [["east", "west"]], "state": "slow", "factor": 5},
        {"at": 180, "kind": "link", "links": [["east", "west"]], "state": "up"},
        {"at": 300, "kind": "partition", "groups": [["east"], ["west", "asia"]]},
        {"at": 600, "kind": "heal"},
    ]
    actions = [
        "00:30 diagnose none",
        "01:30 diagnose split east west",
        "02:00 diagnose congestion west east",
        "05:30 set orders ap",
        "06:00 diagnose split east",
        "07:00 set orders cp",
        "11:00 diagnose none",
    ]
    d = _run(events, actions).diagnosis
    assert [(h.t, h.kind, h.correct, h.kind_correct) for h in d.hypotheses] == [
        (30, "none", True, True),
        (90, "split", False, False),
        (120, "congestion", True, True),
        (360, "split", True, True),
        (660, "none", True, True),
    ]
    assert [(s.kind, s.start, s.end, s.regions, s.time_to_correct_s) for s in d.truth] == [
        ("congestion", 60, 180, ["east", "west"], 60),
        ("split", 300, 600, ["asia", "east", "west"], 60),
    ]
    assert d.time_to_correct_s == 60
    # 05:30 acted on "congestion" while the network was split; 07:00 on a right belief
    assert [(w.t, w.action, w.hypothesis) for w in d.acted_while_wrong] == [
        (330, "set orders ap", "congestion west east")
    ]


def test_one_way_needs_the_sending_end_first():
    events = [{"at": 60, "kind": "partition", "groups": [["east"], ["west"]], "mode": "one-way"}]
    d = _run(events, ["02:00 diagnose one-way west east", "03:00 diagnose one-way east west"])
    assert [h.correct for h in d.diagnosis.hypotheses] == [False, True]
    assert d.diagnosis.hypotheses[0].kind_correct


def test_no_region_named_is_only_kind_correct():
    events = [{"at": 60, "kind": "outage", "region": "asia"}]
    d = _run(events, ["02:00 diagnose region-down", "02:30 diagnose region-down asia"])
    assert [(h.correct, h.kind_correct) for h in d.diagnosis.hypotheses] == [
        (False, True),
        (True, True),
    ]


def _replayed_truth(sc):
    """Independently replay the scenario's network events and classify after each."""
    from wargame.engine.engine import _pairs

    net = Network(
        sc.region_ids(), {(a, b): 80.0 for a in sc.region_ids() for b in sc.region_ids() if a != b}
    )
    states = [(0.0, [])]
    for ev in sorted(sc.events, key=lambda x: x.at):
        if ev.kind == "partition":
            for a, b in _pairs(ev):
                if ev.mode == "one-way":
                    net.set_link(a, b, "down")
                elif ev.mode == "lossy":
                    net.set_pair(a, b, "lossy", loss=ev.loss)
                else:
                    net.set_pair(a, b, "down")
        elif ev.kind == "link":
            for a, b in ev.links:
                net.set_pair(a, b, ev.state or "up", factor=ev.factor, loss=ev.loss)
        elif ev.kind == "heal":
            net.heal([tuple(p) for p in ev.links] if ev.links else None)
        elif ev.kind == "outage":
            net.set_region(ev.region, up=False)
        elif ev.kind == "restore":
            net.set_region(ev.region, up=True)
        else:
            continue
        states.append((ev.at, _named(classify(net))))
    spans, open_ = [], {}
    for t, faults in states:
        for f in [f for f in open_ if f not in faults]:
            spans.append((open_.pop(f), t, f[0], list(f[1])))
        for f in faults:
            open_.setdefault(f, t)
    spans += [(s, sc.duration, f[0], list(f[1])) for f, s in open_.items()]
    return sorted(spans, key=lambda x: (x[0], x[2], x[3]))


@pytest.mark.parametrize("sid", [s.id for s in list_scenarios()])
def test_the_diagnosis_truth_equals_the_engine_event_log(sid):
    sc = load_scenario(sid)
    r = Engine(sc).result()
    truth = [(s.start, s.end, s.kind, s.regions) for s in r.diagnosis.truth]
    assert truth == _replayed_truth(sc)
    assert truth, "every shipped scenario has a fault"
    fault_times = {x.t for x in r.timeline if x.type == "event"}
    assert {s.start for s in r.diagnosis.truth} <= fault_times
    assert {s.end for s in r.diagnosis.truth} <= fault_times | {sc.duration}


def test_false_alarm_truth_is_congestion_then_a_partial_partition():
    d = Engine(load_scenario("false-alarm")).result().diagnosis
    assert [(s.kind, s.start, s.end) for s in d.truth] == [
        ("congestion", 300, 900),
        ("partial", 1500, 2400),
    ]
