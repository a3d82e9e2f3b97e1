"""``wargame list``: the shipped scenarios."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.table import Table

from wargame.cli.common import UsageError
from wargame.model.loader import ScenarioError, list_scenarios
from wargame.model.timefmt import format_clock


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "list",
        help="list the shipped scenarios",
        description="List the shipped scenarios: a table in a terminal, "
        "tab-separated lines (never cut) when piped.",
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    try:
        scenarios = list_scenarios()
    except ScenarioError as exc:
        raise UsageError(str(exc)) from None
    if not sys.stdout.isatty():
        # piped: one tab-separated line per scenario, nothing cut, easy to script
        print("id\ttitle\tdifficulty\tregions\tfeatures\tduration")
        for s in scenarios:
            print(
                "\t".join(
                    [
                        s.id,
                        s.title,
                        s.difficulty,
                        ",".join(r.id for r in s.regions),
                        ",".join(f.id for f in s.features),
                        format_clock(s.duration),
                    ]
                )
            )
        return 0
    table = Table(title="Scenarios")
    # the id is what the player types: it is never cut or wrapped, whatever the width
    width = max((len(s.id) for s in scenarios), default=2)
    table.add_column("id", no_wrap=True, min_width=width)
    for col in ("title", "difficulty", "regions", "features", "duration"):
        table.add_column(col, overflow="fold")
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
