"""The steppable, deterministic simulation of one drill.

``Engine(scenario, seed, policy)`` builds a SimPy environment with three
kinds of processes: the incident timeline (link changes, surges, outages,
injects), the ticker (aggregate traffic per (region, feature) every tick)
(one tick is :mod:`wargame.engine.ticker`) and short-lived processes for
things with a duration (policy rollouts, levers,
failovers, reconciliation after the heal, tickets filed after a delay).

``design=[...]`` puts setting levers (``set``, ``resolve``, ``dedup`` ...) in
effect before the incident, as if the product had been built that way: no
rollout, no deploy, no page gate (the interview's design phase).

``advance(seconds)`` moves the clock and returns what happened since the
last call; ``apply(action)`` records a player action at the current time;
``result()`` runs to the end and returns the :class:`RunResult`.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import simpy

from wargame.engine import control, levers, ticker
from wargame.engine.diagnosis import FaultLog
from wargame.engine.kinds import behaviour
from wargame.engine.network import LOSSY, Network
from wargame.engine.observe import Observer, make_sample, make_ticket
from wargame.engine.rng import Streams
from wargame.engine.state import FeatureState
from wargame.engine.tickets import SYMPTOMATIC
from wargame.model.action import (
    Action,
    ActionError,
    check_action,
    inject_note,
    parse_action,
)
from wargame.model.result import Alert, LogLine, Operations, Sample, Ticket, TimelineEntry
from wargame.model.scenario import Event, Scenario
from wargame.model.timefmt import format_clock

POLICY_MODES: tuple[str, ...] = ("as-built", "model", "all-cp", "all-ap")
"""Starting policies a run can be given (the player starts from as-built)."""
DIFFICULTIES: tuple[str, ...] = ("intro", "standard", "hard")
"""Difficulty levels: what the player may observe (see :mod:`wargame.engine.view`)."""

_VIOLATIONS = ("safety_violations", "financial_violations", "compliance_violations")
_VIOLATION_SET = frozenset(_VIOLATIONS)


@dataclass
class Step:
    """What happened during one ``advance`` call."""

    t: float
    samples: list[Sample] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    """Alerts raised or resolved during the step."""
    tickets: list[Ticket] = field(default_factory=list)
    logs: list[LogLine] = field(default_factory=list)
    events: list[TimelineEntry] = field(default_factory=list)
    """Incident events, injects and engine facts (rollouts done, failovers)."""
    finished: bool = False


class Engine:
    """One run of a scenario with a seed and a starting policy."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        policy: str = "as-built",
        difficulty: str | None = None,
        design: Sequence[Action | str] = (),
    ):
        if policy not in POLICY_MODES:
            raise ValueError(f"unknown policy mode {policy!r} (known: {', '.join(POLICY_MODES)})")
        if difficulty is not None and difficulty not in DIFFICULTIES:
            raise ValueError(
                f"unknown difficulty {difficulty!r} (known: {', '.join(DIFFICULTIES)})"
            )
        self.difficulty: str = difficulty or scenario.difficulty
        """What the player may observe: intro, standard or hard (see ``view``)."""
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.policy_mode = policy
        self.streams = Streams(self.seed)
        self.env = simpy.Environment()
        self.tick_s = float(scenario.tick)
        self.duration = float(scenario.duration)
        self.share = {r.id: r.user_share for r in scenario.regions}
        regions = scenario.region_ids()
        latency = {(a, b): scenario.default_latency_ms for a in regions for b in regions if a != b}
        for link in scenario.links:
            latency[(link.a, link.b)] = latency[(link.b, link.a)] = link.latency_ms
        self.network = Network(regions, latency)
        self.features: dict[str, FeatureState] = {}
        for spec in scenario.features:
            self.features[spec.id] = self._feature_state(spec)
        self.design: tuple[Action, ...] = self._preset(design)
        """Levers in effect from the start (a design made before the incident)."""
        self.surge: dict[str, float] = {f: 1.0 for f in self.features}
        self.shed: dict[str, float] = {r: 0.0 for r in regions}
        self.ops = Operations()
        self.timeline: list[TimelineEntry] = []
        self.actions: list[Action] = []
        """The player's actions so far (what is scored)."""
        self.injects: list[Action] = []
        """Injects received from outside (``inject`` journal lines): timeline notes only."""
        self.partition_windows: list[list[float]] = []
        self.obs = Observer(self)
        self.faults = FaultLog(self)
        self.reconciling: list = []
        self._settled = False
        self._out_events: list[TimelineEntry] = []
        self._cut_cache: dict[tuple[int, str, str], list[str]] = {}
        self._label_cache: dict[tuple[int, str, str], str] = {}
        self._whole_cache: dict[tuple[int, str], bool] = {}
        self._odds_cache: dict[tuple[int, str, str], list] = {}
        self.page_t: float | None = None
        """Sim time the on-call engineer was paged; ``None`` until then."""
        for fs in self.features.values():
            fs.behaviour.setup(fs, self)
            fs.prices = fs.behaviour.prices(fs)
            fs.loud = SYMPTOMATIC | _VIOLATION_SET | {k for k, _ in fs.prices}
        self._traffic = {f: self.rng(f"traffic:{f}") for f in self.features}
        self._rates = {
            fs.spec.id: {
                r: (fs.spec.reads_per_s * self.share[r], fs.spec.writes_per_s * self.share[r])
                for r in regions
            }
            for fs in self.features.values()
        }
        self.env.process(self._timeline())
        self.env.process(self._ticker())
        if scenario.control.page_at is not None:
            if scenario.control.page_at <= 0:
                self.page_t = 0.0
            else:
                self.env.process(self._page_at(float(scenario.control.page_at)))

    # -- construction ------------------------------------------------------------
    def _feature_state(self, spec) -> FeatureState:
        mode = self.policy_mode
        knobs, resolution = spec.knobs, spec.resolution
        if mode == "model":
            policy = spec.model.policy
            knobs = spec.model_knobs()
            resolution = spec.model.resolution or spec.resolution
        elif mode == "all-cp":
            policy = "cp"
        elif mode == "all-ap":
            policy = "ap" if "ap" in _supported(spec.kind) else "cp-reads"
        else:
            policy = spec.as_built
        regions = self.scenario.region_ids()
        replicas = tuple(knobs.replicas or regions)
        need = len(replicas) if knobs.write_quorum == "all" else len(replicas) // 2 + 1
        leader = knobs.leader or self.scenario.primary_region()
        if leader not in replicas:
            leader = replicas[0]
        fs = FeatureState(
            spec=spec,
            knobs=knobs,
            resolution=resolution,
            behaviour=behaviour(spec.kind),
            replicas=replicas,
            need=need,
            leader=leader,
            policy={r: policy for r in regions},
            target={r: policy for r in regions},
            acc={r: {} for r in regions},
            pending={r: deque() for r in regions},
            retries={r: 0.0 for r in regions},
        )
        fs.members, fs.members_need = replicas, need
        fs.policy_timeline = [(0.0, r, policy) for r in regions]
        return fs

    def _preset(self, design: Sequence[Action | str]) -> tuple[Action, ...]:
        """Put a design in place before the run: each lever is in effect at t=0.

        Only the settings a design can choose (``levers.DESIGN_VERBS``) are allowed;
        each is checked like a player action. ``ValueError`` (``ActionError``) otherwise.
        """
        done: list[Action] = []
        for item in design:
            action = parse_action(item, t=0.0) if isinstance(item, str) else item
            action = action.model_copy(update={"t": 0.0})
            check_action(action, self.scenario)
            if action.verb not in levers.DESIGN_VERBS:
                raise ActionError(
                    f"{action.verb!r} acts on a running incident; a design sets "
                    f"{', '.join(sorted(levers.DESIGN_VERBS))}"
                )
            levers.preset(self.features[action.args[0]], action)
            done.append(action)
        return tuple(done)

    # -- public API --------------------------------------------------------------
    @property
    def now(self) -> float:
        """Current sim time in seconds."""
        return float(self.env.now)

    @property
    def finished(self) -> bool:
        """True once the clock has reached the scenario's end."""
        return self.env.now >= self.duration

    def rng(self, name: str) -> random.Random:
        """The seeded stream ``name`` of this run."""
        return self.streams.get(name)

    def advance(self, seconds: float) -> Step:
        """Run the simulation ``seconds`` forward (not past the end); report what happened."""
        if seconds < 0:
            raise ValueError("cannot advance by a negative time")
        self._run_to(self.env.now + seconds)
        return self._drain()

    def advance_to(self, t: float) -> Step:
        """Run the simulation to sim time ``t`` (capped at the end), including what happens
        exactly at ``t``, and report what happened; a ``t`` already past does nothing.

        ``advance_to(a.t)`` then ``apply(a)`` replays an action exactly as :meth:`run` does.
        """
        self._run_to(t)
        return self._drain()

    def apply(self, action: Action | str) -> TimelineEntry:
        """Record a player action at the current sim time and start its effect.

        An ``inject`` action only adds its message to the timeline, at any time.
        """
        if isinstance(action, str):
            action = parse_action(action, t=self.now)
        if action.t > self.now + 1e-9:
            self._run_to(action.t)
        if action.t < self.now - 1e-6:
            raise ActionError(
                f"action at {format_clock(action.t)} is in the past (now {format_clock(self.now)})"
            )
        action = action.model_copy(update={"t": self.now})
        check_action(action, self.scenario)
        if action.verb == "inject":
            # a message from outside (a game day's facilitator), as a scenario inject
            # reads: not a lever, so no page gate, and not a player action to score
            self.injects.append(action)
            return self._note("inject", inject_note(action))
        if self.page_t is None or self.now < self.page_t - 1e-9:
            when = "no alert has paged anyone yet" if self.page_t is None else ""
            if self.page_t is not None:
                when = f"the on-call engineer is paged at {format_clock(self.page_t)}"
            raise ActionError(
                f"action at {format_clock(self.now)} comes before the page ({when}): "
                "levers unlock when the on-call engineer is paged"
            )
        text = control.apply(self, action)
        self.actions.append(action)
        return self._note("action", f"{action.describe()}: {text}")

    def run(self, actions: list[Action] | tuple[Action, ...] = ()) -> None:
        """Apply the actions at their times and run to the end (headless: no steps kept)."""
        for action in sorted(actions, key=lambda a: a.t):
            if action.t > self.duration:
                raise ActionError(f"action {action} is after the end of the drill")
            self._run_to(action.t)
            self.apply(action)
        self._run_to(self.duration)
        self._discard()

    def _run_to(self, t: float) -> None:
        """Run until ``t`` (capped at the end), including what happens exactly at ``t``."""
        target = min(self.duration, t)
        if target > self.env.now:
            self.env.run(until=target)
        env = self.env
        while env.peek() <= target:
            env.step()

    def _discard(self) -> None:
        o = self.obs
        o.out_samples, o.out_alerts, o.out_tickets, o.out_logs = [], [], [], []
        self._out_events = []

    def view(self):
        """What the console may show now at this run's difficulty (see :mod:`.view`)."""
        from wargame.engine.view import snapshot

        return snapshot(self)

    def alerts(self) -> list[Alert]:
        """Every alert raised so far (copies; acknowledge with the ``ack`` action)."""
        return [a.model_copy() for a in self.obs.alerts]

    def active_alerts(self) -> list[Alert]:
        """The alerts up now (copies), in the order they were raised."""
        return [a.model_copy() for a in self.obs.rules.active.values()]

    def result(self):
        """Run to the end (if needed) and build the run's result."""
        from wargame.engine.results import build_result

        if not self.finished:
            self._run_to(self.duration)
            self._discard()
        if not self._settled:
            control.settle(self)
            self._settled = True
        return build_result(self)

    # -- helpers used by kinds, control and observe --------------------------------
    def cut_from(self, fs: FeatureState, region: str) -> list[str]:
        """Replicas of ``fs`` that ``region`` cannot exchange data with directly."""
        key = (self.network.version, fs.spec.id, region)
        hit = self._cut_cache.get(key)
        if hit is None:
            net = self.network
            hit = [q for q in fs.replicas if q != region and not net.connected(region, q)]
            if len(self._cut_cache) > 4096:
                self._cut_cache.clear()
            self._cut_cache[key] = hit
        return hit

    def _note(self, kind: str, text: str) -> TimelineEntry:
        entry = TimelineEntry(t=self.now, type=kind, text=text)
        self.timeline.append(entry)
        self._out_events.append(entry)
        return entry

    def _drain(self) -> Step:
        o = self.obs
        step = Step(
            t=self.now,
            samples=[make_sample(x) for x in o.out_samples],
            alerts=o.out_alerts,
            tickets=[make_ticket(x) for x in o.out_tickets],
            logs=o.out_logs,
            events=self._visible(self._out_events),
            finished=self.finished,
        )
        o.out_samples, o.out_alerts, o.out_tickets, o.out_logs = [], [], [], []
        self._out_events = []
        return step

    def _visible(self, events: list[TimelineEntry]) -> list[TimelineEntry]:
        """The timeline entries the player may see: fault events only at ``intro``."""
        if self.difficulty == "intro":
            return events
        return [x for x in events if x.type != "event"]

    def commit(self, fs: FeatureState, region: str, d: dict[str, float]) -> None:
        """Add a delta of outcomes to a (feature, region) and tell the observer."""
        if not d:
            return
        if fs.loud.isdisjoint(d):
            # nothing priced, no violation and nothing users write in about (most
            # ticks): add the delta up and book its revenue
            acc = fs.acc[region]
            total = acc.get
            for k, v in d.items():
                acc[k] = total(k, 0) + v
            if "revenue" in d or "refunds" in d:
                self.obs.book(fs, d)
            return
        if fs.prices:
            for k, price in fs.prices:
                n = d.get(k)
                if n:
                    d["refunds"] = d.get("refunds", 0) + n * price
        acc = fs.acc[region]
        total = acc.get
        for k, v in d.items():
            acc[k] = total(k, 0) + v
        if not _VIOLATION_SET.isdisjoint(d):
            for k in _VIOLATIONS:
                if k in d:
                    fs.tick_violations[region] = fs.tick_violations.get(region, 0) + d[k]
        self.obs.record(fs, region, d)

    # -- processes ---------------------------------------------------------------
    def _timeline(self):
        for event in sorted(self.scenario.events, key=lambda e: e.at):
            if event.at > self.env.now:
                yield self.env.timeout(event.at - self.env.now)
            self._fire(event)

    def _fire(self, ev: Event) -> None:
        net = self.network
        was_impaired = net.impaired()
        text = ev.text
        if ev.kind == "partition":
            pairs = _pairs(ev)
            for a, b in pairs:
                if ev.mode == "full":
                    net.set_pair(a, b, "down")
                elif ev.mode == "lossy":
                    net.set_pair(a, b, LOSSY, loss=ev.loss)
                else:
                    net.set_link(a, b, "down")
        elif ev.kind == "link":
            for a, b in ev.links or []:
                net.set_pair(a, b, ev.state or "up", factor=ev.factor, loss=ev.loss)
        elif ev.kind == "heal":
            net.heal([tuple(p) for p in ev.links] if ev.links else None)
        elif ev.kind == "outage":
            net.set_region(ev.region, up=False)
        elif ev.kind == "restore":
            net.set_region(ev.region, up=True)
        elif ev.kind == "surge":
            for f in ev.features or list(self.features):
                self.surge[f] = ev.factor
        now_impaired = net.impaired()
        if now_impaired and not was_impaired:
            self.partition_windows.append([self.now, self.duration])
        elif was_impaired and not now_impaired and self.partition_windows:
            self.partition_windows[-1][1] = self.now
        if ev.kind == "inject":
            self._note("inject", f"{ev.source}: {ev.text}" if ev.source else ev.text)
        else:
            self._note("event", text or _describe(ev))  # the truth: shown only at intro
            self.faults.changed()

    def _ticker(self):
        while self.env.now < self.duration:
            step = min(self.tick_s, self.duration - self.env.now)
            yield self.env.timeout(step)
            self._tick(step)
            self.obs.end_tick()
            if self.page_t is None and self.scenario.control.page_at is None and self.obs.alerts:
                self.page_t = self.now

    def _page_at(self, at: float):
        """The scenario pages the on-call engineer at a set time."""
        if at > self.env.now:
            yield self.env.timeout(at - self.env.now)
        self.page_t = self.now

    # -- one tick ----------------------------------------------------------------
    def _tick(self, step: float) -> None:
        ticker.tick(self, step)

    def _overload(self, fs: FeatureState, q_leader: float) -> None:
        """Retry storms: retries on top of fresh load push the leader over capacity.

        Clients retry refused writes; once the retries keep the leader above its
        capacity for 10 s it fails reads too, until its quorum is back and the
        clients' retries start succeeding.
        """
        spec = fs.spec
        retries = sum(fs.retries.values())
        if fs.overloaded and q_leader >= 0.99:
            retries = 0.0
        if not retries and not fs.overloaded:
            fs.overload_since = None
            return
        fresh = fs.last_fresh
        ratio = (fresh + retries) / fresh if fresh else 0.0
        hot = ratio > fs.knobs.leader_capacity
        if hot:
            if fs.overload_since is None:
                fs.overload_since = self.now
            if not fs.overloaded and self.now - fs.overload_since >= 10.0:
                fs.overloaded = True
                self.obs.log("ERROR", fs.leader, fs, "leader overloaded by retries: reads fail too")
                if self.obs.episode(("overload", spec.id, fs.leader), True):
                    self._note("engine", f"{spec.name}: the leader in {fs.leader} is overloaded")
        else:
            fs.overload_since = None
            if fs.overloaded:
                fs.overloaded = False
                self.obs.episode(("overload", spec.id, fs.leader), False)
                self.obs.log("INFO", fs.leader, fs, "leader load back to normal")


def _supported(kind: str) -> frozenset[str]:
    from wargame.model.scenario import KIND_POLICIES

    return KIND_POLICIES[kind]


def _pairs(ev: Event) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = [(a, b) for a, b in ev.links or []]
    groups = ev.groups or []
    for i, g in enumerate(groups):
        for h in groups[i + 1 :]:
            pairs += [(a, b) for a in g for b in h]
    return pairs


def _describe(ev: Event) -> str:
    """A neutral line for the timeline (the console never says 'partition' itself)."""
    if ev.kind == "partition":
        return f"network: {ev.mode} cut on {len(_pairs(ev))} link(s)"
    if ev.kind == "link":
        return f"network: {len(ev.links or [])} link(s) now {ev.state}"
    if ev.kind == "heal":
        return "network: links restored"
    if ev.kind in ("outage", "restore"):
        return f"region {ev.region}: {ev.kind}"
    if ev.kind == "surge":
        return f"traffic x{ev.factor:g}"
    return ev.kind
