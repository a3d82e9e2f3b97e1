"""Reusable console widgets; each carries its own ``DEFAULT_CSS``."""

from wargame.tui.widgets.chart import LineChart
from wargame.tui.widgets.features import FeatureTable
from wargame.tui.widgets.feeds import AlertFeed, LogTail, TicketQueue, TimelineFeed
from wargame.tui.widgets.header import DrillHeader
from wargame.tui.widgets.keybar import KeyFooter
from wargame.tui.widgets.metrics import MetricPanel, MetricsBoard
from wargame.tui.widgets.topology import Topology

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
