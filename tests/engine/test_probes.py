"""What each vantage point's probes and heartbeats show, per fault kind, and the noise.

Three regions (east, west, asia); the fault starts at 60 s and the view is taken
at 180 s, two probe windows later. Tests run at ``intro`` (no probe-host
failures, rare GC pauses) unless they are about noise, so the fault alone shapes
what is seen; the truth the intro view carries is not used.
"""

from __future__ import annotations

from support.builders import feature, scenario

from wargame.engine import Engine
from wargame.engine.probes import NOISE
from wargame.engine.view import ProbeView, View

HEALTHY = 0.9


def _view(events: list[dict], level: str = "intro", seed: int = 3, at: float = 180) -> View:
    e = Engine(scenario(regions=3, events=events, duration=600), seed=seed, difficulty=level)
    e.advance(at)
    return e.view()


def _p(v: View, src: str, dst: str) -> ProbeView:
    p = v.probe(src, dst)
    assert p is not None, f"no probes from {src} to {dst}"
    return p


def test_healthy_network_answers_every_probe_at_the_base_round_trip():
    v = _view([])
    for p in v.probes:
        assert p.ok is not None and p.ok >= HEALTHY
        assert p.p50_ms is not None and 120 <= p.p50_ms <= 220  # 2 x 80 ms, jittered
        assert p.heard_s <= 5 and p.last_ok_s <= 5
    assert len(v.probes) == 6 and v.silent == []


def test_congestion_raises_round_trips_while_probes_still_succeed():
    slow = {"at": 60, "kind": "link", "links": [["east", "west"]], "state": "slow", "factor": 6}
    v = _view([slow])
    for a, b in (("east", "west"), ("west", "east")):
        p = _p(v, a, b)
        assert p.ok is not None and p.ok >= 0.8, "most probes still come back"
        assert p.p50_ms is not None and p.p50_ms > 4 * _p(v, "east", "asia").p50_ms
        assert p.p99_ms is not None and p.p99_ms > p.p50_ms
        assert p.heard_s <= 5
    assert _p(v, "asia", "east").ok >= HEALTHY


def test_a_lossy_link_answers_some_probes_and_flaps():
    lossy = {"at": 60, "kind": "partition", "links": [["east", "west"]], "mode": "lossy"}
    lossy["loss"] = 0.6
    v = _view([lossy])
    for a, b in (("east", "west"), ("west", "east")):
        p = _p(v, a, b)
        assert p.ok is not None and 0.02 <= p.ok <= 0.6
        assert max(p.recent) - min(p.recent) >= 0.2, "success changes tick to tick"
        assert p.last_ok_s < 60, "some probes get through"
    assert _p(v, "east", "asia").ok >= HEALTHY and _p(v, "west", "asia").ok >= HEALTHY


def test_a_one_way_cut_fails_round_trips_both_ways_but_heartbeats_show_the_direction():
    # east -> west is down; west -> east still delivers
    oneway = {"at": 60, "kind": "partition", "groups": [["east"], ["west"]], "mode": "one-way"}
    v = _view([oneway])
    assert _p(v, "east", "west").ok == 0.0, "east's requests are lost on the way out"
    assert _p(v, "west", "east").ok == 0.0, "west's requests arrive but the replies are lost"
    assert _p(v, "west", "east").heard_s >= 100, "west no longer hears east"
    assert _p(v, "east", "west").heard_s <= 5, "east still hears west"
    assert _p(v, "asia", "east").ok >= HEALTHY and _p(v, "asia", "west").ok >= HEALTHY


def test_a_full_cut_each_side_blames_the_other_and_a_third_region_reaches_both():
    cut = {"at": 60, "kind": "partition", "links": [["east", "west"]]}
    v = _view([cut])
    for a, b in (("east", "west"), ("west", "east")):
        p = _p(v, a, b)
        assert p.ok == 0.0 and p.p50_ms is None
        assert p.heard_s >= 100 and p.last_ok_s >= 100
    for a, b in (("asia", "east"), ("asia", "west"), ("east", "asia"), ("west", "asia")):
        assert _p(v, a, b).ok >= HEALTHY, "the split topology: asia sees both sides"
    assert v.partition_detected == {"east": True, "west": True, "asia": False}


