"""The readable (Rich) summary of a headless run."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock


def money(value: float, currency: str = "USD") -> str:
    """$1,234 style (other currencies as a suffix)."""
    text = f"{value:,.0f}"
    return f"${text}" if currency == "USD" else f"{text} {currency}"


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
    for col in (
        "feature",
        "requests",
        "errors",
        "stale",
        "pending",
        "lost",
        "dup",
        "oversold",
        "lies",
        "violations",
        "revenue",
        "lost rev.",
        "refunds",
    ):
        table.add_column(col, justify="left" if col == "feature" else "right")
    for fid, f in result.features.items():
        table.add_row(
            fid,
            f"{f.requests:,}",
            f"{f.errors:,}",
            f"{f.stale_reads:,}",
            f"{f.pending:,}",
            f"{f.lost_writes:,}",
            f"{f.duplicates:,}",
            f"{f.oversold:,}",
            f"{f.false_indicators:,}",
            f"{f.violations:,}",
            money(f.revenue, cur),
            money(f.lost_revenue, cur),
            money(f.refunds, cur),
        )
    table.add_row(
        "[bold]total",
        f"{t.requests:,}",
        f"{t.errors:,}",
        f"{t.stale_reads:,}",
        f"{t.pending:,}",
        f"{t.lost_writes:,}",
        f"{t.duplicates:,}",
        f"{t.oversold:,}",
        f"{t.false_indicators:,}",
        f"{t.violations:,}",
        money(t.revenue, cur),
        money(t.lost_revenue, cur),
        money(t.refunds, cur),
    )
    console.print(table)
    by = ", ".join(f"{k} {v:,}" for k, v in result.tickets.by_symptom.items()) or "none"
    console.print(f"Tickets: {result.tickets.total:,} ({by})")
    console.print(f"Alerts: {len(result.alerts)}")
    for a in result.alerts[:12]:
        console.print(f"  {format_clock(a.t)} {a.severity:8} {a.rule:17} {a.region:10} {a.message}")
    if len(result.alerts) > 12:
        console.print(f"  ... and {len(result.alerts) - 12} more")
