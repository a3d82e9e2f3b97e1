"""Branching: re-run the rest of a drill from one moment with another hand on the levers.

:func:`branch` replays the player's journal up to ``at_t`` and then lets
something else decide what happens next:

* ``"respond"``: the responder (:mod:`wargame.respond`) takes over. It has watched
  the console from the start, picks up what the player already did (severity,
  pages, an honest status post, the last hypothesis) and acts with player verbs at
  or after ``at_t``, never before the page;
* ``"none"``: nobody acts any more ("undo my decision here");
* a list of actions: "try this here". Each is applied at ``at_t`` (or at its own
  time when that is later).

In every case the player's own actions at ``at_t`` and after are dropped and
those strictly before ``at_t`` are kept, so branching at the time of a decision
undoes that decision. Both runs are plain engine runs and each is scored by one
call of :func:`wargame.scoring.compare` on the same counterfactual runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from wargame.engine import Engine
from wargame.model.action import Action, ActionError
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.respond import Responder
from wargame.rewind.state import RewindError, check_time
from wargame.scoring.debrief import compare
from wargame.scoring.models import Debrief
from wargame.scoring.runs import Counterfactuals, counterfactuals

Then = Literal["respond", "none", "actions"]
"""What decides after the branch point: the responder, nobody, or the given actions."""

TOTAL_KEYS: tuple[str, ...] = (
    "overall",
    "revenue",
    "trust",
    "safety",
    "handling",
    "money",
    "user_minutes",
    "violations",
    "tickets",
)
"""The numbers compared between the original run and the branch, in display order."""


class Totals(BaseModel):
    """One run's scores and what it cost, the numbers a branch is compared on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    overall: float
    """Overall score 0-100."""
    grade: str
    """Letter grade."""
    revenue: float
    """Revenue axis score 0-100."""
    trust: float
    """Trust axis score 0-100."""
    safety: float
    """Safety axis score 0-100."""
    handling: float
    """Incident handling score 0-100."""
    money: float
    """Money the incident cost (the revenue axis: lost revenue, refunds, compensation)."""
    user_minutes: float
    """User-minutes of harm (the trust axis: errors, stale reads, lies, tickets, ...)."""
    violations: int
    """Safety, financial and compliance violations."""
    tickets: int
    """Support tickets filed."""

    @classmethod
    def of(cls, debrief: Debrief, result: RunResult) -> Totals:
        """The totals of one scored run."""
        s = debrief.scores
        return cls(
            overall=s.overall,
            grade=s.grade,
            revenue=s.revenue.score,
            trust=s.trust.score,
            safety=s.safety.score,
            handling=s.handling.score,
            money=s.revenue.cost,
            user_minutes=s.trust.cost,
            violations=result.totals.violations,
            tickets=result.tickets.total,
        )


class Branch(BaseModel):
    """The original run and a branch from ``at_t``, each scored, and their difference."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    at_t: float
    """The branch point (sim seconds)."""
    then: Then
    """Who acted after ``at_t`` in the branch."""
    tried: list[Action]
    """The actions given to try (``then == "actions"``), at the times they were applied."""
    kept: int
    """How many of the player's actions (those before ``at_t``) the branch kept."""
    dropped: int
    """How many of the player's actions (at ``at_t`` or later) the branch dropped."""
    original: RunResult
    """The player's run."""
    branched: RunResult
    """The branch's run."""
    original_debrief: Debrief
    """The player's run scored against the references."""
    branch_debrief: Debrief
    """The branch scored against the same references."""
    original_totals: Totals
    """The player's run's scores and costs."""
    branch_totals: Totals
    """The branch's scores and costs."""
    difference: dict[str, float]
    """Branch minus original for every key of :data:`TOTAL_KEYS` (a positive score
    difference means the branch did better; a positive cost difference, worse)."""

    def summary(self) -> dict:
        """The JSON ``branch`` object: both runs' totals and the per-axis difference."""
        return {
            "at_t": self.at_t,
            "then": self.then,
            "tried": [a.describe() for a in self.tried],
            "kept": self.kept,
            "dropped": self.dropped,
            "original": self.original_totals.model_dump(mode="json"),
            "branch": self.branch_totals.model_dump(mode="json"),
            "difference": dict(self.difference),
        }


def _run(
    scenario: Scenario, seed: int, actions: Sequence[Action], difficulty: str | None, policy: str
) -> RunResult:
    engine = Engine(scenario, seed=seed, policy=policy, difficulty=difficulty)
    try:
        engine.run(list(actions))
    except ActionError as exc:
        raise RewindError(str(exc)) from None
    return engine.result()


def branch_run(
    scenario: Scenario,
    seed: int | None,
    actions: Sequence[Action],
    at_t: float,
    then: str | Sequence[Action],
    difficulty: str | None = None,
    policy: str = "as-built",
) -> tuple[RunResult, list[Action], int]:
    """The branch's run alone (no scoring): ``(result, tried actions, actions kept)``."""
    seed = scenario.seed if seed is None else seed
    at_t = check_time(scenario, at_t, "branch point")
    kept = [a for a in sorted(actions, key=lambda a: a.t) if a.t < at_t]
    if then == "respond":
        responder = Responder(
            scenario, seed, difficulty=difficulty, prefix=kept, start=at_t, policy=policy
        )
        try:
            return responder.play().result, [], len(kept)
        except ActionError as exc:
            raise RewindError(str(exc)) from None
    if then == "none":
        return _run(scenario, seed, kept, difficulty, policy), [], len(kept)
    if isinstance(then, str):
        raise ValueError(f"then must be 'respond', 'none' or a list of actions, not {then!r}")
    tried = [a.model_copy(update={"t": max(a.t, at_t)}) for a in then]
    return _run(scenario, seed, kept + tried, difficulty, policy), tried, len(kept)


def branch(
    scenario: Scenario,
    seed: int | None,
    actions: Sequence[Action],
    at_t: float,
    then: str | Sequence[Action],
    difficulty: str | None = None,
    policy: str = "as-built",
    refs: Counterfactuals | None = None,
    original: RunResult | None = None,
) -> Branch:
    """Re-run the drill from ``at_t`` with ``then`` deciding (see the module doc).

    ``refs`` are the scenario's counterfactual runs for ``seed`` if the caller has
    them, and ``original`` the run of ``actions`` (the debrief already has it; the
    engine is deterministic, so it equals a replay). ``RewindError`` for a branch point
    outside the drill or actions the engine refuses (e.g. tried before the page).
    """
    seed = scenario.seed if seed is None else seed
    branched, tried, kept = branch_run(scenario, seed, actions, at_t, then, difficulty, policy)
    if original is None:
        original = _run(scenario, seed, sorted(actions, key=lambda a: a.t), difficulty, policy)
    refs = refs or counterfactuals(scenario, seed)
    d_orig = compare(scenario, seed, original, refs)
    d_branch = compare(scenario, seed, branched, refs)
    t_orig, t_branch = Totals.of(d_orig, original), Totals.of(d_branch, branched)
    diff = {
        k: round(float(getattr(t_branch, k)) - float(getattr(t_orig, k)), 2) for k in TOTAL_KEYS
    }
    return Branch(
        at_t=float(at_t),
        then="actions" if not isinstance(then, str) else then,  # type: ignore[arg-type]
        tried=tried,
        kept=kept,
        dropped=len(actions) - kept,
        original=original,
        branched=branched,
        original_debrief=d_orig,
        branch_debrief=d_branch,
        original_totals=t_orig,
        branch_totals=t_branch,
        difference=diff,
    )
