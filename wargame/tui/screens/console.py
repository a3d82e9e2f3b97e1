"""The incident console: the drill's live screen.

The sim clock is driven by a Textual timer (ten times a second) that calls
:meth:`Drill.tick` with the wall time elapsed, so the sim keeps pace with the
wall clock at any speed and each step stays a few milliseconds of work. The
clock is injectable and the screen can start paused; :meth:`advance_sim`
moves the sim deterministically (tests and snapshots use it).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer

from wargame.model.action import ActionError
from wargame.tui import fmt
from wargame.tui.console_actions import ConsoleActions
from wargame.tui.drill import Drill
from wargame.tui.levers import LeverActions
from wargame.tui.widgets import (
    AlertFeed,
    DrillHeader,
    FeatureTable,
    KeyFooter,
    LogTail,
    MetricsBoard,
    TicketQueue,
    TimelineFeed,
    Topology,
)
from wargame.tui.widgets.feeds import FeedPanel

FEEDS: tuple[str, ...] = ("alerts", "tickets", "timeline", "logs")
"""The feeds, in the order ``w`` cycles through them on small terminals."""

FEED_TITLES = {"alerts": "Alerts", "tickets": "Tickets", "timeline": "Timeline", "logs": "Log"}

TIMER_HZ = 10


class ConsoleScreen(LeverActions, ConsoleActions, Screen):
    """Header, topology, metrics, features, feeds and every action by key."""

    # Priority bindings: the app runs them as each key arrives, before it routes the
    # next one. A non-priority ':' only opened its dialog once the whole burst
    # (":set feed cp⏎" typed fast or pasted) had been handed to the console's table,
    # so the letters were dropped and the Enter submitted an empty line.

    BINDINGS = [
        Binding("space", "pause", "pause", key_display="spc", priority=True, id="pause"),
        Binding(
            "plus,equals_sign", "faster", "faster", key_display="+", priority=True, id="faster"
        ),
        Binding("minus", "slower", "slower", key_display="-", priority=True, id="slower"),
        Binding("p", "policy", "policy", priority=True, id="policy"),
        Binding("f", "failover", "failover", priority=True, id="failover"),
        Binding("m", "safe_mode", "safemode", priority=True, id="safe-mode"),
        Binding("l", "shed", "shed", priority=True, id="shed"),
        Binding("s", "status_page", "status", priority=True, id="status-page"),
        Binding("v", "severity", "severity", priority=True, id="severity"),
        Binding("g", "page", "page", priority=True, id="page"),
        Binding("a", "ack", "ack", priority=True, id="ack"),
        Binding("d", "diagnose", "diagnose", priority=True, id="diagnose"),
        Binding("r", "resolve", "resolve", priority=True, id="resolve"),
        Binding("k", "dedup", "dedup", priority=True, id="dedup"),
        Binding("y", "retry", "retry", priority=True, id="retry"),
        Binding("i", "indicators", "indicators", priority=True, id="indicators"),
        Binding("x", "fence", "fence", priority=True, id="fence"),
        Binding("t", "ttl", "ttl", priority=True, id="ttl"),
        Binding("z", "autopause", "auto-pause", priority=True, id="autopause"),
        Binding("colon", "command", "type", key_display=":", priority=True, id="command"),
        Binding("w", "next_feed", "feed", priority=True, id="next-feed"),
        Binding("e", "end_drill", "end", priority=True, id="end"),
        Binding("question_mark,f1", "help", "help", key_display="?", priority=True, id="help"),
    ]

    COMPACT_W, COMPACT_H = 120, 36
    """Below either size, the feeds share one panel (``w`` switches)."""
    TALL_H = 45
    """From this height on, sparklines are drawn two lines tall."""

    def __init__(self, drill: Drill, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.drill = drill
        self.clock = clock
        self.feed = "alerts"
        self._last = clock()
        self._shown_version = -1
        self._timer: Timer | None = None
        self._ended = False
        self._specs = fmt.metric_specs(drill.scenario)
        self._short = {f.id: f.id[:10] for f in drill.scenario.features}

    # -- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield DrillHeader(id="header")
        with Horizontal(id="top"):
            with Vertical(id="topo-box", classes="panel") as box:
                box.border_title = "Network probes · RTT p50/p99 ms"
                yield Topology(id="topology")
            with Vertical(id="metrics-box", classes="panel") as box:
                box.border_title = "Signals (alert threshold)"
                yield MetricsBoard(self._specs, id="metrics")
        with Vertical(id="features-box", classes="panel") as box:
            box.border_title = "Features: policy in force per region · what users see"
            yield FeatureTable(id="features")
        with Horizontal(id="middle"):
            with Vertical(id="timeline-box", classes="panel feed"):
                yield TimelineFeed(id="timeline")
            with Vertical(id="alerts-box", classes="panel feed"):
                yield AlertFeed(id="alerts")
        with Horizontal(id="bottom"):
            with Vertical(id="tickets-box", classes="panel feed"):
                yield TicketQueue(id="tickets")
            with Vertical(id="logs-box", classes="panel feed"):
                yield LogTail(id="logs")
        yield KeyFooter()

    def on_mount(self) -> None:
        header = self.query_one(DrillHeader)
        header.title = self.drill.scenario.title
        self._layout(self.app.size.width, self.app.size.height)
        self.refresh_panels(force=True)
        self.query_one(FeatureTable).focus()
        self._last = self.clock()
        self._timer = self.set_interval(1 / TIMER_HZ, self._on_timer)

    def on_resize(self) -> None:
        self._layout(self.size.width, self.size.height)

    def _layout(self, width: int, height: int) -> None:
        compact = width < self.COMPACT_W or height < self.COMPACT_H
        if compact != self.has_class("-compact") and self._shown_version >= 0:
            self._shown_version = -1  # redraw the panels for the other layout
            self.call_after_refresh(self.refresh_panels)
        self.set_class(compact, "-compact")
        self.set_class(height >= self.TALL_H, "-tall")
        for name in FEEDS:
            box = self.query_one(f"#{name}-box")
            box.display = not compact or name == self.feed
            box.border_title = self._feed_title(name, compact)
        self.query_one("#middle").display = not compact or self.feed in ("alerts", "timeline")
        self.query_one("#bottom").display = not compact or self.feed in ("tickets", "logs")

    def _feed_title(self, name: str, compact: bool) -> str:
        title = FEED_TITLES[name]
        if name == "alerts":
            n = len(self.drill.unacked())
            title += f" ({n} new)" if n else ""
        elif name == "tickets":
            title += f" ({self.drill.tickets_total}, newest first)"
        if compact:
            nxt = FEEDS[(FEEDS.index(name) + 1) % len(FEEDS)]
            title += f" · w: {FEED_TITLES[nxt].lower()}"
        return title

    # -- clock ------------------------------------------------------------------
    def _on_timer(self) -> None:
        now = self.clock()
        dt, self._last = now - self._last, now
        if self.app.screen is not self and not self._live_under_modal():
            return
        step = self.drill.tick(dt)
        if step is not None:
            self._announce(step)
        self.refresh_panels()

    def _live_under_modal(self) -> bool:
        """Action dialogs keep the clock running; help and confirmations stop it."""
        from wargame.tui.screens.modals import ChoiceModal, PolicyModal, TextModal

        return isinstance(self.app.screen, ChoiceModal | PolicyModal | TextModal)

    def advance_sim(self, seconds: float) -> None:
        """Move the sim ``seconds`` forward now, paused or not (deterministic; for tests)."""
        remaining = seconds
        tick = self.drill.engine.tick_s
        while remaining > 1e-9 and not self.drill.finished:
            step = self.drill.advance(min(tick, remaining))
            self._announce(step)
            remaining -= tick
        self.refresh_panels()

    def toast(
        self, message: str, title: str = "", severity: str = "information", timeout: float = 5
    ) -> None:
        """A toast, unless the app was started without them (tests and snapshots)."""
        if getattr(self.app, "toasts", True):
            self.notify(message, title=title, severity=severity, timeout=timeout)  # type: ignore[arg-type]

    def _announce(self, step) -> None:
        for entry in step.events:
            if entry.type == "inject":
                self.toast(entry.text, title=f"{fmt.clock(entry.t)} message", timeout=8)

    def refresh_panels(self, force: bool = False) -> None:
        """Redraw the header every time; the panels when the drill changed."""
        d = self.drill
        header = self.query_one(DrillHeader)
        header.sim_t = d.now
        header.speed = d.speed
        header.paused = d.stopped
        header.held = d.held
        live = getattr(self.app, "live", None)
        header.recording_off = live is not None and live.off is not None
        header.finished = d.finished
        header.severity = d.severity
        header.difficulty = d.difficulty
        header.page_t = d.page_t
        header.autopause = d.autopause
        if d.pause_reason:
            self.toast(d.pause_reason, title="Paused", severity="warning", timeout=8)
            d.pause_reason = None
        if d.finished and not self._ended:
            self._ended = True
            if self._timer is not None:
                self._timer.stop()
            self.call_after_refresh(self.app.drill_over, d)  # type: ignore[attr-defined]
        if not force and d.version == self._shown_version:
            return
        self._shown_version = d.version
        unacked = d.unacked()
        header.unacked = len(unacked)
        compact = self.has_class("-compact")
        th = d.scenario.thresholds
        self.query_one(Topology).show(
            d.view, compact=compact, hold_s=th.quorum_hold_s, lag_s=th.lag_s
        )
        self.query_one(MetricsBoard).show(d.history)
        self.query_one(FeatureTable).show(d.view, with_kind=not compact)
        self.query_one(AlertFeed).show(d.alerts.values(), d.now)
        self.query_one(TicketQueue).show(d.tickets)
        self.query_one(TimelineFeed).show(d.timeline)
        self.query_one(LogTail).show(list(d.logs))
        self._layout(
            self.size.width or self.app.size.width, self.size.height or self.app.size.height
        )

    # -- acting -----------------------------------------------------------------
    def act(self, text: str) -> bool:
        """Apply an action; show what it does or why it cannot be done."""
        try:
            entry = self.drill.act(text)
        except ActionError as exc:
            self.toast(str(exc), title="Not done", severity="error")
            return False
        self.toast(entry.text, title=f"{fmt.clock(entry.t)} done", timeout=4)
        self.refresh_panels()
        return True

    @on(FeedPanel.LineChosen)
    def _read_line(self, event: FeedPanel.LineChosen) -> None:
        from wargame.tui.screens.modals import ReadModal

        self.app.push_screen(ReadModal(event.title, event.text))

    @on(FeatureTable.FeatureSelected)
    def _feature_selected(self, event: FeatureTable.FeatureSelected) -> None:
        self.action_policy(event.feature)

    # -- clock actions ------------------------------------------------------------
    def action_pause(self) -> None:
        """Pause or resume the sim clock."""
        self.drill.paused = not self.drill.paused
        self._last = self.clock()
        self.refresh_panels()

    def action_faster(self) -> None:
        """Speed up (up to 16x)."""
        self.drill.faster()
        self.refresh_panels()

    def action_slower(self) -> None:
        """Slow down (down to 0.5x)."""
        self.drill.slower()
        self.refresh_panels()

    def action_next_feed(self) -> None:
        """Show the next feed in the shared panel (small terminals)."""
        self.feed = FEEDS[(FEEDS.index(self.feed) + 1) % len(FEEDS)]
        self._layout(self.size.width, self.size.height)

    def action_help(self) -> None:
        """Open the help screen (the clock stops while it is open)."""
        from wargame.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.drill.scenario))

    def action_end_drill(self) -> None:
        """Ask, then end the drill now and go to the debrief."""
        from wargame.tui.screens.modals import ConfirmModal

        def answer(yes: bool | None) -> None:
            if yes:
                self.drill.finish()
                self.refresh_panels()

        self.app.push_screen(
            ConfirmModal(
                "End the drill now?",
                "The rest of the incident plays out with your current settings, then the "
                "debrief compares your run with the model's.",
                yes="End drill",
                no="Keep playing",
            ),
            answer,
        )
