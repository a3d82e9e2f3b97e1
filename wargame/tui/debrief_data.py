"""What the debrief screen shows, computed off the UI thread.

Scores, verdicts, incident metrics and the comparison come from
``wargame.scoring.compare``; its counterfactual runs are made once here, so the
model's run (same seed) also feeds the player-versus-model charts, and a
branch from the rewind cursor is scored against the same references. The
Markdown report is ``wargame.scoring.report_markdown``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wargame.export.page import zero_mark_costs
from wargame.judge import Judgment, MomentToAct, judge_decisions, moments_to_act
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.scoring import Debrief, compare, report_markdown
from wargame.scoring.runs import Counterfactuals, counterfactuals


@dataclass
class DebriefData:
    """The player's run, the model's run of the same seed, and the scoring debrief."""

    scenario: Scenario
    seed: int
    player: RunResult
    model: RunResult
    debrief: Debrief
    zero_costs: dict[str, float] = field(default_factory=dict)
    """Axis -> what the run that sets the 0 mark (as-built) itself cost on it."""
    refs: Counterfactuals | None = None
    """The reference runs (kept so a branch is scored against the same marks)."""
    judgments: list[Judgment] = field(default_factory=list)
    """Every decision of the run judged, then what was never done."""
    moments: list[MomentToAct] = field(default_factory=list)
    """The moment to act per feature the model changes, with what the delay cost."""


def build(scenario: Scenario, seed: int, player: RunResult) -> DebriefData:
    """Score and judge the run (runs the counterfactuals, and one replay per feature the
    model changes for the moments to act: about a second per scenario)."""
    refs = counterfactuals(scenario, seed)
    debrief = compare(scenario, seed, player, refs)
    return DebriefData(
        scenario,
        seed,
        player,
        refs.runs["model"],
        debrief,
        zero_costs=zero_mark_costs(scenario, refs),
        refs=refs,
        judgments=judge_decisions(player, scenario, debrief),
        moments=moments_to_act(scenario, player, refs),
    )


def report(data: DebriefData, date: str | None = None) -> str:
    """The post-incident report as Markdown (scoring's report, with its contract)."""
    return report_markdown(
        data.debrief, data.player, data.scenario, date=date, moments=data.moments
    )
