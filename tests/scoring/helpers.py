"""Helpers for the scoring tests: the mini scenario, a fixed play, hand-made results."""

from __future__ import annotations

from pathlib import Path

from wargame.engine import Engine
from wargame.model.action import parse_action
from wargame.model.loader import load_path
from wargame.model.result import (
    COUNT_FIELDS,
    MONEY_FIELDS,
    Counts,
    FeatureResult,
    Operations,
    RunResult,
    Series,
    TicketSummary,
)
from wargame.model.scenario import Scenario

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini-social.toml"

GOOD_PLAY = [
    "02:20 ack all",
    "02:30 set posts ap",
    "02:30 set blocks cp",
    "02:40 severity SEV1",
    "02:50 page platform",
    "03:00 status-page Posting fails for some users; we are on it",
    "06:30 set shop ap",
    "08:30 page data",
]
"""A fixed action list for the mini scenario (also the golden report's)."""


def play(scenario: Scenario, actions: list[str], policy: str = "as-built", seed=None):
    """Run the engine with ``"MM:SS verb args"`` actions."""
    engine = Engine(scenario, seed=seed, policy=policy)
    engine.run([parse_action(a) for a in actions])
    return engine.result()


def mini_scenario() -> Scenario:
    """The self-contained test scenario (posts AP, block list CP, a shop)."""
    return load_path(MINI)


def hand_result(
    features: dict[str, dict[str, float]],
    *,
    kind: str = "feed",
    tickets: int = 0,
    duration: float = 600.0,
    series: Series | None = None,
    posts: list[tuple[float, str]] | None = None,
    windows: list[tuple[float, float]] | None = None,
) -> RunResult:
    """A RunResult built by hand from per-feature counters (totals are their sums)."""
    feats = {fid: FeatureResult(kind=kind, **values) for fid, values in features.items()}
    totals: dict[str, float] = {}
    for values in features.values():
        for k, v in values.items():
            totals[k] = totals.get(k, 0) + v
    for k in COUNT_FIELDS:
        totals[k] = int(totals.get(k, 0))
    for k in MONEY_FIELDS:
        totals[k] = float(totals.get(k, 0.0))
    return RunResult(
        scenario="test",
        title="Test",
        seed=1,
        policy="as-built",
        duration_s=duration,
        tick_s=10.0,
        totals=Counts(**totals),
        features=feats,
        tickets=TicketSummary(total=tickets),
        alerts=[],
        timeline=[],
        actions=[],
        operations=Operations(status_posts=posts or []),
        partition_windows=windows or [],
        series=series or Series(),
    )
