"""The one place the store reads the scoring package: a result's summary for the store.

Scoring's API is still moving; everything the store, history, leaderboard
and after-action report need from it passes through :func:`summary` (a run)
or :func:`summary_from_json` (a ``wargame run --json``-style dict), which
keep only what ``scoring.compare(...)`` exposes at its top level: the grade,
the overall score and each axis's score.
"""

from __future__ import annotations

import math

from wargame.model.result import RunResult
from wargame.model.scenario import Scenario

AXES = ("revenue", "trust", "safety", "handling")
"""Score axes kept when scoring reports them (``handling`` only on newer scoring)."""


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return round(float(value), 2)
    return None


def summary_from_json(data: dict) -> dict:
    """The stored summary from a ``--json`` result (``scores`` may be missing: no grade)."""
    scores = data.get("scores") if isinstance(data.get("scores"), dict) else {}
    axes = {}
    for name in AXES:
        axis = scores.get(name)
        if isinstance(axis, dict) and _number(axis.get("score")) is not None:
            axes[name] = _number(axis.get("score"))
    grade = scores.get("grade")
    return {
        "grade": grade if isinstance(grade, str) else None,
        "overall": _number(scores.get("overall")),
        "axes": axes,
        "capped": bool(scores.get("capped", False)),
        "verdict": str(scores.get("verdict", ""))[:500],
        "actions": len(data.get("actions") or []),
    }


def debrief(result: RunResult, scenario: Scenario) -> dict:
    """Scoring's JSON keys for a run (``scores``, ...); empty if scoring is unavailable."""
    try:
        from wargame.scoring import debrief_json
    except ImportError:  # pragma: no cover - scoring is part of the package
        return {}
    return debrief_json(result, scenario)


def summary(result: RunResult, scenario: Scenario) -> dict:
    """Score a finished run (runs scoring's counterfactuals) and summarise it for the store."""
    data = {"actions": [a.model_dump(mode="json") for a in result.actions]}
    data.update(debrief(result, scenario))
    return summary_from_json(data)


def contract_rows(scenario: Scenario) -> list[dict]:
    """The scenario's consistency contract as plain rows (empty if scoring lacks it)."""
    try:
        from wargame.scoring.contract import contract
    except ImportError:  # pragma: no cover
        return []
    return [row.model_dump(mode="json") for row in contract(scenario)]
