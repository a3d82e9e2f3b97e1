"""The debrief's rewind strip: the drill's time line, the partition, your decisions, the cursor.

One row of marks (``░`` the partition, ``▲`` a decision of yours, ``┃`` the
cursor) over the clock; a click anywhere on it moves the cursor there
(:class:`TimelineBar.Seek`). The arithmetic (:func:`column_of`,
:func:`time_of`) is shared with the charts so a click means the same time on
both.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from wargame.model.timefmt import format_clock


def column_of(t: float, t0: float, t1: float, cols: int) -> int:
    """The column (0..cols-1) of time ``t`` on an axis from ``t0`` to ``t1``."""
    if cols <= 0:
        return 0
    span = (t1 - t0) or 1.0
    return max(0, min(cols - 1, int((t - t0) / span * cols)))


def time_of(col: int, t0: float, t1: float, cols: int) -> float:
    """The time in the middle of column ``col`` (clamped to the axis)."""
    if cols <= 0:
        return t0
    col = max(0, min(cols - 1, col))
    return t0 + (t1 - t0) * (col + 0.5) / cols


class TimelineBar(Widget):
    """Where the rewind cursor stands in the drill; click to move it."""

    DEFAULT_CSS = """
    TimelineBar { height: 2; text-wrap: nowrap; }
    """

    class Seek(Message):
        """The player clicked a time on the strip."""

        def __init__(self, t: float) -> None:
            super().__init__()
            self.t = t
            """Sim seconds."""

    def __init__(
        self,
        duration: float,
        decisions: Sequence[float],
        windows: Sequence[tuple[float, float]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.duration = duration
        self.decisions = list(decisions)
        self.windows = list(windows)
        self.cursor = 0.0
        self.note = ""

    def move(self, t: float, note: str = "") -> None:
        """Put the cursor at ``t`` with a line of text under it."""
        self.cursor, self.note = t, note
        self.refresh()

    def render(self) -> Content:
        cols = max(1, self.size.width)
        cells: list[tuple[str, str]] = []
        marks = {column_of(t, 0.0, self.duration, cols) for t in self.decisions}
        here = column_of(self.cursor, 0.0, self.duration, cols)
        for x in range(cols):
            t = time_of(x, 0.0, self.duration, cols)
            inside = any(a <= t <= b for a, b in self.windows)
            ch, style = ("░", "$warning") if inside else ("─", "$text-muted")
            if x in marks:
                ch, style = "▲", "bold $accent"
            if x == here:
                ch, style = "┃", "bold reverse"
            cells.append((ch, style))
        label = f"{format_clock(self.cursor)} / {format_clock(self.duration)}"
        return Content.assemble(*cells, "\n", (label, "bold"), "  ", (self.note, "$text-muted"))

    def on_click(self, event: events.Click) -> None:
        """Move the cursor to the clicked time."""
        cols = max(1, self.size.width)
        self.post_message(self.Seek(time_of(event.x, 0.0, self.duration, cols)))
