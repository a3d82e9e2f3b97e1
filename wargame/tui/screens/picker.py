"""The scenario picker: scenarios with their facts, a seed field, help, quiz, interview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.model.timefmt import format_clock
from wargame.tui.fmt import DIFFICULTY_SHORT, DIFFICULTY_TEXT
from wargame.tui.widgets import KeyFooter

if TYPE_CHECKING:
    from wargame.tui.catalog import Card


def scenario_facts(sc: Card, difficulty: str | None = None) -> Content:
    """The details pane of one scenario (``difficulty``: the level chosen, if not its own)."""
    regions = ", ".join(r.name for r in sc.regions)
    features = ", ".join(f.name for f in sc.features)
    level = difficulty or sc.difficulty
    chosen = "" if level == sc.difficulty else f" (its own: {sc.difficulty})"
    return Content.assemble(
        (sc.title, "bold"),
        "\n\n",
        (f"difficulty  {level}{chosen}\n", ""),
        (f"            shows {DIFFICULTY_TEXT[level]}\n", "$text-muted"),
        (f"duration    {format_clock(sc.duration)} of incident time\n", ""),
        (f"regions     {regions}\n", ""),
        (f"features    {features}\n", ""),
        (f"seed        {sc.seed} (default)\n\n", ""),
        (sc.summary, "italic"),
    )


DIFFICULTY_ORDER = ("intro", "standard", "hard")
"""Easiest first: the picker lists intro drills first."""


def picker_order(scenarios: list[Card]) -> list[Card]:
    """Intro drills first, then by difficulty, then by title."""

    def key(sc: Card) -> tuple[int, str, str]:
        rank = (
            DIFFICULTY_ORDER.index(sc.difficulty)
            if sc.difficulty in DIFFICULTY_ORDER
            else len(DIFFICULTY_ORDER)
        )
        return (rank, sc.title.lower(), sc.id)

    return sorted(scenarios, key=key)


class PickerScreen(Screen[None]):
    """Choose a scenario and a seed; Enter opens its briefing."""

    BINDINGS = [
        Binding("enter", "choose", "Briefing", priority=False, id="choose"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+s", "focus_seed", "Seed", id="seed"),
        Binding("q", "quiz", "Quiz", id="quiz"),
        Binding("i", "interview", "Interview", id="interview"),
    ]

    def __init__(
        self, scenarios: list[Card], initial: str | None = None, difficulty: str | None = None
    ) -> None:
        super().__init__()
        self.difficulty = difficulty
        """The level chosen here (None: each scenario's own)."""
        self.scenarios = {sc.id: sc for sc in picker_order(scenarios)}
        self.initial = initial if initial in self.scenarios else None

    def compose(self) -> ComposeResult:
        yield Label(" CAP War-Game · pick a drill ", id="picker-title")
        with Horizontal(id="picker"):
            with Vertical(id="picker-left", classes="panel") as box:
                box.border_title = "Scenarios"
                yield OptionList(
                    *[
                        Option(
                            f"{sc.title}  ({sc.difficulty}, {format_clock(sc.duration)})", id=sc.id
                        )
                        for sc in self.scenarios.values()
                    ],
                    id="scenarios",
                )
                yield Label("Difficulty (Tab)", classes="dialog-hint")
                yield OptionList(
                    Option("the scenario's own", id="default"),
                    *[
                        Option(f"{name:<8} {DIFFICULTY_SHORT[name]}", id=name)
                        for name in DIFFICULTY_ORDER
                    ],
                    id="difficulty",
                )
                yield Label("Seed (empty: the scenario's own)", classes="dialog-hint")
                yield Input(placeholder="seed", restrict=r"[0-9]*", id="seed", max_length=9)
            with VerticalScroll(id="picker-right", classes="panel") as box:
                box.border_title = "About this drill"
                yield Static(id="facts")
        yield Label(
            " ↑↓ choose · Enter: briefing · i: interview (design first) · Tab: difficulty · "
            "ctrl+s: seed field · q: quiz ",
            id="picker-keys",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one("#scenarios", OptionList)
        first = self.initial or next(iter(self.scenarios))
        options.highlighted = options.get_option_index(first)
        options.focus()
        levels = self.query_one("#difficulty", OptionList)
        levels.highlighted = levels.get_option_index(self.difficulty or "default")
        self._show(first)

    def _show(self, scenario_id: str | None = None) -> None:
        self._shown = scenario_id or getattr(self, "_shown", None)
        if self._shown in self.scenarios:
            self.query_one("#facts", Static).update(
                scenario_facts(self.scenarios[self._shown], self.difficulty)
            )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "difficulty":
            self.difficulty = None if event.option.id == "default" else event.option.id
            self._show()
        else:
            self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def action_focus_seed(self) -> None:
        """Move to the seed field."""
        self.query_one("#seed", Input).focus()

    def action_help(self) -> None:
        """Open the help screen."""
        from wargame.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quiz(self) -> None:
        """Practise with the CAP interview quiz; leaving its score returns here."""
        from wargame.interview.quiz import load_bank
        from wargame.tui.quiz import QuizScreen, TopicScreen

        bank = load_bank()

        def picked(topic: str | None) -> None:
            if topic is not None:
                self.app.push_screen(QuizScreen(bank, None if topic == "all" else topic))

        self.app.push_screen(TopicScreen(bank), picked)

    def action_interview(self) -> None:
        """Interview mode: design the highlighted scenario's features, then live through it."""
        self.action_choose(interview=True)

    def action_choose(self, interview: bool = False) -> None:
        """Open the briefing of the highlighted scenario with the seed typed (if any)."""
        options = self.query_one("#scenarios", OptionList)
        if options.highlighted is None:
            return
        card = self.scenarios[options.get_option_at_index(options.highlighted).id or ""]
        from wargame.model.loader import ScenarioError

        try:
            sc = card.load()
        except ScenarioError as exc:
            self.notify(str(exc), title="Cannot open this scenario", severity="error")
            return
        text = self.query_one("#seed", Input).value
        seed = int(text) if text else sc.seed
        self.app.picked = sc.id  # type: ignore[attr-defined]
        self.app.difficulty = self.difficulty  # type: ignore[attr-defined]
        if interview:
            self.app.open_interview(sc, seed)  # type: ignore[attr-defined]
        else:
            self.app.open_briefing(sc, seed)  # type: ignore[attr-defined]
