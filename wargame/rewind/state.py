"""The console as it was at one moment of a drill, rebuilt by replaying the journal.

The engine is deterministic, so nothing extra is stored during play: to see
sim time ``t`` again, :func:`state_at` starts a fresh engine with the run's
scenario, seed, starting policy and difficulty, applies the journal's actions
up to ``t`` exactly as :meth:`Engine.run` does, and stops the clock at ``t``.
The :class:`Moment` it returns is frozen and is built from the engine's own
types: :meth:`Engine.view` (what the console may show), the alerts, tickets,
log lines and timeline entries the console received, the run so far as a
:class:`~wargame.model.result.RunResult` (totals, per-feature counts, the
operations log) and the player's ``diagnose`` hypotheses up to ``t``.

SimPy processes cannot be copied, so an engine cannot be snapshotted; a
:class:`Rewinder` keeps its engine and answers later moments by running on,
and replays from zero only when asked for an earlier one. A full replay of a
shipped scenario takes about a tenth of a second (``wargame bench --branch``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from wargame.engine import Engine
from wargame.engine.diagnosis import Fault, classify
from wargame.engine.results import build_result
from wargame.engine.view import View
from wargame.model.action import Action, ActionError
from wargame.model.result import Alert, Hypothesis, LogLine, RunResult, Ticket, TimelineEntry
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock

TICKETS_KEPT = 200
"""Newest tickets a moment keeps (``Moment.tickets_total`` counts them all)."""
LOGS_KEPT = 500
"""Newest log lines a moment keeps."""


class RewindError(ValueError):
    """A moment or branch point that cannot be reached (past the end, before zero)."""


@dataclass(frozen=True)
class Moment:
    """What the console showed at sim time ``t``, and where the run stood."""

    t: float
    """Sim seconds."""
    view: View
    """:meth:`Engine.view` at ``t``: probes, lag, metrics, active alerts, features
    (effective and target policy per region, leader, failover, safe mode)."""
    alerts: tuple[Alert, ...]
    """Every alert raised up to ``t`` (acknowledged and resolved ones too)."""
    tickets: tuple[Ticket, ...]
    """The newest tickets filed up to ``t`` (at most :data:`TICKETS_KEPT`), oldest first."""
    tickets_total: int
    """Tickets filed up to ``t`` (batches counted by their users)."""
    logs: tuple[LogLine, ...]
    """The newest log lines up to ``t`` (at most :data:`LOGS_KEPT`), oldest first."""
    timeline: tuple[TimelineEntry, ...]
    """Timeline entries the console showed up to ``t`` (fault events only at intro)."""
    actions: tuple[Action, ...]
    """The player's actions applied up to ``t`` (those at exactly ``t`` included)."""
    settings: dict[str, dict[str, object]]
    """Feature id -> its settings now: ``resolution``, ``fenced`` regions and the kind's
    knobs (what the levers ``resolve``, ``dedup``, ``retry``, ``ttl``, ... last set)."""
    shed: dict[str, float]
    """Region -> share of traffic being shed (0-1)."""
    beliefs: tuple[Hypothesis, ...]
    """The player's ``diagnose`` hypotheses up to ``t``, each judged against the truth
    then (the debrief shows the truth; the console did not)."""
    faults: tuple[Fault, ...]
    """The faults really present at ``t`` (the truth, for the debrief only)."""
    so_far: RunResult
    """The run up to ``t``: totals and per-feature counts so far, alerts, operations
    (severity, pages, status posts, failovers), policy timelines. Not settled: the
    reconciliation that a heal starts is counted only as far as it got."""
    page_t: float | None
    """When the on-call engineer was paged (None: not yet at ``t``)."""

    @property
    def clock(self) -> str:
        """``t`` as MM:SS."""
        return format_clock(self.t)


def check_time(scenario: Scenario, t: float, what: str = "time") -> float:
    """``t`` as a float inside the drill (``RewindError`` outside 0..duration)."""
    t = float(t)
    if t != t or t < 0:
        raise RewindError(f"{what} {t!r} is before the start of the drill")
    if t > scenario.duration:
        raise RewindError(
            f"{what} {format_clock(t)} is past the end of the drill "
            f"({format_clock(scenario.duration)})"
        )
    return t


class Rewinder:
    """Answers :func:`state_at` for many times of one run with as few replays as possible.

    Moving forward runs the same engine on; moving back replays from zero.
    """

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None,
        actions: Sequence[Action],
        difficulty: str | None = None,
        policy: str = "as-built",
    ) -> None:
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.actions: list[Action] = sorted(actions, key=lambda a: a.t)
        self.difficulty = difficulty
        self.policy = policy
        self.replays = 0
        """How many times an engine was started (a measure of the cache's use)."""
        self._start()

    def _start(self) -> None:
        self.engine = Engine(
            self.scenario, seed=self.seed, policy=self.policy, difficulty=self.difficulty
        )
        self.replays += 1
        self._next = 0
        self._tickets: deque[Ticket] = deque(maxlen=TICKETS_KEPT)
        self._logs: deque[LogLine] = deque(maxlen=LOGS_KEPT)
        self._timeline: list[TimelineEntry] = []

    def _take(self, step) -> None:
        self._tickets.extend(step.tickets)
        self._logs.extend(step.logs)
        self._timeline.extend(step.events)

    def _run_to(self, t: float) -> None:
        e = self.engine
        while self._next < len(self.actions) and self.actions[self._next].t <= t:
            action = self.actions[self._next]
            if action.t > e.duration:
                raise RewindError(f"action {action} is after the end of the drill")
            self._take(e.advance_to(action.t))
            try:
                e.apply(action)
            except ActionError as exc:
                raise RewindError(str(exc)) from None
            self._next += 1
        self._take(e.advance_to(t))

    def at(self, t: float) -> Moment:
        """The moment at sim time ``t`` (0 to the scenario's duration)."""
        t = check_time(self.scenario, t)
        if t < self.engine.now:
            self._start()
        self._run_to(t)
        return self._moment()

    def _moment(self) -> Moment:
        e = self.engine
        so_far = build_result(e)
        settings = {
            fid: {
                "resolution": fs.resolution,
                "fenced": sorted(fs.fenced),
                **fs.knobs.model_dump(exclude_none=True),
            }
            for fid, fs in e.features.items()
        }
        return Moment(
            t=e.now,
            view=e.view(),
            alerts=tuple(e.alerts()),
            tickets=tuple(self._tickets),
            tickets_total=e.obs.tickets_total,
            logs=tuple(self._logs),
            timeline=tuple(self._timeline),
            actions=tuple(e.actions),
            settings=settings,
            shed=dict(e.shed),
            beliefs=tuple(so_far.diagnosis.hypotheses),
            faults=tuple(classify(e.network)),
            so_far=so_far,
            page_t=e.page_t,
        )


def state_at(
    scenario: Scenario,
    seed: int | None,
    actions: Sequence[Action],
    t: float,
    difficulty: str | None = None,
    policy: str = "as-built",
) -> Moment:
    """The console at sim time ``t``: the journal's actions with times ``<= t`` replayed.

    ``RewindError`` if ``t`` is outside the drill or an action cannot be replayed.
    """
    return Rewinder(scenario, seed, actions, difficulty, policy).at(t)
