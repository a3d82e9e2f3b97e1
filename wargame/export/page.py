"""The whole debrief as one Markdown document or one self-contained HTML page.

:func:`debrief_page` gathers what the debrief screen shows (scores and
axes, stars, the comparison, the charts, a branch if one was made, the
feature verdicts, incident handling, the saw / true / believed timeline) and
appends the post-incident report (:func:`wargame.scoring.report_markdown`),
its headings moved one level down. :meth:`DebriefPage.markdown` draws the
charts as text; :meth:`DebriefPage.html` renders the same Markdown with raw
HTML disabled (so every scenario or player text is escaped) and puts each
chart in as an inline SVG: no scripts, no external assets.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from wargame.export import text
from wargame.export.charts import Chart, svg_chart, text_chart
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock
from wargame.scoring import Debrief, report_markdown, rules
from wargame.scoring.belief import belief_timeline
from wargame.scoring.markdown import table
from wargame.scoring.runs import Counterfactuals
from wargame.tui import fmt

RUN_NAMES = {"player": "you", "all-cp": "all CP", "all-ap": "all AP"}

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #1b1b1b; background: #fff; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
pre { background: #f6f6f6; padding: 0.5rem; overflow-x: auto; }
svg { max-width: 100%; height: auto; font-size: 12px; }
@media (prefers-color-scheme: dark) {
  body { color: #e6e6e6; background: #161616; }
  th { background: #2a2a2a; } pre { background: #222; } svg text { fill: #e6e6e6; }
}
"""
"""The page's own style sheet (inline: the page loads nothing else)."""


@dataclass
class DebriefPage:
    """The debrief as blocks: Markdown text, and charts (drawn per medium)."""

    title: str
    blocks: list[str | Chart] = field(default_factory=list)

    def markdown(self) -> str:
        """The whole debrief as Markdown (charts as text in code blocks)."""
        out = []
        for b in self.blocks:
            out.append(f"```text\n{text_chart(b)}\n```\n" if isinstance(b, Chart) else b)
        return "\n".join(out).rstrip("\n") + "\n"

    def html(self) -> str:
        """One self-contained HTML page: escaped text, inline style, inline SVG charts."""
        md = MarkdownIt("commonmark", {"html": False}).enable("table")
        body = []
        for b in self.blocks:
            if isinstance(b, Chart):
                body.append(f"<figure>{svg_chart(b)}</figure>")
            else:
                body.append(md.render(b))
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(self.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
            "<body>\n" + "\n".join(body) + "</body>\n</html>\n"
        )


def _md(lines: Sequence[str]) -> str:
    return "\n".join(lines) + "\n"


def _esc(value: object) -> str:
    """Inline text with Markdown punctuation escaped (a title cannot become a link or a tag).

    Pipes are left to :func:`~wargame.scoring.markdown.table`, which escapes them in cells.
    """
    return re.sub(r"([\\`*_{}\[\]<>#!~])", r"\\\1", " ".join(str(value).split()))


def _smooth(values: Sequence[float], n: int) -> list[float]:
    if n <= 1 or not values:
        return list(values)
    half = n // 2
    return [
        sum(w) / len(w)
        for i in range(len(values))
        for w in [values[max(0, i - half) : i + half + 1]]
    ]


def charts(
    player: RunResult, model: RunResult | None, branch: RunResult | None, currency: str
) -> list[Chart]:
    """Revenue per minute and error rate (1-minute averages): you, the model, the branch."""
    n = max(1, round(60 / player.tick_s))
    runs = [("you", player)] + ([("model", model)] if model else [])
    runs += [("branch", branch)] if branch else []
    windows = [(float(a), float(b)) for a, b in player.partition_windows]
    out = []
    for title, metric, f in (
        ("Revenue per minute (1-min average)", "revenue_per_min", lambda v: fmt.money(v, currency)),
        ("Error rate (1-min average)", "error_rate", fmt.pct),
    ):
        series = [(name, _smooth(r.series.metrics.get(metric, []), n)) for name, r in runs]
        out.append(Chart(title, list(player.series.t), series, windows, f))
    return out


def _scores(d: Debrief, zero_costs: Mapping[str, float]) -> list[str]:
    s = d.scores
    axes = (s.revenue, s.trust, s.safety)
    lines = [
        "## Scores",
        "",
        f"**Grade {s.grade}**, overall {s.overall:.0f}/100"
        + (f" (capped: {_esc(s.cap_reason)})" if s.capped else "")
        + ".",
        "",
        f"*{_esc(s.verdict)}*",
        "",
    ]
    if s.verdict.startswith(("L5", "L6")):
        lines += [_esc(text.LEVELS_NOTE), ""]
    lines += [f"- ★ {_esc(x)}" for x in text.stars(axes, text.live_axes(s.bonus), d.currency)]
    lines += [""] if s.bonus else []
    rows: list[list[object]] = []
    for a in axes:
        rows.append(
            [
                a.axis,
                f"{a.score:.1f}",
                a.unit,
                text.axis_costs(a, zero_costs.get(a.axis), d.currency),
            ]  # fmt: skip
        )
    lines += table(["Axis", "Score /100", "Unit", "What the numbers are"], rows)
    hand = s.handling.score if s.handling else 0.0
    return lines + ["", f"Incident handling: {hand:g}/100.", ""]


