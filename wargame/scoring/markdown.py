"""Rendering a :class:`~wargame.scoring.report.Report` as Markdown.

Plain CommonMark with pipe tables; the consistency contract comes last so it
can be cut out and published on its own.
"""

from __future__ import annotations

from wargame.model.timefmt import format_clock
from wargame.scoring import rules
from wargame.scoring.contract import ContractRow
from wargame.scoring.models import AxisScore
from wargame.scoring.narrative import money
from wargame.scoring.report import Report


def cell(text: object) -> str:
    """Table-safe text: pipes escaped, newlines folded."""
    return " ".join(str(text).split()).replace("|", "\\|")


def table(head: list[str], rows: list[list[object]]) -> list[str]:
    """A pipe table."""
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out


def contract_table(rows: list[ContractRow]) -> list[str]:
    """The consistency contract as a pipe table (the report's last section)."""
    return table(
        ["Feature", "During a partition", "What users see", "Who is paged", "After the heal"],
        [[c.name, c.choice, c.users_see, c.paged, c.recovery] for c in rows],
    )


def _axis_row(a: AxisScore, currency: str) -> list[object]:
    def fmt(v: float) -> str:
        if a.axis == "revenue":
            return money(v, currency)
        return f"{v:,.0f}" if a.axis == "trust" else f"{v:g}"

    parts = ", ".join(f"{k} {fmt(v)}" for k, v in a.parts.items() if v) or "none"
    return [a.axis, f"{a.score:g}", fmt(a.cost), fmt(a.model_cost),
            f"{fmt(a.worst_cost)} ({a.worst_policy})", parts]  # fmt: skip


MARKS = {"good": "good", "questionable": "questionable", "bad": "BAD"}
"""How each judgment mark is written in the report."""


def judged(r: Report) -> list[str]:
    """The section judging every decision (and every omission that mattered)."""
    out = ["## Every decision judged", ""]
    if not r.judgments:
        return out + ["No decision to judge: nothing was done and nothing was missed.", ""]
    rows = [
        [
            format_clock(j.t) if j.t is not None else "never",
            j.action or f"(not done: {j.topic})",
            MARKS[j.mark],
            j.text,
        ]
        for j in r.judgments
    ]
    return out + table(["Sim clock", "Decision", "Judged", "Why"], rows) + [""]


def moments(r: Report, currency: str) -> list[str]:
    """The section on the moment to act per feature (left out when not measured)."""
    if not r.moments:
        return []
    out = [
        "## The moment to act",
        "",
        "When the console first supported each change the model makes (the responder's "
        "moment: it sees only the console), and what waiting cost, measured by replaying "
        "your run with that change made then.",
        "",
    ]
    rows = []
    for m in r.moments:
        cost = (
            f"{money(m.cost_money, currency)}, {m.cost_user_minutes:,.0f} user-minutes, "
            f"{m.cost_violations} violation(s)"
            if m.measured
            else "-"
        )
        rows.append(
            [
                m.name,
                "; ".join(m.change),
                "never" if m.signals_at is None else format_clock(m.signals_at),
                "; ".join(m.visible[:3])
                + (f" (+{len(m.visible) - 3} more)" if len(m.visible) > 3 else ""),
                "never" if m.player_at is None else format_clock(m.player_at),
                cost,
            ]
        )
    head = ["Feature", "Change", "Signals supported it", "What showed", "You acted", "Delay cost"]
    return out + table(head, rows) + [""]


