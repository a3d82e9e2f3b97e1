"""Reusable console widgets; each carries its own ``DEFAULT_CSS``.

Imported lazily by name (``from wargame.tui.widgets import KeyFooter`` loads
only the key bar), so the picker starts without the console's dependencies.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOME = {
    "LineChart": "chart",
    "FeatureTable": "features",
    "AlertFeed": "feeds",
    "LogTail": "feeds",
    "TicketQueue": "feeds",
    "TimelineFeed": "feeds",
    "DrillHeader": "header",
    "KeyFooter": "keybar",
    "MetricPanel": "metrics",
    "MetricsBoard": "metrics",
    "Topology": "topology",
}

__all__ = [
    "AlertFeed",
    "DrillHeader",
    "FeatureTable",
    "KeyFooter",
    "LineChart",
    "LogTail",
    "MetricPanel",
    "MetricsBoard",
    "TicketQueue",
    "TimelineFeed",
    "Topology",
]

if TYPE_CHECKING:
    from wargame.tui.widgets.chart import LineChart
    from wargame.tui.widgets.features import FeatureTable
    from wargame.tui.widgets.feeds import AlertFeed, LogTail, TicketQueue, TimelineFeed
    from wargame.tui.widgets.header import DrillHeader
    from wargame.tui.widgets.keybar import KeyFooter
    from wargame.tui.widgets.metrics import MetricPanel, MetricsBoard
    from wargame.tui.widgets.topology import Topology


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"wargame.tui.widgets.{_HOME[name]}"), name)
