"""Network: link states, directed links, outages, quorum odds and relays."""

import pytest

from wargame.engine.network import DOWN, LOSSY, SLOW, Network


def make(regions=("a", "b", "c"), ms=50.0) -> Network:
    lat = {(x, y): ms for x in regions for y in regions if x != y}
    return Network(list(regions), lat)


def test_up_links_deliver_everything():
    net = make()
    assert net.deliver("a", "b") == 1.0
    assert net.round_trip("a", "b", 1000) == 1.0
    assert not net.impaired()


def test_down_link_is_one_way_when_set_one_way():
    net = make()
    net.set_link("a", "b", DOWN)
    assert net.deliver("a", "b") == 0.0
    assert net.deliver("b", "a") == 1.0
    assert net.round_trip("b", "a", 1000) == 0.0  # the reply cannot come back
    assert not net.connected("a", "b")
    assert net.impaired()


def test_lossy_link_delivers_its_share_and_slows_down():
    net = make()
    net.set_pair("a", "b", LOSSY, loss=0.3)
    assert net.deliver("a", "b") == pytest.approx(0.7)
    assert net.round_trip("a", "b", 1000) == pytest.approx(0.49)
    assert net.links[("a", "b")].latency_ms() > 50


def test_slow_link_is_not_a_partition_until_it_exceeds_the_timeout():
    net = make()
    net.set_pair("a", "b", SLOW, factor=4)
    assert not net.impaired()
    assert net.round_trip("a", "b", 1000) == 1.0  # 400 ms round trip
    net.set_pair("a", "b", SLOW, factor=20)
    assert net.round_trip("a", "b", 1000) == 0.0  # 2 s round trip times out


def test_quorum_odds_majority_and_all():
    net = make()
    replicas = ("a", "b", "c")
    assert net.quorum_odds("a", replicas, 2, 1000) == 1.0
    net.set_pair("a", "b", DOWN)
    assert net.quorum_odds("a", replicas, 2, 1000) == 1.0  # a + c is a majority
    assert net.quorum_odds("a", replicas, 3, 1000) == 0.0  # "all" is out of reach
    net.set_pair("a", "c", DOWN)
    assert net.quorum_odds("a", replicas, 2, 1000) == 0.0


def test_quorum_odds_on_lossy_links_are_probabilities():
    net = make(("a", "b"))
    net.set_pair("a", "b", LOSSY, loss=0.5)
    assert net.quorum_odds("a", ("a", "b"), 2, 1000) == pytest.approx(0.25)


def test_split_topology_relays_through_the_third_region():
    net = make()
    net.set_pair("a", "b", DOWN)
    assert net.relayed("a", "b")
    net.set_pair("a", "c", DOWN)
    assert not net.relayed("a", "b")


def test_region_outage_cuts_all_its_links_and_heal_restores():
    net = make()
    net.set_region("b", up=False)
    assert net.deliver("a", "b") == 0.0
    assert net.quorum_odds("b", ("a", "b", "c"), 2, 1000) == 0.0
    net.set_region("b", up=True)
    net.set_pair("a", "c", DOWN)
    net.heal()
    assert not net.impaired()


def test_version_changes_invalidate_cached_answers():
    net = make()
    assert net.round_trip("a", "b", 1000) == 1.0
    v = net.version
    net.set_pair("a", "b", DOWN)
    assert net.version > v
    assert net.round_trip("a", "b", 1000) == 0.0
