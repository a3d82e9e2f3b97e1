"""``wargame bench``: how fast and how lean the engine runs every shipped scenario.

Per scenario: wall time of a headless run (median and best of N), the speed-up
over real time, the time of the four counterfactual runs a debrief needs
(model, as-built, all-CP, all-AP), and the peak memory traced during a run,
also with the scenario stretched to four times its duration to show memory
does not grow with duration beyond the result itself.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
import tracemalloc

from rich.console import Console
from rich.table import Table

from wargame.cli.common import UsageError, scenario_or_exit
from wargame.engine import Engine
from wargame.model.loader import shipped
from wargame.model.scenario import Scenario

COUNTERFACTUALS = ("model", "as-built", "all-cp", "all-ap")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="measure engine speed and memory per scenario")
    p.add_argument("--repeat", type=int, default=5, help="runs per scenario (default 5)")
    p.add_argument("--scenario", action="append", default=[], help="only these (repeatable)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--largest",
        action="store_true",
        help="measure the largest scenarios the format allows (the budget in scenarios/README.md)",
    )
    p.add_argument(
        "--branch",
        action="store_true",
        help="measure rewinding and branching a drill (the debrief's cursor) per scenario",
    )
    p.set_defaults(func=main)


def _timed(scenario: Scenario, policy: str = "as-built") -> float:
    start = time.perf_counter()
    Engine(scenario, policy=policy).result()
    return time.perf_counter() - start


def _memory(scenario: Scenario) -> tuple[int, int]:
    """(peak traced bytes during a run, bytes still held by its result afterwards)."""
    tracemalloc.start()
    try:
        result = Engine(scenario).result()
        held, peak = tracemalloc.get_traced_memory()
        del result
        return peak, held
    finally:
        tracemalloc.stop()


def measure(scenario: Scenario, repeat: int) -> dict:
    """The figures for one scenario."""
    _timed(scenario)  # warm caches and imports
    runs = [_timed(scenario) for _ in range(repeat)]
    median = statistics.median(runs)
    four = [sum(_timed(scenario, p) for p in COUNTERFACTUALS) for _ in range(max(1, repeat // 2))]
    stretched = scenario.model_copy(update={"duration": scenario.duration * 4})
    peak, held = _memory(scenario)
    peak4, held4 = _memory(stretched)
    return {
        "scenario": scenario.id,
        "duration_s": scenario.duration,
        "steps": int(scenario.duration / scenario.tick)
        * len(scenario.regions)
        * len(scenario.features),
        "median_s": round(median, 4),
        "best_s": round(min(runs), 4),
        "speedup": round(scenario.duration / median),
        "four_runs_s": round(statistics.median(four), 4),
        "peak_mib": round(peak / 2**20, 2),
        "result_mib": round(held / 2**20, 2),
        "peak_4x_mib": round(peak4 / 2**20, 2),
        "result_4x_mib": round(held4 / 2**20, 2),
    }


def measure_largest(shape: str) -> dict:
    """CPU time of runs of an extreme scenario: the slowest of the four starting policies,
    and one ``run --json`` (a run, the four counterfactual runs and the debrief). CPU time,
    not wall time, so that a busy machine does not inflate the figures."""
    from wargame.cli.run import dumps_strict, result_json
    from wargame.model.extremes import largest_scenario

    scenario = largest_scenario(shape)
    slowest = 0.0
    for policy in COUNTERFACTUALS:
        start = time.process_time()
        Engine(scenario, policy=policy).result()
        slowest = max(slowest, time.process_time() - start)
    start = time.process_time()
    dumps_strict(result_json(Engine(scenario).result(), scenario))
    json_s = time.process_time() - start
    return {
        "scenario": f"largest-{shape}",
        "regions": len(scenario.regions),
        "features": len(scenario.features),
        "steps": round(scenario.duration / scenario.tick),
        "work": round(scenario.work()),
        "slowest_run_s": round(slowest, 2),
        "run_json_s": round(json_s, 2),
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main_largest(args: argparse.Namespace) -> int:
    from wargame.model.extremes import SHAPES

    rows = [measure_largest(shape) for shape in SHAPES]
    if args.json:
        print(json.dumps(rows, indent=2, allow_nan=False))
        return 0
    table = Table(title="Largest scenarios the format allows (one run each)")
    for col in rows[0]:
        table.add_column(col, justify="left" if col == "scenario" else "right")
    for r in rows:
        table.add_row(*(f"{v:,}" if isinstance(v, int) else str(v) for v in r.values()))
    Console(width=max(100, Console().width)).print(table)
    print("slowest_run_s: CPU seconds of one headless run, the slowest of the four starting")
    print("policies; run_json_s: CPU seconds of 'wargame run --json' (the run, four")
    print("counterfactual runs and the debrief); max_rss_mib: the process's resident peak.")
    return 0


def main(args: argparse.Namespace) -> int:
    if args.repeat < 1:
        raise UsageError("--repeat must be at least 1")
    if args.largest:
        return main_largest(args)
    names = args.scenario or list(shipped())
    scenarios = [scenario_or_exit(n) for n in names]
    if getattr(args, "branch", False):
        from wargame.cli.bench_branch import measure_branch, print_branch_table

        rows = [measure_branch(s, args.repeat) for s in scenarios]
        if args.json:
            print(json.dumps(rows, indent=2, allow_nan=False))
        else:
            print_branch_table(rows, args.repeat)
        return 0
    rows = [measure(s, args.repeat) for s in scenarios]
    if args.json:
        print(json.dumps(rows, indent=2, allow_nan=False))
        return 0
    table = Table(title=f"Engine benchmark (median of {args.repeat} runs)")
    for col in (
        "scenario",
        "sim",
        "steps",
        "run",
        "x real",
        "4 runs",
        "peak/result MiB",
        "4x duration",
    ):
        table.add_column(col, justify="left" if col == "scenario" else "right")
    for r in rows:
        table.add_row(
            r["scenario"],
            f"{r['duration_s'] / 60:.0f}m",
            f"{r['steps']:,}",
            f"{r['median_s'] * 1000:.0f}ms",
            f"{r['speedup']:,}",
            f"{r['four_runs_s'] * 1000:.0f}ms",
            f"{r['peak_mib']:.1f}/{r['result_mib']:.1f}",
            f"{r['peak_4x_mib']:.1f}/{r['result_4x_mib']:.1f}",
        )
    Console(width=max(100, Console().width)).print(table)
    print("run: median wall time of one headless run; x real: speed-up over real time;")
    print("4 runs: model + as-built + all-CP + all-AP (a debrief's counterfactuals);")
    print("peak/result: traced peak during a run / memory the finished result holds.")
    return 0
