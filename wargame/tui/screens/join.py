"""The join screen: a game day's join code (or solo play) before anything else.

It is the first screen of a game opened with ``wargame play --join-screen``,
which is what ``wargame serve`` starts in each browser tab. A valid code plays
that team's drill (its session's scenario, seed and difficulty, recorded under
the team); a wrong one says why and waits for another try; Play solo opens the
scenario picker.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Label

from wargame.tui.widgets import KeyFooter


class JoinScreen(Screen[None]):
    """Type the join code from the facilitator, or play solo."""

    DEFAULT_CSS = """
    JoinScreen { align: center middle; }
    #join-box { width: 64; height: auto; padding: 1 2; }
    #join-box Label { width: 100%; }
    #join-code { width: 100%; margin: 1 0 0 0; }
    #join-error { color: $error; height: auto; min-height: 2; margin: 1 0 0 0; }
    #join-buttons { height: auto; align: center middle; }
    #join-buttons Button { margin: 0 2; }
    """

    BINDINGS = [Binding("ctrl+o", "solo", "Play solo", id="solo")]

    def __init__(self, store_path: str | None = None) -> None:
        super().__init__()
        self.store_path = store_path
        """The store the codes live in (None: ``WARGAME_DB`` or the per-user default)."""
        self.error: str = ""
        """The last code's problem (empty when none)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box", classes="panel") as box:
            box.border_title = "CAP War-Game · game day"
            yield Label("Type your team's join code (from the facilitator):")
            yield Input(
                placeholder="XXXX-XXXX",
                id="join-code",
                max_length=16,
                restrict=r"[A-Za-z0-9 -]*",
            )
            yield Label("", id="join-error")
            with Center(), Horizontal(id="join-buttons"):
                yield Button("Join", id="join", variant="primary")
                yield Button("Play solo", id="solo")
            yield Label(
                "Enter: join · ctrl+o: play solo (no game day) · ctrl+q: quit",
                classes="dialog-hint",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#join-code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_join()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "join":
            self.action_join()
        else:
            self.action_solo()

    def _fail(self, message: str) -> None:
        self.error = message
        self.query_one("#join-error", Label).update(message)
        field = self.query_one("#join-code", Input)
        field.focus()
        field.select_all()

    def action_join(self) -> None:
        """Check the code typed and open that team's briefing."""
        from wargame.gameday import JoinError, join_code
        from wargame.model.loader import ScenarioError, load_scenario
        from wargame.store import StoreError

        text = self.query_one("#join-code", Input).value
        if not text.strip():
            self._fail("Type the join code first (or ctrl+o to play solo).")
            return
        try:
            joined = join_code(text, db=self.store_path)
            scenario = load_scenario(joined.scenario)
        except JoinError as exc:
            self._fail(f"{exc}. Check the code and try again.")
            return
        except (StoreError, ScenarioError) as exc:
            self._fail(f"Cannot open this game day: {exc}")
            return
        self.error = ""
        self.app.open_joined(joined, scenario)  # type: ignore[attr-defined]

    def action_solo(self) -> None:
        """Play without a game day: the scenario picker."""
        self.app.open_picker()  # type: ignore[attr-defined]
