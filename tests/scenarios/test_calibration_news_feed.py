"""News feed: the like counter's arithmetic (Part 4) and the feed's per-feature model.

Chapter figures: a post has 1,000 likes before a one-hour cut; during it the
four regions add +300 (US-East), +150 (US-West), +240 (Europe), +600 (Asia).
A grow-only counter (CRDT) merges to 1,000 + 1,290 = **2,290**; taking the
largest regional value gives 1,600 and adding the regional totals gives 5,290
(the base counted four times): both wrong. These are exact figures, pinned
exactly, both in the arithmetic and in the counter kind's reconciliation.

In the scenario (directional): the CRDT loses no like where last-writer-wins
loses many; tombstones keep deleted posts deleted where a union merge brings
them back; CP blocks and takedowns cause no safety incident where the as-built
asynchronous ones do.
"""

from __future__ import annotations

import pytest
from calib import median_over_seeds, run

from wargame.engine import Engine
from wargame.engine.kinds.counter import merge_counter
from wargame.model.loader import load_scenario

BASE = 1000
DELTAS = {"us-east": 300, "us-west": 150, "europe": 240, "asia": 600}


def test_like_merge_arithmetic() -> None:
    assert merge_counter(BASE, DELTAS, "crdt") == 2290
    assert merge_counter(BASE, DELTAS, "max") == 1600
    assert merge_counter(BASE, DELTAS, "sum_totals") == 5290


@pytest.mark.parametrize(("resolution", "expected"), [("crdt", 2290), ("merge", 1600)])
def test_counter_reconciliation_keeps_what_the_resolution_keeps(
    resolution: str, expected: int
) -> None:
    """Feed the chapter's deltas to the likes feature's reconciliation: the value after
    the heal is the base plus the increments that were not lost."""
    e = Engine(load_scenario("news-feed"), policy="model")
    fs = e.features["likes"]
    fs.resolution = resolution
    fs.data = dict(DELTAS)
    found = fs.behaviour.heal(fs, e)
    lost = sum(d.get("lost_writes", 0) for d in found.values())
    assert fs.knobs.base == BASE
    assert BASE + sum(DELTAS.values()) - lost == expected


def test_counter_lww_loses_three_regions_of_likes() -> None:
    e = Engine(load_scenario("news-feed"), policy="as-built")
    fs = e.features["likes"]
    assert fs.resolution == "lww"
    fs.data = dict(DELTAS)
    found = fs.behaviour.heal(fs, e)
    lost = sum(d.get("lost_writes", 0) for d in found.values())
    kept = BASE + sum(DELTAS.values()) - lost
    assert kept in {BASE + v for v in DELTAS.values()}
    assert kept < 2290


def test_scenario_likes_crdt_loses_nothing_lww_loses_many() -> None:
    assert run("news-feed", "model").features["likes"].lost_writes == 0
    lost = median_over_seeds(
        lambda s: run("news-feed", "as-built", s).features["likes"].lost_writes
    )
    assert lost > 0


def test_scenario_deleted_posts_stay_deleted_with_tombstones() -> None:
    assert run("news-feed", "model").features["deletions"].false_indicators == 0
    assert run("news-feed", "as-built").features["deletions"].false_indicators > 0


def test_scenario_blocks_and_takedowns_hold_with_the_model() -> None:
    model = run("news-feed", "model")
    as_built = run("news-feed", "as-built")
    for fid in ("blocks", "takedowns"):
        assert model.features[fid].safety_violations == 0
    assert (
        as_built.features["blocks"].safety_violations
        + as_built.features["takedowns"].safety_violations
        > 0
    )
    incidents = median_over_seeds(
        lambda s: run("news-feed", "as-built", s).totals.safety_violations
    )
    assert incidents >= 1


def test_scenario_feed_stays_up_with_the_model() -> None:
    model = run("news-feed", "model")
    for fid in ("posts", "comments", "profile", "likes"):
        assert model.features[fid].errors == 0
    assert run("news-feed", "as-built").features["profile"].errors > 0
