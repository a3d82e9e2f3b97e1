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

READING = (
    """
## Reading the console

Nobody tells you what failed. At `standard` and `hard` difficulty the console shows
only what monitoring measures; the true state of the network appears only at `intro`.

- **Header**: scenario, sim clock `T+mm:ss`, `▶ running` or `‖ PAUSED`, speed, the
  difficulty, `not paged: levers locked` or `paged T+05:00`, `auto-pause` when it is on,
  declared severity, and how many alerts nobody has acknowledged (`⚠ 3 unacked`).
- **Network probes**: each region's probe host sends round-trip probes to every peer.
  The row is who measures, the column who is probed:
  - `✓ 71/80`: every probe answered; round-trip time p50/p99 in ms (`2.1s` past a second);
  - `62% 71/2.0s`: only some answered (a lossy link flaps like this);
  - `✗ 1m05`: no answer for that long (time since the last success);
  - `?`: not reported (at `hard`, one region's RTT is missing);
  - a row `no reports`: that region's own monitoring has gone silent.
  An RTT well above what the same pair measured at the start is highlighted.
  Under the matrix, `heartbeats missing: a→b` (a's heartbeats no longer reach b;
  `a⇄b` both ways) and `repl lag: a→b 4m` (the oldest write from a not yet applied in b;
  at `hard` it is reported a minute late).
- **Telling faults apart** (combine signals, as no single one is enough):
  - congestion: probes answered, RTT up, a few timeouts in the slow tail;
  - a lossy link (`partial`): some probes answered, flapping tick to tick, lag grows;
  - `one-way`: heartbeats missing in one direction only;
  - a `split`: two sides lose each other while a third region still reaches both;
  - `region-down`: every peer loses one region, and its own reports stop.
  Noise is real: a probe host can fail, a pause can stall a region for a tick, an
  overloaded region answers slowly without being cut off.
- **Signals**: the latest value of each metric, `(>limit)` its alert threshold, and a
  sparkline of recent minutes scaled from zero to at least the threshold (a flat, healthy
  signal is a low line). `!` and `ALERT` mark a value past its threshold.
- **Features**: per region, the policy in force (`cp→ap` while a change rolls out, region
  by region) and what users there see: `✓ ok`, `✗ ERR` (requests failing), `≈ stale`
  (reads missing other regions' writes), `… pend` (writes accepted, applied later),
  `? no data` where a region's monitoring is silent. The leader column shows `⟳moving`
  during a failover and `2 LEADERS` in split brain.
- **Alerts** (`NEW`, `acked`, `clear`; `CRIT` or `WARN`), **Tickets** (newest first),
  **Timeline** (`msg` from people, `you` for your actions, `sys` for system facts, `tip`
  for hints at `intro`) and **Log** (structured lines: region, feature,
  partition_detected, cap). Tab into a feed, move with ↑↓ and press **Enter** (or click a
  line) to read it in full. On a small terminal the feeds share one panel: `w` shows the
  next one.

## Diagnosing and acting

- Levers unlock when you are paged (the first alert, or a time the scenario sets).
- `d` diagnose: pick the kind of fault, then the regions involved (for `one-way`, the
  sending end first). Each diagnosis is recorded with its time and scored against what
  was true: being right early counts, acting on a wrong diagnosis shows in the debrief.
  Diagnose again whenever you learn more.
- `z` auto-pause: the clock stops when you are paged and at each new critical alert
  (on by default at `intro`).

## Difficulty

"""
    + "\n".join(f"- `{k}`: {v}." for k, v in fmt.DIFFICULTY_TEXT.items())
    + """

Dialogs for actions keep the clock running; help, reading a line and confirmations stop
it. Every action is written to the drill's journal as you take it.

## Interview mode (`i` in the picker)

Design each feature before the incident: its policy, conflict resolution and the settings
that matter, then the statement that explains your choice (one of four holds) and, if you
like, your own words. Enter or a click chooses, Tab moves between questions, `]`/`[` go to
the next/previous feature, `s` opens the summary, where Enter runs the incident on your
design and `x` exports the contract. The debrief then compares your design with the model
and names the L5/L6 signals your choices showed.
"""
)


def help_markdown(scenario: Scenario | None = None) -> str:
    """The help text, with the console's keys and (if given) the scenario's thresholds."""
    from wargame.tui.screens.console import ConsoleScreen

    lines = ["## Keys in the console", ""]
    for b in ConsoleScreen.BINDINGS:
        key = b.key_display or b.key.split(",")[0]
        doc = (getattr(ConsoleScreen, f"action_{b.action}").__doc__ or b.description).strip()
        lines.append(f"- `{key}` {doc.splitlines()[0]}")
    lines += [
        "- `Enter` on a feature: change its policy; on a feed line: read it in full",
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
