"""Running the catalogue: every strategy on every seed, scored by the game's own scorer.

Work is split into one task per (scenario, seed): the task runs the
references once (the responder, the model, the naive policies and the
healthy baseline), then plays and scores every strategy against them. Tasks
run in a process pool over the cores; results are gathered in task order, so
the table is the same whatever the number of jobs.
"""

from __future__ import annotations

import os
import statistics
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from wargame.balance.strategies import RANDOM_COUNT, Played, Strategy, catalogue, play
from wargame.model.loader import load_scenario
from wargame.model.scenario import Scenario
from wargame.scoring import rules
from wargame.scoring.debrief import Scorer
from wargame.scoring.runs import counterfactuals


@dataclass
class Outcome:
    """One strategy on one seed."""

    strategy: str
    seed: int
    overall: float
    grade: str
    violations: int
    avoidable: int
    """Violations beyond the reference play's on the same seed (they rule out an A)."""
    page_t: float | None
    actions: list[tuple[float, str]]
    """(t, verb) of every action taken."""


@dataclass
class Row:
    """One strategy over all seeds."""

    strategy: Strategy
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def scores(self) -> list[float]:
        return [o.overall for o in self.outcomes]

    @property
    def median(self) -> float:
        return round(statistics.median(self.scores), 1)

    @property
    def grade(self) -> str:
        """The grade of the median score (no A if most seeds had a violation)."""
        violated = sum(1 for o in self.outcomes if o.avoidable) * 2 > len(self.outcomes)
        return rules.grade(self.median, 1 if violated else 0)

    @property
    def low(self) -> float:
        return min(self.scores)

    @property
    def high(self) -> float:
        return max(self.scores)


@dataclass
class ScenarioTable:
    """Every strategy's row for one scenario."""

    scenario: Scenario
    rows: dict[str, Row]


REUSE: dict[str, str] = {
    "do nothing": "as-built",
    "all-cp": "all-cp",
    "all-ap": "all-ap",
    "responder+60s": "responder",
}
"""Strategies whose run is one of the references (the reference responder reacts 60 s
after the signals agree, like ``responder+60s``; a test pins that they are the same)."""


def _task(args: tuple[str, int, int]) -> tuple[str, int, list[Outcome]]:
    """Play every strategy of the catalogue on one scenario and seed."""
    scenario_id, seed, random_count = args
    sc = load_scenario(scenario_id)
    refs = counterfactuals(sc, seed)
    scorer = Scorer(sc, refs)
    ref_violations = refs.runs["responder"].totals.violations
    out = []
    for strategy in catalogue(sc, random_count):
        # strategies that are reference runs (same scenario, seed and play) are not replayed
        known = REUSE.get(strategy.name)
        played = Played(refs.runs[known], refs.runs[known].actions) if known else None
        played = played or play(sc, seed, strategy)
        s = scorer.scores(played.result, scorer.costs_of(played.result))
        out.append(
            Outcome(
                strategy=strategy.name,
                seed=seed,
                overall=s.overall,
                grade=s.grade,
                violations=played.result.totals.violations,
                avoidable=max(0, played.result.totals.violations - ref_violations),
                page_t=played.result.page_t,
                actions=[(a.t, a.verb) for a in played.actions],
            )
        )
    return scenario_id, seed, out


def run_balance(
    scenario_ids: list[str],
    seeds: int,
    jobs: int | None = None,
    random_count: int = RANDOM_COUNT,
) -> list[ScenarioTable]:
    """Play the catalogue on each scenario over seeds 1..``seeds`` with ``jobs`` processes."""
    tasks = [(sid, seed, random_count) for sid in scenario_ids for seed in range(1, seeds + 1)]
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1:
        done = [_task(t) for t in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            done = list(pool.map(_task, tasks, chunksize=1))
    tables = []
    for sid in scenario_ids:
        sc = load_scenario(sid)
        rows = {s.name: Row(s) for s in catalogue(sc, random_count)}
        for task_sid, _, outcomes in done:
            if task_sid == sid:
                for o in outcomes:
                    rows[o.strategy].outcomes.append(o)
        tables.append(ScenarioTable(sc, rows))
    return tables
