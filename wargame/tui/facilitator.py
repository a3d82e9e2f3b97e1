"""The facilitator's console (``wargame gameday run SESSION``): every team of a game day live.

Once a wall second it reads the store the teams' games write to: each team's
screen and sim clock (their heartbeats), the actions and injects they recorded
(shown as they happen), and their results. For a team still playing it shows an
estimate, the score its drill would get if it did nothing more
(:class:`~wargame.gameday.estimate.Estimator`, in a worker thread); the
leaderboard ranks final scores and estimates together, marked apart. The
facilitator sends injects to every team or the highlighted one (from the
scenario's own list, or typed) and pauses or resumes every team; the teams'
games pick both up from the store within a second.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, RichLog

from wargame.gameday import control
from wargame.gameday.control import TeamLive
from wargame.gameday.estimate import Estimator
from wargame.model.action import inject_args
from wargame.model.timefmt import format_clock
from wargame.store import Store
from wargame.tui.widgets import KeyFooter

TYPE_OWN = "__type__"
"""The inject list's last option: type a message."""


class FacilitatorApp(App[None]):
    """Teams, actions as they happen, estimates, a live leaderboard, injects and pause."""

    CSS_PATH = "app.tcss"
    TITLE = "CAP War-Game: facilitator"
    BINDINGS = [
        Binding("i", "inject_all", "inject all", id="inject-all"),
        Binding("o", "inject_one", "inject team", id="inject-one"),
        Binding("p", "pause", "pause/resume all", id="pause"),
        Binding("q,ctrl+q", "quit", "quit", id="quit"),
    ]
    DEFAULT_CSS = """
    #fac-title { width: 100%; background: $panel; text-style: bold; }
    #fac-status { width: 100%; }
    #teams-box { height: auto; max-height: 60%; }
    #teams { height: auto; max-height: 100%; }
    #fac-bottom { height: 1fr; }
    #board-box { width: 2fr; }
    #activity-box { width: 3fr; }
    """

    def __init__(
        self,
        session_id: int,
        store_path: str | Path | None = None,
        *,
        poll_s: float = 1.0,
        now=None,
    ) -> None:
        """``poll_s`` 0 reads the store only when asked (:meth:`refresh_board`; tests);
        ``now`` gives the wall time heartbeats are compared with."""
        super().__init__()
        self.session_id = session_id
        self.store = Store(None if store_path is None else str(store_path), create=False)
        from wargame.gameday.sessions import session
        from wargame.model.loader import load_scenario

        self.info = session(self.store, session_id)
        self.scenario = load_scenario(self.info["scenario"])
        self.estimator = Estimator(self.scenario, self.info["seed"], self.info["difficulty"])
        self.poll_s = poll_s
        self.now = now
        self.teams: list[TeamLive] = []
        self.journals: dict[int, list] = {}
        """Each drill's recorded rows (actions and injects), as last read."""
        self.paused = False
        self._estimating = False
        self.toasts = True

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        i = self.info
        yield Label(
            f" Game day {i['id']} · {i['name']} · {self.scenario.title} · seed {i['seed']}"
            f" · {i['difficulty']} ",
            id="fac-title",
            markup=False,
        )
        yield Label("", id="fac-status")
        with Vertical(id="teams-box", classes="panel") as box:
            box.border_title = "Teams"
            yield DataTable(id="teams", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="fac-bottom"):
            with Vertical(id="board-box", classes="panel") as box:
                box.border_title = "Leaderboard (est.: if they did nothing more)"
                yield DataTable(id="board", cursor_type="none")
            with Vertical(id="activity-box", classes="panel") as box:
                box.border_title = "As it happens"
                yield RichLog(id="activity", wrap=True, markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        teams = self.query_one("#teams", DataTable)
        teams.add_columns("Team", "State", "Clock", "Actions", "Last action", "Score")
        self.query_one("#board", DataTable).add_columns("#", "Team", "Score", "")
        self.refresh_board()
        if self.poll_s > 0:
            self.set_interval(self.poll_s, self.refresh_board)
        teams.focus()

    def on_unmount(self) -> None:
        self.store.close()

    # -- reading the store --------------------------------------------------------
    def refresh_board(self) -> None:
        """Read heartbeats, new actions and results; redraw; start estimates needed."""
        now = self.now() if self.now is not None else None
        self.teams = control.board(self.store, self.session_id, now=now)
        self.paused = control.is_paused(self.store, self.session_id)
        log = self.query_one("#activity", RichLog)
        for team in self.teams:
            if team.drill is None:
                continue
            rows = self.store.journal(team.drill)
            seen = len(self.journals.get(team.drill, []))
            for a in rows[seen:]:
                arrow = "←" if a.verb == "inject" else " "
                log.write(f"{format_clock(a.t)} {team.name} {arrow} {a.describe()}")
            self.journals[team.drill] = rows
        self._draw()
        self._estimate_later()

    def _score(self, team: TeamLive) -> tuple[float | None, str, str]:
        """``(score, grade, kind)``: the final result, else the estimate (``est.``)."""
        if team.overall is not None:
            return team.overall, team.grade or "", "final"
        if team.drill is not None:
            hit = self.estimator.cached(team.drill, len(self.journals.get(team.drill, [])))
            if hit is not None and hit.get("overall") is not None:
                return hit["overall"], hit.get("grade") or "", "est."
        return None, "", ""

    def _draw(self) -> None:
        status = self.query_one("#fac-status", Label)
        status.update(
            " ‖ PAUSED: every team's clock is held (p resumes)"
            if self.paused
            else " ▶ running · i: inject to all · o: inject to the highlighted team · p: pause all"
        )
        table = self.query_one("#teams", DataTable)
        cursor = table.cursor_row
        table.clear()
        for team in self.teams:
            rows = [a for a in self.journals.get(team.drill, []) if a.verb != "inject"]
            state = team.state + (f" (silent {team.silent_s:.0f} s)" if team.silent else "")
            score, grade, kind = self._score(team)
            shown = f"{score:5.1f} {grade} {kind}" if score is not None else "—"
            last = f"{format_clock(rows[-1].t)} {rows[-1].describe()}"[:48] if rows else ""
            clock = format_clock(team.t) if team.state in ("playing", "debrief") else ""
            table.add_row(team.name, state, clock, str(len(rows)), last, shown, key=str(team.id))
        if self.teams:
            table.move_cursor(row=min(max(cursor, 0), len(self.teams) - 1))
        board = self.query_one("#board", DataTable)
        board.clear()
        ranked = [(self._score(t), t) for t in self.teams]
        ranked = sorted(
            (x for x in ranked if x[0][0] is not None), key=lambda x: (-x[0][0], x[1].number)
        )
        for rank, ((score, grade, kind), team) in enumerate(ranked, start=1):
            board.add_row(str(rank), team.name, f"{score:5.1f} {grade}", kind)

    def _estimate_later(self) -> None:
        todo = []
        for team in self.teams:
            if team.drill is None or team.overall is not None or team.state == "not joined":
                continue
            rows = self.journals.get(team.drill, [])
            if self.estimator.cached(team.drill, len(rows)) is None:
                todo.append((team.drill, list(rows)))
        if todo and not self._estimating:
            self._estimating = True
            self.run_worker(lambda: self._estimate(todo), thread=True, group="estimate")

    def _estimate(self, todo: list) -> None:
        try:
            for drill, rows in todo:
                self.estimator.estimate(drill, rows)
        finally:
            self._estimating = False
        self.call_from_thread(self._draw)

    # -- the facilitator's actions --------------------------------------------------
    def highlighted_team(self) -> TeamLive | None:
        """The team under the cursor of the teams table."""
        table = self.query_one("#teams", DataTable)
        if not self.teams or table.cursor_row < 0:
            return None
        return self.teams[min(table.cursor_row, len(self.teams) - 1)]

    def action_inject_all(self) -> None:
        """Send an inject to every team."""
        self._pick_inject(None)

    def action_inject_one(self) -> None:
        """Send an inject to the highlighted team only."""
        team = self.highlighted_team()
        if team is not None:
            self._pick_inject(team)

    def _pick_inject(self, team: TeamLive | None) -> None:
        from wargame.tui.screens.modals import ChoiceModal, TextModal

        who = team.name if team is not None else "every team"
        listed = [e for e in self.scenario.events if e.kind == "inject"]
        options = [
            (str(n), f"{e.source}: {e.text}" if e.source else e.text) for n, e in enumerate(listed)
        ]
        options.append((TYPE_OWN, "Type a message…"))

        def typed(text: str | None) -> None:
            if text:
                args = inject_args(text)
                self.send(args[-1], args[0][:-1] if len(args) == 2 else "facilitator", team)

        def picked(choice: str | None) -> None:
            if choice == TYPE_OWN:
                self.push_screen(
                    TextModal(
                        f"Inject to {who}",
                        hint="SOURCE: message (e.g. 'Legal: are EU users' data affected?')",
                    ),
                    typed,
                )
            elif choice is not None:
                event = listed[int(choice)]
                self.send(event.text, event.source or "facilitator", team)

        self.push_screen(
            ChoiceModal(f"Inject to {who}", options, hint="The scenario's injects, or your own"),
            picked,
        )

    def send(self, text: str, source: str = "facilitator", team: TeamLive | None = None) -> None:
        """Queue an inject; each team's game applies it at its own sim time."""
        try:
            control.send_inject(
                self.store, self.session_id, text, source, None if team is None else team.id
            )
        except ValueError as exc:
            self.notify(str(exc), title="Not sent", severity="error")
            return
        who = team.name if team is not None else "all teams"
        self.query_one("#activity", RichLog).write(f"→ {who}: {source}: {text}")

    def action_pause(self) -> None:
        """Pause every team's clock, or resume them all."""
        control.set_paused(self.store, self.session_id, not self.paused)
        self.paused = not self.paused
        self.query_one("#activity", RichLog).write(
            f"{'‖ paused' if self.paused else '▶ resumed'} every team"
            f" ({datetime.now().strftime('%H:%M:%S')})"
        )
        self._draw()
