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

from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.paths import assets_dir
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
from wargame.scoring.report import Report, build_report

RULES_FILE = "scoring.md"
"""The players' explanation of the scoring rules, in ``assets/``."""


def report_markdown(
    debrief: Debrief,
    result: RunResult,
    scenario: Scenario,
    date: str | None = None,
    moments: list | None = None,
) -> str:
    """The post-incident report as Markdown (``date`` as given; none: "not recorded";
    ``moments``: :func:`wargame.judge.moments_to_act`, or the section is left out)."""
    from wargame.scoring.markdown import render

    return render(build_report(debrief, result, scenario, date, moments))


def rules_text() -> str:
    """The scoring rules as players read them (Markdown)."""
    return (assets_dir() / RULES_FILE).read_text(encoding="utf-8")


__all__ = [
    "Report",
    "build_report",
    "report_markdown",
    "rules_text",
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
