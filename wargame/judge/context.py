"""What the judge reads about one run, computed once, and how a judgment is made."""

from __future__ import annotations

from wargame.judge.models import Judgment, Mark
from wargame.model.action import Action
from wargame.model.result import RunResult
from wargame.model.scenario import Feature, Scenario
from wargame.scoring.models import Debrief, FeatureVerdict, IncidentMetrics
from wargame.scoring.rules import incident_start, tick_lengths, visible_ticks
from wargame.scoring.verdicts import windows

AP_SIDE = frozenset({"ap"})
"""Policies on the available side of the trade-off (the rest refuse or hold writes)."""
RECENT_S = 60.0
"""A symptom counts as on screen when it showed within this many seconds before an action."""
SETTING_VERBS = frozenset({"resolve", "dedup", "retry", "indicators", "ttl"})
"""Setting levers judged against the model's settings."""


class RunView:
    """What the judge reads about one run, computed once."""

    def __init__(self, result: RunResult, scenario: Scenario, debrief: Debrief) -> None:
        self.result = result
        self.scenario = scenario
        self.m: IncidentMetrics = debrief.incident_metrics
        self.verdicts: dict[str, FeatureVerdict] = {v.feature: v for v in debrief.verdicts}
        self.specs: dict[str, Feature] = {f.id: f for f in scenario.features}
        self.spans = windows(result)
        self.flags = visible_ticks(result, scenario, list(self.specs))
        self.lengths = tick_lengths(result)
        self.start = incident_start(result, self.flags)

    def errors_seen(self, t: float) -> bool:
        """Users saw errors in the minute up to ``t``."""
        for i, tick in enumerate(self.result.series.t):
            if self.flags[i] and t - RECENT_S <= tick and tick - self.lengths[i] <= t:
                return True
        return False

    def in_partition(self, t: float) -> bool:
        """Some link was down or lossy at ``t``."""
        return any(a <= t < b for a, b in self.spans)

    def leader_at(self, feature: str, t: float) -> str:
        """The feature's leader at ``t`` from the failovers that completed by then."""
        spec = self.specs[feature]
        replicas = spec.knobs.replicas or self.scenario.region_ids()
        leader = spec.knobs.leader or self.scenario.primary_region()
        leader = leader if leader in replicas else replicas[0]
        ops = self.result.operations
        done = sorted(
            (ft, region) for ft, f, region, _ in ops.failovers + ops.auto_failovers if f == feature
        )
        for ft, region in done:
            if ft <= t:
                leader = region
        return leader


def judgment(a: Action, topic: str, mark: Mark, text: str, feature: str | None = None) -> Judgment:
    """The judgment of the action ``a``."""
    return Judgment(
        t=a.t,
        action=a.describe(),
        topic=topic,  # type: ignore[arg-type]
        mark=mark,
        text=text,
        feature=feature,
    )
