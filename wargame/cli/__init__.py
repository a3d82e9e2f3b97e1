"""The ``wargame`` command: play, run, list, validate, schema, bench, report, history, game days.

Each subcommand lives in its own module with a ``register(subparsers)``
function. Bad input of any kind ends with a one-line message and exit
code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from wargame import __version__
from wargame.cli.errors import UsageError
from wargame.model.text import printable, quote

COMMANDS = [
    "play",
    "run",
    "listing",
    "validate",
    "schema",
    "bench",
    "balance",
    "report",
    "quiz",
    "interview",
    "design",
    "history",
    "leaderboard",
    "gameday",
    "serve",
]
"""Subcommand modules under ``wargame.cli``, in help order."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose error lines quote arguments short and printable."""

    def error(self, message: str) -> NoReturn:  # noqa: D102
        message = re.sub(r"\S{80,}", lambda m: m.group(0)[:60] + "...", printable(message))
        if len(message) > 400:
            message = message[:397] + "..."
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = Parser(
        prog="wargame",
        description="CAP war-game: be the on-call engineer during a network partition.",
        epilog="Run 'wargame' with no command to open the game.",
    )
    parser.add_argument("--version", action="version", version=f"wargame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import importlib

    for name in COMMANDS:
        try:
            module = importlib.import_module(f"wargame.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"wargame.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    0: done; 2: bad input (one line per problem on stderr, never a traceback);
    1: a bug in the program (one line, and the traceback only with
    ``WARGAME_DEBUG=1``); 130: interrupted.
    """
    words = sys.argv[1:] if argv is None else list(argv)
    if words in ([], ["play"]):
        run = _open_picker
    else:
        parser = build_parser()
        try:
            args = parser.parse_args(words)
            if args.command is None:
                if "play" in parser._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
                    args = parser.parse_args(["play", *words])
                else:
                    parser.print_help()
                    return 0
        except SystemExit as exc:  # argparse: --help, --version, or a bad argument (exit 2)
            return exc.code if isinstance(exc.code, int) else 2

        def run() -> int:
            return args.func(args)

    try:
        return int(run() or 0)
    except UsageError as exc:
        print(f"wargame: error: {printable(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback
        if os.environ.get("WARGAME_DEBUG"):
            raise
        print(
            f"wargame: internal error ({type(exc).__name__}): {quote(str(exc))}; "
            "this is a bug, please report it (WARGAME_DEBUG=1 shows the details)",
            file=sys.stderr,
        )
        return 1


def _open_picker() -> int:
    """``wargame`` or ``wargame play`` alone: the scenario picker.

    It needs none of the subcommands' parsers, which load the scenario models
    (pydantic) before anything is on screen; going straight to the game brings
    the first frame sooner (``tools/bench_startup.py`` measures it).
    """
    from wargame.tui import run

    return run()
