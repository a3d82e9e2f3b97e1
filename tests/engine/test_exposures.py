"""Exposures: revocations accepted but not in force everywhere at once.

A revocation held back from a region by the cut, delayed through a third region or
waiting in a queue leaves the person it protects exposed, whether or not the other
side uses the gap (that is a violation, a dice roll). The safety axis scores
exposures, so they must count exactly what the settings let through.
"""

import pytest
from support.builders import feature, scenario

from wargame.engine import Engine
from wargame.model.scenario import REVOCATION_HARM

KNOBS = {"exposure_per_min": 0.05}


def _run(kind: str, policy: str, events=None, regions: int = 2, seed: int = 1):
    f = feature("rev", kind, policy, knobs=KNOBS, writes_per_s=2.0)
    sc = scenario([f], regions=regions, events=events)
    return Engine(sc, seed=seed).result().features["rev"]


@pytest.mark.parametrize("kind", sorted(REVOCATION_HARM))
def test_ap_across_a_cut_exposes_revocations(kind: str) -> None:
    r = _run(kind, "ap")
    assert r.exposures > 0
    assert r.exposures == int(r.exposures), "a revocation is exposed or not"
    # at most every revocation written during the 300-s cut (2/s, Poisson), and most of them
    assert 400 <= r.exposures <= 800


@pytest.mark.parametrize("kind", sorted(REVOCATION_HARM))
def test_a_whole_network_exposes_nothing(kind: str) -> None:
    assert _run(kind, "ap", events=[]).exposures == 0


def test_refusing_revocations_during_the_cut_exposes_nobody() -> None:
    r = _run("block_list", "cp-reads")
    assert r.errors > 0, "the cut refused revocations"
    assert r.exposures == 0
    assert r.safety_violations == 0


def test_every_queued_revocation_is_exposed() -> None:
    r = _run("session", "queued")
    assert r.pending > 0
    assert r.exposures == r.pending


def test_a_relay_still_exposes_until_the_revocation_arrives() -> None:
    # east and west lose their link but both reach asia: revocations travel late via asia
    events = [
        {"at": 60, "kind": "partition", "links": [["east", "west"]], "mode": "full"},
        {"at": 360, "kind": "heal"},
    ]
    r = _run("block_list", "ap", events=events, regions=3)
    assert r.exposures > 0
    # asia's own revocations reach both sides at once: only east's and west's are exposed
    assert r.exposures < 0.9 * 2.0 * 300


def test_exposures_do_not_depend_on_how_often_a_gap_is_used() -> None:
    """The exposure is the settings' doing; the exposure rate only prices its use."""
    rare = feature("rev", "block_list", "ap", knobs={"exposure_per_min": 0.0}, writes_per_s=2.0)
    often = feature("rev", "block_list", "ap", knobs={"exposure_per_min": 0.5}, writes_per_s=2.0)
    a = Engine(scenario([rare]), seed=3).result().features["rev"]
    b = Engine(scenario([often]), seed=3).result().features["rev"]
    assert a.safety_violations == 0 < b.safety_violations
    assert a.exposures == pytest.approx(b.exposures, rel=0.15)


def _mid_cut(policy: str) -> tuple[Engine, object]:
    """Three regions, west cut off at 60 s; advanced to 120 s."""
    events = [
        {"at": 60, "kind": "partition", "groups": [["west"], ["east", "asia"]]},
        {"at": 360, "kind": "heal"},
    ]
    f = feature("rev", "block_list", policy, knobs=KNOBS, writes_per_s=2.0)
    e = Engine(scenario([f], regions=3, events=events), seed=1)
    e.advance(120)
    return e, e.features["rev"]


def test_a_queue_applying_in_one_region_leaves_other_gaps_open() -> None:
    e, fs = _mid_cut("ap")
    before = dict(fs.data.cut)
    cut_off = before["west"]
    assert cut_off > 0, "east's and asia's revocations are cut off from west"
    # asia's queue (three revocations) reaches the quorum: west is still cut off
    for q in fs.replicas:
        fs.data.pending[q] += 3
    fs.behaviour.apply_pending(fs, "asia", 3, {}, e)
    assert fs.data.pending == {q: 0 for q in fs.data.pending}
    # the three applied revocations are now cut off from west too, nothing was forgotten
    assert fs.data.cut["west"] == cut_off + 3
    assert fs.data.cut["east"] == before["east"] > 0  # west's own, still cut off
    assert fs.data.cut["asia"] == before["asia"]


def test_only_the_applied_revocations_leave_the_queue() -> None:
    e, fs = _mid_cut("queued")
    for q in fs.replicas:
        fs.data.pending[q] = 5
    fs.behaviour.apply_pending(fs, "east", 2, {}, e)
    assert fs.data.pending == {q: 3 for q in fs.data.pending}
