"""Helpers for the scenario-library tests (module ``calib``): cached runs and measurements.

Runs are deterministic (same scenario, seed, policy and actions give the same
result), so they are cached for the whole session: several tests read the
same run without paying for it twice.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from typing import Any

from support.builders import designed

from wargame.engine import Engine
from wargame.model.action import parse_action
from wargame.model.loader import load_scenario
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario

SEEDS: tuple[int, ...] = (1, 2, 3, 4, 5)
"""The handful of seeds headline figures are checked over (their median)."""

_CACHE: dict[tuple[Any, ...], RunResult] = {}


def run(
    scenario: str | Scenario,
    policy: str = "as-built",
    seed: int | None = None,
    actions: Iterable[str] = (),
    design: bool = False,
) -> RunResult:
    """Run a shipped scenario (by id) or a scenario object headless; cached."""
    sc = load_scenario(scenario) if isinstance(scenario, str) else scenario
    acts = tuple(actions)
    if design:
        sc, scenario = designed(sc), designed(sc)
    key = (sc.model_dump_json() if not isinstance(scenario, str) else scenario, policy, seed, acts)
    hit = _CACHE.get(key)
    if hit is None:
        engine = Engine(sc, seed=seed, policy=policy)
        engine.run([parse_action(a) for a in acts])
        hit = engine.result()
        _CACHE[key] = hit
    return hit


def median_over_seeds(measure: Callable[[int], float], seeds: Iterable[int] = SEEDS) -> float:
    """The median of ``measure(seed)`` over a handful of seeds."""
    return statistics.median(measure(s) for s in seeds)


def downtime_minutes(result: RunResult, feature: str, threshold: float = 0.5) -> float:
    """Minutes during which more than ``threshold`` of a feature's requests failed."""
    series = result.series.features[feature]
    ticks = sum(
        1
        for requests, errors in zip(series["requests"], series["errors"], strict=True)
        if requests and errors / requests > threshold
    )
    return ticks * result.tick_s / 60.0


def within(value: float, target: float, factor: float) -> bool:
    """``value`` is within a factor of ``target`` (both ways)."""
    return target / factor <= value <= target * factor


def variant(scenario: Scenario, **changes: Any) -> Scenario:
    """A validated copy of a scenario with top-level fields replaced (lists, tables)."""
    data = scenario.model_dump(exclude_unset=True)
    data.update(changes)
    return Scenario.model_validate(data)


def with_feature(scenario: Scenario, feature_id: str, **changes: Any) -> Scenario:
    """A validated copy with one feature's fields replaced (``knobs`` are merged)."""
    data = scenario.model_dump(exclude_unset=True)
    for f in data["features"]:
        if f["id"] == feature_id:
            knobs = changes.pop("knobs", None)
            if knobs is not None:
                f["knobs"] = {**f.get("knobs", {}), **knobs}
            f.update(changes)
    return Scenario.model_validate(data)
