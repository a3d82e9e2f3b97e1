"""The design phase: feature by feature, the candidate sets the design and picks a reason.

A feature list on the left (✓ once its reason is chosen, and the summary at
its end); on the right the feature's questions (:mod:`wargame.tui.interview.form`)
as option lists: Enter or a click chooses (● marks the choice) and moves on to
the next question; the reason's four statements; a one-line justification
(kept, not graded; Enter there goes on to the next feature). ``]``/``[``
(or the buttons) go to the next/previous feature, ``s`` to the summary.
Every change is written to the live file the interviewer's sheet follows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.tui.interview.draft import Draft
from wargame.tui.interview.form import Question, questions
from wargame.tui.widgets import KeyFooter

if TYPE_CHECKING:
    from pathlib import Path

SUMMARY = "=summary"
"""The feature list's last row: the summary."""

MAX_JUSTIFICATION = 500
"""Longest justification typed on the screen (the contract allows as much)."""


class DesignScreen(Screen[None]):
    """Design each feature's behaviour in a partition and say why."""

    DEFAULT_CSS = """
    DesignScreen #design-title { width: 100%; background: $panel; text-style: bold; }
    DesignScreen #design { height: 1fr; }
    DesignScreen #design-left { width: 22; }
    DesignScreen #design-features { height: 1fr; border: none; }
    DesignScreen #design-form { width: 1fr; padding: 0 1; }
    DesignScreen #feature-head { margin-bottom: 1; }
    DesignScreen .q-title { text-style: bold; margin-top: 1; width: 100%; }
    DesignScreen .q-hint { color: $text-muted; width: 100%; }
    DesignScreen .q-choices { height: auto; border: none; padding: 0 0 0 1; }
    DesignScreen .q-choices:focus { border: none; border-left: outer $accent; padding: 0; }
    DesignScreen #justification { margin-top: 0; }
    DesignScreen #design-buttons { height: auto; margin-top: 1; }
    DesignScreen #design-buttons Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("right_square_bracket", "next_feature", "next feature", key_display="]"),
        Binding("left_square_bracket", "previous_feature", "previous", key_display="["),
        Binding("s", "summary", "summary", id="design-summary"),
        Binding("escape", "back", "briefing", key_display="Esc"),
        Binding("question_mark,f1", "help", "help", key_display="?"),
    ]

    def __init__(self, draft: Draft, live: Path | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.scenario = draft.scenario
        self.live = live
        """The file the interviewer's sheet reads (None: nobody follows)."""
        self.index = 0
        """Position of the feature on screen."""
        self.asked: list[Question] = []

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Label(f" Interview · design · {self.scenario.title} ", id="design-title")
        with Horizontal(id="design"):
            with Vertical(id="design-left", classes="panel") as box:
                box.border_title = "Features"
                yield OptionList(id="design-features")
            with VerticalScroll(id="design-form", classes="panel", can_focus=False) as box:
                box.border_title = "Design"
                yield Static(id="feature-head")
                for key in ("policy", "resolve", "dedup", "indicators", "safe-mode", "retry"):
                    yield from self._group(key)
                yield from self._group("ttl")
                yield from self._group("reason")
                yield Label("Your words (optional, kept, not graded)", classes="q-title")
                yield Input(
                    placeholder="why, in a sentence: what users see, what it costs",
                    max_length=MAX_JUSTIFICATION,
                    id="justification",
                )
                with Horizontal(id="design-buttons"):
                    yield Button("◀ Previous", id="previous")
                    yield Button("Next ▶", id="next", variant="primary")
                    yield Button("Summary", id="to-summary")
        yield KeyFooter()

    def _group(self, key: str) -> ComposeResult:
        with Vertical(id=f"group-{key}", classes="q-group") as group:
            group.styles.height = "auto"
            yield Label("", classes="q-title")
            yield Label("", classes="q-hint")
            yield OptionList(id=f"q-{key}", classes="q-choices")

    def on_mount(self) -> None:
        self._fill_features()
        self.show_feature(0)
        self.query_one("#q-policy").focus()
        self.publish()

    # -- the feature list ------------------------------------------------------------
    def _feature_label(self, i: int) -> Text:
        f = self.scenario.features[i]
        done = self.draft.complete(f.id)
        mark = "✓ " if done else "· "
        return Text.assemble((mark, "bold green" if done else "dim"), f.name)

    def _fill_features(self) -> None:
        features = self.query_one("#design-features", OptionList)
        features.clear_options()
        features.add_options(
            [Option(self._feature_label(i), id=f.id) for i, f in enumerate(self.scenario.features)]
        )
        features.add_option(Option(Text("▶ Summary", style="bold"), id=SUMMARY))
        features.highlighted = self.index

    def _refresh_feature_marks(self) -> None:
        features = self.query_one("#design-features", OptionList)
        for i, f in enumerate(self.scenario.features):
            features.replace_option_prompt(f.id, self._feature_label(i))

    # -- one feature -----------------------------------------------------------------
    @property
    def feature(self):
        """The feature on screen."""
        return self.scenario.features[self.index]

    def show_feature(self, index: int) -> None:
        """Show the questions of feature ``index``."""
        self.index = index
        f = self.feature
        n = len(self.scenario.features)
        head = Text.assemble(
            (f"{f.name}", "bold"),
            f"  ({f.kind.replace('_', ' ')}, feature {index + 1} of {n})\n",
            (f.description or "", "italic"),
            "\n",
            ("As built: ", "dim"),
            f"{f.as_built}, {f.resolution} resolution\n",
            ("Enter or a click chooses · Tab: next question · ] next feature", "dim"),
        )
        self.query_one("#feature-head", Static).update(head)
        built = self.draft.built_values(f.id)
        self.asked = questions(self.scenario, f, self.draft.reasons(f.id), built)
        by_key = {q.key: q for q in self.asked}
        for group in self.query(".q-group"):
            key = (group.id or "").removeprefix("group-")
            q = by_key.get(key)
            group.display = q is not None
            if q is None:
                continue
            labels = list(group.query(Label))
            labels[0].update(q.title)
            labels[1].update(q.hint)
            labels[1].display = bool(q.hint)
            self._fill_choices(q)
        self._show_applicable()
        text = self.query_one("#justification", Input)
        with text.prevent(Input.Changed):
            text.value = self.draft.justification(f.id)
        self.query_one("#next", Button).label = "Next ▶" if index + 1 < n else "Summary ▶"
        self.query_one("#previous", Button).disabled = index == 0
        features = self.query_one("#design-features", OptionList)
        features.highlighted = index
        self.query_one("#design-form", VerticalScroll).scroll_home(animate=False)
        self.query_one("#design-form").border_title = f"Design · {f.name}"

    def _fill_choices(self, q: Question) -> None:
        chosen = self._value(q.key)
        options = self.query_one(f"#q-{q.key}", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            [
                Option(
                    Text.assemble(
                        ("● " if value == chosen else "○ ", "bold" if value == chosen else "dim"),
                        label,
                    ),
                    id=value,
                )
                for value, label in q.options
            ]
        )
        index = next((i for i, (v, _) in enumerate(q.options) if v == chosen), 0)
        options.highlighted = highlighted if highlighted is not None else index

    def _value(self, key: str) -> str | None:
        if key == "reason":
            return self.draft.reason(self.feature.id)
        return self.draft.values(self.feature.id).get(key)

    def _show_applicable(self) -> None:
        policy = self.draft.values(self.feature.id).get("policy", self.feature.as_built)
        for q in self.asked:
            self.query_one(f"#group-{q.key}").display = q.applies(policy)

    # -- choosing ------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        source = event.option_list
        value = event.option.id
        if value is None:
            return
        if source.id == "design-features":
            if value == SUMMARY:
                self.action_summary()
            else:
                ids = [f.id for f in self.scenario.features]
                self.show_feature(ids.index(value))
            return
        key = (source.id or "").removeprefix("q-")
        self.choose(key, value)
        self.focus_next()

    def choose(self, key: str, value: str) -> None:
        """Record ``value`` for question ``key`` of the feature on screen."""
        fid = self.feature.id
        if key == "reason":
            self.draft.set_reason(fid, value)
        else:
            self.draft.set_value(fid, key, value)
        q = next(q for q in self.asked if q.key == key)
        self._fill_choices(q)
        if key == "policy":
            self._show_applicable()
        self._refresh_feature_marks()
        self.publish()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "justification":
            self.draft.set_justification(self.feature.id, event.value)
            self.publish()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next_feature()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next":
            self.action_next_feature()
        elif event.button.id == "previous":
            self.action_previous_feature()
        elif event.button.id == "to-summary":
            self.action_summary()

    # -- the live file ---------------------------------------------------------------
    def publish(self) -> None:
        """Write the in-progress design to the live file (if any) for the interviewer."""
        if self.live is None:
            return
        try:
            self.draft.publish(self.live, current=self.feature.id)
        except OSError as exc:
            self.live = None
            self.notify(
                f"The interviewer's sheet will not follow: {exc.strerror or exc}",
                title="Cannot write the live file",
                severity="warning",
            )

    # -- keys --------------------------------------------------------------------------
    def action_next_feature(self) -> None:
        """The next feature (after the last one: the summary)."""
        if self.index + 1 < len(self.scenario.features):
            self.show_feature(self.index + 1)
            self.query_one("#q-policy").focus()
        else:
            self.action_summary()

    def action_previous_feature(self) -> None:
        """The previous feature."""
        if self.index > 0:
            self.show_feature(self.index - 1)
            self.query_one("#q-policy").focus()

    def action_summary(self) -> None:
        """The whole design on one page, then live through it."""
        from wargame.tui.interview.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.draft, self.live))

    def action_back(self) -> None:
        """Back to the briefing (the design is kept while the app runs)."""
        self.app.open_interview(self.scenario, self.draft.seed, self.draft)  # type: ignore[attr-defined]

    def action_help(self) -> None:
        """Open the help screen."""
        from wargame.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.scenario))
