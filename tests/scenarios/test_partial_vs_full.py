"""A lossy cut is no gentler than a full cut of the same links (as built).

The chapter's point about partial partitions: a link that drops a share of its
messages loses heartbeats as well as data, so leadership flaps and every
election refuses writes on both sides, while AP features drift apart just as
they do across a full cut. Each scenario here is a shipped one with its cut
made lossy at 30% and at 60%.
"""

import statistics

import pytest

from wargame.engine import Engine
from wargame.model.loader import load_scenario
from wargame.model.scenario import Scenario

SEEDS = (1, 2, 3)


def _lossy(sc: Scenario, loss: float) -> Scenario:
    events = [
        e.model_copy(update={"mode": "lossy", "loss": loss}) if e.kind == "partition" else e
        for e in sc.events
    ]
    return sc.model_copy(update={"events": events})


def _harm(sc: Scenario) -> dict[str, float]:
    runs = [Engine(sc, seed=s).result() for s in SEEDS]

    def med(f) -> float:
        return statistics.median(f(r) for r in runs)

    return {
        "errors": med(lambda r: r.totals.errors),
        "lost_revenue": med(lambda r: r.totals.lost_revenue),
        "stale_reads": med(lambda r: r.totals.stale_reads),
        "violations": med(lambda r: r.totals.violations),
        "lost_writes": med(lambda r: r.totals.lost_writes),
    }


@pytest.mark.parametrize("name", ["price-cache", "bank-transfer"])
@pytest.mark.parametrize("loss", [0.3, 0.6])
def test_a_lossy_cut_does_at_least_as_much_harm_as_a_full_one(name, loss):
    sc = load_scenario(name)
    full, lossy = _harm(sc), _harm(_lossy(sc, loss))
    assert lossy["errors"] > full["errors"], (full, lossy)
    for key in ("lost_revenue", "violations", "lost_writes"):
        assert lossy[key] >= full[key], (key, full, lossy)
    # reads go stale at any loss (not only past half the messages lost), or fail outright
    # once retries overload the leader
    bad_reads = lossy["stale_reads"] + lossy["errors"]
    assert bad_reads >= full["stale_reads"] + full["errors"], (full, lossy)


def test_the_flaps_grow_with_loss():
    sc = load_scenario("price-cache")
    flaps = [sum(Engine(_lossy(sc, x)).result().operations.flaps.values()) for x in (0.3, 0.6)]
    assert 0 < flaps[0] < flaps[1]