def render(r: Report) -> str:
    """The report as Markdown text (ends with a newline)."""
    d = r.debrief
    s = d.scores
    m = d.incident_metrics
    cur = d.currency
    out = [f"# {r.title}", ""]
    out += [
        f"- **Date:** {r.date or 'not recorded'}",
        f"- **Scenario:** {r.scenario} (seed {r.seed})",
        f"- **Duration:** {r.incident_duration} of partition in a {r.drill_duration} drill",
        f"- **Severity:** {r.severity}",
        f"- **Users affected:** {r.users_affected}",
        f"- **Result:** {r.summary}",
        "",
        "## Timeline",
        "",
        "Sim clock, with T counted from the start of the partition.",
        "",
    ]
    out += table(
        ["Sim clock", "Kind", "What happened"], [[x.clock, x.kind, x.text] for x in r.timeline]
    )
    out += ["", "## What you saw, what was true, what you believed", ""]
    out += table(
        ["Sim clock", "Kind", "What", "Judged"],
        [[format_clock(x.t), x.strand, x.text, x.mark or ""] for x in r.beliefs.lines],
    )
    out += ["", r.beliefs.summary, "", "## Root cause", ""]
    for para in r.root_cause:
        out += [para, ""]
    out += ["## User impact", ""] + [f"- {x}" for x in r.impact] + [""]
    out += ["## Resolution", ""] + [f"- {x}" for x in r.resolution] + [""]
    out += ["## What went well", ""] + [f"- {x}" for x in r.went_well] + [""]
    out += ["## What went wrong", ""] + [f"- {x}" for x in r.went_wrong] + [""]
    out += judged(r) + moments(r, cur)
    out += ["## Scores", ""]
    out += table(["Axis", "Score", "Your cost", "Responder (100)", "0 mark", "Made of"],
                 [_axis_row(a, cur) for a in (s.revenue, s.trust, s.safety)])  # fmt: skip
    w = s.weights
    hand = s.handling.score if s.handling else 0.0
    parts = ", ".join(f"{k} {v:g}" for k, v in (s.handling.parts if s.handling else {}).items())
    out += [
        "",
        f"Incident handling: {hand:g} ({parts or 'nothing to judge'}).",
        "",
        f"Overall = ({w['revenue']:.2f} x revenue + {w['trust']:.2f} x trust + "
        f"{w['safety']:.2f} x safety + {w.get('handling', 0):.2f} x handling) "
        f"x harm factor (1 - {rules.HARM_SHARE:g} x (1 - safety/100)) = {s.overall:g}"
        + (f"; {s.cap_reason}" if s.cap_reason else "")
        + f". Grade {s.grade}.",
        "",
    ]
    out += [f"- Bonus: {b}" for b in s.bonus] + ([""] if s.bonus else [])
    out += ["Same seed, other policies:", ""]
    head = ["Run", "Revenue path down (min)", "Lost revenue", "Refunds", "Oversold", "Duplicates",
            "Tickets", "Violations", "Revenue", "Trust", "Safety", "Overall"]  # fmt: skip
    rows = [
        [
            c.run,
            f"{c.downtime_min:g}",
            money(c.lost_revenue, cur),
            money(c.refunds, cur),
            c.oversold,
            c.duplicates,
            c.tickets,
            c.violations,
            f"{c.revenue:g}",
            f"{c.trust:g}",
            f"{c.safety:g}",
            f"{c.overall:g} ({c.grade})",
        ]  # fmt: skip
        for c in d.comparison
    ]
    out += table(head, rows) + ["", "## Incident metrics", ""]
    out += table(
        ["Metric", "Value", "Definition"], [[x.name, x.value, x.definition] for x in r.metrics]
    )
    pages = [
        f"{p.team}: "
        + ("not paged" if p.paged_at is None else f"paged at {format_clock(p.paged_at)}")
        for p in m.teams_expected
    ]
    teams = "; ".join(pages) or "none needed"
    out += [
        "",
        f"- Severity declared: {m.severity_declared or 'none'}; warranted: "
        f"{m.severity_warranted} ({m.severity_reason}).",
        f"- Teams the impact called for: {teams}. Paged: {', '.join(m.teams_paged) or 'nobody'}.",
        "",
        "## Lessons learned",
        "",
    ]
    out += [f"- {x}" for x in r.lessons] + ["", "## Action items", ""]
    out += [f"- [ ] {x}" for x in r.action_items] + ["", "## Consistency contract", ""]
    out += contract_table(r.contract)
    return "\n".join(out) + "\n"
