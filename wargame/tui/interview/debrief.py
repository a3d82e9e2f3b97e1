"""The debrief after living through a design: the design against the model, then the drill.

On top of the ordinary debrief (how the incident went on the candidate's
design, with their levers), :class:`DesignDebriefScreen` puts the design's
own review from :func:`wargame.interview.design.evaluate`: what L5 and L6 mean
(one line), the design's score left to run against the model's design on the
same seed, the L5/L6 signals with their evidence, and feature by feature the
deviations from the model, what users see, and whether the reason holds.
``c`` exports the contract as Markdown; ``n`` lives through the same design again.
"""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from wargame.interview.models import DesignResult, FeatureReview, Signal
from wargame.tui import datadir
from wargame.tui.debrief_data import build
from wargame.tui.drill import Drill
from wargame.tui.interview.draft import Draft
from wargame.tui.screens.debrief import DebriefScreen

LEVEL_STYLE = {"L6": "bold $success", "L5": "bold $error", "not shown": "bold $text-muted"}


def _signal(s: Signal) -> Content:
    return Content.assemble(
        (f"{s.level:<9}", LEVEL_STYLE[s.level]), (s.name, "bold"), f": {s.evidence}"
    )


def _feature(f: FeatureReview) -> Content:
    mark = ("✓ ", "bold $success") if f.matches_model else ("✗ ", "bold $error")
    parts: list[str | tuple[str, str]] = [
        mark,
        (f.name, "bold"),
        f" ({f.kind.replace('_', ' ')}): yours ",
        (f.policy, "bold"),
        f" · model {f.model_policy}",
        f"\n   your users see: {f.users_see}",
    ]
    for d in f.deviations:
        parts.append(f"\n   {d.setting}: {d.chosen} (model: {d.model}): {d.consequence}")
    if f.cost_vs_model:
        parts.append(f"\n   in the run: {f.cost_vs_model} than the model")
    r = f.reason
    if r.chosen is None:
        parts += ["\n   reason: ", ("none given", "bold $warning")]
        parts.append(f"; the one that holds ({r.right}): {r.right_text}")
    elif r.correct:
        parts += [f"\n   reason {r.chosen}): ", ("holds", "bold $success"), f" ({r.label})"]
    else:
        parts += [f"\n   reason {r.chosen}): ", (f"a mistake: {r.label}", "bold $error")]
        parts.append(f". {r.explanation}\n   the one that holds ({r.right}): {r.right_text}")
    if f.justification.strip():
        parts.append(("\n   your words: " + " ".join(f.justification.split()), "italic"))
    return Content.assemble(*parts)


def design_widgets(r: DesignResult) -> list[Widget]:
    """The design review's widgets, placed above the drill's debrief."""
    head = Content.assemble(
        ("Your design, left to run: ", ""),
        (f"{r.score:g} ({r.grade})", "bold"),
        f" · the model's design on the same incident: {r.model_score:g} "
        f"({r.points_vs_model:+g}) · reasons that hold: {r.reasons_right} of {len(r.features)}",
    )
    return [
        Label("Your design against the model", classes="section"),
        Static(Content(r.levels), classes="design-levels"),
        Static(head, id="design-score"),
        Static(Content(r.verdict)),
        Label("L5/L6 signals in your design", classes="section"),
        Static(Content("\n").join(_signal(s) for s in r.signals), id="design-signals"),
        Label("Your design, feature by feature", classes="section"),
        *[Static(_feature(f), classes="design-feature") for f in r.features],
        Label("How the incident went on your design (with your levers)", classes="section"),
    ]


class DesignDebriefScreen(DebriefScreen):
    """The debrief of an interview: the design's review first, then the drill's."""

    DEFAULT_CSS = """
    DesignDebriefScreen .design-levels { color: $text-muted; }
    DesignDebriefScreen .design-feature { margin-top: 1; }
    """
    BINDINGS = [
        Binding("c", "export_contract", "contract.md", id="contract"),
        Binding("n", "replay", "replay design", id="replay"),
    ]

    def __init__(self, drill: Drill, draft: Draft) -> None:
        super().__init__(drill)
        self.draft = draft
        self.design: DesignResult | None = None

    @work(thread=True, exclusive=True, group="debrief")
    def score(self) -> None:
        """Score the run and review the design, off the UI thread."""
        from wargame.interview.design import evaluate

        result = self.drill.finish()
        sc = self.drill.scenario
        data = build(sc, self.drill.seed, result)
        design = evaluate(sc, self.draft.contract, self.drill.seed, self.drill.difficulty)
        self.app.call_from_thread(self.show_design, data, design)

    async def show_design(self, data, design: DesignResult) -> None:
        """The drill's debrief, with the design's review above it."""
        self.design = design
        await self.show(data)
        body = self.query_one("#debrief")
        await body.mount_all(design_widgets(design), before=0)
        body.scroll_home(animate=False)

    def action_export_contract(self) -> None:
        """Write the candidate's contract as Markdown next to the journal."""
        from wargame.interview.render import contract_markdown

        path = self._export_path(".contract.md")
        try:
            datadir.atomic_write(path, contract_markdown(self.draft.contract, self.drill.scenario))
        except OSError as exc:
            self.notify(str(exc.strerror or exc), title="Cannot write", severity="error")
            return
        self.exported.append(path)
        self.notify(str(path), title="Contract written")

    def action_replay(self) -> None:
        """Live through the same design again (same seed)."""
        self.app.start_drill(  # type: ignore[attr-defined]
            self.drill.scenario, self.drill.seed, design=self.draft
        )
