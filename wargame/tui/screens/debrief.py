"""The debrief: scores and grade, the comparison, charts, verdicts, incident metrics.

Scoring runs in a worker thread (it replays the same seed under the model and
the naive policies), so the screen shows a short notice first. Keys export the
Markdown report and an SVG screenshot next to the journal, replay the seed, or
go back to the picker.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, LoadingIndicator

from wargame.tui import datadir
from wargame.tui.debrief_data import DebriefData, build, report
from wargame.tui.debrief_view import debrief_widgets
from wargame.tui.drill import Drill
from wargame.tui.widgets import KeyFooter


class DebriefScreen(Screen[None]):
    """How the drill went, against the model and the naive policies of the same seed."""

    BINDINGS = [
        Binding("r", "export_report", "report.md", id="report"),
        Binding("x", "screenshot", "screenshot", id="screenshot"),
        Binding("n", "replay", "replay seed", id="replay"),
        Binding("b,escape", "picker", "scenarios", key_display="b", id="picker"),
        Binding("question_mark,f1", "help", "help", key_display="?", id="help"),
    ]

    def __init__(self, drill: Drill) -> None:
        super().__init__()
        self.drill = drill
        self.data: DebriefData | None = None
        self.exported: list[Path] = []

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
        """Replace the notice with the debrief."""
        self.data = data
        body = self.query_one("#debrief", VerticalScroll)
        await body.remove_children()
        await body.mount_all(debrief_widgets(data, self.drill.journal_path))
        body.scroll_home(animate=False)

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
