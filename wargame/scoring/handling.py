"""Incident handling: the small score for declaring, paging, acknowledging and diagnosing.

Handling is scored on its own 0-100 scale, not placed against the reference
runs: it asks whether the on-call engineer ran the incident the way the
chapter says, whatever the network did. Each part scores 0 to 1:

* **severity**: the most severe level declared against the level the impact
  called for (:func:`wargame.scoring.incident.warranted_severity`): right
  scores 1, one level off (too low or too high) half, further off or never
  declared 0;
* **paging**: the share of the teams the impact called for that were paged in
  their window, minus a share for every team paged that it did not call for;
* **acknowledging**: full marks for acknowledging the first alert within
  :data:`ACK_GOOD_S`, falling to nothing at :data:`ACK_NONE_S` (or never);
* **diagnosis** (when the run carries one): full marks for naming the right
  fault within :data:`DIAGNOSE_GOOD_S` of its start, falling to nothing at
  :data:`DIAGNOSE_NONE_S`, less a share for each lever pulled while the stated
  hypothesis was wrong.

The handling score is the mean of the parts times 100.
"""

from __future__ import annotations

from typing import Any

from wargame.model.result import RunResult
from wargame.scoring.models import HandlingScore, IncidentMetrics

ACK_GOOD_S = 120.0
"""Acknowledging the first alert within this many seconds earns the full part."""
ACK_NONE_S = 900.0
"""... and after this many seconds (or never) earns nothing."""
SEVERITY_ONE_OFF = 0.5
"""Share of the severity part earned one level off (too low or too high)."""
WRONG_TEAM_SHARE = 0.25
"""Share of the paging part lost per team paged that the impact did not call for."""
DIAGNOSE_GOOD_S = 300.0
"""Naming the right fault within this many seconds of its start earns the full part."""
DIAGNOSE_NONE_S = 1200.0
"""... and after this many seconds (or never) earns nothing."""
WRONG_ACT_SHARE = 0.2
"""Share of the diagnosis part lost per lever pulled while the hypothesis was wrong."""


def _ramp(t: float | None, good: float, none: float) -> float:
    """1 up to ``good`` seconds, 0 from ``none`` on (or for never), linear between."""
    if t is None:
        return 0.0
    if t <= good:
        return 1.0
    return max(0.0, 1.0 - (t - good) / (none - good))


def _rank(sev: str) -> int:
    return int(sev.removeprefix("SEV"))


def severity_part(m: IncidentMetrics) -> float:
    """1 for the right severity, half one level off, 0 otherwise."""
    if m.severity_declared is None:
        return 0.0
    off = abs(_rank(m.severity_declared) - _rank(m.severity_warranted))
    return 1.0 if off == 0 else SEVERITY_ONE_OFF if off == 1 else 0.0


def paging_part(m: IncidentMetrics) -> float:
    """Share of the expected teams paged in time, less a share per wrong team."""
    expected = {p.team for p in m.teams_expected}
    wrong = [t for t in m.teams_paged if t not in expected]
    if not expected:
        return max(0.0, 1.0 - WRONG_TEAM_SHARE * len(wrong))
    hit = sum(1 for p in m.teams_expected if p.paged_at is not None) / len(expected)
    return max(0.0, hit - WRONG_TEAM_SHARE * len(wrong))


def ack_part(m: IncidentMetrics) -> float:
    """Time to acknowledge the first alert, on a ramp."""
    return _ramp(m.time_to_acknowledge_s, ACK_GOOD_S, ACK_NONE_S)


def diagnosis_part(diagnosis: Any) -> float | None:
    """Time to the right hypothesis, less acting while wrong (None: no diagnosis section)."""
    if diagnosis is None:
        return None
    get = diagnosis.get if isinstance(diagnosis, dict) else lambda k: getattr(diagnosis, k, None)
    if not get("truth"):
        return None
    part = _ramp(get("time_to_correct_s"), DIAGNOSE_GOOD_S, DIAGNOSE_NONE_S)
    wrong = len(get("acted_while_wrong") or [])
    return max(0.0, part - WRONG_ACT_SHARE * wrong)


def handling(result: RunResult, m: IncidentMetrics) -> HandlingScore:
    """The run's incident-handling score."""
    parts = {
        "severity": severity_part(m),
        "paging": paging_part(m),
        "acknowledging": ack_part(m),
    }
    diag = diagnosis_part(getattr(result, "diagnosis", None))
    if diag is not None:
        parts["diagnosis"] = diag
    score = 100.0 * sum(parts.values()) / len(parts)
    return HandlingScore(score=round(score, 1), parts={k: round(v, 3) for k, v in parts.items()})
