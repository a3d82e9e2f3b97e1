"""The interviewer's sheet on screen: it follows the candidate's live design file.

``wargame interview SCENARIO --interviewer`` opens :class:`SheetApp` in a
second terminal. Every :data:`POLL_S` seconds it looks at the live file (the
candidate's design screen rewrites it atomically after each choice) and, when
its content changed, renders :func:`wargame.interview.sheet.sheet_markdown`
again. ``x`` writes the sheet as Markdown.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Markdown

from wargame.interview.live import Live, LiveError, live_path, read_live
from wargame.interview.sheet import sheet_markdown
from wargame.model.scenario import Scenario
from wargame.tui import datadir
from wargame.tui.widgets import KeyFooter

POLL_S = 1.0
"""How often the sheet looks at the live file (wall seconds)."""


def live_file(scenario: str) -> Path:
    """The default live file of ``scenario``: ``interview/ID.live.json`` in the data folder."""
    return live_path(datadir.data_dir(), scenario)


class SheetScreen(Screen[None]):
    """The rubric, the model and the candidate's choices as they are made."""

    DEFAULT_CSS = """
    SheetScreen #sheet-title { width: 100%; background: $panel; text-style: bold; }
    SheetScreen #sheet-status { width: 100%; color: $text-muted; }
    SheetScreen #sheet { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [
        Binding("x", "export", "sheet.md", id="sheet-export"),
        Binding("r", "reload", "reload", id="sheet-reload"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        live: Path,
        export: Path | None = None,
        poll: float | None = POLL_S,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.live = live
        self.export = export
        self.poll = poll
        self._seen: str | None = "never read"
        self.state: Live | None = None
        self.updates = 0
        """How many different versions of the live file the sheet has shown."""
        self.exported: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Label(f" Interviewer's sheet · {self.scenario.title} ", id="sheet-title")
        yield Label("", id="sheet-status", markup=False)
        with VerticalScroll(id="sheet"):
            yield Markdown(self.markdown(), id="sheet-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#sheet").focus()
        self.check()
        if self.poll:
            self.set_interval(self.poll, self.check)

    def markdown(self) -> str:
        """The sheet as it stands."""
        s = self.state
        return sheet_markdown(
            self.scenario,
            s.contract if s else None,
            current=s.current if s else None,
            seed=s.seed if s else None,
        )

    def _fingerprint(self) -> str | None:
        try:
            info = self.live.stat()
        except OSError:
            return None
        return f"{info.st_mtime_ns}:{info.st_size}:{info.st_ino}"

    def check(self, force: bool = False) -> bool:
        """Re-read the live file if it changed; True when the sheet was updated."""
        mark = self._fingerprint()
        if mark == self._seen and not force:
            return False
        self._seen = mark
        status = self.query_one("#sheet-status", Label)
        if mark is None:
            status.update(f" waiting for the candidate: no design yet in {self.live}")
            return False
        try:
            state = read_live(self.live)
        except LiveError as exc:
            status.update(f" {self.live}: {exc}")
            return False
        if state.contract.scenario != self.scenario.id:
            status.update(f" {self.live} is a design for {state.contract.scenario!r}")
            return False
        self.state = state
        self.updates += 1
        status.update(f" following {self.live} · update {self.updates}")
        self.query_one("#sheet-text", Markdown).update(self.markdown())
        return True

    def action_reload(self) -> None:
        """Read the live file again now."""
        self.check(force=True)

    def action_export(self) -> None:
        """Write the sheet as Markdown (``--export FILE``, or beside the live file)."""
        path = self.export or self.live.with_name(f"{self.scenario.id}.sheet.md")
        try:
            datadir.atomic_write(path, self.markdown())
        except OSError as exc:
            self.notify(str(exc.strerror or exc), title="Cannot write", severity="error")
            return
        self.exported.append(path)
        self.notify(str(path), title="Sheet written")


class SheetApp(App[None]):
    """``wargame interview SCENARIO --interviewer``: the sheet alone."""

    TITLE = "CAP War-Game · interviewer"
    BINDINGS = [Binding("ctrl+q,q", "quit", "quit", priority=True)]

    def __init__(
        self,
        scenario: Scenario,
        live: Path,
        export: Path | None = None,
        poll: float | None = POLL_S,
    ) -> None:
        super().__init__()
        self.sheet = SheetScreen(scenario, live, export, poll)

    def on_mount(self) -> None:
        self.push_screen(self.sheet)
