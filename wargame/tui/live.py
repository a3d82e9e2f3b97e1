"""The game's live link: drills recorded as they run, and a joined team's orders applied.

:class:`LiveLink` sits between the app and a :class:`~wargame.gameday.link.TeamLink`:
it hands each new drill's actions to the recorder, scores a finished drill off
the UI thread before storing its result, and, for a team that joined a game
day, beats once a wall second: it reports the screen and sim clock and applies
what the facilitator sent (injects at the drill's current sim time, pause and
resume of the clock).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wargame.gameday.link import TeamLink

if TYPE_CHECKING:
    from wargame.gameday.sessions import Joined
    from wargame.tui.app import WargameApp
    from wargame.tui.drill import Drill


class LiveLink:
    """One app's recorder and, for a joined team, its heartbeat."""

    def __init__(
        self, app: WargameApp, store_path: str | Path | None, joined: Joined | None = None
    ) -> None:
        self.app = app
        self.link = TeamLink(store_path, joined)
        self._told_off = False
        self.held = False
        """The facilitator holds this team's clock."""

    @property
    def joined(self) -> Joined | None:
        return self.link.joined

    @property
    def off(self) -> str | None:
        """Why recording is off, or ``None``."""
        return self.link.off

    # -- drills -------------------------------------------------------------------
    def drill_started(self, drill: Drill) -> None:
        """Record the drill from its first action; apply a pause already in force."""
        self.link.start(drill.scenario.id, drill.seed, drill.difficulty)
        drill.recorder = self._record
        drill.held = self.held
        self._say_if_off()

    def _record(self, action) -> None:
        self.link.record(action)
        self._say_if_off()

    def drill_finished(self, drill: Drill) -> None:
        """Score the finished drill in a worker thread, then store its result."""
        if self.link.drill is None or drill.result is None:
            return
        result, scenario = drill.result, drill.scenario
        drill_id = self.link.drill

        def score() -> None:
            from wargame.store.scores import summary

            done = summary(result, scenario)
            if self.link.drill == drill_id:
                self.link.finish(done)

        self.app.run_worker(score, thread=True, group="record", exit_on_error=False)

    def _say_if_off(self) -> None:
        if self.link.off is not None and not self._told_off:
            self._told_off = True
            if self.app.toasts:
                self.app.notify(
                    f"{self.link.off}. The drill goes on; its journal is still written.",
                    title="Recording is off",
                    severity="warning",
                    timeout=10,
                )

    # -- a joined team ------------------------------------------------------------
    def state(self) -> str:
        """What the team is doing: waiting, briefing, playing or debrief."""
        from wargame.tui.screens.briefing import BriefingScreen
        from wargame.tui.screens.console import ConsoleScreen
        from wargame.tui.screens.debrief import DebriefScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ConsoleScreen):
                return "debrief" if screen.drill.finished else "playing"
            if isinstance(screen, DebriefScreen):
                return "debrief"
            if isinstance(screen, BriefingScreen):
                return "briefing"
        return "waiting"

    def beat(self) -> None:
        """Heartbeat; then apply the facilitator's pause and injects to the drill on screen."""
        if self.joined is None:
            return
        state = self.state()
        drill = self.app.drill
        playing = state == "playing" and drill is not None and self.link.team_drill
        t = drill.now if drill is not None and state in ("playing", "debrief") else 0.0
        orders = self.link.beat(state, t, playing)
        if orders.paused != self.held:
            self.held = orders.paused
            if drill is not None:
                drill.held = orders.paused
                drill.version += 1
            if self.app.toasts:
                self.app.notify(
                    "The facilitator paused every team." if self.held else "Play resumes.",
                    title="Game day",
                    severity="warning" if self.held else "information",
                )
        for sent in orders.injects:
            if drill is None:
                break
            entry = drill.inject(sent.text, sent.source)
            if entry is not None and self.app.toasts:
                self.app.notify(entry.text, title="Message", timeout=8)
        self._say_if_off()

    def close(self) -> None:
        """Last heartbeat and close the store."""
        drill = self.app.drill
        done = drill is not None and drill.finished
        self.link.close("finished" if done else "left", drill.now if drill is not None else 0.0)
