"""The largest scenario the format allows: every size and rate at its upper bound.

``wargame bench --largest`` runs it to measure the cost budget that the
bounds in :mod:`wargame.model.scenario` promise (stated in
``scenarios/README.md``); a test checks that it validates, so the budget is
always measured on something a player could write.
"""

from __future__ import annotations

from wargame.model.scenario import (
    KINDS,
    MAX_DURATION_S,
    MAX_EVENTS,
    MAX_FEATURES,
    MAX_HOT_SKUS,
    MAX_RATE_PER_S,
    MAX_REGIONS,
    MAX_STEPS,
    MAX_WORK,
    SYMPTOMS,
    Scenario,
)

WHY = "The largest scenario allowed, built to measure what a run can cost."


def largest_data(regions_n: int = MAX_REGIONS, features_n: int = MAX_FEATURES) -> dict:
    """The scenario as plain data (TOML-shaped): this many regions and features, every
    rate at its bound, and as many steps as the work bound allows (six hours at most)."""
    regions = [f"r{i}" for i in range(regions_n)]
    kinds = [k for k in KINDS if k != "rate_limiter"] + ["rate_limiter"]
    features = []
    for i in range(features_n):
        kind = kinds[i % len(kinds)]
        knobs: dict = {"retry_factor": 10, "leader_capacity": 1000}
        if kind == "inventory":
            knobs.update(hot_skus=MAX_HOT_SKUS, hot_stock=10**9, hot_fraction=1.0)
        if kind == "rate_limiter":
            knobs.update(abuser_share=1.0, abuser_rate_per_min=10**7, limit_per_min=10**6)
        features.append(
            {
                "id": f"f{i}",
                "name": f"Feature {i}",
                "kind": kind,
                "reads_per_s": MAX_RATE_PER_S,
                "writes_per_s": MAX_RATE_PER_S,
                "revenue_per_write": 1e7,
                "revenue_per_read": 1e7,
                "as_built": "ap" if kind != "rate_limiter" else "cp",
                "knobs": knobs,
                "model": {"policy": "queued" if kind != "rate_limiter" else "cp", "why": WHY},
            }
        )
    per_step = len(regions) * sum(
        1 + (MAX_HOT_SKUS / 8 if f["kind"] == "inventory" else 0) for f in features
    )
    steps = min(MAX_STEPS, int(MAX_WORK / per_step))
    tick = max(1.0, MAX_DURATION_S / MAX_STEPS)
    duration = tick * steps
    events = []
    for j in range(MAX_EVENTS):
        at = duration * (j + 1) / (MAX_EVENTS + 2)
        a, b = regions[j % regions_n], regions[(j + 1) % regions_n]
        kind = ("partition", "link", "heal", "surge", "outage", "restore")[j % 6]
        ev: dict = {"at": at, "kind": kind}
        if kind == "partition":
            ev["groups"] = [regions[: regions_n // 2], regions[regions_n // 2 :]]
        elif kind == "link":
            ev.update(links=[[a, b]], state="lossy", loss=0.5)
        elif kind == "heal":
            ev["links"] = [[a, b]]
        elif kind == "surge":
            ev["factor"] = 100
        else:
            ev["region"] = a
        events.append(ev)
    return {
        "id": "largest",
        "title": "Largest allowed",
        "summary": "Every bound at its maximum.",
        "briefing": WHY,
        "duration": duration,
        "tick": tick,
        "business": {"daily_users": 10**10},
        "regions": [
            {"id": r, "name": r.upper(), "user_share": 1 / regions_n, "primary": r == "r0"}
            for r in regions
        ],
        "features": features,
        "events": events,
        "tickets": {s: {"per_event": 10, "delay_s": 0} for s in SYMPTOMS},
    }


SHAPES: dict[str, tuple[int, int]] = {
    "wide": (MAX_REGIONS, MAX_FEATURES),
    "long": (2, 16),
    "middle": (4, 4),
}
"""(regions, features) of the extreme scenarios: the widest, the longest, one between."""


def largest_scenario(shape: str = "wide") -> Scenario:
    """An extreme scenario the format allows, validated (``shape``: a key of ``SHAPES``)."""
    return Scenario.model_validate(largest_data(*SHAPES[shape]))
