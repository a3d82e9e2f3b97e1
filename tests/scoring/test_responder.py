"""The responder: player actions only, at or after the page, replayed exactly by a journal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.balance.strategies import RESPONDER_DELAYS
from wargame.engine import Engine
from wargame.engine.levers import model_levers
from wargame.model.action import ARITY
from wargame.model.loader import list_scenarios, load_scenario
from wargame.respond import AGREE, REACTION_S, respond
from wargame.respond.diagnose import hypothesis

SHIPPED = [s.id for s in list_scenarios()]


def test_the_balance_harness_plays_the_reference_reaction_time() -> None:
    assert RESPONDER_DELAYS["responder+60s"] == REACTION_S
    assert AGREE >= 2, "the chapter's rule: act when several signals agree"


@pytest.mark.parametrize("scenario_id", ["bank-transfer", "messaging", "false-alarm"])
def test_responder_acts_only_after_the_page_with_player_verbs(scenario_id: str) -> None:
    sc = load_scenario(scenario_id)
    r = respond(sc)
    page = r.result.page_t
    assert page is not None
    assert r.actions, "the responder did something"
    assert all(a.t >= page for a in r.actions)
    assert all(a.verb in ARITY for a in r.actions)
    assert r.refused == [], "every lever the model needs exists"
    # it applied every lever the model needs, after the signals agreed plus its reaction time
    typed = {a.describe() for a in r.actions}
    for f in sc.features:
        for lever in model_levers(f):
            assert lever in typed, lever
    assert r.acted_at is not None and r.acted_at >= page + REACTION_S
    verbs = {a.verb for a in r.actions}
    assert {"ack", "severity", "page", "status-page"} <= verbs


def test_responder_waits_for_signals_to_agree_on_a_false_alarm() -> None:
    sc = load_scenario("false-alarm")
    r = respond(sc)
    sets = [a for a in r.actions if a.verb == "set"]
    cut = next(ev.at for ev in sc.events if ev.kind == "partition")
    # the latency spikes page the engineer, but the model waits for the real cut
    assert r.result.page_t < cut
    assert sets and min(a.t for a in sets) >= cut


def test_a_slower_responder_acts_later() -> None:
    sc = load_scenario("flash-sale")
    fast, slow = respond(sc, reaction_s=0), respond(sc, reaction_s=300)
    assert slow.acted_at == pytest.approx(fast.acted_at + 300, abs=sc.tick)


def test_responder_journal_replays_byte_for_byte(tmp_path: Path) -> None:
    journal = tmp_path / "responder.jsonl"
    cmd = [sys.executable, "-m", "wargame", "run"]
    first = subprocess.run(
        [*cmd, "messaging", "--respond", "model", "--journal-out", str(journal), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    again = subprocess.run(
        [*cmd, "--actions", str(journal), "--json"], capture_output=True, text=True, check=True
    ).stdout
    assert first == again
    data = json.loads(first)
    assert data["page_t"] is not None
    lines = journal.read_text().splitlines()
    assert json.loads(lines[0])["policy"] == "as-built"
    assert all(json.loads(x)["t"] >= data["page_t"] for x in lines[1:])


def test_respond_refuses_other_actions() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "wargame", "run", "messaging", "--respond", "model",
         "--action", "05:00 set groups ap"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert out.returncode == 2
    assert "--respond" in out.stderr


class _Probe:
    def __init__(self, src: str, dst: str, ok: float, p99: float = 50.0) -> None:
        self.src, self.dst, self.ok, self.p99_ms = src, dst, ok, p99


class _View:
    def __init__(self, probes, silent=()) -> None:
        self.regions = ["a", "b", "c"]
        self.probes = probes
        self.silent = list(silent)


def _all(ok: dict[tuple[str, str], float], p99: float = 50.0):
    regions = ["a", "b", "c"]
    return [_Probe(s, d, ok.get((s, d), 1.0), p99) for s in regions for d in regions if s != d]


def test_diagnosis_reads_the_probes() -> None:
    assert hypothesis(_View(_all({})), 50.0) is None
    assert hypothesis(_View(_all({}), silent=["c"]), 50.0) == ("region-down", "c")
    cut = _all({("a", "b"): 0.0, ("b", "a"): 0.0})
    assert hypothesis(_View(cut), 50.0) == ("split", "a", "b")
    oneway = _all({("a", "b"): 0.0})
    assert hypothesis(_View(oneway), 50.0) == ("one-way", "a", "b")
    lossy = _all({("a", "c"): 0.5, ("c", "a"): 0.6})
    assert hypothesis(_View(lossy), 50.0) == ("partial", "a", "c")
    assert hypothesis(_View(_all({}, p99=900.0)), 50.0) == ("congestion", "a", "b", "c")


def test_every_shipped_model_is_reachable_with_levers() -> None:
    for sid in SHIPPED:
        for f in load_scenario(sid).features:
            model_levers(f)  # raises if a model knob has no lever


# west's links turn lossy: the leader in east looks sick, an orchestrator promotes another
# leader by itself while east keeps writing (GitHub, October 2018)
LOSSY = [
    {
        "at": 60,
        "kind": "partition",
        "groups": [["west"], ["east", "asia"]],
        "mode": "lossy",
        "loss": 0.3,
    },
    {"at": 900, "kind": "heal"},
]


def _auto_failover(kind: str, resolution: str = "lww", **knobs):
    from support.builders import feature, scenario

    f = feature(
        "x",
        kind,
        "cp",
        writes_per_s=20,
        revenue_per_write=5,
        resolution=resolution,
        model_policy="cp",
        knobs={"auto_failover_s": 20, **knobs},
    )
    sc = scenario([f], regions=3, events=LOSSY, duration=1200)
    return sc, respond(sc, 1)


def test_the_responder_fences_a_harmful_split_brain() -> None:
    sc, r = _auto_failover("payment", double_charge_rate=0.05, overdraft_rate=0.05)
    ops = r.result.operations
    assert ops.auto_failovers and ops.auto_failovers[0][3], "the orchestrator split the brain"
    fences = [a for a in r.actions if a.verb == "fence"]
    assert len(fences) == 1 and fences[0].args[0] == "x"
    promoted = ops.auto_failovers[0][0]
    assert fences[0].t >= promoted + 60.0  # seen on the console, then its reaction time
    # the fence saves money: the same run without it moves more of it twice
    unfenced = Engine(sc, seed=1)
    for a in r.actions:
        if a.verb != "fence":
            unfenced.advance_to(a.t)
            unfenced.apply(a)
    alone = unfenced.result().features["x"]
    assert r.result.features["x"].financial_risk < alone.financial_risk


def test_the_responder_leaves_a_harmless_split_brain_alone() -> None:
    # a CRDT merges both leaders' histories exactly: a fence would only refuse writes
    _, r = _auto_failover("feed", resolution="crdt")
    assert r.result.operations.auto_failovers[0][3]
    assert not [a for a in r.actions if a.verb == "fence"]
    _, lww = _auto_failover("feed", resolution="lww")
    assert [a for a in lww.actions if a.verb == "fence"]
