"""``wargame play``: open the game (the picker, or a scenario's briefing)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wargame.cli.common import UsageError, scenario_or_exit, seed_arg
from wargame.cli.history import add_db_arg
from wargame.model.text import quote


def speed_arg(text: str) -> float:
    """argparse type for --speed: one of the game's speeds (0.5 to 16)."""
    from wargame.tui.drill import SPEEDS

    try:
        value = float(text.rstrip("x"))
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None
    if value not in SPEEDS:
        raise ValueError(f"choose one of {', '.join(f'{s:g}' for s in SPEEDS)}")
    return value


speed_arg.__name__ = "speed"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "play",
        help="play a drill in the terminal (the default command)",
        description="Open the incident console. Without SCENARIO, start at the scenario picker.",
        epilog="Journals go to $WARGAME_DATA_DIR/journals (default: the per-user data "
        "folder, e.g. ~/.local/share/wargame/journals); replay one with "
        "'wargame run --actions JOURNAL'.",
    )
    p.add_argument("scenario", nargs="?", help="shipped scenario id or path to a .toml file")
    p.add_argument("--seed", type=seed_arg, help="random seed (default: the scenario's)")
    p.add_argument(
        "--speed", type=speed_arg, help="starting speed: 0.5, 1, 2, 4, 8 or 16 (default: ~10 min)"
    )
    p.add_argument(
        "--difficulty",
        choices=("intro", "standard", "hard"),
        help="what the console shows: intro (the truth and hints), standard (probes and "
        "metrics only), hard (noisier, a decoy, a late metric); default: the scenario's",
    )
    p.add_argument("--journal-dir", metavar="DIR", help="where to write the drill's journal")
    p.add_argument(
        "--join",
        metavar="CODE",
        help="play a game-day team's drill: the session's scenario, seed and difficulty, "
        "recorded under the team (the facilitator can send injects and pause)",
    )
    p.add_argument(
        "--join-screen",
        action="store_true",
        help="open on the join screen: a game day's join code, or solo play "
        "(what every browser tab of 'wargame serve' shows)",
    )
    add_db_arg(p)
    p.set_defaults(func=main)


def check_journal_dir(path: str | None) -> None:
    """``UsageError`` unless ``--journal-dir`` (if given) is a writable folder or absent."""
    if not path:
        return
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--journal-dir {quote(path)}: is not a folder")
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"--journal-dir {quote(path)}: is not writable")


def main(args: argparse.Namespace) -> int:
    joined = None
    if args.join is not None:
        if args.scenario or args.seed is not None or args.difficulty:
            raise UsageError("--join plays the session's scenario, seed and difficulty: drop "
                             "SCENARIO, --seed and --difficulty")  # fmt: skip
        from wargame.gameday.sessions import JoinError, join_code
        from wargame.store import StoreError

        try:
            joined = join_code(args.join, args.db)
        except (JoinError, StoreError) as exc:
            raise UsageError(f"--join {quote(args.join, 20)}: {exc}") from None
    scenario = scenario_or_exit(args.scenario) if args.scenario else None
    if args.join_screen and (scenario is not None or joined is not None):
        raise UsageError("--join-screen takes no SCENARIO or --join (the join code chooses it)")
    if args.seed is not None and scenario is None:
        raise UsageError("--seed needs a SCENARIO (or type the seed in the picker)")
    check_journal_dir(args.journal_dir)
    from wargame.tui import run

    return (
        run(
            scenario,
            seed=args.seed,
            speed=args.speed,
            journal_dir=args.journal_dir,
            difficulty=args.difficulty,
            joined=joined,
            join_screen=args.join_screen,
            store_path=args.db,
        )
        or 0
    )
