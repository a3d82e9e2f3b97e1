"""Transatlantic cut: the chapter's structured incident (Part 7).

Chapter figures: a social platform with ~80M daily users in US-East
(primary), EU-West and Asia-Pacific; US-East and EU-West cannot talk for 42
minutes while Asia-Pacific reaches both (split topology). As built, timeline
writes are synchronous (CP by accident): the 22% of users in Europe cannot
post or like for the whole 42 minutes, reads still work; the block list is
replicated asynchronously (AP by accident) and is about 8 minutes stale (it
travels through Asia-Pacific), which causes at least one safety incident;
about 4,200 support tickets. With the model (timeline AP, block list CP), no
post is rejected and no safety incident happens. Failing the timeline over to
EU is a trap: with a split topology the old primary keeps its majority, so two
leaders accept writes (split brain).

Tolerance: within a factor of 1.5 of each figure, on the scenario's seed and
on the median of five seeds; the safety incident count is pinned as "at least
one, a few at most" (1 to 5), since the chapter reports one verified incident.
"""

from __future__ import annotations

import pytest
from calib import SEEDS, median_over_seeds, run, within

from wargame.model.loader import load_scenario

FACTOR = 1.5
CUT_S = 42 * 60


def _blocked_posting(seed: int | None) -> tuple[float, float]:
    """(share of users whose posts are all refused, minutes of refused posting in EU)."""
    sc = load_scenario("transatlantic-cut")
    r = run(sc.id, "as-built", seed)
    share = {reg.id: reg.user_share for reg in sc.regions}
    posts = r.features["timeline"].by_region
    rate = sc.feature("timeline").writes_per_s
    users = 0.0
    minutes = 0.0
    for region, counts in posts.items():
        refused_min = counts.errors / (rate * share[region]) / 60
        if refused_min > 1:
            users += share[region]
            minutes = max(minutes, refused_min)
    return users, minutes


@pytest.mark.parametrize("seed", [None, *SEEDS])
def test_as_built_europe_cannot_post_for_42_minutes(seed: int | None) -> None:
    users, minutes = _blocked_posting(seed)
    assert within(users, 0.22, FACTOR)
    assert within(minutes, 42, FACTOR)
    r = run("transatlantic-cut", "as-built", seed)
    eu = r.features["timeline"].by_region["eu-west"]
    assert eu.stale_reads > 0, "Europe can still read (stale)"
    assert r.features["likes"].by_region["eu-west"].errors > 0, "nor can it like"


def test_as_built_block_list_is_about_eight_minutes_stale() -> None:
    r = run("transatlantic-cut", "as-built")
    t = r.series.t
    lag = r.series.metrics["lag_s"]
    during = [v for at, v in zip(t, lag, strict=True) if 5 * 60 < at <= 47 * 60]
    assert within(max(during), 8 * 60, FACTOR)


def test_as_built_safety_incident_and_tickets() -> None:
    r = run("transatlantic-cut", "as-built")
    assert 1 <= r.features["blocks"].safety_violations <= 5
    assert within(r.tickets.total, 4_200, FACTOR)
    incidents = median_over_seeds(
        lambda s: run("transatlantic-cut", "as-built", s).features["blocks"].safety_violations
    )
    assert 1 <= incidents <= 5
    tickets = median_over_seeds(lambda s: run("transatlantic-cut", "as-built", s).tickets.total)
    assert within(tickets, 4_200, FACTOR)


@pytest.mark.parametrize("seed", [None, *SEEDS])
def test_model_rejects_no_post_and_has_no_safety_incident(seed: int | None) -> None:
    r = run("transatlantic-cut", "model", seed)
    assert r.features["timeline"].errors == 0
    assert r.features["likes"].errors == 0 and r.features["likes"].lost_writes == 0
    assert r.totals.safety_violations == 0
    assert r.tickets.total < run("transatlantic-cut", "as-built", seed).tickets.total / 10


def test_failing_the_timeline_over_to_europe_is_a_trap() -> None:
    base = run("transatlantic-cut", "as-built")
    trap = run("transatlantic-cut", "as-built", None, ["10:00 failover timeline eu-west"])
    assert any(split for _, feature, _, split in trap.operations.failovers if feature == "timeline")
    assert trap.features["timeline"].lost_writes > 0, "two leaders: writes lost at the heal"
    assert trap.features["timeline"].lost_writes > base.features["timeline"].lost_writes
