"""``wargame list``: the shipped scenarios."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from wargame.cli.common import UsageError
from wargame.model.loader import ScenarioError, list_scenarios
from wargame.model.timefmt import format_clock


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the shipped scenarios")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    try:
        scenarios = list_scenarios()
    except ScenarioError as exc:
        raise UsageError(str(exc)) from None
    table = Table(title="Scenarios")
    for col in ("id", "title", "difficulty", "regions", "features", "duration"):
        table.add_column(col)
    for s in scenarios:
        table.add_row(
            s.id,
            s.title,
            s.difficulty,
            ", ".join(r.id for r in s.regions),
            ", ".join(f.id for f in s.features),
            format_clock(s.duration),
        )
    Console().print(table)
    return 0
