"""At standard and hard, nothing the console may show comes from the true link state.

For every shipped scenario, the view and the step's timeline entries in the
middle of its first fault carry no truth field and no word that names the fault.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from wargame.engine import Engine, list_scenarios

TRUTH_WORDS = re.compile(
    r"\b(partition\w*|cut|DOWN|LOSSY|lossy|SLOW|slow|ONE-WAY|one-way|split|outage|congest\w*)\b"
)


def _strings(obj) -> list[str]:
    """Every string value in the view (field names are not shown as such)."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in _strings(v)]
    if hasattr(obj, "model_dump"):
        return _strings(obj.model_dump())
    return []


def _fault_start(sc) -> float:
    return min(ev.at for ev in sc.events if ev.kind in ("partition", "link", "outage"))


@pytest.mark.parametrize("level", ["standard", "hard"])
@pytest.mark.parametrize("sid", [s.id for s in list_scenarios()])
def test_no_truth_reaches_the_view_during_a_partition(sid, level):
    from wargame.engine import load_scenario

    sc = load_scenario(sid)
    e = Engine(sc, difficulty=level)
    step = e.advance(_fault_start(sc) + 120)
    v = e.view()
    assert v.truth is None and v.hints == [] and v.links == []
    assert v.difficulty == level
    data = dataclasses.asdict(v)
    for f in data["features"]:
        f.pop("name")  # the product's own names (e.g. "Likes") are not observations
    text = " | ".join(_strings(data))
    assert not TRUTH_WORDS.search(text), TRUTH_WORDS.search(text)
    assert [x for x in step.events if x.type == "event"] == []
    for x in step.events:
        if x.type != "inject":
            assert not TRUTH_WORDS.search(x.text), x.text
    assert any(p.ok is not None and p.ok < 1.0 for p in v.probes) or v.silent, (
        "the fault shows in the probes"
    )


def test_intro_shows_the_truth_and_hints():
    from wargame.engine import load_scenario

    sc = load_scenario("transatlantic-cut")
    e = Engine(sc, difficulty="intro")
    step = e.advance(_fault_start(sc) + 60)
    v = e.view()
    assert v.truth is not None and [f.kind for f in v.truth.faults] == ["split"]
    assert v.hints and "diagnose split" in v.hints[0]
    assert any(x.type == "event" for x in step.events)
    assert any(k.a_to_b == "down" for k in v.links)
