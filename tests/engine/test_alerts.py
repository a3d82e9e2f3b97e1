"""Alert hysteresis: raise after the hold time, clear only after a quiet hold below a lower line.

Assertions are on SimPy-style ``(what, when)`` logs.
"""

from __future__ import annotations

from collections import Counter

import pytest
from support.builders import feature, scenario

from wargame.engine import Engine, load_scenario
from wargame.engine.alerts import CLEAR_HOLD_S, Hysteresis
from wargame.engine.logs import EPISODE_QUIET_S, Episodes


def _feed(h: Hysteresis, signal: list[tuple[float, float]], raise_at: float, clear_at: float):
    log = []
    for now, x in signal:
        change = h.update(now, x > raise_at, x < clear_at)
        if change:
            log.append((change, now))
    return log


def test_raises_after_the_hold_and_clears_after_the_quiet_hold():
    signal = [(t, 10.0 if 20 <= t < 100 else 0.0) for t in range(0, 300, 5)]
    log = _feed(Hysteresis(hold=30), signal, raise_at=5, clear_at=2.5)
    assert log == [("raise", 50), ("clear", 100 + CLEAR_HOLD_S)]


def test_a_signal_hovering_at_the_threshold_keeps_one_alert():
    # above 5, then between the two lines (4), above again: one alert, no flapping
    values = [6, 6, 4, 4, 6, 4, 6, 4, 4, 4, 6, 4] * 4
    signal = [(i * 5.0, float(v)) for i, v in enumerate(values)]
    log = _feed(Hysteresis(hold=0), signal, raise_at=5, clear_at=2.5)
    assert log == [("raise", 0.0)]


def test_short_dips_below_the_clear_line_do_not_clear():
    values = [9] * 4 + ([0] * 6 + [9] * 2) * 5 + [0] * 20
    signal = [(i * 5.0, float(v)) for i, v in enumerate(values)]
    log = _feed(Hysteresis(hold=0), signal, raise_at=5, clear_at=2.5)
    last_high = max(t for t, v in signal if v > 5)
    assert log == [("raise", 0.0), ("clear", last_high + 5 + CLEAR_HOLD_S)]


def test_a_signal_that_really_comes_and_goes_raises_each_time():
    values = ([9] * 4 + [0] * 20) * 3
    signal = [(i * 5.0, float(v)) for i, v in enumerate(values)]
    log = _feed(Hysteresis(hold=0), signal, raise_at=5, clear_at=2.5)
    assert [c for c, _ in log] == ["raise", "clear"] * 3


def test_the_latency_alert_still_needs_its_30_s_hold():
    slow = {"at": 60, "kind": "link", "links": [["east", "west"]], "state": "slow", "factor": 6}
    back = {"at": 200, "kind": "link", "links": [["east", "west"]], "state": "up"}
    e = Engine(scenario(events=[slow, back], duration=400))
    log = [(a.rule, a.t, a.resolved_at) for a in e.result().alerts if a.rule == "latency_p99"]
    assert log == [("latency_p99", 90.0, 200.0 + CLEAR_HOLD_S)]


@pytest.mark.parametrize("sid", ["false-alarm", "transatlantic-cut", "flash-sale", "news-feed"])
def test_rate_alerts_are_raised_once_per_region_in_one_partition(sid):
    r = Engine(load_scenario(sid)).result()
    raised = Counter((a.rule, a.region) for a in r.alerts if a.rule != "violation")
    assert raised and max(raised.values()) == 1, raised


def test_a_flickering_condition_is_one_episode_until_it_stays_off():
    episodes = Episodes()
    log = []
    # on/off every 30 s for 4 minutes, quiet for 10 minutes, then on again
    times = [(t, (t // 30) % 2 == 0) for t in range(0, 240, 5)]
    times += [(t, False) for t in range(240, 840, 5)] + [(840, True)]
    for now, on in times:
        if on and episodes.start("overload", now):
            log.append(("note", now))
        elif not on:
            episodes.end("overload", now)
    assert log == [("note", 0), ("note", 840)]
    assert EPISODE_QUIET_S <= 840 - 240


def test_the_engine_notes_an_overloaded_leader_once_while_it_flickers():
    sc = scenario(
        [feature("stock", "feed", "cp-reads", reads_per_s=5.0, knobs={"retry_factor": 3})],
        events=[{"at": 60, "kind": "partition", "groups": [["east"], ["west"]]}],
        duration=400,
    )
    e = Engine(sc)
    e.advance(120)
    fs = e.features["stock"]
    assert fs.overloaded
    for _ in range(6):  # the leader recovers and relapses within a minute, six times
        fs.overloaded = False
        e.obs.episode(("overload", "stock", fs.leader), False)
        fs.overload_since = e.now - 10
        e.advance(10)
    notes = [x.t for x in e.result().timeline if "is overloaded" in x.text]
    assert len(notes) == 1
