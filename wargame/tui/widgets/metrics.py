"""Metric panels: a label, the current value against its alert threshold, and a sparkline."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from wargame.tui.fmt import MetricSpec
from wargame.tui.widgets.spark import Spark

SPARK_POINTS = 60
"""Samples drawn in a sparkline (the most recent ones)."""


class MetricPanel(Widget):
    """One metric: ``label value !`` over a sparkline of recent samples and its threshold.

    A value past its threshold is marked with ``!`` and the word ``ALERT`` in
    wide panels, not only with colour.
    """

    DEFAULT_CSS = """
    MetricPanel {
        height: 2;
        width: 1fr;
        padding: 0 1 0 0;
    }
    MetricPanel > Label {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    MetricPanel > Horizontal {
        height: 1;
    }
    MetricPanel Spark {
        width: 1fr;
        height: 1;
    }
    MetricPanel #limit {
        width: auto;
        color: $text-muted;
    }
    MetricPanel.-breached #limit {
        color: $error;
        text-style: bold;
    }
    """

    value = reactive[float | None](None)
    """The latest sample (None before the first tick)."""

    def __init__(self, spec: MetricSpec, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = spec

    def compose(self) -> ComposeResult:
        yield Label(self._line(), id="line")
        with Horizontal():
            yield Spark(id="spark")
            yield Label(self._limit(), id="limit")

    def show(self, samples: Sequence[float]) -> None:
        """Show the latest samples."""
        data = list(samples)[-SPARK_POINTS:]
        # the scale reaches the alert threshold, so a healthy value stays low
        self.query_one(Spark).show(data, top=self.spec.limit if self.spec.above else None)
        self.value = data[-1] if data else None

    def watch_value(self, value: float | None) -> None:
        breached = value is not None and self.spec.breached(value)
        self.set_class(breached, "-breached")
        if self.is_mounted:
            self.query_one(Spark).set_class(breached, "-breached")
            self.query_one("#line", Label).update(self._line())
            self.query_one("#limit", Label).update(self._limit())

    def _line(self) -> Content:
        spec, value = self.spec, self.value
        shown = "—" if value is None else spec.fmt(value)
        breached = value is not None and spec.breached(value)
        wide = self.size.width >= 30
        label = spec.title if wide else spec.label
        parts: list[str | tuple[str, str]] = [(label, "$text-muted"), " ", (shown, "bold")]
        if breached:
            parts.append((" ! ALERT" if wide else " !", "bold $error"))
        return Content.assemble(*parts)

    def _limit(self) -> str:
        limit = self.spec.threshold()
        return f" {limit}" if limit else ""

    def on_resize(self) -> None:
        self.query_one("#line", Label).update(self._line())


class MetricsBoard(Grid):
    """The metric panels in a grid (3 columns; the stylesheet may change that)."""

    DEFAULT_CSS = """
    MetricsBoard {
        grid-size: 3;
        grid-gutter: 0 1;
        height: auto;
    }
    """

    def __init__(self, specs: dict[str, MetricSpec], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.specs = specs

    def compose(self) -> ComposeResult:
        for name, spec in self.specs.items():
            yield MetricPanel(spec, id=f"metric-{name}")

    def show(self, history: dict[str, Sequence[float]]) -> None:
        """Update every panel from the drill's histories."""
        for name in self.specs:
            self.query_one(f"#metric-{name}", MetricPanel).show(history.get(name, ()))
