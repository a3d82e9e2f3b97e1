"""What the debrief screen shows, computed off the UI thread.

Scores, verdicts, incident metrics and the comparison come from
``wargame.scoring.compare``; the model's own run (same seed) is run here too,
for the player-versus-model charts. The Markdown report comes from
``wargame.scoring.report_markdown`` when scoring provides it; otherwise a
shorter report is written from the same debrief.
"""

from __future__ import annotations

from dataclasses import dataclass

from wargame.engine import Engine
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock
from wargame.scoring import Debrief, compare


@dataclass
class DebriefData:
    """The player's run, the model's run of the same seed, and the scoring debrief."""

    scenario: Scenario
    seed: int
    player: RunResult
    model: RunResult
    debrief: Debrief


def build(scenario: Scenario, seed: int, player: RunResult) -> DebriefData:
    """Score the run (runs the counterfactuals: a fraction of a second per scenario)."""
    engine = Engine(scenario, seed=seed, policy="model")
    engine.run([])
    model = engine.result()
    return DebriefData(scenario, seed, player, model, compare(scenario, seed, player))


def report(data: DebriefData, date: str | None = None) -> str:
    """The post-incident report as Markdown."""
    try:
        from wargame.scoring import report_markdown  # type: ignore[attr-defined]
    except ImportError:
        return _fallback_report(data)
    try:
        return report_markdown(data.debrief, data.player, data.scenario, date=date)
    except TypeError:
        return report_markdown(data.debrief, data.player, data.scenario)


def _fallback_report(data: DebriefData) -> str:
    d, sc = data.debrief, data.scenario
    s = d.scores
    lines = [
        f"# Post-incident report: {sc.title} (seed {d.seed})",
        "",
        f"Grade **{s.grade}**, overall {s.overall:g}/100. {s.verdict}",
        "",
        "| axis | score | cost | model | worst naive |",
        "|---|---|---|---|---|",
    ]
    for a in (s.revenue, s.trust, s.safety):
        lines.append(
            f"| {a.axis} | {a.score:g} | {a.cost:g} | {a.model_cost:g} | {a.worst_cost:g} |"
        )
    lines += ["", "## Comparison (same seed)", ""]
    lines.append("| run | downtime min | lost revenue | refunds | tickets | violations | grade |")
    lines.append("|---|---|---|---|---|---|---|")
    for r in d.comparison:
        lines.append(
            f"| {r.run} | {r.downtime_min:g} | {r.lost_revenue:g} | {r.refunds:g} | "
            f"{r.tickets} | {r.violations} | {r.grade} |"
        )
    lines += ["", "## Features", ""]
    for v in d.verdicts:
        lines += [
            f"### {v.name}: {v.status}",
            "",
            f"- yours during the partition: `{v.partition_policy}`; model: `{v.model_policy}`",
            f"- why: {' '.join(v.model_why.split())}",
            f"- {v.lesson}",
            "",
        ]
    lines += ["## Timeline", ""]
    lines += [f"- {format_clock(e.t)} {e.type}: {e.text}" for e in data.player.timeline]
    return "\n".join(lines) + "\n"
