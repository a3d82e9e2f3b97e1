"""The design summary: every feature's choices and reason on one page, then live through it.

Enter starts the incident on this design (every feature needs its reason
first); ``x`` writes the contract as Markdown (the core's renderer,
:func:`wargame.interview.render.contract_markdown`) beside the journals;
Escape goes back to change something.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Markdown

from wargame.engine import POLICY_LABELS
from wargame.tui import datadir
from wargame.tui.interview.draft import Draft
from wargame.tui.widgets import KeyFooter

KNOB_NAMES: dict[str, str] = {
    "dedup": "dedup",
    "indicators": "indicators",
    "safe-mode": "safe mode",
    "retry": "client retries",
    "ttl": "queue TTL (s)",
}
"""How the summary names each knob question."""


def summary_markdown(draft: Draft) -> str:
    """The design as Markdown: one section per feature, the missing reasons first."""
    sc = draft.scenario
    lines = [f"# Your design · {sc.title}", ""]
    missing = draft.missing()
    if missing:
        lines += [
            f"**Still without a reason:** {', '.join(missing)}. Pick one for each "
            "(Escape goes back) before you live through it.",
            "",
        ]
    else:
        lines += [
            "Every feature has its design and its reason. **Enter** runs the incident on "
            "this design, with the same console and levers as a drill.",
            "",
        ]
    for f in sc.features:
        values = draft.values(f.id)
        policy = values["policy"]
        lines.append(f"## {f.name} ({f.kind.replace('_', ' ')})")
        lines.append("")
        change = "" if policy == f.as_built else f" (as built: `{f.as_built}`)"
        lines.append(f"- policy `{policy}`{change}: {POLICY_LABELS[policy]}")
        if "resolve" in values:
            lines.append(f"- conflicts at the heal: `{values['resolve']}`")
        knobs = [
            f"{name} `{values[key]}`"
            for key, name in KNOB_NAMES.items()
            if key in values and (key != "ttl" or policy == "queued")
        ]
        if knobs:
            lines.append(f"- knobs: {', '.join(knobs)}")
        key = draft.reason(f.id)
        statement = dict(draft.reasons(f.id)).get(key or "", "")
        lines.append(f"- why: {key}) {statement}" if key else "- why: **not chosen yet**")
        words = draft.justification(f.id).strip()
        if words:
            lines.append(f"- in your words: {words}")
        lines.append("")
    return "\n".join(lines)


class SummaryScreen(Screen[None]):
    """The whole design, checked; Enter lives through it."""

    DEFAULT_CSS = """
    SummaryScreen #summary-title { width: 100%; background: $panel; text-style: bold; }
    SummaryScreen #summary { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "live", "live through it", id="design-live"),
        Binding("x", "export", "contract.md", id="design-export"),
        Binding("escape,b", "back", "back to the design", key_display="Esc"),
    ]

    def __init__(self, draft: Draft, live: Path | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.live = live
        self.exported: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Label(f" Interview · summary · {self.draft.scenario.title} ", id="summary-title")
        with VerticalScroll(id="summary"):
            yield Markdown(summary_markdown(self.draft), id="summary-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#summary").focus()

    def action_live(self) -> None:
        """Run the incident on this design (every feature needs its reason first)."""
        missing = self.draft.missing()
        if missing:
            self.notify(
                f"Pick a reason for: {', '.join(missing)}.",
                title="Not yet",
                severity="warning",
            )
            return
        self.app.start_drill(  # type: ignore[attr-defined]
            self.draft.scenario, self.draft.seed, design=self.draft
        )

    def action_export(self) -> None:
        """Write the contract as Markdown beside the journals (never over an older one)."""
        from wargame.interview.render import contract_markdown

        folder = getattr(self.app, "journal_folder", None) or datadir.journal_dir()
        sid = self.draft.scenario.id
        path, n = folder / f"{sid}.contract.md", 2
        while path.exists():
            path, n = folder / f"{sid}.contract-{n}.md", n + 1
        try:
            datadir.atomic_write(path, contract_markdown(self.draft.contract, self.draft.scenario))
        except OSError as exc:
            self.notify(str(exc.strerror or exc), title="Cannot write", severity="error")
            return
        self.exported.append(path)
        self.notify(str(path), title="Contract written")

    def action_back(self) -> None:
        """Back to the design screen."""
        self.dismiss(None)
