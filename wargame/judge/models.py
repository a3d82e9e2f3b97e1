"""The judge's data: one judgment per decision (and per decision not taken), and the
moment to act for each feature."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Base of the judge's models: unknown keys are errors (kept free of the scoring
    package so the report can import these models)."""

    model_config = ConfigDict(extra="forbid")


Mark = Literal["good", "questionable", "bad"]
"""How a decision is judged."""


class Judgment(Strict):
    """One decision of the player's (or one that was missing), judged."""

    t: float | None
    """When it was taken (sim seconds); None for something never done."""
    action: str
    """The action as typed without its time (``set blocks cp``); empty for an omission."""
    topic: Literal[
        "policy",
        "setting",
        "failover",
        "fence",
        "safe mode",
        "shed",
        "status page",
        "severity",
        "paging",
        "acknowledging",
        "diagnosis",
    ]
    """What kind of decision it was."""
    mark: Mark
    """good, questionable or bad."""
    text: str
    """Why, in one sentence."""
    feature: str | None = None
    """The feature it concerns, if one."""
    omission: bool = False
    """True for something that mattered and was never done."""


class MomentToAct(Strict):
    """When the console first supported the model's change of one feature, and what the
    player's delay cost."""

    feature: str
    """Feature id."""
    name: str
    """Display name."""
    change: list[str]
    """The model's change from as-built, as player actions (``set ...``, ``safe-mode ...``)."""
    signals_at: float | None
    """When the responder (who sees only the console) made the change; None if it never did
    (the signals never agreed)."""
    visible: list[str]
    """The alerts the console showed then (rule, region, feature, message)."""
    metrics: dict[str, float] = Field(default_factory=dict)
    """Key console metrics then (error rate, p99 latency, replication lag, rejections)."""
    player_at: float | None
    """When the player had made the whole change (None: never)."""
    delay_s: float | None
    """``player_at - signals_at`` (0 when the player was as quick or quicker; None when the
    player never made it or nothing supported it)."""
    measured: bool
    """True when the cost below was measured: the player's run re-played with this
    feature's change made at ``signals_at`` instead."""
    cost_money: float = 0.0
    """Money the delay cost (the player's run minus the on-time run; negative: the delay
    saved money)."""
    cost_user_minutes: float = 0.0
    """User-minutes of harm the delay cost (same sign rule)."""
    cost_violations: int = 0
    """Violations the delay cost (same sign rule)."""
    text: str
    """One sentence: when, what showed, when you acted and what waiting cost."""
