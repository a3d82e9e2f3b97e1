"""The readable (Rich) summary of a headless run."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock


def compact(value: float) -> str:
    """1,234 / 45.6K / 7.89M: short enough for an 80-column table."""
    if abs(value) >= 1e9:
        return f"{value / 1e9:.2f}B"
    if abs(value) >= 1e6:
        return f"{value / 1e6:.2f}M"
    if abs(value) >= 1e5:
        return f"{value / 1e3:.1f}K"
    return f"{value:,.0f}"


def money(value: float, currency: str = "USD") -> str:
    """$1,234 / $2.09M style (other currencies as a suffix)."""
    text = compact(value)
    return f"${text}" if currency == "USD" else f"{text} {currency}"


SYMPTOMS = (
    ("pending", "pending"),
    ("lost_writes", "lost"),
    ("duplicates", "dup"),
    ("conflicts", "conflicts"),
    ("oversold", "oversold"),
    ("false_indicators", "lies"),
    ("over_limit", "over limit"),
    ("safety_violations", "SAFETY"),
    ("financial_violations", "FINANCIAL"),
    ("compliance_violations", "COMPLIANCE"),
)


def symptoms(c) -> str:
    """The non-zero counters besides errors and stale reads, e.g. 'oversold 17, lost 3'."""
    return ", ".join(
        f"{label} {getattr(c, name):,}" for name, label in SYMPTOMS if getattr(c, name)
    )


def print_summary(result: RunResult, scenario: Scenario, console: Console | None = None) -> None:
    """Print totals, a per-feature table, tickets and alerts."""
    console = console or Console()
    cur = scenario.business.currency
    t = result.totals
    console.print(
        f"[bold]{result.title}[/]  seed {result.seed}  policy {result.policy}  "
        f"duration {format_clock(result.duration_s)}"
    )
    table = Table(title="Outcomes per feature", show_lines=False)
    for col in ("feature", "requests", "errors", "stale", "revenue", "lost rev.", "refunds"):
        table.add_column(col, justify="left" if col == "feature" else "right")
    rows = [(fid, f) for fid, f in result.features.items()] + [("total", t)]
    for name, c in rows:
        table.add_row(
            name,
            compact(c.requests),
            compact(c.errors),
            compact(c.stale_reads),
            money(c.revenue, cur),
            money(c.lost_revenue, cur),
            money(c.refunds, cur),
        )
    console.print(table)
    for name, c in rows[:-1]:
        if symptoms(c):
            console.print(f"  {name}: {symptoms(c)}")
    by = ", ".join(f"{k} {v:,}" for k, v in result.tickets.by_symptom.items()) or "none"
    console.print(f"Tickets: {result.tickets.total:,} ({by})")
    console.print(f"Alerts: {len(result.alerts)}")
    for a in result.alerts[:12]:
        console.print(f"  {format_clock(a.t)} {a.severity:8} {a.rule:17} {a.region:10} {a.message}")
    if len(result.alerts) > 12:
        console.print(f"  ... and {len(result.alerts) - 12} more")


def grade_line(scores: dict) -> str:
    """One line: the grade, the overall score and each axis (from ``debrief_json``'s scores)."""
    axes = ", ".join(
        f"{name} {scores[name]['score']:g}"
        for name in ("revenue", "safety", "trust")
        if isinstance(scores.get(name), dict) and "score" in scores[name]
    )
    line = f"Grade {scores.get('grade', '?')}: {scores.get('overall', 0):g}/100"
    if axes:
        line += f" ({axes})"
    if scores.get("capped") and scores.get("cap_reason"):
        line += f"; capped: {scores['cap_reason']}"
    if scores.get("verdict"):
        line += f"\n{scores['verdict']}"
    return line
