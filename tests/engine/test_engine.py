"""Engine dynamics: the timeline, stepping, rollouts, failovers, retry storms, alerts.

Like SimPy's own tests, most assertions are on ``(what, when)`` logs.
"""

import pytest
from support.builders import feature, scenario

from wargame.engine import Engine
from wargame.model.action import ActionError, parse_action


def test_timeline_events_fire_at_their_times():
    sc = scenario(
        events=[
            {
                "at": "00:30",
                "kind": "link",
                "links": [["east", "west"]],
                "state": "slow",
                "factor": 8,
            },
            {"at": 60, "kind": "partition", "groups": [["east"], ["west"]]},
            {"at": 90, "kind": "inject", "text": "Where is my ETA?", "source": "VP"},
            {"at": 120, "kind": "heal"},
        ]
    )
    e = Engine(sc, difficulty="intro")
    step = e.advance(200)
    log = [(x.type, x.t) for x in step.events]
    assert log == [("event", 30.0), ("event", 60.0), ("inject", 90.0), ("event", 120.0)]
    assert "VP: Where is my ETA?" in [x.text for x in step.events]
    assert e.view().links[0].a_to_b == "up"


def test_fault_events_reach_the_player_only_at_intro_but_stay_in_the_truth_log():
    sc = scenario(events=[{"at": 60, "kind": "partition", "groups": [["east"], ["west"]]}])
    for level in ("standard", "hard"):
        e = Engine(sc, difficulty=level)
        step = e.advance(200)
        assert [x.type for x in step.events if x.type == "event"] == []
        assert e.view().links == [] and e.view().truth is None
        assert [(x.type, x.t) for x in e.result().timeline if x.type == "event"] == [
            ("event", 60.0)
        ]


def test_advance_steps_by_ticks_and_stops_at_the_end():
    e = Engine(scenario(duration=100, tick=10, events=[]))
    s1 = e.advance(25)
    assert e.now == 25 and [x.t for x in s1.samples] == [10, 20]
    s2 = e.advance(1000)
    assert e.finished and e.now == 100 and s2.finished
    assert [x.t for x in s2.samples] == [30, 40, 50, 60, 70, 80, 90, 100]
    assert e.advance(10).samples == []


def test_policy_change_rolls_out_region_by_region():
    sc = scenario([feature("post", "feed", "cp")], regions=3)
    e = Engine(sc)
    e.advance(100)
    e.apply("set post ap")
    assert e.view().features[0].target == {"east": "ap", "west": "ap", "asia": "ap"}
    rollout = sc.control.policy_rollout_s
    seen = []
    for _ in range(12):
        e.advance(rollout / 12)
        seen.append(tuple(e.view().features[0].policy.values()))
    assert seen[0] == ("cp", "cp", "cp")
    assert ("ap", "cp", "cp") in seen and ("ap", "ap", "cp") in seen
    e.advance(1)
    assert tuple(e.view().features[0].policy.values()) == ("ap", "ap", "ap")
    spans = e.result().features["post"].policy_timeline
    assert [(s.region, s.policy) for s in spans if s.t > 0] == [
        ("east", "ap"),
        ("west", "ap"),
        ("asia", "ap"),
    ]


def test_actions_are_checked_and_cannot_go_back_in_time():
    e = Engine(scenario())
    e.advance(50)
    with pytest.raises(ActionError, match="unknown feature"):
        e.apply("set nothing ap")
    with pytest.raises(ActionError, match="past"):
        e.apply(parse_action("00:10 severity SEV2"))
    entry = e.apply("severity sev2")
    assert entry.t == 50 and "SEV2" in entry.text


def test_failover_in_a_split_topology_causes_split_brain():
    # east <-> west cut while asia reaches both: no clear majority for a new leader
    sc = scenario(
        [feature("timeline", "feed", "cp")],
        regions=3,
        events=[
            {"at": 60, "kind": "partition", "links": [["east", "west"]]},
            {"at": 400, "kind": "heal"},
        ],
    )
    e = Engine(sc)
    e.advance(100)
    e.apply("failover timeline west")
    e.advance(sc.control.failover_s + 5)
    v = e.view().features[0]
    assert v.leader == "west" and v.old_leader == "east"
    r = e.result()
    assert r.operations.failovers[0][3] is True  # split brain recorded
    assert r.features["timeline"].conflicts > 0 and r.features["timeline"].lost_writes > 0


def test_failover_in_a_clean_split_is_safe():
    sc = scenario([feature("orders", "feed", "cp")], regions=3)
    e = Engine(sc)  # east alone vs west+asia
    e.advance(100)
    e.apply("failover orders west")
    r = e.result()
    assert r.operations.failovers[0][3] is False
    assert r.features["orders"].conflicts == 0
    assert (
        r.features["orders"].by_region["asia"].rejected
        < r.features["orders"].by_region["east"].rejected
    )


def test_cp_retry_storm_overloads_the_leader_and_fails_its_reads():
    sc = scenario(
        [feature("stock", "feed", "cp-reads", reads_per_s=5.0, knobs={"retry_factor": 3})],
        events=[{"at": 60, "kind": "partition", "groups": [["east"], ["west"]]}],
        duration=200,
    )
    e = Engine(sc)
    times = []
    for _ in range(40):
        e.advance(5)
        if e.view().features[0].overloaded:
            times.append(e.now)
    assert times, "the leader never overloaded"
    assert 65 <= times[0] <= 90  # seconds after the split, not at once
    east = e.result().features["stock"].by_region["east"]
    assert east.timed_out > 0  # local reads failing at the overloaded leader


