"""``wargame bench --branch``: how fast the debrief can rewind and branch, per scenario.

For each shipped scenario the journal is the responder's play (a realistic
journal of a dozen actions); the cursor sits in the middle of the first
partition. Measured in CPU seconds (so a busy machine does not inflate them),
median of N:

* ``rewind``: :func:`wargame.rewind.state_at` at the cursor (one partial replay);
* ``none`` / ``respond``: the branch's re-run alone (:func:`wargame.rewind.branch_run`),
  nobody acting or the responder taking over;
* ``scored``: :func:`wargame.rewind.branch` with ``respond``, both runs played and each
  scored against counterfactuals the debrief already holds: what the debrief waits for
  after "let the responder take over from here".
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from wargame.model.scenario import Scenario
from wargame.respond import respond
from wargame.rewind import branch, branch_run, state_at
from wargame.scoring.runs import counterfactuals


def _cpu(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def cursor(scenario: Scenario, windows: list[tuple[float, float]]) -> float:
    """The middle of the first partition (the middle of the drill if there is none)."""
    if windows:
        a, b = windows[0]
        return round((a + b) / 2)
    return round(scenario.duration / 2)


def measure_branch(scenario: Scenario, repeat: int) -> dict:
    """The rewind and branch figures for one scenario (milliseconds)."""
    played = respond(scenario, scenario.seed).result
    actions = played.actions
    at = cursor(scenario, [(a, b) for a, b in played.partition_windows if b > a])
    refs = counterfactuals(scenario, scenario.seed)
    seed = scenario.seed
    return {
        "scenario": scenario.id,
        "at_s": at,
        "actions": len(actions),
        "rewind_ms": round(1000 * _cpu(lambda: state_at(scenario, seed, actions, at), repeat)),
        "none_ms": round(
            1000 * _cpu(lambda: branch_run(scenario, seed, actions, at, "none"), repeat)
        ),
        "respond_ms": round(
            1000 * _cpu(lambda: branch_run(scenario, seed, actions, at, "respond"), repeat)
        ),
        "scored_ms": round(
            1000 * _cpu(lambda: branch(scenario, seed, actions, at, "respond", refs=refs), repeat)
        ),
    }


def print_branch_table(rows: list[dict], repeat: int) -> None:
    """The figures as a table, with what each column measures."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Rewind and branch (median CPU time of {repeat})")
    for col in ("scenario", "cursor", "actions", "rewind", "none", "respond", "scored"):
        table.add_column(col, justify="left" if col == "scenario" else "right")
    for r in rows:
        table.add_row(
            r["scenario"],
            f"{r['at_s'] // 60:02d}:{r['at_s'] % 60:02d}",
            str(r["actions"]),
            f"{r['rewind_ms']}ms",
            f"{r['none_ms']}ms",
            f"{r['respond_ms']}ms",
            f"{r['scored_ms']}ms",
        )
    Console(width=max(100, Console().width)).print(table)
    print("rewind: the console at the cursor (replay to it); none/respond: the branch's re-run")
    print("alone; scored: both runs played and scored with the debrief's counterfactuals.")