def _comparison(d: Debrief) -> list[str]:
    head = ["Run", "Grade", "Overall", "Revenue", "Trust", "Safety", "Downtime (min)",
            "Lost revenue", "Refunds", "Oversold", "Dupes", "Tickets", "Violations"]  # fmt: skip
    rows = [
        [
            RUN_NAMES.get(r.run, r.run),
            r.grade,
            f"{r.overall:.0f}",
            f"{r.revenue:.0f}",
            f"{r.trust:.0f}",
            f"{r.safety:.0f}",
            f"{r.downtime_min:.1f}",
            fmt.money(r.lost_revenue, d.currency),
            fmt.money(r.refunds, d.currency),
            r.oversold,
            r.duplicates,
            fmt.count(r.tickets),
            r.violations,
        ]  # fmt: skip
        for r in d.comparison
    ]
    return ["## Same incident, same seed", "", *table(head, rows), ""]


def _verdicts(d: Debrief) -> list[str]:
    start = d.incident_metrics.incident_start_s
    out = ["## Feature by feature", ""]
    for v in d.verdicts:
        ok = v.matches_model
        spans = " → ".join(f"{format_clock(c.t)} {c.policy}" for c in v.timeline)
        out += [
            f"### {'✓' if ok else '✗'} {_esc(v.name)} ({v.kind.replace('_', ' ')}): "
            f"{v.status.upper()}",
            "",
            f"- Yours: {spans} (during the partition: {v.partition_policy}, {v.origin})",
            f"- Model: {v.model_policy} with {v.model_resolution} resolution; first correct "
            f"change: {text.first_change(v.first_correct_change_s, ok, start)}",
            f"- Why: {_esc(v.model_why)}",
            f"- Cost: {fmt.money(v.cost.revenue, d.currency)} revenue, "
            f"{fmt.count(v.cost.trust)} user-minutes, {v.cost.safety:g} weighted harm (model: "
            f"{fmt.money(v.model_cost.revenue, d.currency)}, {fmt.count(v.model_cost.trust)}, "
            f"{v.model_cost.safety:g})",
            f"- {_esc(v.lesson)}",
            "",
        ]
    return out


def _branch(branch, title: str, currency: str) -> list[str]:
    if branch is None:
        return []
    rows = text.branch_rows(
        branch.original_totals.model_dump(), branch.branch_totals.model_dump(), currency
    )
    head = title or text.branch_title(
        branch.at_t, branch.then, [a.describe() for a in branch.tried], branch.dropped
    )
    return [
        "## Branch",
        "",
        _esc(head) + ".",
        "",
        *table(["Axis", "Yours", "Branch", "Difference"], [list(r) for r in rows]),
        "",
    ]


def _demote(markdown: str) -> str:
    """The report's headings one level down, under this page's own title."""
    return re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", markdown, flags=re.M)


def debrief_page(
    scenario: Scenario,
    seed: int,
    player: RunResult,
    debrief: Debrief,
    *,
    model: RunResult | None = None,
    zero_costs: Mapping[str, float] | None = None,
    branch=None,
    branch_title: str = "",
    date: str | None = None,
    moments: list | None = None,
) -> DebriefPage:
    """The whole debrief of one run (``branch``: a :class:`wargame.rewind.Branch`, if made).

    The report at the end carries every decision judged and, given ``moments``
    (:func:`wargame.judge.moments_to_act`), the moment to act per feature.
    """
    d = debrief
    title = f"Debrief: {scenario.title}"
    head = [
        f"# {_esc(title)}",
        "",
        f"- **Scenario:** {_esc(scenario.id)} (seed {seed})",
        f"- **Date:** {_esc(date or 'not recorded')}",
        f"- **Difficulty:** {_esc(player.difficulty)}",
        "",
    ]
    m = d.incident_metrics
    trend = text.partition_errors(
        player.series.t, player.series.metrics.get("error_rate", []),
        m.incident_start_s, m.incident_end_s,
    )  # fmt: skip
    incident = text.incident_rows(m, scenario.thresholds.error_rate, trend)
    beliefs = belief_timeline(player)
    blocks: list[str | Chart] = [
        _md(head + _scores(d, zero_costs or {}) + _comparison(d)),
        _md(["## Charts", "", "The shaded span is the partition."]),
        *charts(player, model, branch.branched if branch is not None else None, d.currency),
        _md(_branch(branch, branch_title, d.currency) + _verdicts(d)),
        _md(
            ["## Incident handling", ""]
            + table(["", "What happened"], [[k, v] for k, v in incident])
            + ["", "## What you saw, what was true, what you believed", ""]
            + table(
                ["Sim clock", "Strand", "What", "Judged"],
                [[format_clock(x.t), x.strand, _esc(x.text), x.mark or ""] for x in beliefs.lines],
            )
            + ["", _esc(beliefs.summary), ""]
        ),
        _demote(report_markdown(d, player, scenario, date=date, moments=moments)),
    ]
    return DebriefPage(title, blocks)


def zero_mark_costs(scenario: Scenario, refs: Counterfactuals) -> dict[str, float]:
    """Axis -> what the run that sets the 0 mark (as-built) itself cost on it."""
    zero = rules.run_costs(refs.runs[rules.ZERO_MARK], scenario, refs.baseline)
    return {axis: round(zero.total(axis), 2) for axis in rules.AXES}


def page_of_run(scenario: Scenario, result: RunResult, date: str | None = None) -> DebriefPage:
    """The whole debrief of a run, its counterfactual runs made here (the CLI's path)."""
    from wargame.judge import moments_to_act
    from wargame.scoring import compare
    from wargame.scoring.runs import counterfactuals

    refs = counterfactuals(scenario, result.seed)
    debrief = compare(scenario, result.seed, result, refs)
    return debrief_page(
        scenario,
        result.seed,
        result,
        debrief,
        model=refs.runs["model"],
        zero_costs=zero_mark_costs(scenario, refs),
        date=date,
        moments=moments_to_act(scenario, result, refs),
    )
