"""``wargame validate``: check scenario files, printing every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wargame.model.loader import ScenarioError, load_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check scenario files",
        description="Validate scenario files; exit 0 if all are valid, 2 otherwise.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario .toml files")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    bad = 0
    for name in args.paths:
        try:
            scenario = load_path(Path(name))
        except ScenarioError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        print(f"{name}: ok ({scenario.id}: {len(scenario.features)} features)")
    return 2 if bad else 0
