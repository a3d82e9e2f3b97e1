"""The console's one-line header: scenario, sim clock, speed, pause, severity, alerts."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from wargame.tui import fmt


class DrillHeader(Widget):
    """Scenario title, ``T+mm:ss``, speed, running or paused, severity and unacked alerts."""

    DEFAULT_CSS = """
    DrillHeader {
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    title = reactive("")
    """The scenario's title."""
    sim_t = reactive(0.0)
    """Sim clock in seconds."""
    speed = reactive(1.0)
    """Sim seconds per wall second."""
    paused = reactive(False)
    """True while the clock is stopped."""
    finished = reactive(False)
    """True once the clock reached the end."""
    severity = reactive[str | None](None)
    """The declared severity, if any."""
    unacked = reactive(0)
    """Active alerts nobody acknowledged."""
    difficulty = reactive("")
    """intro, standard or hard."""
    page_t = reactive[float | None](None)
    """Sim time of the page (None: not paged yet, levers locked)."""
    autopause = reactive(False)
    """True when a page or a critical alert pauses the clock."""
    held = reactive(False)
    """True while a game day's facilitator holds every team's clock."""
    recording_off = reactive(False)
    """True when the drill cannot be recorded in the store (its journal still is)."""

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = [
            (f" {self.title} ", "bold reverse"),
            (f" {fmt.clock(self.sim_t)} ", "bold"),
        ]
        if self.finished:
            parts.append((" ■ ENDED ", "bold reverse"))
        elif self.held:
            parts.append((" ‖ PAUSED BY THE FACILITATOR ", "bold reverse $warning"))
        elif self.paused:
            parts.append((" ‖ PAUSED ", "bold reverse $warning"))
        else:
            parts.append(" ▶ running ")
        parts.append(f" {fmt.speed(self.speed)} ")
        if self.difficulty:
            parts.append((f" {self.difficulty} ", "$text-muted"))
        if self.page_t is None:
            parts.append((" not paged: levers locked ", "$text-muted"))
        else:
            parts.append((f" paged {fmt.clock(self.page_t)} ", "bold"))
        if self.autopause:
            parts.append((" auto-pause ", "$text-muted"))
        if self.severity:
            parts.append((f" {self.severity} declared ", "bold $error"))
        else:
            parts.append(" no SEV ")
        if self.unacked:
            parts.append((f" ⚠ {self.unacked} unacked ", "bold reverse $error"))
        if self.recording_off:
            parts.append((" recording off ", "bold $warning"))
        return Content.assemble(*parts)
