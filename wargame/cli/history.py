"""``wargame history``: past drills and personal bests from the store; ``--record`` helpers.

Also the store options every store-using command shares (``--db``) and the two
hooks ``wargame run --record`` calls, so ``run.py`` needs only a few lines.
"""

from __future__ import annotations

import argparse
import re
import sys

from wargame.cli.common import UsageError, output_or_exit, write_text_or_exit
from wargame.model.text import printable, quote
from wargame.store import Store, StoreError, resolve_path


def add_db_arg(p: argparse.ArgumentParser) -> None:
    """``--db PATH`` (default: ``WARGAME_DB``, else the per-user data folder)."""
    p.add_argument(
        "--db",
        metavar="PATH",
        help="the store file (default: $WARGAME_DB, else wargame.db in the per-user data folder)",
    )


def open_store(args: argparse.Namespace, create: bool = True) -> Store:
    """The store ``--db`` names (``UsageError`` for a bad, foreign or newer file: exit 2)."""
    try:
        return Store(resolve_path(getattr(args, "db", None)), create=create)
    except StoreError as exc:
        raise UsageError(str(exc)) from None


def store_exists(args: argparse.Namespace) -> bool:
    """Whether the store file exists (read-only commands show "nothing yet" otherwise)."""
    path = resolve_path(getattr(args, "db", None))
    return path.exists() or path.is_symlink()


def add_record_args(p: argparse.ArgumentParser) -> None:
    """``--record`` and ``--db`` for ``wargame run``."""
    p.add_argument(
        "--record",
        action="store_true",
        help="record the run in the store (see 'wargame history')",
    )
    add_db_arg(p)


def open_recording(args: argparse.Namespace) -> Store | None:
    """With ``--record``: the store, opened (and checked) before the run starts."""
    return open_store(args) if getattr(args, "record", False) else None


def finish_recording(
    store: Store | None, args, scenario, policy: str, result, scored: dict | None = None
) -> None:
    """With ``--record``: record the finished run and say where (on stderr: stdout may be JSON).

    ``scored``: the run's ``--json`` dict, when it has been scored already.
    """
    if store is None:
        return
    from wargame.store.headless import record_run

    with store:
        try:
            drill = record_run(store, scenario, result, policy, scored=scored)
        except StoreError as exc:
            raise UsageError(str(exc)) from None
    if not getattr(args, "json", False):
        print(f"Recorded as drill {drill} in {printable(str(store.path))}", file=sys.stderr)


SCENARIO_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def scenario_id_arg(text: str) -> str:
    """argparse type for a scenario id used as a filter."""
    if not SCENARIO_ID.match(text):
        raise ValueError(f"not a scenario id: {quote(text, 40)}")
    return text


scenario_id_arg.__name__ = "scenario id"


def positive_int(text: str) -> int:
    """argparse type: a whole number from 1 up."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 10**9:
        raise ValueError(f"not a positive whole number: {quote(text, 40)}")
    return int(text)


positive_int.__name__ = "number"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "history",
        help="past drills and personal bests from the store",
        description="List recorded drills (newest first) and the best one per scenario.",
        epilog="Drills are recorded by the game, by 'wargame run --record' and by game days.",
    )
    p.add_argument("scenario", nargs="?", type=scenario_id_arg, help="only this scenario id")
    p.add_argument("--limit", type=positive_int, default=50, help="most drills listed (50)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--journal", type=positive_int, metavar="DRILL", help="print drill DRILL as a journal"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="with --journal: write it to FILE")
    add_db_arg(p)
    p.set_defaults(func=main)


def _journal(args: argparse.Namespace) -> int:
    from wargame.model.journal import header

    if args.output:
        output_or_exit(args.output, "-o")
    if not store_exists(args):
        raise UsageError(f"no drill {args.journal}: nothing is recorded yet")
    with open_store(args, create=False) as store:
        try:
            row = store.drill(args.journal)
        except StoreError as exc:
            raise UsageError(str(exc)) from None
        actions = store.journal(args.journal)  # injects included: replay shows them
    from wargame.cli.run import dumps_strict

    head = header(row["scenario"], row["seed"], row["policy"])
    head["difficulty"] = row["difficulty"]
    lines = [dumps_strict(head, separators=(",", ":"))]
    lines += [dumps_strict(a.model_dump(mode="json"), separators=(",", ":")) for a in actions]
    text = "\n".join(lines) + "\n"
    if args.output:
        write_text_or_exit(args.output, "-o", text)
    else:
        sys.stdout.write(text)
    return 0


def main(args: argparse.Namespace) -> int:
    if args.journal is not None:
        return _journal(args)
    if args.output:
        raise UsageError("-o goes with --journal DRILL")
    from wargame.store import queries

    if store_exists(args):
        with open_store(args, create=False) as store:
            drills = queries.drills(store, scenario=args.scenario, limit=args.limit)
            bests = queries.bests(store, scenario=args.scenario)
    else:
        drills, bests = [], []
    if args.json:
        from wargame.cli.run import dumps_strict

        print(dumps_strict({"drills": drills, "bests": bests}, sort_keys=True))
        return 0
    print_history(drills, bests, args.scenario)
    return 0


def _score(value: object) -> str:
    return f"{value:g}" if isinstance(value, int | float) else "-"


def print_history(drills: list[dict], bests: list[dict], scenario: str | None) -> None:
    """The text listing: one line per drill, then the personal bests."""
    if not drills:
        print(f"No drills recorded{' for ' + scenario if scenario else ''} yet.")
        return
    print("Drills (newest first):")
    print(
        f"  {'#':>4}  {'date':<16}  {'scenario':<28}  {'seed':>7}  {'difficulty':<10}  "
        f"{'grade':<5}  {'overall':>7}  {'revenue':>7}  {'trust':>6}  {'safety':>6}  {'actions':>7}"
    )
    for d in drills:
        date = (d["started"] or "")[:16].replace("T", " ")
        grade = d["grade"] or ("..." if d["status"] == "unfinished" else "-")
        scores = d["scores"]
        print(
            f"  {d['id']:>4}  {date:<16}  {printable(d['scenario']):<28}  {d['seed']:>7}  "
            f"{d['difficulty']:<10}  {grade:<5}  {_score(d['overall']):>7}  "
            f"{_score(scores.get('revenue')):>7}  {_score(scores.get('trust')):>6}  "
            f"{_score(scores.get('safety')):>6}  {d['actions']:>7}"
        )
    if bests:
        print("\nPersonal bests:")
        for b in bests:
            print(
                f"  {printable(b['scenario']):<28}  {b['grade'] or '-':<2}"
                f" {_score(b['overall']):>6}"
                f"  drill {b['id']} ({b['started'][:10]}, seed {b['seed']}, {b['difficulty']}),"
                f" best of {b['drills']}"
            )
