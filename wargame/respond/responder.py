"""The responder: an on-call engineer who plays the scenario's model from the console.

It starts from the as-built policies and sees only what a player sees: the
alerts, the page and the per-feature status of the console. It follows the
chapter's detection rule (treat it as a partition only when several signals
agree: high latency *and* growing lag *and* errors, not one metric alone):
once at least :data:`AGREE` different kinds of alert are active at the same
time, after the page, it waits a stated human reaction time and then applies
the model with ordinary player actions:

* ``set`` for every feature whose as-built policy differs from the model's;
* ``resolve``, ``dedup``, ``retry``, ``indicators``, ``safe-mode`` and ``ttl`` for
  the model's conflict resolution and knobs
  (:func:`wargame.engine.levers.model_levers`);
* incident handling: say what the probes point to (``diagnose``,
  :mod:`wargame.respond.diagnose`), acknowledge the alerts, declare a severity that fits what
  the console shows (escalated if things get worse), page the platform team when
  users see errors, a feature's owner when it raises a violation alert and the
  data team when reconciliation reports conflicts, and post an honest status
  page while users see errors, stale data or pending writes;
* split brain: when the console shows a feature with two leaders (a failover,
  by hand or by an orchestrator, that left the old leader writing) and the two
  histories would do harm when they meet (money or stock moved twice, or a
  resolution that drops one side: ``lww`` or ``merge``), it fences one of them
  after its reaction time: the one whose region reaches less of the quorum, and
  on a tie the newer one (undoing the failover). Where they merge harmlessly (a
  CRDT, or application logic on a feature that moves nothing) a fence would only
  refuse writes, so it leaves them.

The responder never reads the engine's state beyond :meth:`Engine.view` and
the alerts, so every action it takes is one a player could have taken at the
same moment; its actions form an ordinary journal that replays exactly.

It can also take over a drill part-way (the debrief's "let the responder take
over from here", :mod:`wargame.rewind`): given the player's actions before
``start`` as ``prefix``, it replays them at their times, watches the console from
the beginning as always, but acts only from ``start`` on. It picks up what the
console's history shows the player did (the severity declared, the teams paged,
an honest status post, the last hypothesis) and sets a feature's model policy
only if the console does not show it already rolled out or rolling out. Settings
the player changed away from as-built (a resolution, dedup, ...) are not undone
unless the model's own levers set them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from wargame.engine import Engine
from wargame.engine.levers import model_levers
from wargame.model.action import Action, ActionError
from wargame.model.result import RunResult
from wargame.model.scenario import Feature, Scenario
from wargame.model.status import all_clear
from wargame.respond.diagnose import hypothesis

REACTION_S = 60.0
"""Stated human reaction time: from the signals agreeing to the first action (a minute
to read the alerts, check a second signal and type the first command)."""
AGREE = 2
"""Different kinds of alert that must be active together before acting on a partition."""
SIGNALS: frozenset[str] = frozenset(
    {
        "latency_p99",
        "replication_lag",
        "quorum_lost",
        "write_rejections",
        "error_rate",
        "stale_reads",
        "conflicts",
        "violation",
    }
)
"""Alert rules that count as signals of a partition."""
STATUS_TEXT = (
    "Some users in some regions see errors, delayed updates or pending changes. "
    "We are investigating and will update this page."
)
"""The responder's honest status-page post."""
RESOLVED_TEXT = "The network is whole again; we are reconciling data from the incident."
"""Posted once every signal has cleared after the response."""
HARMED_BY_TWO_LEADERS = frozenset({"payment", "inventory"})
"""Kinds whose writes taken by two leaders do harm whatever the resolution (money moved
twice, stock sold twice)."""
REFUSING = ("cp", "cp-reads")
"""Policies that refuse requests during a partition."""


def lever_actions(spec: Feature) -> list[str]:
    """The actions (without time) that turn ``spec`` from as-built into its model."""
    return model_levers(spec)


@dataclass
class Response:
    """What the responder did."""

    result: RunResult
    """The run it played."""
    actions: list[Action]
    """Its actions, as applied (an ordinary journal)."""
    acted_at: float | None
    """When it applied the model (None: the signals never agreed)."""
    refused: list[str] = field(default_factory=list)
    """Levers the engine refused (not available), as ``"verb args: reason"``."""


