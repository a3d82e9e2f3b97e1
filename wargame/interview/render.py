"""Design results and contracts as text: the headless debrief and the Markdown export.

:func:`debrief_text` prints a :class:`~wargame.interview.design.DesignResult`
for a terminal (``wargame design``); :func:`contract_markdown` exports a
candidate's contract as Markdown, its table in the same shape as the
post-incident report's consistency contract (the same renderer), followed by
each feature's reason and justification.
"""

from __future__ import annotations

import textwrap

from wargame.interview.contract import Contract
from wargame.interview.models import DesignResult
from wargame.interview.reasons import statements
from wargame.model.scenario import Scenario
from wargame.scoring.contract import contract as contract_rows
from wargame.scoring.markdown import cell, contract_table

WIDTH = 88


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [
        indent
    ]


def debrief_text(r: DesignResult, scenario: Scenario) -> str:
    """The design debrief for a terminal (ends with a newline)."""
    who = f" by {r.candidate}" if r.candidate else ""
    out = [
        f"Design{who} for {scenario.title} (seed {r.seed})",
        "",
        f"Score {r.score:g} ({r.grade}); the model's own design scores {r.model_score:g} on "
        f"the same incident ({r.points_vs_model:+g}).",
        f"Reasons that hold: {r.reasons_right} of {len(r.features)}.",
        "",
    ]
    out += _wrap(r.levels, "")
    out += _wrap(r.verdict, "")
    out += ["", "Signals"]
    for s in r.signals:
        out += _wrap(f"{s.level:9} {s.name}: {s.evidence}")
    out += ["", "Feature by feature"]
    for f in r.features:
        mark = "matches the model" if f.matches_model else "differs from the model"
        out.append("")
        out.append(f"  {f.name} ({f.kind}): {f.policy}, {mark}; model {f.model_policy}")
        out += _wrap(f"Users see: {f.users_see}.", "    ")
        for d in f.deviations:
            out += _wrap(f"- {d.setting}: {d.chosen} (model: {d.model}): {d.consequence}.", "    ")
        if f.cost_vs_model:
            out += _wrap(
                f"In the run: {f.cost_vs_model} than the model ({f.points_lost:g} points).", "    "
            )
        rv = f.reason
        if rv.chosen is None:
            out += _wrap(f"Reason: none given. The one that holds ({rv.right}):", "    ")
            out += _wrap(rv.right_text, "      ")
        elif rv.correct:
            out += _wrap(f"Reason {rv.chosen}: right, {rv.label}.", "    ")
        else:
            out += _wrap(f"Reason {rv.chosen}: wrong, {rv.label}. {rv.explanation}", "    ")
            out += _wrap(f"The one that holds ({rv.right}): {rv.right_text}", "      ")
        if f.justification:
            out += _wrap(f"Your words: {f.justification}", "    ")
    out += ["", "Against the references (same seed; the model's design = 100)"]
    for row in r.debrief.comparison:
        name = "your design" if row.run == "player" else row.run
        out.append(
            f"  {name:12} {row.overall:6.1f} {row.grade:2}  downtime {row.downtime_min:g} min, "
            f"tickets {row.tickets:,}, violations {row.violations:,}"
        )
    return "\n".join(out) + "\n"


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return f"{value:g}" if isinstance(value, float) else str(value)


def contract_markdown(contract: Contract, scenario: Scenario) -> str:
    """The candidate's consistency contract as Markdown (ends with a newline)."""
    design = {
        f.id: (
            contract.features[f.id].policy,
            contract.features[f.id].resolution or f.resolution,
        )
        for f in scenario.features
    }
    who = contract.candidate or "a candidate"
    out = [
        f"# Consistency contract: {cell(scenario.title)}",
        "",
        f"Designed by {cell(who)} for scenario `{scenario.id}`.",
        "",
        "## Consistency contract",
        "",
    ]
    out += contract_table(contract_rows(scenario, design))
    out += ["", "## Settings and reasons", ""]
    for f in scenario.features:
        choice = contract.features[f.id]
        knobs = choice.knobs.model_dump(exclude_none=True)
        levers = ", ".join(f"{k} {_value(v)}" for k, v in knobs.items()) or "as built"
        out.append(f"### {cell(f.name)}")
        out.append("")
        out.append(f"- Policy: {choice.policy}; resolution: {design[f.id][1]}; knobs: {levers}")
        picked = next((s for s in statements(scenario, f) if s.key == choice.reason), None)
        out.append(f"- Reason: {cell(picked.text) if picked else 'none given'}")
        if choice.justification:
            out.append(f"- Justification: {cell(choice.justification)}")
        out.append("")
    return "\n".join(out)
