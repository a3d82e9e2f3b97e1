"""One drill in progress, without any widgets: the console's model.

:class:`Drill` owns the engine of the run, its journal and the bounded
histories the console draws (metric samples, alerts, tickets, logs and the
timeline). It only uses the engine's public API (``advance``, ``apply``,
``view``, ``alerts``, ``result``), so it can be driven and tested headless:
``tick(wall_seconds)`` moves the sim clock by ``wall_seconds x speed`` unless
paused, ``advance(sim_seconds)`` moves it regardless (the deterministic hook
the tests use), and ``act("set inventory ap")`` applies and journals an action;
``inject(text, source)`` adds a received message to the timeline and journal.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

from wargame.engine import Engine, Step
from wargame.engine.view import View
from wargame.model.action import NOT_PLAYER_VERBS, Action
from wargame.model.journal import JournalWriter, header
from wargame.model.result import Alert, LogLine, RunResult, Ticket, TimelineEntry
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock

SPEEDS: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
"""The speed ladder: sim seconds per wall second."""

MAX_STEP_WALL_S = 0.5
"""A timer late by more than this (a suspended terminal) does not fast-forward the sim."""

HISTORY = 240
"""Metric samples kept for the sparklines (240 ticks of 5 s: 20 sim minutes)."""

METRIC_NAMES: tuple[str, ...] = (
    "p99_ms",
    "lag_s",
    "quorum",
    "write_rejections",
    "conflicts_per_min",
    "stale_rate",
    "error_rate",
    "revenue_per_min",
    "tickets_per_min",
)
"""The metrics the console shows, in panel order."""


def default_speed(duration_s: float, target_wall_s: float = 600.0) -> float:
    """The ladder speed that makes a drill last closest to ``target_wall_s`` (10 minutes)."""
    want = duration_s / target_wall_s
    return min(SPEEDS, key=lambda s: abs(math.log(s / want)))


class Drill:
    """A live run of a scenario: engine, journal, speed, pause and histories."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        journal: Path | None = None,
        speed: float | None = None,
        paused: bool = False,
        difficulty: str | None = None,
        design: Sequence[str] = (),
    ) -> None:
        self.scenario = scenario
        self.seed = seed
        self.design: tuple[str, ...] = tuple(design)
        """Levers in place before the incident (an interview's design; empty: as built)."""
        self.engine = Engine(
            scenario,
            seed=seed,
            policy="as-built",
            difficulty=difficulty,
            design=self.design,
        )
        self.difficulty: str = self.engine.difficulty
        """intro, standard or hard: what the console may show (``Engine.view``)."""
        self.speed = speed if speed is not None else default_speed(scenario.duration)
        self.paused = paused
        self.journal_path = journal
        head = header(scenario.id, seed, difficulty=self.difficulty, design=self.design)
        self._writer = JournalWriter(journal, head) if journal else None
        self.times: deque[float] = deque(maxlen=HISTORY)
        self.history: dict[str, deque[float]] = {m: deque(maxlen=HISTORY) for m in METRIC_NAMES}
        self.alerts: dict[str, Alert] = {}
        self.tickets: deque[Ticket] = deque(maxlen=200)
        """Newest first."""
        self.tickets_total = 0
        self.logs: deque[LogLine] = deque(maxlen=300)
        self.timeline: list[TimelineEntry] = []
        self.severity: str | None = None
        self.status_posts = 0
        self.view: View = self.engine.view()
        self.autopause: bool = self.difficulty == "intro"
        """Pause by itself at the page and at each new critical alert (default: intro only)."""
        self.pause_reason: str | None = None
        """Why the clock last paused by itself (shown once, then cleared by the console)."""
        self._hints_seen: set[str] = set()
        self._was_paged = self.page_t is not None
        self.result: RunResult | None = None
        self.recorder: Callable[[Action], None] | None = None
        """Called with each journaled action (a game day's store records it)."""
        self.held = False
        """The facilitator paused every team: the clock waits until they resume."""
        self.version = 0
        """Bumped whenever something the console shows changed."""

    # -- clock -------------------------------------------------------------------
    @property
    def now(self) -> float:
        """Sim time in seconds."""
        return self.engine.now

    @property
    def page_t(self) -> float | None:
        """Sim time of the page; an engine without a page (older API) counts as paged at 0."""
        if not hasattr(self.engine, "page_t"):
            return 0.0
        return self.engine.page_t

    @property
    def finished(self) -> bool:
        """The sim clock reached the end of the scenario."""
        return self.engine.finished

    def tick(self, wall_s: float) -> Step | None:
        """Advance by ``wall_s`` real seconds at the current speed (nothing if paused)."""
        if self.stopped or self.finished or wall_s <= 0:
            return None
        return self.advance(min(wall_s, MAX_STEP_WALL_S) * self.speed)

    def advance(self, sim_s: float) -> Step:
        """Advance the sim by ``sim_s`` seconds, paused or not, and record what happened."""
        step = self.engine.advance(sim_s)
        self._absorb(step)
        return step

    def faster(self) -> float:
        """Next speed up the ladder."""
        higher = [s for s in SPEEDS if s > self.speed]
        self.speed = higher[0] if higher else self.speed
        return self.speed

    def slower(self) -> float:
        """Next speed down the ladder."""
        lower = [s for s in SPEEDS if s < self.speed]
        self.speed = lower[-1] if lower else self.speed
        return self.speed

    # -- actions -----------------------------------------------------------------
    def act(self, text: str) -> TimelineEntry:
        """Apply an action now and journal it (``ActionError`` if it is not valid)."""
        from wargame.model.action import ActionError, parse_action

        if self.finished:
            raise ActionError("the drill is over")
        if parse_action(text, t=self.now).verb in NOT_PLAYER_VERBS:
            raise ActionError("injects come from the facilitator, not from the console")
        entry = self.engine.apply(text)
        action = self.engine.actions[-1]
        self._keep(action)
        if action.verb == "severity":
            self.severity = action.args[0]
        elif action.verb == "status-page":
            self.status_posts += 1
        elif action.verb == "ack":
            for alert in self.engine.alerts():
                if alert.id in self.alerts:
                    self.alerts[alert.id] = alert
        self.timeline.append(entry)
        self.view = self.engine.view()
        self.version += 1
        return entry

    def inject(self, text: str, source: str = "") -> TimelineEntry | None:
        """A message received now (a game day's inject): timeline, journal and recorder.

        ``None`` once the drill is over; ``ActionError`` for a message that cannot be kept.
        """
        from wargame.model.action import make_inject

        if self.finished:
            return None
        entry = self.engine.apply(make_inject(self.now, text, source))
        self._keep(self.engine.injects[-1])
        self._absorb(self.engine.advance(0))  # show it now, even while paused
        return entry

    def _keep(self, action: Action) -> None:
        """Journal an action (synced) and hand it to the recorder."""
        if self._writer is not None:
            self._writer.append(action)
        if self.recorder is not None:
            self.recorder(action)

    @property
    def stopped(self) -> bool:
        """The clock does not move: paused by the player or held by the facilitator."""
        return self.paused or self.held

    def finish(self) -> RunResult:
        """Run to the end, close the journal and return the run's result."""
        if self.result is None:
            self.result = self.engine.result()
            self.close()
        return self.result

    def close(self) -> None:
        """Close the journal (idempotent)."""
        if self._writer is not None:
            self._writer.close()

    # -- reading -----------------------------------------------------------------
    def unacked(self) -> list[Alert]:
        """Active alerts nobody acknowledged yet, newest first."""
        return [
            a
            for a in sorted(self.alerts.values(), key=lambda a: -a.t)
            if a.acked_at is None and a.resolved_at is None
        ]

    def _absorb(self, step: Step) -> None:
        paged_now = not self._was_paged and self.page_t is not None
        self._was_paged = self.page_t is not None
        critical = [a for a in step.alerts if a.severity == "critical" and a.id not in self.alerts]
        for sample in step.samples:
            self.times.append(sample.t)
            for m in METRIC_NAMES:
                self.history[m].append(float(sample.values.get(m, 0.0)))
        for alert in step.alerts:
            self.alerts[alert.id] = alert.model_copy()
        for ticket in step.tickets:
            self.tickets.appendleft(ticket)
        self.tickets_total += len(step.tickets)
        self.logs.extend(step.logs)
        self.timeline.extend(e for e in step.events if e.type != "action")
        self.view = self.engine.view()
        for hint in self.view.hints:  # intro only: what to look at, once each
            if hint not in self._hints_seen:
                self._hints_seen.add(hint)
                self.timeline.append(TimelineEntry(t=self.now, type="hint", text=hint))
        if self.autopause and not self.paused and (paged_now or critical):
            self.paused = True
            if paged_now:
                self.pause_reason = (
                    f"You are paged ({'T+' + format_clock(self.now)}): levers unlocked."
                )
            else:
                a = critical[0]
                self.pause_reason = f"Critical alert {a.id} {a.rule} in {a.region}."
        self.version += 1