class Responder:
    """Plays one run of a scenario as the on-call engineer."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        reaction_s: float = REACTION_S,
        extra: tuple[str, ...] = (),
        difficulty: str | None = None,
        prefix: Sequence[Action] = (),
        start: float = 0.0,
        policy: str = "as-built",
        design: Sequence[str] = (),
    ) -> None:
        self.scenario = scenario
        self.engine = Engine(
            scenario, seed=seed, policy=policy, difficulty=difficulty, design=design
        )
        self.start = float(start)
        """Sim time the responder takes over: it watches from 0 but acts only from here."""
        self.prefix: deque[Action] = deque(sorted((a for a in prefix), key=lambda a: a.t))
        """Someone else's actions (the player's, before ``start``), replayed at their times."""
        if any(a.t >= self.start for a in self.prefix):
            raise ValueError("the actions played before the responder takes over must come first")
        self.reaction_s = reaction_s
        self.extra = extra
        """Further actions (``"verb args"``) taken together with the model, e.g. a failover."""
        self.refused: list[str] = []
        self.confirmed_at: float | None = None
        self.acted_at: float | None = None
        self.severity: int | None = None
        self.paged: set[str] = set()
        self.posted = False
        self.resolved_posted = False
        self.known: set[tuple[str, str, str | None]] = set()
        self.said: tuple[str, ...] | None = None
        self.reading: tuple[str, ...] | None = None
        self.baseline_ms = scenario.baseline_p99_ms()
        self.two_leaders_since: dict[str, float] = {}
        """Feature id -> when the console first showed it with two leaders."""
        self._view_t: float | None = None
        self._view_now = None

    # -- what the console shows ----------------------------------------------------
    def _active(self) -> list:
        return self.engine.active_alerts()

    def _view(self):
        """The console now (taken once per tick: actions change nothing it shows
        until the clock moves)."""
        now = self.engine.now
        if self._view_t != now:
            self._view_t, self._view_now = now, self.engine.view()
        return self._view_now

    def _statuses(self) -> dict[str, set[str]]:
        """Feature id -> what its users see across regions (ok, errors, stale, pending)."""
        return {f.id: set(f.status.values()) for f in self._view().features}

    # -- acting --------------------------------------------------------------------
    def _do(self, *words: str) -> bool:
        try:
            self.engine.apply(" ".join(words))
        except ActionError as exc:
            self.refused.append(f"{' '.join(words)}: {exc}")
            return False
        return True

    def _severity_now(self, active: list) -> int:
        """The severity the console justifies: 1 (worst) to 4."""
        if any(a.rule == "violation" for a in active):
            return 1
        status = self._statuses()
        revenue = {f.id for f in self.scenario.features if f.revenue_path}
        if any("errors" in status[f] for f in revenue):
            return 1
        if any("errors" in s for s in status.values()):
            return 2
        if any(s & {"stale", "pending"} for s in status.values()):
            return 3
        return 4

    def _diagnose(self) -> None:
        """Say what the probes point to once the same reading shows two ticks running."""
        now = hypothesis(self._view(), self.baseline_ms)
        steady = now is not None and now == self.reading
        self.reading = now
        if steady and now != self.said:
            self.said = now
            self._do("diagnose", *now)

    def _handle(self, active: list) -> None:
        """Incident handling on every tick after the response: ack, severity, pages, status."""
        if any(a.rule in SIGNALS for a in active):
            self._diagnose()
        # acknowledge an alert the first time its signal shows up (a flapping alert that
        # comes back is the same signal, already known)
        fresh = {
            (a.rule, a.region, a.feature)
            for a in active
            if a.acked_at is None and (a.rule, a.region, a.feature) not in self.known
        }
        if fresh:
            self.known |= fresh
            self._do("ack", "all")
        sev = self._severity_now(active)
        if self.severity is None or sev < self.severity:
            self.severity = sev
            self._do("severity", f"SEV{sev}")
        status = self._statuses()
        teams: list[str] = []
        if any("errors" in s for s in status.values()):
            teams.append("platform")
        features = {f.id: f for f in self.scenario.features}
        for a in active:
            if a.rule == "violation" and a.feature in features:
                teams.append(features[a.feature].team)
            if a.rule == "conflicts":
                teams.append("data")
        for team in teams:
            if team not in self.paged:
                self.paged.add(team)
                self._do("page", team)
        visible = any(s - {"ok"} for s in status.values())
        if visible and not self.posted:
            self.posted = True
            self._do("status-page", STATUS_TEXT)
        if self.posted and not self.resolved_posted and not active and not visible:
            self.resolved_posted = True
            self._do("status-page", RESOLVED_TEXT)

    def _split_brain_harms(self, fid: str) -> bool:
        """Whether two leaders' writes on ``fid`` do harm at the heal, by what the player
        knows: the kind, and the resolution as built or as the model set it."""
        spec = next(f for f in self.scenario.features if f.id == fid)
        if spec.kind in HARMED_BY_TWO_LEADERS:
            return True
        if spec.kind == "rate_limiter":
            return False  # each side counts its own window; the counts expire
        resolution = spec.resolution
        if self.acted_at is not None and spec.model.resolution:
            resolution = spec.model.resolution
        return resolution in ("lww", "merge")

    def _end_split_brain(self) -> None:
        """Fence one of a feature's two leaders once it has shown for the reaction time."""
        view = self._view()
        now = self.engine.now
        for f in view.features:
            if not f.old_leader or not self._split_brain_harms(f.id):
                self.two_leaders_since.pop(f.id, None)
                continue
            since = self.two_leaders_since.setdefault(f.id, now)
            if now < since + self.reaction_s:
                continue

            def reach(region: str) -> float:
                return view.region_metrics.get(region, {}).get("quorum", 0.0)

            # the leader cut off from the quorum goes; on a tie, undo the failover
            victim = f.old_leader if reach(f.old_leader) < reach(f.leader) else f.leader
            self.two_leaders_since.pop(f.id)
            self._do("fence", f.id, victim)

    def _apply_model(self) -> None:
        # the policy each feature is heading for, as the console shows it (as-built, unless
        # someone changed it before the responder took over)
        targets = {f.id: set(f.target.values()) for f in self.engine.view().features}
        for spec in self.scenario.features:
            if targets[spec.id] != {spec.model.policy}:
                self._do("set", spec.id, spec.model.policy)
            for text in lever_actions(spec):
                words = text.split()
                if words[0] != "set":
                    self._do(*words)
        for text in self.extra:
            self._do(*text.split())

    def _take_over(self) -> None:
        """Pick up what the previous hand did, as the console's history shows it."""
        ops = self.engine.ops
        if ops.severity:
            self.severity = min(int(sev.removeprefix("SEV")) for _, sev in ops.severity)
        self.paged |= {team for _, team in ops.pages}
        if ops.status_posts and not all_clear(ops.status_posts[-1][1]):
            self.posted = True
        if ops.diagnoses:
            _, kind, regions = ops.diagnoses[-1]
            self.said = (kind, *regions)

    def _decide(self) -> None:
        """Read the console at the current time and act (from ``start`` on)."""
        e = self.engine
        if e.page_t is None:
            return
        active = self._active()
        kinds = {a.rule for a in active if a.rule in SIGNALS}
        if self.confirmed_at is None and len(kinds) >= AGREE:
            self.confirmed_at = e.now
        if e.now < self.start:
            return
        due = self.confirmed_at is not None and e.now >= self.confirmed_at + self.reaction_s
        if due and self.acted_at is None:
            self.acted_at = e.now
            self._apply_model()
        if e.now >= e.page_t + self.reaction_s and (self.acted_at is not None or active):
            self._handle(active)
        self._end_split_brain()

    def play(self) -> Response:
        """Play the run to the end (taking over at ``start``, after any ``prefix``)."""
        e = self.engine
        tick = e.tick_s
        grid = e.now
        took_over = self.start <= 0.0
        while not e.finished:
            grid = min(e.duration, grid + tick)
            while self.prefix and self.prefix[0].t <= grid:
                action = self.prefix.popleft()
                e.advance_to(action.t)
                e.apply(action)
            if not took_over and self.start <= grid:
                took_over = True
                self._take_over()
                if self.start < grid:
                    e.advance_to(self.start)
                    self._decide()
            e.advance_to(grid)
            self._decide()
        result = e.result()
        return Response(result, list(e.actions), self.acted_at, self.refused)


def respond(
    scenario: Scenario,
    seed: int | None = None,
    reaction_s: float = REACTION_S,
    extra: tuple[str, ...] = (),
    difficulty: str | None = None,
) -> Response:
    """Play ``scenario`` as the responder (see the module docstring)."""
    return Responder(scenario, seed, reaction_s, extra, difficulty).play()
