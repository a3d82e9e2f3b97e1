"""The saw / true / believed timeline: its truth is the engine's event log, in time order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine import Engine
from wargame.model.action import parse_action
from wargame.model.loader import load_scenario
from wargame.model.scenario import Scenario
from wargame.scoring.belief import belief_timeline

KIND_OF = {
    ("partition", "full"): "split",
    ("partition", "lossy"): "partial",
    ("partition", "one-way"): "one-way",
    ("link", "down"): "split",
    ("link", "lossy"): "partial",
    ("link", "slow"): "congestion",
}


def spans_from_events(sc: Scenario) -> list[tuple[float, float, str, list[str]]]:
    """Each fault's (start, end, kind, regions) read straight from the scenario's events.

    Good for scenarios whose faults do not overlap: a fault starts at a
    partition, link or outage event and ends at the next heal, restore or link-up.
    """
    out = []
    open_: tuple[float, str, list[str]] | None = None
    for ev in sorted(sc.events, key=lambda e: e.at):
        if ev.kind in ("heal", "restore") or (ev.kind == "link" and ev.state == "up"):
            assert open_ is not None
            out.append((open_[0], ev.at, open_[1], open_[2]))
            open_ = None
        elif ev.kind == "outage":
            open_ = (ev.at, "region-down", [ev.region])
        elif ev.kind in ("partition", "link"):
            assert open_ is None, "the helper handles one fault at a time"
            if ev.groups:
                pairs = [(a, b) for i, g in enumerate(ev.groups) for h in ev.groups[i + 1 :]
                         for a in g for b in h]  # fmt: skip
            else:
                pairs = [tuple(p) for p in ev.links or []]
            mode = ev.mode if ev.kind == "partition" else ev.state
            open_ = (ev.at, KIND_OF[(ev.kind, mode)], sorted({r for p in pairs for r in p}))
    if open_ is not None:
        out.append((open_[0], sc.duration, open_[1], open_[2]))
    return out


def run(name: str, actions: list[str]):
    sc = load_scenario(name)
    engine = Engine(sc, seed=None, policy="as-built")
    engine.run([parse_action(a) for a in actions])
    return sc, engine.result()


@pytest.mark.parametrize("name", ["false-alarm", "flash-sale", "bank-transfer"])
def test_true_entries_are_the_event_log(name: str) -> None:
    sc, result = run(name, [])
    b = belief_timeline(result)
    true = [x for x in b.lines if x.strand == "true"]
    assert [x.span for x in true] == result.diagnosis.truth
    assert [x.t for x in true] == [s.start for s in result.diagnosis.truth]
    got = [(x.span.start, x.span.end, x.span.kind, sorted(x.span.regions)) for x in true]
    assert got == spans_from_events(sc)
    assert any(k in ("partial", "split") for _, _, k, _ in got)
    assert [x.t for x in b.lines] == sorted(x.t for x in b.lines)


def test_marks_actions_while_wrong_and_time_to_correct() -> None:
    _, result = run(
        "false-alarm",
        ["26:00 diagnose split us-west us-east", "27:00 set catalog ap",
         "28:00 diagnose partial us-west"],
    )  # fmt: skip
    b = belief_timeline(result)
    believed = [(x.t, x.mark) for x in b.lines if x.strand == "believed"]
    assert believed == [(1560.0, "wrong"), (1680.0, "right")]
    acted = [x for x in b.lines if x.strand == "acted"]
    assert [x.t for x in acted] == [1620.0]
    assert "set catalog ap" in acted[0].text and "split us-west us-east" in acted[0].text
    saw = [x for x in b.lines if x.strand == "saw"]
    assert saw[0].text == "you were paged" and saw[0].t == result.page_t
    rules = [x.text.split()[1] for x in saw[1:]]
    assert len(rules) == len(set(rules)) == len({a.rule for a in result.alerts})
    assert b.summary.startswith("First correct diagnosis at 28:00, 23:00 after")
    assert "Never named right while it lasted: congestion" in b.summary


def test_never_diagnosed_says_so_and_the_truth() -> None:
    _, result = run("flash-sale", [])
    summary = belief_timeline(result).summary
    assert summary.startswith("You never said what you thought it was")
    assert "full cut (split): links down both ways between us-east and us-west" in summary
    assert "from 05:00 to 20:00" in summary


KINDS = ["congestion", "partial", "one-way", "split", "region-down"]
REGIONS = ["us-east", "us-west", "eu-west"]


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=330, max_value=2390),
            st.sampled_from(KINDS),
            st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3, unique=True),
        ),
        max_size=4,
    )
)
def test_every_fact_appears_once_in_time_order(said) -> None:
    actions = [f"{t // 60:02d}:{t % 60:02d} diagnose {k} {' '.join(r)}" for t, k, r in said]
    actions += ["35:00 set catalog ap"]
    _, result = run("false-alarm", sorted(actions))
    b = belief_timeline(result)
    d = result.diagnosis
    count = {s: sum(x.strand == s for x in b.lines) for s in ("saw", "true", "believed", "acted")}
    assert count == {
        "saw": 1 + len({a.rule for a in result.alerts}),
        "true": len(d.truth),
        "believed": len(d.hypotheses),
        "acted": len(d.acted_while_wrong),
    }
    assert [x.t for x in b.lines] == sorted(x.t for x in b.lines)
    marks = [x.mark for x in b.lines if x.strand == "believed"]
    assert marks.count("right") == sum(h.correct for h in d.hypotheses)
    if not said:
        assert b.summary.startswith("You never said")
