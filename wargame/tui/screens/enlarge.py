"""Shown instead of any screen while the terminal is smaller than 80x24."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Label

MIN_W, MIN_H = 80, 24
"""The smallest terminal the game lays out for."""


class EnlargeScreen(Screen[None]):
    """A clear request to enlarge the terminal (the drill's clock stops meanwhile)."""

    DEFAULT_CSS = """
    EnlargeScreen {
        align: center middle;
    }
    EnlargeScreen Label {
        text-align: center;
        width: auto;
    }
    """

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Label(self._text(), id="enlarge")

    def _text(self) -> str:
        w, h = self.app.size
        return (
            f"Please enlarge this terminal\n\nto at least {MIN_W}x{MIN_H}"
            f" (it is {w}x{h} now).\n\nThe drill's clock is stopped meanwhile."
        )

    def on_resize(self) -> None:
        self.query_one("#enlarge", Label).update(self._text())
