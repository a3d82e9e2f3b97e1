"""The Textual application: screen flow, journals, quitting, the command palette.

Flow: picker → briefing → console → debrief → (replay | picker). ``wargame``
opens the picker; ``wargame play SCENARIO`` opens the briefing. Interview mode
(``i`` in the picker, ``wargame interview SCENARIO``): briefing → design →
summary → console on that design → debrief with the design comparison. Every drill
writes its journal into :func:`~wargame.tui.datadir.journal_dir`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen

from wargame.tui import datadir
from wargame.tui.screens.enlarge import MIN_H, MIN_W, EnlargeScreen

if TYPE_CHECKING:  # the picker starts without the engine and the models
    from wargame.gameday.sessions import Joined
    from wargame.model.scenario import Scenario
    from wargame.tui.catalog import Card
    from wargame.tui.drill import Drill
    from wargame.tui.interview.draft import Draft
    from wargame.tui.live import LiveLink


BEAT_S = 1.0
"""Wall seconds between a joined team's heartbeats and polls of the facilitator (``.live``)."""


class WargameApp(App[None]):
    """CAP war-game: be the on-call engineer during a network partition."""

    CSS_PATH = "app.tcss"
    TITLE = "CAP War-Game"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]

    def __init__(
        self,
        scenario: Scenario | None = None,
        seed: int | None = None,
        *,
        speed: float | None = None,
        journal_dir: str | Path | None = None,
        scenarios: list[Scenario] | None = None,
        paused: bool = False,
        clock: Callable[[], float] = time.monotonic,
        stamp: Callable[[], str] = datadir.timestamp,
        toasts: bool = True,
        difficulty: str | None = None,
        interview: bool = False,
        live: Path | None = None,
        joined: Joined | None = None,
        store_path: str | Path | None = None,
        record: bool = True,
        join_screen: bool = False,
    ) -> None:
        """Open on the briefing of ``scenario`` (or on the picker).

        ``interview``: open the scenario in interview mode (design first);
        ``live``: the file the design screen writes for the interviewer's sheet
        (default: :func:`wargame.tui.interview.live_file` of the scenario).

        Every drill is recorded in the store (``store_path``; default: ``--db``'s
        rules, see :func:`wargame.store.resolve_path`) unless ``record`` is false.
        ``joined`` (a game-day team, :func:`wargame.gameday.join`) opens on the
        briefing of the session's scenario, seed and difficulty and records under
        the team; :meth:`join` does the same later (a join screen's result).

        ``join_screen``: open on the join screen instead (a game day's join code,
        or solo play), as every browser tab of ``wargame serve`` does; codes are
        looked up in the store ``store_path`` (None: ``WARGAME_DB`` or the default).

        ``paused``, ``clock``, ``stamp`` and ``toasts`` exist for tests: start
        every drill paused, read wall time from ``clock``, name journals with
        ``stamp()`` and keep toasts off the screen.
        """
        super().__init__()
        self.start_scenario = scenario
        self.start_seed = seed
        self.speed = speed
        self.journal_folder = datadir.journal_dir(journal_dir)
        self._scenarios = scenarios
        self._cards: list[Card] | None = None
        self.start_paused = paused
        self.clock = clock
        self.stamp = stamp
        self.toasts = toasts
        self.drill: Drill | None = None
        """The drill in progress or just finished."""
        self.difficulty = difficulty
        """intro, standard or hard for every drill; None: each scenario's default."""
        self.picked: str | None = None
        """The scenario last chosen in the picker (its cursor returns there)."""
        self.start_interview = interview
        self.design: Draft | None = None
        """The interview design the current drill runs on (None: an ordinary drill)."""
        self.interview_live = live
        """The interview's live file, if given (``--live FILE``)."""
        self.store_path = store_path
        self.record = record
        self.joined = joined
        self.join_screen = join_screen
        self._solo_difficulty = difficulty
        self.live: LiveLink | None = None
        """Records drills in the store; heartbeats for a joined team (see :mod:`.live`)."""

    # -- flow -------------------------------------------------------------------
    def on_mount(self) -> None:
        self.set_interval(BEAT_S, self._beat)
        if self.joined is not None:
            self.join(self.joined)
        elif self.join_screen:
            self.open_join()
        elif self.start_scenario is not None:
            sc = self.start_scenario
            seed = sc.seed if self.start_seed is None else self.start_seed
            if self.start_interview:
                self.open_interview(sc, seed)
            else:
                self.open_briefing(sc, seed)
        else:
            self.open_picker()
        self._check_size()

    def _beat(self) -> None:
        if self.live is not None:
            self.live.beat()

    def join(self, joined: Joined, scenario: Scenario | None = None) -> None:
        """Play as a game-day team: its session's scenario, seed and difficulty, recorded
        under the team (the entry point of a join screen and of ``play --join``)."""
        from wargame.model.loader import load_scenario
        from wargame.tui.live import LiveLink

        self.joined, self.difficulty = joined, joined.difficulty
        if self.live is not None and self.live.joined != joined:
            self.live.close()
            self.live = None
        if self.record and self.live is None:
            self.live = LiveLink(self, self.store_path, joined)
        self.open_briefing(scenario or load_scenario(joined.scenario), joined.seed)

    def scenarios(self) -> list[Card]:
        """The scenarios the picker offers (the shipped ones unless given), as cards."""
        if self._cards is None:
            from wargame.tui.catalog import card_of, shipped_cards

            given = self._scenarios
            self._cards = shipped_cards() if given is None else [card_of(s) for s in given]
        return self._cards

    def _show(self, screen: Screen) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)
        self.call_after_refresh(self._check_size)

    def open_picker(self) -> None:
        """Show the scenario picker; a game-day team goes back to the join screen instead.

        A team plays its session's drill, not the catalogue: leaving the briefing
        or the debrief ends its turn, and the join screen waits for the next code.
        """
        from wargame.tui.screens.picker import PickerScreen

        if self.joined is not None:
            self.joined = None
            self.difficulty = self._solo_difficulty
            if self.live is not None and self.live.joined is not None:
                self.live.close()  # the next drill records solo (a new link)
                self.live = None
            self.open_join()
            return

        self._show(PickerScreen(self.scenarios(), initial=self.picked, difficulty=self.difficulty))

    def open_join(self) -> None:
        """Show the join screen (a game day's join code, or solo play)."""
        from wargame.tui.screens.join import JoinScreen

        self._show(JoinScreen(self.store_path))

    def open_joined(self, joined: Joined, scenario: Scenario) -> None:
        """Play for a game-day team: its session's scenario, seed and difficulty."""
        self._solo_difficulty = self.difficulty
        self.join(joined, scenario)

    def open_briefing(self, scenario: Scenario, seed: int) -> None:
        """Show a scenario's briefing."""
        from wargame.tui.screens.briefing import BriefingScreen

        self._show(BriefingScreen(scenario, seed, self.speed, self.difficulty))

    def open_interview(self, scenario: Scenario, seed: int, draft: Draft | None = None) -> None:
        """Interview mode: the briefing, then the design phase (``draft``: keep a design)."""
        from wargame.tui.interview.briefing import InterviewBriefingScreen
        from wargame.tui.interview.sheet import live_file

        live = self.interview_live or live_file(scenario.id)
        self._show(
            InterviewBriefingScreen(scenario, seed, self.speed, self.difficulty, draft, live)
        )

    def start_drill(self, scenario: Scenario, seed: int, design: Draft | None = None) -> Drill:
        """Start a drill (its journal is created now) and show the console.

        With ``design`` (an interview), the incident runs on that design, not as built.
        """
        from wargame.tui.drill import Drill
        from wargame.tui.screens.console import ConsoleScreen

        if self.drill is not None:
            self.drill.close()
        path = datadir.journal_path(self.journal_folder, scenario.id, seed, self.stamp())
        self.drill = Drill(
            scenario,
            seed,
            path,
            speed=self.speed,
            paused=self.start_paused,
            difficulty=self.difficulty,
            design=design.levers() if design else (),
        )
        self.design = design
        if self.record and self.live is None:  # opened at the first drill: the picker
            from wargame.tui.live import LiveLink  # starts without the store's imports

            self.live = LiveLink(self, self.store_path, self.joined)
        if self.live is not None:
            self.live.drill_started(self.drill)
        self._show(ConsoleScreen(self.drill, clock=self.clock))
        return self.drill

    def drill_over(self, drill: Drill) -> None:
        """The clock reached the end (or the player ended the drill): show the debrief."""
        from wargame.tui.screens.debrief import DebriefScreen

        drill.finish()
        if self.live is not None:
            self.live.drill_finished(drill)
        if self.design is not None and drill.design:
            from wargame.tui.interview.debrief import DesignDebriefScreen

            self._show(DesignDebriefScreen(drill, self.design))
        else:
            self._show(DebriefScreen(drill))

    # -- size -------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        width, height = size or self.size
        small = width < MIN_W or height < MIN_H
        on_top = isinstance(self.screen, EnlargeScreen)
        if small and not on_top:
            self.push_screen(EnlargeScreen())
        elif not small and on_top:
            self.pop_screen()

    # -- quitting ---------------------------------------------------------------
    def drill_running(self) -> bool:
        """A drill is on screen and its clock has not reached the end."""
        from wargame.tui.screens.console import ConsoleScreen

        return (
            self.drill is not None
            and not self.drill.finished
            and any(isinstance(s, ConsoleScreen) for s in self.screen_stack)
        )

    async def action_quit(self) -> None:
        """Quit; during a drill, ask first (the journal is already safe on disk)."""
        from wargame.tui.screens.modals import ConfirmModal

        if not self.drill_running():
            self.exit()
            return
        if isinstance(self.screen, ConfirmModal):
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit()

        where = self.drill.journal_path if self.drill else None
        self.push_screen(
            ConfirmModal(
                "Quit in the middle of the drill?",
                f"Every action so far is already saved in the journal {where.name}."
                if where
                else "",
                yes="Quit",
                no="Keep playing",
            ),
            answer,
        )

    def on_unmount(self) -> None:
        if self.drill is not None:
            self.drill.close()
        if self.live is not None:
            self.live.close()

    # -- the app's edge: an unexpected error never ends the game silently --------
    crash_message: str | None = None
    """Set when an unexpected error stopped the game: what to tell the player."""

    def _handle_exception(self, error: Exception) -> None:
        """Any screen's unhandled error: save the journal, explain, exit non-zero."""
        from wargame.tui.crash import crash_report

        self.crash_message = crash_report(error, self.drill, self.journal_folder)
        super()._handle_exception(error)  # sets the return code to 1 and closes the app
        from rich.text import Text

        self._exit_renderables[:] = [Text(self.crash_message)]

    # -- command palette --------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from wargame.tui.screens.console import ConsoleScreen

        if isinstance(screen, ConsoleScreen):
            for binding in ConsoleScreen.BINDINGS:
                method = getattr(screen, f"action_{binding.action}")
                yield SystemCommand(
                    f"Drill: {binding.description}",
                    (method.__doc__ or binding.description).strip(),
                    method,
                )
