"""A small text line chart: several series over time, a window of time marked.

Series are told apart by glyph (``●`` first, ``○`` second, ``◆`` where they
meet) as well as colour; the marked window is shaded and labelled on the
axis line. A cursor time, when set, is drawn as a highlighted column (the
debrief's rewind cursor), and a click on the plot posts
:class:`LineChart.Seek` with the time under the mouse.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from wargame.export.charts import chart_range
from wargame.model.timefmt import format_clock
from wargame.tui.widgets.timeline import column_of, time_of

GLYPHS = ("●", "○", "▪", "▫")
STYLES = ("bold $accent", "$success", "$warning", "$secondary")


@dataclass
class Series:
    """One named series of values at the chart's times."""

    name: str
    values: Sequence[float]


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

    class Seek(Message):
        """The player clicked a time on the plot."""

        def __init__(self, t: float) -> None:
            super().__init__()
            self.t = t
            """Sim seconds."""

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
        self.cursor: float | None = None
        """A time to highlight (the rewind cursor), or None."""
        self._plot = (0, 0)
        """Left edge and width of the plot area at the last render (for clicks)."""

    def set_cursor(self, t: float | None) -> None:
        """Highlight the column of time ``t`` (None: no cursor)."""
        self.cursor = t
        self.refresh()

    def set_series(self, series: list[Series]) -> None:
        """Replace the series (a branch adds a third line)."""
        self.series = series
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """Post the time under the mouse when the click lands on the plot."""
        left, cols = self._plot
        if not self.times or cols <= 0 or event.x < left:
            return
        self.post_message(self.Seek(time_of(event.x - left, self.times[0], self.times[-1], cols)))

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
        self._plot = (label_w, cols)
        cursor_col = None if self.cursor is None else column_of(self.cursor, t0, t1, cols)
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
                if x == cursor_col:
                    style = (style + " on $primary 50%").strip()
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
