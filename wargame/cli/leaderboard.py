"""``wargame leaderboard``: finished drills ranked, one board per scenario, seed and difficulty."""

from __future__ import annotations

import argparse

from wargame.cli.common import seed_arg
from wargame.cli.history import (
    _score,
    add_db_arg,
    open_store,
    positive_int,
    scenario_id_arg,
    store_exists,
)
from wargame.model.text import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "leaderboard",
        help="recorded drills ranked by overall score",
        description="Rank finished drills by overall score. Only drills of the same scenario, "
        "seed and difficulty share a board: a different seed is a different incident.",
    )
    p.add_argument("scenario", nargs="?", type=scenario_id_arg, help="only this scenario id")
    p.add_argument("--seed", type=seed_arg, help="only this seed")
    p.add_argument("--session", type=positive_int, metavar="ID", help="only this game day")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_arg(p)
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from wargame.store import queries

    boards: list[dict] = []
    if store_exists(args):
        with open_store(args, create=False) as store:
            boards = queries.leaderboard(store, args.scenario, args.seed, args.session)
    if args.json:
        from wargame.cli.run import dumps_strict

        print(dumps_strict({"boards": boards}, sort_keys=True))
        return 0
    if not boards:
        print("No finished drills match.")
        return 0
    for i, board in enumerate(boards):
        if i:
            print()
        print(f"{printable(board['scenario'])}, seed {board['seed']}, {board['difficulty']}:")
        for e in board["entries"]:
            who = e["team"] or f"drill {e['id']}"
            if e["session"] is not None:
                who = f"{who} (session {e['session']}, drill {e['id']})"
            print(
                f"  {e['rank']:>3}. {e['grade'] or '-':<2} {_score(e['overall']):>6}  "
                f"{printable(who)}  {(e['finished'] or '')[:16].replace('T', ' ')}"
            )
    return 0
