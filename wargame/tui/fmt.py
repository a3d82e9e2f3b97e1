"""Plain-text formatting shared by the widgets: numbers, metric names, glyphs.

Every state the console shows has a word or glyph as well as a colour, so
nothing depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock


def clock(seconds: float) -> str:
    """``T+mm:ss``."""
    return f"T+{format_clock(seconds)}"


def speed(x: float) -> str:
    """``0.5x``, ``4x``."""
    return f"{x:g}x"


def money(value: float, currency: str = "USD") -> str:
    """``$1.2M``, ``$83k``, ``$950`` (other currencies get their code)."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    if v >= 1e6:
        text = f"{v / 1e6:.1f}M"
    elif v >= 1e4:
        text = f"{v / 1e3:.0f}k"
    elif v >= 1e3:
        text = f"{v / 1e3:.1f}k"
    else:
        text = f"{v:.0f}"
    prefix = "$" if currency == "USD" else f"{currency} "
    return f"{sign}{prefix}{text}"


def count(value: float) -> str:
    """``12``, ``4.5k``, ``1.2M``."""
    v = abs(value)
    if v >= 1e6:
        return f"{value / 1e6:.1f}M"
    if v >= 1e4:
        return f"{value / 1e3:.0f}k"
    if v >= 1e3:
        return f"{value / 1e3:.1f}k"
    return f"{value:.0f}"


def pct(value: float) -> str:
    """A share as ``12%`` (``0.4%`` below 1%)."""
    if 0 < value < 0.01:
        return f"{value * 100:.1f}%"
    return f"{value * 100:.0f}%"


@dataclass(frozen=True)
class MetricSpec:
    """How the console shows one metric."""

    name: str
    label: str
    """Short label for narrow panels."""
    title: str
    """Longer label for the help screen and wide panels."""
    limit: float | None
    """Alert threshold (None: no alert on this metric)."""
    above: bool = True
    """True when values above the limit are bad, False when below is bad."""

    def fmt(self, value: float) -> str:
        """Format a value of this metric."""
        n = self.name
        if n == "p99_ms":
            return f"{value / 1000:.1f}s" if value >= 1000 else f"{value:.0f}ms"
        if n == "lag_s":
            return f"{value / 60:.0f}m" if value >= 600 else f"{value:.0f}s"
        if n in ("quorum", "write_rejections", "stale_rate", "error_rate"):
            return pct(value)
        if n == "revenue_per_min":
            return money(value)
        return count(value)

    def breached(self, value: float) -> bool:
        """True when the value is past the alert threshold."""
        if self.limit is None:
            return False
        return value > self.limit if self.above else value < self.limit

    def threshold(self) -> str:
        """``>525ms``, ``<99%``, or an empty string."""
        if self.limit is None:
            return ""
        sign = ">" if self.above else "<"
        if self.name == "conflicts_per_min":
            return ">0"
        return sign + self.fmt(self.limit)


def baseline_p99(scenario: Scenario) -> float:
    """The p99 baseline the latency alert compares against (the scenario defines it)."""
    return scenario.baseline_p99_ms()


def metric_specs(scenario: Scenario) -> dict[str, MetricSpec]:
    """The console's metrics with the scenario's thresholds."""
    th = scenario.thresholds
    return {
        m.name: m
        for m in (
            MetricSpec(
                "p99_ms", "p99", "cross-region p99", th.latency_factor * baseline_p99(scenario)
            ),
            MetricSpec("lag_s", "lag", "replication lag", th.lag_s),
            MetricSpec("quorum", "quorum", "quorum reachable", 0.99, above=False),
            MetricSpec("write_rejections", "w-reject", "write rejections", th.rejection_rate),
            MetricSpec("conflicts_per_min", "confl/m", "conflicts per minute", 0.0),
            MetricSpec("stale_rate", "stale", "stale reads", th.stale_rate),
            MetricSpec("error_rate", "errors", "error rate", th.error_rate),
            MetricSpec("revenue_per_min", "rev/m", "revenue per minute", None),
            MetricSpec("tickets_per_min", "tix/m", "tickets per minute", None),
        )
    }


LINK_GLYPH: dict[str, str] = {"up": "──", "slow": "~~", "lossy": "-x", "down": "  "}
"""Two-cell pattern per link state (repeated to fill the link)."""

LINK_WORD: dict[str, str] = {"up": "up", "slow": "SLOW", "lossy": "LOSSY", "down": "DOWN"}

STATUS_TEXT: dict[str, str] = {
    "ok": "✓ ok",
    "errors": "✗ ERR",
    "stale": "≈ stale",
    "pending": "… pend",
}
"""What users see in a (region, feature), glyph plus word."""

SEVERITY_MARK: dict[str, str] = {"critical": "!! CRIT", "warning": "!  WARN", "info": "   info"}

DIFFICULTY_TEXT: dict[str, str] = {
    "intro": "the true network state beside the probes, and hints on what to look at",
    "standard": "probes, replication lag, metrics and alerts only: you work out the fault",
    "hard": "as standard, with noisier probes, a flaky probe host as a decoy, replication "
    "lag reported a minute late and one region's RTT not reported",
}
"""What the console shows at each difficulty (picker, briefing, help)."""

DIFFICULTY_SHORT: dict[str, str] = {
    "intro": "the truth shown, with hints",
    "standard": "probes and metrics only",
    "hard": "noisier, a decoy, a late metric",
}
"""One-line summaries of :data:`DIFFICULTY_TEXT` for lists."""
