"""Re-measure the chapter's figures on the shipped scenarios: the README's calibration table.

Run with ``make calibration`` (or ``python tests/scenarios/measure.py``). Each row is
the chapter's figure and what the engine gives: on the scenario's own seed and the
median of ``calib.SEEDS``. The calibration tests pin the same measurements (within
their tolerances); this script only prints them, as a Markdown table.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from calib import downtime_minutes, median_over_seeds, run  # noqa: E402

from wargame.engine import Engine  # noqa: E402
from wargame.engine.kinds.counter import merge_counter  # noqa: E402
from wargame.engine.kinds.rate_limiter import (  # noqa: E402
    hopper_admitted,
    merge_windows,
    safe_mode_cap,
)
from wargame.model.loader import load_scenario  # noqa: E402

SWITCH = ("12:00 set inventory ap",)
"""The flash sale's on-call flips inventory to AP 7 minutes into the cut."""


def _eu_posting_minutes(seed: int | None) -> float:
    r = run("transatlantic-cut", "as-built", seed)
    sc = load_scenario("transatlantic-cut")
    spec = sc.feature("timeline")
    share = {x.id: x.user_share for x in sc.regions}
    eu = r.features["timeline"].by_region["eu-west"]
    return eu.errors / (spec.writes_per_s * share["eu-west"]) / 60


def _like_counter() -> float:
    e = Engine(load_scenario("news-feed"), policy="model")
    fs = e.features["likes"]
    fs.resolution = "crdt"
    deltas = {"us-east": 300, "us-west": 150, "europe": 240, "asia": 600}
    fs.data = dict(deltas)
    found = fs.behaviour.heal(fs, e)
    lost = sum(d.get("lost_writes", 0) for d in found.values())
    return fs.knobs.base + sum(deltas.values()) - lost


ROWS: list[tuple[str, str, Callable[[int | None], float]]] = [
    (
        "Flash sale, CP + switch at 12:12: checkout down (min)",
        "7",
        lambda s: downtime_minutes(run("flash-sale", "as-built", s, SWITCH), "inventory"),
    ),
    (
        "Flash sale, CP + switch: revenue lost",
        "$500K",
        lambda s: run("flash-sale", "as-built", s, SWITCH).features["inventory"].lost_revenue,
    ),
    (
        "Flash sale, CP + switch: oversold after the switch",
        "3",
        lambda s: run("flash-sale", "as-built", s, SWITCH).features["inventory"].oversold,
    ),
    (
        "Flash sale, AP: oversold",
        "47",
        lambda s: run("flash-sale", "model", s).features["inventory"].oversold,
    ),
    (
        "Flash sale, AP: refunds",
        "$5K",
        lambda s: run("flash-sale", "model", s).features["inventory"].refunds,
    ),
    (
        "Flash sale, tickets CP + switch",
        "thousands",
        lambda s: run("flash-sale", "as-built", s, SWITCH).tickets.total,
    ),
    ("Flash sale, tickets AP", "~47", lambda s: run("flash-sale", "model", s).tickets.total),
    (
        "Blast radius (30 min, 40% minority), CP: revenue lost",
        "$150K",
        lambda s: run("flash-sale-blast-radius", "as-built", s).totals.lost_revenue,
    ),
    (
        "Blast radius, CP: tickets",
        "~2,000",
        lambda s: run("flash-sale-blast-radius", "as-built", s).tickets.total,
    ),
    (
        "Blast radius, AP: refunds",
        "$5K",
        lambda s: run("flash-sale-blast-radius", "model", s).features["inventory"].refunds,
    ),
    (
        "Blast radius, AP: tickets",
        "~50",
        lambda s: run("flash-sale-blast-radius", "model", s).tickets.total,
    ),
    ("Transatlantic, as-built: EU cannot post (min)", "42", _eu_posting_minutes),
    (
        "Transatlantic, as-built: block list lag (max, s)",
        "~480",
        lambda s: max(run("transatlantic-cut", "as-built", s).series.metrics["lag_s"]),
    ),
    (
        "Transatlantic, as-built: safety incidents",
        "1",
        lambda s: run("transatlantic-cut", "as-built", s).features["blocks"].safety_violations,
    ),
    (
        "Transatlantic, as-built: tickets",
        "~4,200",
        lambda s: run("transatlantic-cut", "as-built", s).tickets.total,
    ),
    (
        "Rate limiter, full limit per region: hopper admitted",
        "200",
        lambda s: hopper_admitted(100, 2, counted_before=30),
    ),  # fmt: skip
    (
        "Rate limiter, split limit: hopper blocked at",
        "80 (its own counters give 100)",
        lambda s: hopper_admitted(50, 2, counted_before=30),
    ),  # fmt: skip
    ("Rate limiter, safe mode 100/5/2: per region", "10", lambda s: safe_mode_cap(100, 5, 2)),
    (
        "Rate limiter, safe mode: five-region hopper capped at",
        "50",
        lambda s: hopper_admitted(safe_mode_cap(100, 5, 2), 5),
    ),  # fmt: skip
    (
        "Sliding windows 27/28 merged by sum",
        "55",
        lambda s: merge_windows({"e": 27, "w": 28}, "sum"),
    ),  # fmt: skip
    (
        "Sliding windows 27/28 merged by max",
        "28",
        lambda s: merge_windows({"e": 27, "w": 28}, "max"),
    ),  # fmt: skip
    ("Like counter, G-counter merge", "2,290", lambda s: _like_counter()),
    (
        "Like counter, max (wrong)",
        "1,600",
        lambda s: merge_counter(1000, {"a": 300, "b": 150, "c": 240, "d": 600}, "max"),
    ),  # fmt: skip
]


def fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}".removesuffix(".0")


def main() -> int:
    print("| Figure | Chapter | Scenario seed | Median of 5 seeds |")
    print("|---|---|---|---|")
    for name, chapter, measure in ROWS:
        own = measure(None)
        median = median_over_seeds(measure)
        print(f"| {name} | {chapter} | {fmt(own)} | {fmt(median)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
