"""Hypothesis properties of the fault log: any network history, truth stays consistent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine.diagnosis import classify, kind_matches, matches
from wargame.engine.network import Network

REGIONS = ["east", "west", "asia", "eu"]


@st.composite
def networks(draw):
    """A network of 2-4 regions after a random list of link and region changes."""
    ids = REGIONS[: draw(st.integers(2, 4))]
    net = Network(ids, {(a, b): 80.0 for a in ids for b in ids if a != b})
    for _ in range(draw(st.integers(0, 6))):
        a, b = draw(st.permutations(ids))[:2]
        change = draw(st.sampled_from(["down", "one-way", "lossy", "slow", "heal", "out", "back"]))
        if change == "down":
            net.set_pair(a, b, "down")
        elif change == "one-way":
            net.set_link(a, b, "down")
        elif change == "lossy":
            net.set_pair(a, b, "lossy", loss=draw(st.floats(0.05, 0.95)))
        elif change == "slow":
            net.set_pair(a, b, "slow", factor=draw(st.floats(1.5, 10)))
        elif change == "heal":
            net.heal([(a, b)])
        elif change == "out" and len(net.down_regions) < len(ids) - 1:
            net.set_region(a, up=False)
        else:
            net.set_region(a, up=True)
    return net


@settings(max_examples=200, deadline=None)
@given(networks())
def test_every_fault_is_named_correctly_by_its_own_regions(net):
    faults = classify(net)
    down = net.down_regions
    impaired = any(
        x.state != "up" for (a, b), x in net.links.items() if a not in down and b not in down
    )
    assert (not faults) == (not down and not impaired)
    for f in faults:
        assert matches(f.kind, list(f.regions), faults)
        assert kind_matches(f.kind, faults)
        for island in f.islands:
            assert matches(f.kind, list(island), faults)
        assert not matches("none", [], faults)
    kinds = [f.kind for f in faults]
    assert kinds.count("split") <= 1 and kinds.count("partial") <= 1
    assert kinds.count("region-down") <= 1


@settings(max_examples=200, deadline=None)
@given(networks())
def test_one_way_faults_name_a_sender_whose_receivers_stop_hearing_it(net):
    for f in classify(net):
        if f.kind != "one-way":
            continue
        sender, receivers = f.regions[0], f.regions[1:]
        assert receivers
        for r in receivers:
            assert net.deliver(sender, r) == 0 and net.deliver(r, sender) > 0
        swapped = [receivers[0], sender, *receivers[1:]]
        assert not matches("one-way", swapped, [f]), "the sending end comes first"
