"""Charts for the exported debrief: a text chart for Markdown, an inline SVG for HTML.

Both take the same :class:`Chart` (times, named series, the partition
windows) and the same value axis as the screen's chart
(:func:`chart_range`: from zero, or the lowest value if negative, to the
highest; empty and flat series get a unit of room; non-finite values are
skipped), so negative, empty, flat and huge series draw on every medium.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from wargame.model.timefmt import format_clock

BLOCKS = "▁▂▃▄▅▆▇█"
"""Eight levels of the text chart, lowest first."""
COLOURS = ("#1f77b4", "#2ca02c", "#d62728", "#9467bd")
"""Line colours of the SVG chart, one per series (you, model, branch)."""
DASHES = ("", "6 3", "2 2", "8 2 2 2")
"""Dash patterns, so the lines differ without colour too."""


def chart_range(series: Sequence[Sequence[float]]) -> tuple[float, float]:
    """The value axis: from zero (or the lowest value, if negative) to the highest value.

    Empty and all-zero series give ``(0, 1)``; a flat series gets room above it.
    Non-finite values are ignored.
    """
    values = [float(v) for s in series for v in s if math.isfinite(v)]
    bottom = min([0.0, *values])
    top = max([0.0, *values])
    if top <= bottom:
        top = bottom + 1.0
    return bottom, top


@dataclass
class Chart:
    """One chart of the debrief: named series sampled at the same times."""

    title: str
    times: list[float]
    series: list[tuple[str, list[float]]]
    windows: list[tuple[float, float]] = field(default_factory=list)
    fmt: Callable[[float], str] = lambda v: f"{v:g}"


def _buckets(values: Sequence[float], n: int, cols: int) -> list[float | None]:
    """Mean of the finite values falling in each of ``cols`` columns (None: none)."""
    out: list[float | None] = []
    for x in range(cols):
        lo = int(x * n / cols)
        hi = max(lo + 1, int((x + 1) * n / cols))
        chunk = [float(v) for v in values[lo:hi] if math.isfinite(v)]
        out.append(sum(chunk) / len(chunk) if chunk else None)
    return out


def text_chart(chart: Chart, cols: int = 60) -> str:
    """One row of block glyphs per series, and a row marking the partition."""
    bottom, top = chart_range([v for _, v in chart.series])
    n = len(chart.times)
    name_w = max([9, *(len(name) for name, _ in chart.series)])
    lines = [
        f"{chart.title}: {chart.fmt(bottom)} (▁) to {chart.fmt(top)} (█), "
        + (f"{format_clock(chart.times[0])}–{format_clock(chart.times[-1])}" if n else "no data")
    ]
    if not n:
        return lines[0]
    cols = max(1, min(cols, n))
    for name, values in chart.series:
        row = ""
        for v in _buckets(values, n, cols):
            if v is None:
                row += " "
                continue
            level = int((v - bottom) / (top - bottom) * (len(BLOCKS) - 1) + 0.5)
            row += BLOCKS[max(0, min(len(BLOCKS) - 1, level))]
        lines.append(f"{name:<{name_w}} {row}")
    t0, t1 = chart.times[0], chart.times[-1]
    span = (t1 - t0) or 1.0
    marks = "".join(
        "░" if any(a <= t0 + span * (x + 0.5) / cols <= b for a, b in chart.windows) else " "
        for x in range(cols)
    )
    if chart.windows:
        lines.append(f"{'partition':<{name_w}} {marks}")
    return "\n".join(lines)


def svg_chart(chart: Chart, width: int = 640, height: int = 220) -> str:
    """The chart as an inline SVG element (every text escaped; no external references)."""
    left, right, top_pad, bottom_pad = 64, 10, 28, 24
    pw, ph = width - left - right, height - top_pad - bottom_pad
    bottom, top = chart_range([v for _, v in chart.series])
    n = len(chart.times)
    t0 = chart.times[0] if n else 0.0
    t1 = chart.times[-1] if n else 1.0
    span = (t1 - t0) or 1.0

    def x(t: float) -> float:
        return left + (t - t0) / span * pw

    def y(v: float) -> float:
        return top_pad + ph - (v - bottom) / (top - bottom) * ph

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(chart.title)}">',
        f'<text x="{left}" y="16" font-weight="bold">{escape(chart.title)}</text>',
    ]
    for a, b in chart.windows:
        if n:
            parts.append(
                f'<rect x="{x(max(a, t0)):.1f}" y="{top_pad}" '
                f'width="{max(0.0, x(min(b, t1)) - x(max(a, t0))):.1f}" height="{ph}" '
                'fill="#f5a623" fill-opacity="0.15"><title>partition</title></rect>'
            )
    parts += [
        f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + ph}" stroke="#888"/>',
        f'<line x1="{left}" y1="{top_pad + ph}" x2="{left + pw}" y2="{top_pad + ph}" '
        'stroke="#888"/>',
        f'<text x="{left - 4}" y="{top_pad + 10}" text-anchor="end">'
        f"{escape(chart.fmt(top))}</text>",
        f'<text x="{left - 4}" y="{top_pad + ph}" text-anchor="end">'
        f"{escape(chart.fmt(bottom))}</text>",
        f'<text x="{left}" y="{height - 6}">{format_clock(t0)}</text>',
        f'<text x="{left + pw}" y="{height - 6}" text-anchor="end">{format_clock(t1)}</text>',
    ]
    legend_x = left + 260
    for i, (name, values) in enumerate(chart.series):
        colour, dash = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        points = " ".join(
            f"{x(t):.1f},{y(float(v)):.1f}"
            for t, v in zip(chart.times, values, strict=False)
            if math.isfinite(v)
        )
        if points:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="1.5"{dashed} '
                f'points="{points}"><title>{escape(name)}</title></polyline>'
            )
        lx = legend_x + 90 * i
        parts.append(
            f'<line x1="{lx}" y1="12" x2="{lx + 18}" y2="12" stroke="{colour}" '
            f'stroke-width="2"{dashed}/><text x="{lx + 22}" y="16">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
