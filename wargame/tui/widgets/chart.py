"""A small text line chart: several series over time, a window of time marked.

Series are told apart by glyph (``●`` first, ``○`` second, ``◆`` where they
meet) as well as colour; the marked window is shaded and labelled on the
axis line.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from wargame.model.timefmt import format_clock

GLYPHS = ("●", "○", "▪", "▫")
STYLES = ("bold $accent", "$success", "$warning", "$secondary")


@dataclass
class Series:
    """One named series of values at the chart's times."""

    name: str
    values: Sequence[float]


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


def row_of(value: float, bottom: float, top: float, rows: int) -> int:
    """The grid row (0 = top) of ``value`` on a ``rows``-high axis from ``bottom`` to ``top``."""
    if rows <= 1 or not math.isfinite(value):
        return max(0, rows - 1)
    share = (value - bottom) / (top - bottom)
    level = int(share * (rows - 1) + 0.5)
    return rows - 1 - max(0, min(rows - 1, level))


class LineChart(Widget):
    """A text chart of series against time, with an optional marked window."""

    DEFAULT_CSS = """
    LineChart {
        height: 10;
        text-wrap: nowrap;
    }
    """

    def __init__(
        self,
        title: str,
        times: Sequence[float],
        series: list[Series],
        window: list[tuple[float, float]] | None = None,
        fmt: Callable[[float], str] = lambda v: f"{v:g}",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.title = title
        self.times = list(times)
        self.series = series
        self.window = window or []
        self.fmt = fmt

    def render(self) -> Content:
        width, height = self.size.width, self.size.height
        legend = Content.assemble(
            (self.title, "bold"),
            *[
                part
                for i, s in enumerate(self.series)
                for part in ("  ", (f"{GLYPHS[i]} {s.name}", STYLES[i]))
            ],
        )
        if not self.times or width < 20 or height < 4:
            return legend
        bottom, top = chart_range([s.values for s in self.series])
        label_w = max(len(self.fmt(top)), len(self.fmt(bottom))) + 1
        cols = width - label_w
        rows = height - 2  # legend line and axis line
        t0, t1 = self.times[0], self.times[-1] or 1.0
        span = (t1 - t0) or 1.0
        grid: list[list[tuple[str, str]]] = [[(" ", "")] * cols for _ in range(rows)]
        shaded = [
            any(a <= t0 + span * (x + 0.5) / cols <= b for a, b in self.window) for x in range(cols)
        ]
        for i, s in enumerate(self.series):
            for x in range(cols):
                lo = int(x * len(self.times) / cols)
                hi = max(lo + 1, int((x + 1) * len(self.times) / cols))
                chunk = s.values[lo:hi]
                if not chunk:
                    continue
                y = row_of(sum(chunk) / len(chunk), bottom, top, rows)
                here = grid[y][x][0]
                grid[y][x] = (
                    ("◆", "bold") if here not in (" ", GLYPHS[i]) else (GLYPHS[i], STYLES[i])
                )
        lines = [legend]
        for y in range(rows):
            label = self.fmt(top) if y == 0 else (self.fmt(bottom) if y == rows - 1 else "")
            parts: list[str | tuple[str, str]] = [(label.rjust(label_w - 1) + "│", "$text-muted")]
            for x in range(cols):
                ch, style = grid[y][x]
                if shaded[x]:
                    style = (style + " on $warning 15%").strip()
                parts.append((ch, style))
            lines.append(Content.assemble(*parts))
        axis: list[str | tuple[str, str]] = [(" " * (label_w - 1) + "└", "$text-muted")]
        marks = "".join("░" if s else "─" for s in shaded)
        start = format_clock(t0)
        end = format_clock(t1)
        note = ""
        if self.window:
            a, b = self.window[0]
            note = f" ░ partition {format_clock(a)}–{format_clock(b)} "
        body = list(marks)
        for i, ch in enumerate(start + " "):
            if i < len(body):
                body[i] = ch
        tail = " " + end
        for i, ch in enumerate(tail):
            j = len(body) - len(tail) + i
            if 0 <= j < len(body):
                body[j] = ch
        if note and len(note) + len(start) + len(tail) + 2 < len(body):
            mid = (len(body) - len(note)) // 2
            body[mid : mid + len(note)] = list(note)
        axis.append(("".join(body), "$text-muted"))
        lines.append(Content.assemble(*axis))
        return Content("\n").join(lines)
