"""``wargame balance``: play a catalogue of strategies and check the game is fair.

For each scenario (default: every shipped one) it plays do nothing, the naive
policies, every blanket policy at the page, the responder at three reaction
times, failovers of the CP features and a sample of random strategies over
seeds 1..N, in parallel over the cores, and prints each strategy's median
score, grade and range, then the properties B1-B5 (exit 1 if one fails).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from rich.console import Console
from rich.table import Table

from wargame.balance import check, run_balance
from wargame.balance.strategies import RANDOM_COUNT
from wargame.cli.common import UsageError, scenario_or_exit
from wargame.model.loader import list_scenarios, resolve_scenario, shipped


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "balance",
        help="play a catalogue of strategies and check the scoring is fair (B1-B5)",
        description="Play do-nothing, naive, blanket, responder, failover and random "
        "strategies over seeds, print median score, grade and range per strategy, and "
        "check the balance properties B1-B5. Run it before shipping a scenario.",
    )
    p.add_argument("scenario", nargs="*", help="scenario ids or paths (default: all shipped)")
    p.add_argument("--seeds", type=int, default=5, help="seeds 1..N per strategy (default 5)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    p.add_argument(
        "--random",
        type=int,
        default=RANDOM_COUNT,
        help=f"random strategies (default {RANDOM_COUNT})",
    )
    p.add_argument("--json", action="store_true", help="print the tables as one JSON object")
    p.set_defaults(func=main)


def _key(name: str) -> str:
    """How a worker finds the scenario ``name`` names: its id if shipped, else its path."""
    scenario = scenario_or_exit(name)
    if name in shipped():
        return scenario.id
    return str(resolve_scenario(name).resolve())


def main(args: argparse.Namespace) -> int:
    if args.seeds < 1:
        raise UsageError("--seeds must be at least 1")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    # workers load each scenario again: a shipped one by id, a file by its absolute path
    ids = [_key(name) for name in args.scenario] or [s.id for s in list_scenarios()]
    start = time.perf_counter()
    if args.random < 0:
        raise UsageError("--random must be 0 or more")
    tables = run_balance(ids, args.seeds, args.jobs, args.random)
    wall = time.perf_counter() - start
    findings = check(tables)
    failed = [f for f in findings if not f.ok and not f.advisory]
    if args.json:
        data = {
            "seeds": args.seeds,
            "wall_s": round(wall, 2),
            "scenarios": {
                t.scenario.id: [
                    {
                        "strategy": name,
                        "median": row.median,
                        "grade": row.grade,
                        "low": row.low,
                        "high": row.high,
                        "scores": row.scores,
                    }
                    for name, row in t.rows.items()
                ]
                for t in tables
            },
            "properties": [f.__dict__ for f in findings],
            "ok": not failed,
        }
        json.dump(data, sys.stdout, sort_keys=True)
        sys.stdout.write("\n")
        return 1 if failed else 0
    console = Console(highlight=False)
    for t in tables:
        table = Table(title=f"{t.scenario.id} ({args.seeds} seeds)", title_justify="left")
        for col in ("strategy", "median", "grade", "range"):
            table.add_column(col, justify="left" if col == "strategy" else "right")
        for name, row in t.rows.items():
            table.add_row(name, f"{row.median:.1f}", row.grade, f"{row.low:.1f}-{row.high:.1f}")
        console.print(table)
    for f in findings:
        mark = "ok  " if f.ok else ("note" if f.advisory else "FAIL")
        console.print(f"{mark} {f.prop} {f.scenario}: {f.detail}", markup=False)
    console.print(
        f"{len(findings) - len(failed)}/{len(findings)} checks hold (advisory notes do not "
        f"count); wall time {wall:.1f} s",
        markup=False,
    )
    return 1 if failed else 0