def test_a_trickle_of_retried_writes_does_not_topple_a_leader_serving_many_reads():
    # cp-reads: the leader serves its own region's reads, which are most of its load; a few
    # refused writes retried three times beside them are no storm (they used to be compared
    # with the writes alone and failed every local read at the leader, one tick in four)
    sc = scenario(
        [
            feature(
                "revoke",
                "feed",
                "cp-reads",
                reads_per_s=500.0,
                writes_per_s=2.0,
                knobs={"retry_factor": 3},
            )
        ],
        events=[{"at": 60, "kind": "partition", "groups": [["east"], ["west"]]}],
        duration=300,
    )
    e = Engine(sc)
    overloaded = []
    for _ in range(60):
        e.advance(5)
        overloaded.append(e.view().features[0].overloaded)
    east = e.result().features["revoke"].by_region["east"]
    assert not any(overloaded)
    assert east.timed_out + east.rejected <= e.result().features["revoke"].requests * 0.01


def test_a_failover_to_the_region_that_already_leads_changes_nothing():
    # east is the primary: "failing over" to it has nothing to promote, so no election
    # refuses writes meanwhile (it used to refuse them for failover_s)
    sc = scenario([feature("orders", "payment", "cp")])
    plain = Engine(sc)
    plain.run([])
    e = Engine(sc)
    e.advance(120)
    entry = e.apply("failover all-cp east")
    assert "already leads" in entry.text
    e.run([])
    assert e.result().features == plain.result().features
    assert e.result().operations.failovers == []


def test_latency_alert_needs_its_hold_time_and_a_partition_is_not_needed():
    sc = scenario(
        events=[
            {"at": 60, "kind": "link", "links": [["east", "west"]], "state": "slow", "factor": 6}
        ],
        duration=200,
    )
    e = Engine(sc)
    alerts = [(a.rule, a.t) for a in e.advance(200).alerts]
    assert ("latency_p99", 90.0) in alerts  # 30 s hold from 60 s
    assert not any(rule == "quorum_lost" for rule, _ in alerts)


def test_tickets_arrive_after_the_symptom():
    e = Engine(scenario([feature("post", "feed", "cp")]))
    step = e.advance(600)
    assert step.tickets
    assert min(t.t for t in step.tickets) > 60
    assert all(t.text for t in step.tickets)


def test_reconciliation_reveals_conflicts_after_the_heal():
    sc = scenario([feature("likes", "counter", "ap", resolution="lww")])
    e = Engine(sc)
    e.advance(359)
    assert e.result is not None
    before = sum(a.rule == "conflicts" for a in e.alerts())
    e.advance(120)
    after = [a for a in e.alerts() if a.rule == "conflicts"]
    assert before == 0 and after and after[0].t > 360


def test_status_page_halves_ticket_volume():
    sc = scenario([feature("post", "feed", "cp", reads_per_s=400, writes_per_s=100)])
    quiet = Engine(sc, seed=5)
    quiet.run([parse_action("00:00 status-page Investigating")])
    loud = Engine(sc, seed=5)
    loud.run([])
    assert quiet.result().tickets.total < 0.7 * loud.result().tickets.total


def test_region_outage_fails_that_regions_users():
    sc = scenario(
        [feature("post", "feed", "ap")],
        events=[
            {"at": 60, "kind": "outage", "region": "west"},
            {"at": 120, "kind": "restore", "region": "west"},
        ],
    )
    r = Engine(sc).result().features["post"]
    assert r.by_region["west"].timed_out > 0 and r.by_region["east"].timed_out == 0


def test_failover_needs_an_election_that_refuses_cp_writes_meanwhile():
    sc = scenario([feature("orders", "feed", "cp"), feature("notes", "feed", "ap")], events=[])
    e = Engine(sc)
    e.advance(100)
    e.apply("failover orders west")
    e.apply("failover notes west")
    e.advance(sc.control.failover_s)
    r = e.result()
    assert r.features["orders"].rejected > 0  # the promotion window costs CP writes
    assert r.features["notes"].rejected == 0  # AP writes need no leader
    assert e.view().features[0].leader == "west"


def test_refused_writes_show_as_errors_even_when_reads_dominate():
    sc = scenario([feature("posts", "feed", "cp-reads", reads_per_s=5000, writes_per_s=20)])
    e = Engine(sc)
    e.advance(120)
    assert e.view().features[0].status == {"east": "errors", "west": "errors"}


def test_every_metric_is_sampled_in_its_series_in_order():
    from wargame.engine.observe import FEATURE_SERIES, METRICS

    engine = Engine(scenario([feature("post", "feed", "cp")]), seed=3)
    engine.advance(60)
    assert tuple(engine.obs.latest) == METRICS, "series rows are stored in METRICS order"
    result = engine.result()
    assert tuple(result.series.metrics) == METRICS
    ticks = len(result.series.t)
    assert ticks and all(len(v) == ticks for v in result.series.metrics.values())
    assert tuple(result.series.features["post"]) == FEATURE_SERIES
    assert all(len(v) == ticks for v in result.series.features["post"].values())
    assert result.series.metrics["p99_ms"][0] == round(result.series.metrics["p99_ms"][0], 6)
