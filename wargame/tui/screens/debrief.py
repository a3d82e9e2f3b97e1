"""The debrief: scores and grade, the comparison, charts, rewind and branch, verdicts, metrics.

Scoring runs in a worker thread (it replays the same seed under the model and
the naive policies), so the screen shows a short notice first. A rewind
cursor (keys, or a click on a chart or the strip) shows the console as it
was at that moment, rebuilt off the UI thread by replaying the journal
(:mod:`wargame.rewind`) once the cursor has stood still for a moment; from
the cursor the player can branch (the responder takes over, a decision
undone, an action tried) and see the difference per axis and as a third
line on the charts. Keys export the report, the whole debrief and an SVG
screenshot next to the journal, replay the seed from its briefing, or go
back to the picker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Label, LoadingIndicator, Static

from wargame.model.action import Action, ActionError, parse_action
from wargame.model.timefmt import format_clock
from wargame.rewind import Branch, Moment, Rewinder, RewindError, branch
from wargame.tui import datadir
from wargame.tui.debrief_data import DebriefData, build, report
from wargame.tui.debrief_view import CHARTS, chart_series, debrief_widgets
from wargame.tui.drill import Drill
from wargame.tui.rewind_view import MomentPanel, branch_head, branch_table
from wargame.tui.widgets import KeyFooter
from wargame.tui.widgets.chart import LineChart
from wargame.tui.widgets.timeline import TimelineBar

STEP_S = 10.0
"""Seconds the cursor moves per ←/→."""
BIG_STEP_S = 60.0
"""Seconds the cursor moves per shift+←/→."""
DEBOUNCE_S = 0.12
"""The cursor must stand still this long before the moment is rebuilt (scrubbing)."""


class DebriefScreen(Screen[None]):
    """How the drill went, against the model and the naive policies of the same seed."""

    BINDINGS = [
        Binding("left", "step(-1)", "rewind", key_display="←→", priority=True, id="rewind"),
        Binding("right", "step(1)", "later", show=False, priority=True),
        Binding("shift+left", "step(-6)", "1 min back", show=False, priority=True),
        Binding("shift+right", "step(6)", "1 min on", show=False, priority=True),
        Binding("home", "seek_edge(0)", "start", show=False, priority=True),
        Binding("end", "seek_edge(1)", "end", show=False, priority=True),
        Binding("left_square_bracket", "decision(-1)", "previous decision", show=False),
        Binding("right_square_bracket", "decision(1)", "next decision", show=False),
        Binding("t", "branch_respond", "responder", id="branch-respond"),
        Binding("u", "branch_undo", "undo", id="branch-undo"),
        Binding("a", "branch_try", "try", id="branch-try"),
        Binding("r", "export_report", "report", id="report"),
        Binding("e", "export_debrief", "export", id="export"),
        Binding("x", "screenshot", "svg", id="screenshot"),
        Binding("n", "replay", "replay", id="replay"),
        Binding("b,escape", "picker", "scenarios", key_display="b", id="picker"),
        Binding("question_mark,f1", "help", "help", key_display="?", id="help"),
    ]

    def __init__(self, drill: Drill) -> None:
        super().__init__()
        self.drill = drill
        self.data: DebriefData | None = None
        self.exported: list[Path] = []
        self.cursor = 0.0
        """The rewind cursor (sim seconds)."""
        self.moment: Moment | None = None
        """The console at the cursor, once rebuilt."""
        self.branch: Branch | None = None
        """The last branch made from the cursor."""
        self.branch_title = ""
        self.branch_elapsed_s: float | None = None
        """Wall seconds the last branch took to re-run and score (shown, and measured)."""
        self._rewinder: Rewinder | None = None
        self._lock = threading.Lock()
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        sc = self.drill.scenario
        yield Label(f" Debrief · {sc.title} · seed {self.drill.seed} ", id="debrief-title")
        with VerticalScroll(id="debrief"):
            yield Label(
                "Scoring: replaying the same incident under the model and the naive policies…"
            )
            yield LoadingIndicator()
        yield KeyFooter()

    def on_mount(self) -> None:
        # the console's toasts belong to the drill; over the debrief they hide the scores
        self.app.clear_notifications()
        self.query_one("#debrief").focus()
        self.score()

    @work(thread=True, exclusive=True, group="debrief")
    def score(self) -> DebriefData:
        """Score the run off the UI thread."""
        result = self.drill.finish()
        data = build(self.drill.scenario, self.drill.seed, result)
        self.app.call_from_thread(self.show, data)
        return data

    async def show(self, data: DebriefData) -> None:
        """Replace the notice with the debrief; the cursor starts where the partition does."""
        self.data = data
        body = self.query_one("#debrief", VerticalScroll)
        await body.remove_children()
        await body.mount_all(debrief_widgets(data, self.drill.journal_path))
        body.scroll_home(animate=False)
        self.seek(data.debrief.incident_metrics.incident_start_s, at_once=True)

    # -- rewind -------------------------------------------------------------------
    @property
    def actions(self) -> list[Action]:
        """The player's actions, in time order."""
        return sorted(self.data.player.actions, key=lambda a: a.t) if self.data else []

    def seek(self, t: float, at_once: bool = False) -> None:
        """Move the cursor to ``t`` (clamped to the drill) and rebuild the moment soon."""
        if self.data is None:
            return
        t = float(max(0.0, min(self.data.player.duration_s, round(t))))
        self.cursor = t
        here = [a.describe() for a in self.actions if abs(a.t - t) < 0.5]
        note = ("your decision here: " + "; ".join(here)) if here else ""
        self.query_one(TimelineBar).move(t, note)
        for chart in self.query(LineChart):
            chart.set_cursor(t)
        if self._debounce is not None:
            self._debounce.stop()
        if at_once:
            self.rewind(t)
        else:
            self._debounce = self.set_timer(DEBOUNCE_S, lambda: self.rewind(self.cursor))

    @work(thread=True, exclusive=True, group="rewind")
    def rewind(self, t: float) -> Moment | None:
        """Rebuild the console at ``t`` off the UI thread (one engine, run on or replayed)."""
        data = self.data
        if data is None:
            return None
        with self._lock:
            if self._rewinder is None:
                self._rewinder = Rewinder(
                    data.scenario, data.seed, data.player.actions, self.drill.difficulty
                )
            try:
                moment = self._rewinder.at(t)
            except RewindError as exc:
                self.app.call_from_thread(self.notify, str(exc), severity="error")
                return None
        if t == self.cursor:
            self.app.call_from_thread(self._show_moment, moment)
        return moment

    def _show_moment(self, moment: Moment) -> None:
        self.moment = moment
        self.query_one(MomentPanel).show(moment)

    def action_step(self, steps: int) -> None:
        """Move the cursor by ``steps`` times 10 seconds."""
        self.seek(self.cursor + steps * STEP_S)
        self._reveal()

    def action_seek_edge(self, end: int) -> None:
        """Move the cursor to the start or the end of the drill."""
        if self.data is not None:
            self.seek(self.data.player.duration_s if end else 0.0)
            self._reveal()

    def action_decision(self, direction: int) -> None:
        """Jump the cursor to the previous or the next decision of yours."""
        times = sorted({a.t for a in self.actions})
        if direction > 0:
            later = [t for t in times if t > self.cursor + 0.5]
            target = later[0] if later else None
        else:
            earlier = [t for t in times if t < self.cursor - 0.5]
            target = earlier[-1] if earlier else None
        if target is None:
            self.notify("No decision of yours that way.")
            return
        self.seek(target)
        self._reveal()

    def _reveal(self) -> None:
        self.query_one("#debrief", VerticalScroll).scroll_to_widget(
            self.query_one(TimelineBar), animate=False, top=True
        )

    @on(TimelineBar.Seek)
    @on(LineChart.Seek)
    def _clicked(self, event: TimelineBar.Seek | LineChart.Seek) -> None:
        self.seek(event.t)

    # -- branch -------------------------------------------------------------------
    def action_branch_respond(self) -> None:
        """The responder takes over from the cursor."""
        self.start_branch(self.cursor, "respond", "")

    def action_branch_undo(self) -> None:
        """Re-run without your decision at the cursor, keeping the rest of your play."""
        undone = [a for a in self.actions if abs(a.t - self.cursor) < 0.5]
        if not undone:
            self.notify("No decision of yours at the cursor ([ and ] jump to them).")
            return
        at = undone[0].t
        rest = [a for a in self.actions if a.t > at + 0.5]
        what = "; ".join(f"'{a.describe()}'" for a in undone)
        self.start_branch(at, rest, f"without your {what} at {_clock(at)}")

    def action_branch_try(self) -> None:
        """Type an action (as with ``:`` in the console) to try at the cursor."""
        from wargame.tui.console_actions import command_hint
        from wargame.tui.screens.modals import TextModal

        if self.data is None:
            return

        def tried(line: str | None) -> None:
            if not line:
                return
            try:
                action = parse_action(line, t=self.cursor)
            except ActionError as exc:
                self.notify(str(exc), title="Not an action", severity="error")
                return
            self.start_branch(self.cursor, [action], "")

        self.app.push_screen(
            TextModal(
                f"Try an action at {_clock(self.cursor)}",
                hint=command_hint(),
                placeholder="set FEATURE POLICY",
            ),
            tried,
        )

    def start_branch(self, at: float, then: str | Sequence[Action], title: str) -> None:
        """Re-run the rest of the drill in a worker, then show the difference."""
        if self.data is None:
            return
        self.query_one("#branch-head", Static).update(f"Re-running from {_clock(at)}…")
        self.run_branch(at, then, title)

    @work(thread=True, exclusive=True, group="branch")
    def run_branch(self, at: float, then: str | Sequence[Action], title: str) -> Branch | None:
        """Re-run and score the branch off the UI thread."""
        data = self.data
        assert data is not None
        started = time.perf_counter()
        try:
            b = branch(
                data.scenario,
                data.seed,
                data.player.actions,
                at,
                then,
                self.drill.difficulty,
                refs=data.refs,
                original=data.player,
            )
        except (RewindError, ActionError, ValueError) as exc:
            self.app.call_from_thread(self._branch_failed, str(exc))
            return None
        elapsed = time.perf_counter() - started
        self.app.call_from_thread(self._show_branch, b, title, elapsed)
        return b

    def _branch_failed(self, message: str) -> None:
        self.query_one("#branch-head", Static).update(f"Could not branch: {message}")
        self.notify(message, title="Branch", severity="error")

    async def _show_branch(self, b: Branch, title: str, elapsed: float) -> None:
        assert self.data is not None
        self.branch, self.branch_elapsed_s = b, elapsed
        self.branch_title = f"Branch at {_clock(b.at_t)}: {title}" if title else branch_head(b)
        grade = f"grade {b.original_totals.grade} → {b.branch_totals.grade}"
        self.query_one("#branch-head", Static).update(f"{self.branch_title} · {grade}")
        box = self.query_one("#branch-box", Vertical)
        await box.remove_children()
        await box.mount(branch_table(b, self.data.debrief.currency))
        for chart_id in CHARTS:
            chart = self.query_one(f"#{chart_id}", LineChart)
            chart.set_series(chart_series(self.data, chart_id, b.branched))
        # the player asked for this result: bring it into view
        self.query_one("#debrief", VerticalScroll).scroll_to_widget(
            self.query_one("#branch-head"), animate=False, top=True
        )

    # -- keys ---------------------------------------------------------------------
    def _export_path(self, suffix: str) -> Path:
        journal = self.drill.journal_path
        if journal is not None:
            return journal.with_name(journal.stem + suffix)
        return datadir.data_dir() / "reports" / f"{self.drill.scenario.id}{suffix}"

    def action_export_report(self) -> None:
        """Write the post-incident report (Markdown) next to the journal, atomically."""
        if self.data is None:
            self.notify("Still scoring; try again in a moment.")
            return
        path = datadir.atomic_write(
            self._export_path(".report.md"), report(self.data, date.today().isoformat())
        )
        self.exported.append(path)
        self.notify(str(path), title="Report written")

    def action_export_debrief(self) -> None:
        """Write the whole debrief as Markdown and as one HTML page, next to the journal."""
        from wargame.export.page import debrief_page

        if self.data is None:
            self.notify("Still scoring; try again in a moment.")
            return
        page = debrief_page(
            self.data.scenario,
            self.data.seed,
            self.data.player,
            self.data.debrief,
            model=self.data.model,
            zero_costs=self.data.zero_costs,
            branch=self.branch,
            branch_title=self.branch_title,
            date=date.today().isoformat(),
            moments=self.data.moments,
        )
        written = [
            datadir.atomic_write(self._export_path(".debrief.md"), page.markdown()),
            datadir.atomic_write(self._export_path(".debrief.html"), page.html()),
        ]
        self.exported += written
        self.notify("\n".join(str(p) for p in written), title="Debrief exported")

    def action_screenshot(self) -> None:
        """Save an SVG screenshot of the debrief next to the journal."""
        path = datadir.atomic_write(self._export_path(".debrief.svg"), self.app.export_screenshot())
        self.exported.append(path)
        self.notify(str(path), title="Screenshot saved")

    def action_replay(self) -> None:
        """Play the same scenario and seed again, from its briefing (the clock waits)."""
        self.app.open_briefing(self.drill.scenario, self.drill.seed)  # type: ignore[attr-defined]

    def action_picker(self) -> None:
        """Back to the scenario picker."""
        self.app.open_picker()  # type: ignore[attr-defined]

    def action_help(self) -> None:
        """Open the help screen."""
        from wargame.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.drill.scenario))


def _clock(t: float) -> str:
    return format_clock(t)