def test_an_isolated_region_is_lost_by_everyone_but_still_reports():
    cut = {"at": 60, "kind": "partition", "groups": [["east"], ["west", "asia"]]}
    v = _view([cut])
    assert _p(v, "west", "east").ok == 0.0 and _p(v, "asia", "east").ok == 0.0
    assert _p(v, "east", "west").ok == 0.0 and _p(v, "east", "asia").ok == 0.0
    assert "east" not in v.silent, "its probe host still reports: a cut, not an outage"


def test_a_region_outage_is_lost_by_every_peer_and_goes_silent():
    v = _view([{"at": 60, "kind": "outage", "region": "asia"}])
    assert _p(v, "east", "asia").ok == 0.0 and _p(v, "west", "asia").ok == 0.0
    assert _p(v, "east", "asia").heard_s >= 100
    assert v.silent == ["asia"] and v.probe("asia", "east") is None
    assert _p(v, "east", "west").ok >= HEALTHY


def test_a_broken_probe_host_fails_its_own_probes_only():
    e = Engine(scenario(regions=3, events=[]), difficulty="intro")
    e.advance(60)
    e.obs.probes.host_down_until["east"] = 1e9
    e.advance(120)
    v = e.view()
    assert _p(v, "east", "west").ok == 0.0 and _p(v, "east", "asia").ok == 0.0
    assert _p(v, "west", "east").ok >= HEALTHY and _p(v, "asia", "east").ok >= HEALTHY
    assert _p(v, "east", "west").heard_s <= 5, "east still hears everyone: not a cut"


def test_a_gc_pause_slows_replies_from_one_region_for_a_tick():
    e = Engine(scenario(regions=3, events=[]), difficulty="intro")
    e.advance(60)
    before = _p(e.view(), "west", "east").p99_ms
    probes = e.obs.probes
    probes.gc_until["east"], probes.gc_ms["east"] = e.now + 5, 1500.0
    e.advance(5)
    v = e.view()
    assert _p(v, "west", "east").p99_ms > before + 1000
    assert _p(v, "west", "asia").p99_ms < before + 200


def test_an_overloaded_region_answers_slowly_without_any_network_fault():
    sc = scenario([feature("stock", "inventory", "cp")], regions=3, events=[])
    e = Engine(sc, difficulty="intro")
    e.advance(60)
    base = _p(e.view(), "west", "east").p50_ms
    e._overload = lambda fs, q: None  # keep the state set below (a retry storm's result)
    e.features["stock"].overloaded = True  # its leader, east, is swamped by retries
    e.advance(120)
    v = e.view()
    p = _p(v, "west", "east")
    assert p.p50_ms > 2 * base and p.ok < HEALTHY
    assert _p(v, "west", "asia").ok >= HEALTHY


def test_hard_adds_noise_a_decoy_a_late_lag_and_missing_percentiles():
    assert NOISE["hard"].jitter > NOISE["standard"].jitter > NOISE["intro"].jitter
    assert NOISE["hard"].host_fail_per_h > NOISE["standard"].host_fail_per_h
    cut = {"at": 300, "kind": "partition", "links": [["east", "west"]]}
    e = Engine(scenario(regions=3, events=[cut], duration=1200), difficulty="hard")
    decoy = e.obs.probes.decoy
    assert decoy is not None and decoy[1] < decoy[2]
    region, start, _ = decoy
    e.advance(start + 60)
    v = e.view()
    assert v.late == {"lag_s": 60} and len(v.missing) == 1
    hidden = v.missing[0].removeprefix("rtt:")
    assert all(p.p50_ms is None for p in v.probes if p.src == hidden)
    others = [p.ok for p in v.probes if p.src == region and {p.src, p.dst} != {"east", "west"}]
    assert others and min(others) < HEALTHY, "the decoy's flaky probe host fails some probes"


def test_standard_noise_is_seeded_and_differs_between_seeds():
    def sig(seed: int) -> list:
        v = _view([], level="standard", seed=seed, at=300)
        return [(p.src, p.dst, p.ok, p.p50_ms, p.p99_ms) for p in v.probes]

    assert sig(4) == sig(4)
    assert sig(4) != sig(5)
