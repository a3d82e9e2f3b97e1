"""The briefing: the product, its regions and features as built today, objectives, controls.

The per-feature model stays hidden until the debrief.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Markdown

from wargame.engine import POLICY_LABELS
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock
from wargame.tui.drill import default_speed
from wargame.tui.fmt import DIFFICULTY_TEXT, speed
from wargame.tui.widgets import KeyFooter


def briefing_markdown(
    sc: Scenario,
    seed: int,
    start_speed: float | None = None,
    difficulty: str | None = None,
    closing: str = "Press **Enter** to start the clock.",
) -> str:
    """The briefing as Markdown (``closing``: its last line, what Enter does)."""
    level = difficulty or sc.difficulty
    pace = start_speed or default_speed(sc.duration)
    wall = sc.duration / pace / 60
    lines = [
        f"# {sc.title}",
        "",
        f"*{level}* · {format_clock(sc.duration)} of incident time · seed {seed} · "
        f"starts at {speed(pace)} (about {wall:.0f} minutes of your time)",
        "",
        sc.briefing.strip(),
        "",
        "## What you will see",
        "",
        f"Difficulty **{level}**"
        + (
            " (this scenario's default)"
            if level == sc.difficulty
            else f" (default {sc.difficulty})"
        )
        + f": {DIFFICULTY_TEXT[level]}.",
        "",
        *[f"- `{name}`: {text}" for name, text in DIFFICULTY_TEXT.items()],
        "",
        "Nobody tells you what failed: the Network panel shows each region's probes to its "
        "peers, missing heartbeats and replication lag. Combine them, then say what you "
        "believe with `d` (diagnose). Levers unlock when you are paged.",
        "",
        "## Regions",
        "",
        "| region | id | users |",
        "|---|---|---|",
    ]
    for r in sc.regions:
        lines.append(
            f"| {r.name}{' (primary)' if r.primary else ''} | `{r.id}` | {r.user_share:.0%} |"
        )
    lines += [
        "",
        "## Features as built today",
        "",
        "| feature | id | kind | policy | what it does |",
    ]
    lines.append("|---|---|---|---|---|")
    for f in sc.features:
        kind = f.kind.replace("_", " ")
        lines.append(f"| {f.name} | `{f.id}` | {kind} | `{f.as_built}` | {f.description} |")
    if sc.objectives:
        lines += ["", "## Objectives", ""] + [f"- {o}" for o in sc.objectives]
    lines += ["", "## Policies you can set per feature", ""]
    lines += [f"- `{p}`: {text}" for p, text in POLICY_LABELS.items()]
    lines += [
        "",
        "## Controls",
        "",
        "`space` pause · `+`/`-` speed · `p` policy (or Enter on a feature) · `f` failover · "
        "`m` safe mode · `l` shed load · `s` status page · `v` severity · `g` page a team · "
        "`a` acknowledge · `:` type an action · `w` next feed · `e` end drill · `?` help · "
        "`ctrl+p` every command by name.",
        "",
        closing,
    ]
    return "\n".join(lines)


class BriefingScreen(Screen[None]):
    """What the on-call engineer is told; Enter starts the drill."""

    BINDINGS = [
        Binding("enter", "start", "Start drill", id="start"),
        Binding("escape", "back", "Back to scenarios", id="back"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        start_speed: float | None = None,
        difficulty: str | None = None,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.seed = seed
        self.start_speed = start_speed
        self.difficulty = difficulty

    def compose(self) -> ComposeResult:
        yield Label(f" Briefing · {self.scenario.title} ", id="briefing-title")
        with VerticalScroll(id="briefing"):
            yield Markdown(
                briefing_markdown(self.scenario, self.seed, self.start_speed, self.difficulty)
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#briefing").focus()

    def action_start(self) -> None:
        """Start the drill."""
        self.app.start_drill(self.scenario, self.seed)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        """Back to the picker."""
        self.app.open_picker()  # type: ignore[attr-defined]

    def action_help(self) -> None:
        """Open the help screen."""
        from wargame.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.scenario))
