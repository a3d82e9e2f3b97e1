"""Text feeds that show their newest lines first: alerts, tickets, logs and the timeline.

Each feed renders only as many lines as fit, so updating one is cheap at any
speed; the full histories stay in the drill (and the debrief).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from wargame.model.result import Alert, LogLine, Ticket, TimelineEntry
from wargame.model.timefmt import format_clock


def age(now: float, t: float) -> str:
    """``12s``, ``4m`` ago."""
    d = max(0.0, now - t)
    return f"{d:.0f}s" if d < 90 else f"{d / 60:.0f}m"


def alert_text(a: Alert) -> str:
    """An alert with every field spelled out."""
    state = "resolved" if a.resolved_at is not None else "active"
    out = [
        f"{a.id} · {a.severity} · {a.rule} · {a.region}"
        + (f" · feature {a.feature}" if a.feature else ""),
        f"raised {format_clock(a.t)} · {state}"
        + (f" at {format_clock(a.resolved_at)}" if a.resolved_at is not None else "")
        + (f" · acknowledged {format_clock(a.acked_at)}" if a.acked_at is not None else ""),
        "",
        a.message,
    ]
    return "\n".join(out)


def log_text(line: LogLine) -> str:
    """A log line with every field spelled out."""
    return (
        f"{format_clock(line.t)} {line.level} region {line.region} feature {line.feature or '-'}\n"
        f"partition_detected={'yes' if line.partition_detected else 'no'} "
        f"cap={line.cap_choice or '-'}\n\n{line.msg}"
    )


class FeedPanel(Widget, can_focus=True):
    """Base of the feeds: newest line first, cut to the widget's height.

    Focus a feed (Tab, or a click) and move with ↑/↓; Enter (or a click on a
    line) posts :class:`LineChosen` with that entry in full, which the console
    opens in a reading dialog: long lines end in "…" on the panel.
    """

    DEFAULT_CSS = """
    FeedPanel {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "up", show=False),
        Binding("down", "move(1)", "down", show=False),
        Binding("enter", "open", "read in full", show=False),
    ]

    empty = "nothing yet"
    """Shown before the first line."""
    title = "Feed"
    """What the reading dialog calls an entry of this feed."""

    class LineChosen(Message):
        """The player asked to read one entry in full."""

        def __init__(self, title: str, text: str) -> None:
            super().__init__()
            self.title = title
            """``Alert a12``, ``Ticket``…"""
            self.text = text
            """The entry in full, every field spelled out."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Content] = []
        self._full: list[tuple[str, str]] = []
        self.cursor = 0

    def set_lines(
        self, lines: Iterable[Content], full: Iterable[tuple[str, str]] | None = None
    ) -> None:
        """Replace the lines (newest first) and, per line, the entry's title and full text."""
        self._lines = list(lines)
        self._full = list(full) if full is not None else [("", line.plain) for line in self._lines]
        self.cursor = min(self.cursor, max(0, len(self._lines) - 1))
        self.refresh()

    def render(self) -> Content:
        if not self._lines:
            return Content.styled(self.empty, "$text-muted italic")
        shown = self._lines[: max(1, self.size.height)]
        if self.has_focus and self.cursor < len(shown):
            shown = list(shown)
            shown[self.cursor] = shown[self.cursor].stylize("reverse")
        return Content("\n").join(shown)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, delta: int) -> None:
        """Move the reading cursor."""
        limit = min(len(self._lines), max(1, self.size.height)) - 1
        self.cursor = max(0, min(limit, self.cursor + delta))
        self.refresh()

    def action_open(self) -> None:
        """Read the entry under the cursor in full."""
        if self.cursor < len(self._full):
            title, text = self._full[self.cursor]
            self.post_message(self.LineChosen(title or self.title, text))

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self._lines):
            self.cursor = event.y
            self.focus()
            self.action_open()


class AlertFeed(FeedPanel):
    """Alerts: unacknowledged active ones first, then the rest, newest first."""

    empty = "no alerts"

    def show(self, alerts: Iterable[Alert], now: float, limit: int = 60) -> None:
        """Show alerts as of sim time ``now``."""

        def order(a: Alert) -> tuple[int, float]:
            rank = 0 if a.resolved_at is None and a.acked_at is None else 1
            rank += 1 if a.resolved_at is not None else 0
            return (rank, -a.t)

        lines, full = [], []
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
            full.append((f"Alert {a.id}", alert_text(a)))
        self.set_lines(lines, full)


class TicketQueue(FeedPanel):
    """Support tickets, newest first: time, region, feature and what the customer wrote."""

    empty = "no tickets"

    def show(self, tickets: Iterable[Ticket], limit: int = 60) -> None:
        """Show tickets (already newest first), two lines each."""
        lines, full = [], []
        for i, t in enumerate(tickets):
            if i >= limit:
                break
            whole = (
                f"{format_clock(t.t)} · region {t.region} · feature {t.feature} · "
                f"symptom {t.symptom}\n\n{t.text}"
            )
            full += [("Ticket", whole)] * 2
            lines.append(
                Content.assemble(
                    (format_clock(t.t), "$text-muted"),
                    f" {t.region} ",
                    (t.feature, "bold"),
                    (f" ({t.symptom})", "$text-muted"),
                )
            )
            lines.append(Content.assemble("  ", (f'"{t.text}"', "italic")))
        self.set_lines(lines, full)


class LogTail(FeedPanel):
    """Structured log lines, newest first: level, region, feature, detection, CAP choice."""

    empty = "no log lines"
    _LEVEL = {"ERROR": "bold $error", "WARN": "$warning", "INFO": "$text-muted"}

    def show(self, logs: list[LogLine], limit: int = 60) -> None:
        """Show the newest log lines."""
        lines, full = [], []
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
            full.append(("Log line", log_text(line)))
        self.set_lines(lines, full)


class TimelineFeed(FeedPanel):
    """What happened: messages from people (injects), engine facts and your own actions."""

    empty = "nothing yet: messages, events and your actions appear here"
    _KIND = {
        "inject": ("msg", "bold $accent"),
        "action": ("you", "bold $success"),
        "hint": ("tip", "bold $warning"),
    }

    def show(self, entries: list[TimelineEntry], limit: int = 60) -> None:
        """Show the newest timeline entries."""
        lines, full = [], []
        for e in reversed(entries[-limit:]):
            tag, style = self._KIND.get(e.type, ("sys", "$text-muted"))
            lines.append(
                Content.assemble(
                    (format_clock(e.t), "$text-muted"), " ", (f"{tag:<3}", style), f" {e.text}"
                )
            )
            full.append(
                (f"Timeline {format_clock(e.t)}", f"{format_clock(e.t)} {e.type}\n\n{e.text}")
            )
        self.set_lines(lines, full)
