"""``wargame interview``: design a scenario's consistency contract, then live through it.

``wargame interview SCENARIO`` opens the briefing in interview mode: the
candidate designs each feature (policy, resolution, knobs, the reason among
four statements, their own words), reads a summary, then the incident runs on
that design; the debrief compares it with the model and names the L5/L6
signals. ``--interviewer`` opens the interviewer's sheet instead, which follows
the candidate's choices through a live file both sides name (default: in the
per-user data folder, keyed by scenario; ``--live FILE`` on both sides to
choose another). ``--interviewer --export FILE.md`` writes the sheet as it
stands and exits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wargame.cli.common import (
    UsageError,
    output_or_exit,
    scenario_or_exit,
    seed_arg,
    write_text_or_exit,
)
from wargame.cli.play import check_journal_dir
from wargame.model.text import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "interview",
        help="interview practice: design the consistency contract, then live through it",
        description="Design how each feature behaves in a partition and say why, then play "
        "the incident on your design; the debrief compares it with the model and names the "
        "L5/L6 signals. With --interviewer: the interviewer's sheet (rubric, model, the "
        "candidate's choices as they are made, follow-up questions) in a second terminal.",
        epilog="Both sides find each other through a live file: by default "
        "$WARGAME_DATA_DIR/interview/SCENARIO.live.json (the per-user data folder); give "
        "the same --live FILE to both to use another.",
    )
    p.add_argument("scenario", help="shipped scenario id or path to a .toml file")
    p.add_argument("--seed", type=seed_arg, help="random seed (default: the scenario's)")
    p.add_argument(
        "--difficulty",
        choices=("intro", "standard", "hard"),
        help="what the console shows during the incident (default: the scenario's)",
    )
    p.add_argument("--journal-dir", metavar="DIR", help="where to write the drill's journal")
    p.add_argument(
        "--live",
        metavar="FILE",
        help="the live design file the candidate writes and the interviewer's sheet reads",
    )
    p.add_argument(
        "--interviewer",
        action="store_true",
        help="open the interviewer's sheet, following the candidate's live file",
    )
    p.add_argument(
        "--export",
        metavar="FILE.md",
        help="with --interviewer: write the sheet as Markdown and exit",
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    if args.export and not args.interviewer:
        raise UsageError("--export needs --interviewer (the candidate exports from the summary)")
    scenario = scenario_or_exit(args.scenario)
    check_journal_dir(args.journal_dir)
    from wargame.tui.interview.sheet import live_file

    live = Path(args.live) if args.live else live_file(scenario.id)
    if args.interviewer:
        if args.export:
            output_or_exit(args.export, "--export")
            return _export(scenario, live, args.export)
        from wargame.tui.interview.sheet import SheetApp

        SheetApp(scenario, live).run()
        return 0
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "interview mode needs a terminal; to score a contract file headless, "
            "use 'wargame design SCENARIO --contract FILE'"
        )
    from wargame.tui.app import WargameApp

    app = WargameApp(
        scenario,
        args.seed,
        journal_dir=args.journal_dir,
        difficulty=args.difficulty,
        interview=True,
        live=live,
    )
    app.run()
    return app.return_code or 0


def _export(scenario, live: Path, target: str) -> int:
    """Write the sheet (with the candidate's choices if the live file reads) and say so."""
    from wargame.interview.live import LiveError, read_live
    from wargame.interview.sheet import sheet_markdown

    state = None
    try:
        state = read_live(live)
    except LiveError as exc:
        if live.exists():
            print(f"wargame: note: {printable(str(live))}: {exc}", file=sys.stderr)
    if state is not None and state.contract.scenario != scenario.id:
        raise UsageError(
            f"{printable(str(live))}: a design for {state.contract.scenario!r}, not {scenario.id!r}"
        )
    text = sheet_markdown(
        scenario,
        state.contract if state else None,
        current=state.current if state else None,
        seed=state.seed if state else None,
    )
    write_text_or_exit(target, "--export", text)
    return 0
