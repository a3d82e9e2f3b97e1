"""Text feeds that show their newest lines first: alerts, tickets, logs and the timeline.

Each feed renders only as many lines as fit, so updating one is cheap at any
speed; the full histories stay in the drill (and the debrief).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widget import Widget

from wargame.model.result import Alert, LogLine, Ticket, TimelineEntry
from wargame.model.timefmt import format_clock


def age(now: float, t: float) -> str:
    """``12s``, ``4m`` ago."""
    d = max(0.0, now - t)
    return f"{d:.0f}s" if d < 90 else f"{d / 60:.0f}m"


class FeedPanel(Widget):
    """Base of the feeds: newest line first, cut to the widget's height."""

    DEFAULT_CSS = """
    FeedPanel {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    empty = "nothing yet"
    """Shown before the first line."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Content] = []

    def set_lines(self, lines: Iterable[Content]) -> None:
        """Replace the lines (newest first)."""
        self._lines = list(lines)
        self.refresh()

    def render(self) -> Content:
        if not self._lines:
            return Content.styled(self.empty, "$text-muted italic")
        return Content("\n").join(self._lines[: max(1, self.size.height)])


class AlertFeed(FeedPanel):
    """Alerts: unacknowledged active ones first, then the rest, newest first."""

    empty = "no alerts"

    def show(self, alerts: Iterable[Alert], now: float, limit: int = 60) -> None:
        """Show alerts as of sim time ``now``."""

        def order(a: Alert) -> tuple[int, float]:
            rank = 0 if a.resolved_at is None and a.acked_at is None else 1
            rank += 1 if a.resolved_at is not None else 0
            return (rank, -a.t)

        lines = []
        for a in sorted(alerts, key=order)[:limit]:
            crit = a.severity == "critical"
            if a.resolved_at is not None:
                state = ("clear", "$text-muted")
            elif a.acked_at is not None:
                state = ("acked", "")
            else:
                state = ("NEW", "bold reverse $error" if crit else "bold reverse $warning")
            sev = ("CRIT", "bold $error") if crit else ("WARN", "$warning")
            where = a.region + (f"/{a.feature}" if a.feature else "")
            lines.append(
                Content.assemble(
                    (state[0].ljust(5), state[1]),
                    " ",
                    sev,
                    f" {a.id:>3} {age(now, a.t):>3} {where} {a.rule}: ",
                    (a.message, "$text-muted"),
                )
            )
        self.set_lines(lines)


class TicketQueue(FeedPanel):
    """Support tickets, newest first: time, region, feature and what the customer wrote."""

    empty = "no tickets"

    def show(self, tickets: Iterable[Ticket], limit: int = 60) -> None:
        """Show tickets (already newest first), two lines each."""
        lines = []
        for i, t in enumerate(tickets):
            if i >= limit:
                break
            lines.append(
                Content.assemble(
                    (format_clock(t.t), "$text-muted"),
                    f" {t.region} ",
                    (t.feature, "bold"),
                    (f" ({t.symptom})", "$text-muted"),
                )
            )
            lines.append(Content.assemble("  ", (f'"{t.text}"', "italic")))
        self.set_lines(lines)


class LogTail(FeedPanel):
    """Structured log lines, newest first: level, region, feature, detection, CAP choice."""

    empty = "no log lines"
    _LEVEL = {"ERROR": "bold $error", "WARN": "$warning", "INFO": "$text-muted"}

    def show(self, logs: list[LogLine], limit: int = 60) -> None:
        """Show the newest log lines."""
        lines = []
        for line in reversed(logs[-limit:]):
            lines.append(
                Content.assemble(
                    (format_clock(line.t), "$text-muted"),
                    " ",
                    (f"{line.level:<5}", self._LEVEL.get(line.level, "")),
                    f" {line.region}/{line.feature or '-'} ",
                    (line.msg, "bold"),
                    (
                        f" partition_detected={'yes' if line.partition_detected else 'no'}"
                        f" cap={line.cap_choice or '-'}",
                        "$text-muted",
                    ),
                )
            )
        self.set_lines(lines)


class TimelineFeed(FeedPanel):
    """What happened: messages from people (injects), engine facts and your own actions."""

    empty = "nothing yet: messages, events and your actions appear here"
    _KIND = {"inject": ("msg", "bold $accent"), "action": ("you", "bold $success")}

    def show(self, entries: list[TimelineEntry], limit: int = 60) -> None:
        """Show the newest timeline entries."""
        lines = []
        for e in reversed(entries[-limit:]):
            tag, style = self._KIND.get(e.type, ("sys", "$text-muted"))
            lines.append(
                Content.assemble(
                    (format_clock(e.t), "$text-muted"), " ", (f"{tag:<3}", style), f" {e.text}"
                )
            )
        self.set_lines(lines)
