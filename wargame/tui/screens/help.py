"""The help screen: every key, the four policies, and how to read the console."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from wargame.engine import POLICY_LABELS
from wargame.model.scenario import Scenario
from wargame.tui import fmt

READING = """
## Reading the console

- **Header**: scenario, sim clock `T+mm:ss`, `▶ running` or `‖ PAUSED`, speed, declared
  severity, and how many alerts nobody has acknowledged (`⚠ 3 unacked`).
- **Network**: each region (`● up` or `✖ DOWN`) and the features it leads (`★ leads`);
  `☆ ALSO ... (2 leaders)` means two regions both think they lead. Links are drawn
  `──` up, `~~` slow, `-x` lossy (messages dropped), `x x` down, and `──>` when only one
  direction works; the state is also written out next to each link.
- **Signals**: the latest value of each metric, `(>limit)` its alert threshold, and a
  sparkline of recent minutes. `!` and `ALERT` mark a value past its threshold.
- **Features**: per region, the policy in force (`cp→ap` while a change rolls out, region
  by region) and what users there see: `✓ ok`, `✗ ERR` (requests failing), `≈ stale`
  (reads missing other regions' writes), `… pend` (writes accepted, applied later).
  The leader column shows `⟳moving` during a failover and `2 LEADERS` in split brain.
- **Alerts** (`NEW`, `acked`, `resolved`; `CRIT` or `WARN`), **Tickets** (newest first),
  **Timeline** (`msg` from people, `you` for your actions, `sys` for system facts) and
  **Log** (structured lines: region, feature, partition_detected, cap). On a small
  terminal they share one panel: `w` shows the next one.

Dialogs for actions keep the clock running; help and confirmations stop it.
Every action is written to the drill's journal as you take it.
"""


def help_markdown(scenario: Scenario | None = None) -> str:
    """The help text, with the console's keys and (if given) the scenario's thresholds."""
    from wargame.tui.screens.console import ConsoleScreen

    lines = ["## Keys in the console", ""]
    for b in ConsoleScreen.BINDINGS:
        key = b.key_display or b.key.split(",")[0]
        doc = (getattr(ConsoleScreen, f"action_{b.action}").__doc__ or b.description).strip()
        lines.append(f"- `{key}` {doc.splitlines()[0]}")
    lines += [
        "- `Enter` on a feature: change its policy",
        "- `ctrl+p` command palette: every action by name",
        "- `ctrl+q` quit (asks first during a drill)",
        "",
        "## The four policies (what a feature does while regions cannot talk)",
        "",
    ]
    for p, text in POLICY_LABELS.items():
        lines.append(f"- `{p}` {text}")
    if scenario is not None:
        lines += ["", "## Alert thresholds in this scenario", ""]
        for spec in fmt.metric_specs(scenario).values():
            limit = spec.threshold() or "no alert"
            lines.append(f"- {spec.title} (`{spec.label}`): {limit}")
    return "\n".join(lines) + "\n" + READING


class HelpScreen(ModalScreen[None]):
    """Keys, policies and a guide to the console; Escape or ``?`` closes it."""

    BINDINGS = [Binding("escape,question_mark,q,f1", "close", "Close help")]

    def __init__(self, scenario: Scenario | None = None) -> None:
        super().__init__(classes="dialog")
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(help_markdown(self.scenario))
        yield Label("Esc close · ↑↓ scroll", classes="dialog-keys", id="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
