"""Rate limiter: the chapter's arithmetic (Part 3) and what the scenarios do with it.

Chapter figures:

* A user at 60/100 (30 counted in each of two regions) when the counters stop
  syncing. With the full limit in each region, each local counter runs from
  30 to 100: **200** requests get through. Safe mode allows limit / regions /
  safety factor = 100 / 5 / 2 = **10** per region, so a user hopping over
  five regions is capped at **50**.
* The split-limit case (100 / 2 = 50 per region): the chapter's walkthrough
  says the user is "blocked at 80", but its own counters run 30 -> 35 -> ... ->
  50 in *each* region, which adds up to 50 + 50 = **100** true requests, not
  80 (its "TRUE TOTAL: 40 + 40" line is a snapshot taken before the counters
  reach 50). A consistent model gives 100: an even two-region hopper is blocked
  exactly at the real limit; the split limit hurts users who stay in *one*
  region (blocked at 50 of 100), not hoppers. We pin 100 and do not bend the
  model to the chapter's 80.
* Sliding windows after a 5-minute cut, last minute East 27 / West 28: max
  **28**, sum **55**, "higher counter" **28** (which drops East's 27).

The scenario checks are directional (no figure in the chapter): CP refuses the
cut-off regions, the full limit lets abuse through, safe mode bounds it, and
on a fragile backend the full limit overloads it while safe mode does not.
"""

from __future__ import annotations

from calib import median_over_seeds, run
from support.builders import designed

from wargame.engine import Engine
from wargame.engine.kinds.rate_limiter import (
    RateLimiter,
    blocked_share,
    hopper_admitted,
    merge_windows,
    safe_mode_cap,
)
from wargame.model.loader import load_scenario


def _walk(cap: int, regions: int, counted_before: int) -> int:
    """Send one request at a time round-robin over the regions, each region counting
    only its own requests against ``cap``; return the true total when all block."""
    local = [counted_before] * regions
    true_total = counted_before * regions
    i = 0
    while any(c < cap for c in local):
        r = i % regions
        if local[r] < cap:
            local[r] += 1
            true_total += 1
        i += 1
    return true_total


def test_full_limit_per_region_lets_200_through() -> None:
    assert hopper_admitted(100, 2, counted_before=30) == 200
    assert _walk(100, 2, 30) == 200


def test_safe_mode_caps_a_five_region_hopper_at_50() -> None:
    cap = safe_mode_cap(100, 5, 2)
    assert cap == 10
    assert hopper_admitted(cap, 5) == 50
    assert _walk(int(cap), 5, 0) == 50


def test_split_limit_blocks_an_even_hopper_at_100_not_80() -> None:
    """The chapter says 80; its own counters (30 -> 50 in each of two regions) give 100."""
    assert hopper_admitted(100 / 2, 2, counted_before=30) == 100
    assert _walk(50, 2, 30) == 100
    # where the split limit does hurt: a user who stays in one region is blocked at 50
    assert _walk(50, 1, 0) == 50


def test_sliding_window_merges_28_55_28() -> None:
    last_minute = {"us-east": 27, "us-west": 28}
    assert merge_windows(last_minute, "max") == 28
    assert merge_windows(last_minute, "sum") == 55
    assert merge_windows(last_minute, "higher") == 28
    assert sum(last_minute.values()) - merge_windows(last_minute, "higher") == 27


def test_split_limit_blocks_more_legitimate_users_than_the_full_limit() -> None:
    assert blocked_share(100, 100, 20) == 0
    assert blocked_share(50, 100, 20) > 0
    assert blocked_share(10, 100, 20) > blocked_share(50, 100, 20)


def test_global_limiter_cp_refuses_the_cut_off_regions() -> None:
    r = run("global-rate-limiter", "as-built")
    by = r.features["rate-limit"].by_region
    assert by["eu-west"].errors > 0 and by["ap-east"].errors > 0
    assert by["us-east"].errors == by["us-west"].errors == by["sa-east"].errors == 0
    assert r.totals.lost_revenue > 0


def test_global_limiter_full_limit_serves_everyone_and_lets_abuse_through() -> None:
    r = run("global-rate-limiter", "model")
    lim = r.features["rate-limit"]
    assert lim.errors == 0
    assert lim.over_limit > 0
    assert r.features["metering"].lost_writes == 0, "CRDT metering loses no billable call"
    assert run("global-rate-limiter", "as-built").features["metering"].lost_writes > 0


def test_global_limiter_split_and_safe_mode_trade_users_for_abuse() -> None:
    full = run("global-rate-limiter", "model")
    split = run(
        "global-rate-limiter", "model", None, ["00:00 set rate-limit cp-reads"], design=True
    )
    safe = run("global-rate-limiter", "model", None, ["00:00 safe-mode rate-limit 2"], design=True)
    cp = run("global-rate-limiter", "as-built")
    lim = "rate-limit"
    assert 0 < split.features[lim].errors < cp.features[lim].errors
    assert split.features[lim].over_limit < full.features[lim].over_limit
    assert safe.features[lim].over_limit == 0, "safe mode: a hopper stays under the real limit"
    assert safe.features[lim].errors > split.features[lim].errors


def test_safe_mode_action_reports_ten_per_region() -> None:
    e = Engine(designed(load_scenario("global-rate-limiter")), policy="model")
    entry = e.apply("safe-mode rate-limit 2")
    assert "10 requests/min per region" in entry.text


def test_backend_shield_full_limit_overloads_the_core() -> None:
    r = run("rate-limiter-backend-shield", "as-built")
    by = r.features["api-limit"].by_region
    assert all(counts.errors > 0 for counts in by.values()), "the core falls over everywhere"


def test_backend_shield_safe_mode_protects_the_core_better_than_cp() -> None:
    def errors(policy: str, actions: tuple[str, ...] = ()):
        return lambda s: (
            run("rate-limiter-backend-shield", policy, s, actions, design=True)
            .features["api-limit"]
            .errors
        )

    model = median_over_seeds(errors("model"))
    as_built = median_over_seeds(errors("as-built"))
    cp = median_over_seeds(errors("model", ("00:00 set api-limit cp",)))
    assert model < cp < as_built
    assert run("rate-limiter-backend-shield", "model").features["api-limit"].over_limit == 0


def test_safe_factor_knob_arms_safe_mode_from_the_start() -> None:
    sc = load_scenario("rate-limiter-backend-shield")
    e = Engine(sc, policy="model")
    fs = e.features["api-limit"]
    assert fs.safe_factor == 2
    assert RateLimiter().cap(fs, "ap") == safe_mode_cap(100, 3, 2)
    assert Engine(sc, policy="as-built").features["api-limit"].safe_factor is None
