"""The design debrief as data: what :func:`wargame.interview.design.evaluate` returns.

``wargame design --json`` prints a :class:`DesignResult`; the TUI's design
debrief and the interviewer's sheet render the same models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from wargame.scoring.models import Debrief

KNOB_FIELDS: dict[str, str] = {
    "dedup": "dedup",
    "indicators": "indicators",
    "safe_factor": "safe mode",
    "home_region": "home-region limit",
    "retry_factor": "client retries",
    "pending_ttl_s": "queue TTL",
}
"""Knob -> its name in the debrief: the knobs a design sets (each has a lever)."""


class Strict(BaseModel):
    """Base of the design result's models."""

    model_config = ConfigDict(extra="forbid")


class Deviation(Strict):
    """One setting where the design differs from the model."""

    setting: str
    """``policy``, ``resolution`` or a knob's name (``dedup``, ``queue TTL`` ...)."""
    chosen: str
    """The design's value, in words."""
    model: str
    """The model's value, in words."""
    consequence: str
    """What users see differently because of it."""


class ReasonReview(Strict):
    """The reason picked for a feature, right or wrong, and why."""

    chosen: str | None
    """Key of the statement picked (``a`` to ``d``), or None when no reason was given."""
    chosen_text: str
    """The statement picked (empty when none)."""
    correct: bool
    """True when the statement picked is the one that holds."""
    mistake: str
    """``holds``, ``none`` (no reason given) or the mistake's id (``system-wide`` ...)."""
    label: str
    """The reasoning in a few words."""
    explanation: str
    """Why it holds, or why it is a mistake."""
    right: str
    """Key of the statement that holds."""
    right_text: str
    """The statement that holds."""


class FeatureReview(Strict):
    """One feature's design, compared with the model and lived through."""

    feature: str
    name: str
    kind: str
    policy: str
    """The design's policy."""
    model_policy: str
    resolution: str
    """The design's conflict resolution (as built when the contract left it unset)."""
    model_resolution: str
    matches_model: bool
    """Same policy, resolution and knobs as the model."""
    deviations: list[Deviation]
    users_see: str
    """What users of the feature see during a split under the design's policy."""
    model_users_see: str
    cost_vs_model: str
    """What the feature cost in the run beyond the model's run ('' when nothing)."""
    points_lost: float
    """Overall points this feature cost against the model."""
    reason: ReasonReview
    justification: str
    """The candidate's free text, kept as written (not graded)."""


class Signal(Strict):
    """One L5/L6 signal the choices showed, with its evidence."""

    id: Literal["per-feature", "user-visible", "business-cost", "failure-modes"]
    name: str
    level: Literal["L5", "L6", "not shown"]
    """What the evidence says; ``not shown`` when this scenario gives no evidence either way."""
    evidence: str


class DesignResult(Strict):
    """Everything the design debrief shows, as data (``wargame design --json``)."""

    scenario: str
    seed: int
    candidate: str | None
    score: float
    """Overall score of the design's run, the model's design on the same seed being 100."""
    grade: str
    model_score: float
    """The model's own design on the same seed (the top: 100)."""
    points_vs_model: float
    """``score - model_score`` (0 or less unless the design beats the model)."""
    levels: str
    """What L5 and L6 mean, in one line."""
    verdict: str
    """One line in L5/L6 terms from the run (the drill debrief's line)."""
    features: list[FeatureReview]
    signals: list[Signal]
    reasons_right: int
    """Features whose reason is the statement that holds."""
    debrief: Debrief
    """The scorer's full debrief of the design's run (axes, verdicts, comparison)."""
