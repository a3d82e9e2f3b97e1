"""Replication lag per pair: the age of the oldest write the destination has not applied."""

from __future__ import annotations

from support.builders import feature, scenario

from wargame.engine import Engine
from wargame.engine.lag import CATCHUP


def _lags(events, duration=1200, regions=3, relay_s=480, every=5.0):
    sc = scenario([feature("posts", "feed", "ap")], regions=regions, events=events)
    control = sc.control.model_copy(update={"relay_s": float(relay_s)})
    sc = sc.model_copy(update={"duration": float(duration), "control": control})
    e = Engine(sc, difficulty="standard")
    log = []
    while not e.finished:
        e.advance(every)
        log.append((e.now, dict(e.obs.replication.lag)))
    return log


def test_a_healthy_network_has_no_lag():
    assert all(v == 0 for _, lag in _lags([], duration=300) for v in lag.values())


def test_a_cut_without_relay_grows_with_the_cut_and_the_backlog_drains_after_the_heal():
    events = [
        {"at": 60, "kind": "partition", "links": [["east", "west"]]},
        {"at": 360, "kind": "heal"},
    ]
    log = _lags(events, regions=2)
    at = dict(log)
    # the oldest uncopied write is from the last tick before the cut (55 s)
    assert at[355.0][("east", "west")] == 355 - 55
    assert at[360.0][("east", "west")] > 0, "the heal does not copy the backlog at once"
    drained = min(t for t, lag in log if t > 360 and lag[("east", "west")] == 0)
    backlog = 300.0
    assert drained - 360 <= backlog / (CATCHUP - 1) + 5
    assert drained - 360 >= backlog / CATCHUP - 5


def test_a_relay_through_a_third_region_caps_the_lag_at_the_relay_delay():
    events = [{"at": 60, "kind": "partition", "links": [["east", "west"]]}]
    log = _lags(events, relay_s=120)
    worst = max(lag[("east", "west")] for _, lag in log)
    assert worst == 120
    assert all(lag[("east", "asia")] == 0 for _, lag in log)


def test_a_lossy_link_lags_and_stalls_more_with_more_loss():
    def worst(loss):
        events = [
            {"at": 60, "kind": "partition", "links": [["east", "west"]], "mode": "lossy"}
            | {"loss": loss}
        ]
        return max(lag[("east", "west")] for _, lag in _lags(events, regions=2))

    assert 0 < worst(0.3) < worst(0.7)


def test_the_lag_metric_is_the_worst_stream_into_each_region():
    events = [{"at": 60, "kind": "partition", "links": [["east", "west"]]}]
    sc = scenario([feature("posts", "feed", "ap")], regions=2, events=events)
    e = Engine(sc, difficulty="standard")
    e.advance(200)
    assert e.view().region_metrics["west"]["lag_s"] == e.obs.replication.lag[("east", "west")]
    assert {(x.src, x.dst): x.lag_s for x in e.view().lag}[("east", "west")] == 200 - 55
