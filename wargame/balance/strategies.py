"""The catalogue of strategies the balance harness plays on a scenario.

A strategy is a way of playing, defined without looking at any score: do
nothing; a naive policy designed in from the start (all-CP, all-AP); one
blanket policy set on every feature at the page; the responder reacting at
the page, 60 s or 5 minutes after the signals agree; the responder plus a
failover of the CP features to a region; a failover of the CP features at the
page + 60 s on its own; and a sample of random strategies drawn from a seeded
stream. Every played strategy acts only through :meth:`Engine.apply`, at or
after the page, like a player.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from wargame.engine import Engine
from wargame.model.action import TEAMS, Action, ActionError
from wargame.model.result import RunResult
from wargame.model.scenario import KIND_POLICIES, POLICIES, Scenario
from wargame.respond import respond

RESPONDER_DELAYS: dict[str, float] = {"responder@page": 0.0, "responder+60s": 60.0}
RESPONDER_DELAYS["responder+5min"] = 300.0
"""Responder variants by reaction time after the signals agree."""
FAILOVER_AFTER_S = 60.0
"""The plain failover strategy fails the CP features over this long after the page."""
RANDOM_COUNT = 8
"""Random strategies in the catalogue."""
RANDOM_SEED = 20_181_021
"""Seed of the stream the random strategies are drawn from (fixed: the catalogue is data)."""
RANDOM_WINDOW_S = 900.0
"""Random actions fall within this many seconds after the page."""


@dataclass(frozen=True)
class Strategy:
    """One way of playing a scenario."""

    name: str
    """Shown in the table, e.g. ``blanket ap@page``."""
    kind: str
    """``nothing``, ``mode``, ``at-page``, ``responder`` or ``random``."""
    mode: str = "as-built"
    """Starting policies (``mode`` strategies: all-cp or all-ap, designed in)."""
    steps: tuple[tuple[float, str], ...] = ()
    """(seconds after the page, ``"verb args"``) for ``at-page`` and ``random``."""
    reaction_s: float = 0.0
    """Responder: reaction time after the signals agree."""
    extra: tuple[str, ...] = ()
    """Responder: actions taken together with the model (a failover)."""
    fixed: bool = True
    """False for random strategies (B5 applies to fixed ones)."""
    tags: frozenset[str] = field(default_factory=frozenset)
    """What the properties look for: blanket, failover, responder+60s, ..."""


@dataclass
class Played:
    """One strategy's run and the actions it took."""

    result: RunResult
    actions: list[Action]


def _blanket(scenario: Scenario, policy: str) -> tuple[tuple[float, str], ...]:
    steps = []
    for f in scenario.features:
        if policy in KIND_POLICIES[f.kind]:
            steps.append((0.0, f"set {f.id} {policy}"))
    return tuple(steps)


def _random(scenario: Scenario, rng: random.Random) -> tuple[tuple[float, str], ...]:
    features = [f for f in scenario.features]
    regions = scenario.region_ids()
    steps = []
    for _ in range(rng.randint(1, 5)):
        at = round(rng.uniform(0, RANDOM_WINDOW_S) / 10) * 10.0
        roll = rng.random()
        f = rng.choice(features)
        if roll < 0.6:
            policy = rng.choice(sorted(KIND_POLICIES[f.kind] & set(POLICIES)))
            steps.append((at, f"set {f.id} {policy}"))
        elif roll < 0.75:
            steps.append((at, f"failover {f.id} {rng.choice(regions)}"))
        elif roll < 0.85:
            steps.append((at, f"severity SEV{rng.randint(1, 4)}"))
        elif roll < 0.95:
            steps.append((at, f"page {rng.choice(TEAMS)}"))
        else:
            steps.append((at, "status-page We are looking into reports of errors."))
    return tuple(sorted(steps))


def catalogue(scenario: Scenario, random_count: int = RANDOM_COUNT) -> list[Strategy]:
    """Every strategy the harness plays on ``scenario`` (``random_count`` random ones)."""
    out = [
        Strategy("do nothing", "nothing", tags=frozenset({"nothing"})),
        Strategy("all-cp", "mode", mode="all-cp", tags=frozenset({"all-cp"})),
        Strategy("all-ap", "mode", mode="all-ap", tags=frozenset({"all-ap"})),
    ]
    for policy in POLICIES:
        out.append(
            Strategy(
                f"blanket {policy}@page",
                "at-page",
                steps=_blanket(scenario, policy),
                tags=frozenset({"blanket"}),
            )
        )
    for name, delay in RESPONDER_DELAYS.items():
        out.append(Strategy(name, "responder", reaction_s=delay, tags=frozenset({name})))
    for region in scenario.region_ids():
        out.append(
            Strategy(
                f"responder+failover cp->{region}",
                "responder",
                reaction_s=RESPONDER_DELAYS["responder+60s"],
                extra=(f"failover all-cp {region}",),
                tags=frozenset({"failover"}),
            )
        )
        out.append(
            Strategy(
                f"failover cp->{region}@page+60s",
                "at-page",
                steps=((FAILOVER_AFTER_S, f"failover all-cp {region}"),),
                tags=frozenset({"failover"}),
            )
        )
    rng = random.Random(f"{RANDOM_SEED}:{scenario.id}")
    for i in range(random_count):
        out.append(
            Strategy(f"random #{i + 1}", "random", steps=_random(scenario, rng), fixed=False)
        )
    return out


def play(scenario: Scenario, seed: int, strategy: Strategy) -> Played:
    """Play ``strategy`` on ``scenario`` with ``seed``."""
    if strategy.kind == "responder":
        r = respond(scenario, seed, reaction_s=strategy.reaction_s, extra=strategy.extra)
        return Played(r.result, r.actions)
    engine = Engine(scenario, seed=seed, policy=strategy.mode)
    if strategy.steps:
        while engine.page_t is None and not engine.finished:
            engine.advance(engine.tick_s)
        if engine.page_t is not None:
            for offset, text in strategy.steps:
                engine.advance(max(0.0, engine.page_t + offset - engine.now))
                if engine.finished:
                    break
                try:
                    engine.apply(text)
                except ActionError:
                    continue  # e.g. a random failover the scenario cannot take
    result = engine.result()
    return Played(result, list(engine.actions))
