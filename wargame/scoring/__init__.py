"""Scoring: outcomes to revenue, trust and safety scores, verdicts and the report.

Public API::

    from wargame.scoring import compare, report_markdown
    debrief = compare(scenario, seed, player_result)   # runs the counterfactuals
    text = report_markdown(debrief, player_result, scenario, date="2025-01-31")

The rules (every constant and formula) live in :mod:`wargame.scoring.rules`
and are explained to players in ``assets/scoring.md`` (:func:`rules_text`).
Nothing here imports the UI toolkit.
"""

from __future__ import annotations

from wargame.scoring.debrief import compare, debrief_json
from wargame.scoring.models import (
    AxisCost,
    AxisScore,
    ComparisonRow,
    Debrief,
    FeatureVerdict,
    IncidentMetrics,
    PolicyChange,
    Scores,
    TeamPage,
)

__all__ = [
    "AxisCost",
    "AxisScore",
    "ComparisonRow",
    "Debrief",
    "FeatureVerdict",
    "IncidentMetrics",
    "PolicyChange",
    "Scores",
    "TeamPage",
    "compare",
    "debrief_json",
]
