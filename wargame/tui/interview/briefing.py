"""The briefing in interview mode: the same facts, then Enter opens the design phase."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Markdown

from wargame.model.scenario import Scenario
from wargame.tui.interview.draft import Draft
from wargame.tui.screens.briefing import BriefingScreen, briefing_markdown
from wargame.tui.widgets import KeyFooter

INTERVIEW_INTRO = """\
## Interview mode

Before the incident starts, you design how each feature behaves when the regions
cannot reach each other: its policy, how conflicts are resolved at the heal and the
settings that matter for it. For each feature you also pick, among four statements,
the one that explains your choice, and you may add your own words. Then the incident
runs on **your** design, with the usual console and levers, and the debrief compares
your design with the scenario's model feature by feature.
"""


class InterviewBriefingScreen(BriefingScreen):
    """The briefing, then the design phase (not the clock)."""

    BINDINGS = [Binding("enter", "start", "Design", id="start")]

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        start_speed: float | None = None,
        difficulty: str | None = None,
        draft: Draft | None = None,
        live: Path | None = None,
    ) -> None:
        super().__init__(scenario, seed, start_speed, difficulty)
        self.draft = draft
        self.live = live

    def compose(self) -> ComposeResult:
        yield Label(f" Interview · briefing · {self.scenario.title} ", id="briefing-title")
        text = briefing_markdown(
            self.scenario,
            self.seed,
            self.start_speed,
            self.difficulty,
            closing="Press **Enter** to design the product's behaviour in a partition.",
        )
        head, _, rest = text.partition("\n\n")
        with VerticalScroll(id="briefing"):
            yield Markdown("\n\n".join([head, INTERVIEW_INTRO, rest]))
        yield KeyFooter()

    def action_start(self) -> None:
        """Open the design phase."""
        from wargame.tui.interview.design import DesignScreen

        draft = self.draft or Draft(self.scenario, self.seed, difficulty=self.difficulty)
        self.app.switch_screen(DesignScreen(draft, self.live))
