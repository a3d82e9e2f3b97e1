"""A sparkline with an honest scale: empty draws nothing, flat draws a low or middle line.

Textual's own sparkline scales every series from its minimum to its maximum,
so a steady 103 ms looks like a maxed-out bar and a series of one sample is a
solid block. Here the scale runs from zero (or the series' minimum when it
dips below zero) to the larger of the series' maximum and the metric's alert
threshold, so a value well under its threshold stays low.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

BARS = "▁▂▃▄▅▆▇█"
"""Eighth-height bar glyphs, lowest first."""


def spark_rows(
    values: Sequence[float], width: int, height: int = 1, top: float | None = None
) -> list[str]:
    """The sparkline as ``height`` text rows of ``width`` cells (top row first).

    The newest ``width`` values are drawn, right-aligned. Empty series: blank
    rows. A flat series draws a one-eighth line at zero and a middle line
    otherwise (unless ``top`` places it elsewhere). ``top`` raises the scale's
    upper end (an alert threshold), never lowers it.
    """
    width, height = max(0, width), max(1, height)
    data = [float(v) for v in values][-width:] if width else []
    if not data:
        return [" " * width for _ in range(height)]
    levels = len(BARS) * height
    lo = min(0.0, min(data))
    hi = max(max(data), top if top is not None else lo)
    flat = max(data) == min(data)
    cells: list[int] = []
    for v in data:
        if flat and (top is None or top <= v or hi <= lo):
            # a steady signal with nothing above it to compare with: the floor at zero,
            # else a middle line (never a wall of full bars)
            level = 1 if v == 0 else max(1, levels // 2)
        else:
            level = 1 + round((v - lo) / (hi - lo) * (levels - 1))
        cells.append(max(1, min(levels, level)))
    pad = width - len(cells)
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * len(BARS)
        line = [" "] * pad
        for level in cells:
            part = level - floor
            line.append(" " if part <= 0 else BARS[min(part, len(BARS)) - 1])
        rows.append("".join(line))
    return rows


class Spark(Widget):
    """A sparkline widget over :func:`spark_rows` (style from the ``-breached`` class)."""

    DEFAULT_CSS = """
    Spark {
        width: 1fr;
        height: 1;
        color: $primary;
    }
    Spark.-breached {
        color: $error;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._values: list[float] = []
        self._top: float | None = None

    def show(self, values: Sequence[float], top: float | None = None) -> None:
        """Draw these values, the scale reaching at least ``top``."""
        self._values = list(values)
        self._top = top
        self.refresh()

    def render(self) -> Content:
        rows = spark_rows(self._values, self.size.width, self.size.height, self._top)
        return Content("\n".join(rows))
