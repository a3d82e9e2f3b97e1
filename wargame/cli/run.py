"""``wargame run``: play a scenario headless with a policy and actions, print the result."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wargame.cli.common import (
    UsageError,
    actions_or_exit,
    check_or_exit,
    journal_or_exit,
    output_or_exit,
    scenario_or_exit,
    seed_arg,
    write_or_exit,
)
from wargame.engine import DIFFICULTIES, POLICY_MODES, Engine
from wargame.model.action import ActionError
from wargame.model.journal import header, write_journal
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="run a scenario headless and print the outcome",
        description="Run a scenario headless with a starting policy and timed actions.",
        epilog='Actions look like "05:30 set inventory ap", "06:00 failover checkout us-west", '
        '"06:00 safe-mode rate-limit 2", "07:00 status-page We are investigating". '
        "With --branch-at MM:SS --then respond|none|FILE the run is played twice, as the "
        "journal says and branched at that moment, and the difference is printed.",
    )
    p.add_argument("scenario", nargs="?", help="shipped scenario id or path to a .toml file")
    p.add_argument("--seed", type=seed_arg, help="random seed (default: the scenario's)")
    p.add_argument(
        "--policy",
        choices=POLICY_MODES,
        help="starting policies (default: as-built, or the journal's)",
    )
    p.add_argument(
        "--difficulty",
        choices=DIFFICULTIES,
        help="what the player observes: intro (truth and hints), standard (probes and "
        "metrics), hard (more noise, a decoy, a late metric); default: the journal's, "
        "else the scenario's",
    )
    p.add_argument(
        "--action", action="append", default=[], metavar='"MM:SS VERB ARGS"', help="an action"
    )
    p.add_argument("--actions", metavar="FILE", help="replay the actions of a journal")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--journal-out", metavar="FILE", help="write the run's journal to FILE")
    p.add_argument(
        "--respond",
        choices=("model",),
        help="let the responder play (the score's 100 mark): it applies the scenario's model "
        "with player actions once the signals agree; --journal-out writes its actions",
    )
    from wargame.cli.branch import add_args as add_branch_args
    from wargame.cli.history import add_record_args

    add_branch_args(p)  # --branch-at, --then
    add_record_args(p)  # --record, --db
    p.set_defaults(func=main)


def prepare(args: argparse.Namespace) -> tuple[Scenario, int, str, list]:
    """Resolve scenario, seed, policy and actions from the arguments (and a journal)."""
    journal = journal_or_exit(args.actions) if args.actions else None
    name = args.scenario or (journal.scenario if journal else None)
    if not name:
        raise UsageError("name a scenario (or pass --actions with a journal that names one)")
    scenario = scenario_or_exit(name)
    if journal and journal.scenario and journal.scenario != scenario.id:
        raise UsageError(
            f"{args.actions}: journal is for scenario {journal.scenario!r}, not {scenario.id!r}"
        )
    seed = args.seed
    if seed is None:
        seed = journal.seed if journal and journal.seed is not None else scenario.seed
    policy = args.policy or (journal.policy if journal else "as-built")
    if policy not in POLICY_MODES:
        raise UsageError(f"unknown policy {policy!r} (known: {', '.join(POLICY_MODES)})")
    actions = list(journal.actions) if journal else []
    if journal:
        check_or_exit(actions, scenario, args.actions, journal)
    actions += actions_or_exit(args.action, scenario)
    actions.sort(key=lambda a: a.t)
    return scenario, seed, policy, actions


def difficulty_of(args: argparse.Namespace, scenario: Scenario) -> str:
    """The difficulty: ``--difficulty``, else the journal's, else the scenario's."""
    if getattr(args, "difficulty", None):
        return args.difficulty
    if getattr(args, "actions", None):
        journal = journal_or_exit(args.actions)
        if journal.difficulty:
            return journal.difficulty
    return scenario.difficulty


def execute(
    scenario: Scenario,
    seed: int,
    policy: str,
    actions: list,
    difficulty: str | None = None,
    design: tuple[str, ...] = (),
) -> RunResult:
    """Run the engine to the end with the actions (from ``design``, if a journal had one)."""
    try:
        engine = Engine(scenario, seed=seed, policy=policy, difficulty=difficulty, design=design)
    except ActionError as exc:
        raise UsageError(f"design: {exc}") from None
    try:
        engine.run(actions)
    except ActionError as exc:
        if engine.page_t is None and "before the page" in str(exc):
            # nothing before the page depends on actions: a run without them finds it
            dry = Engine(scenario, seed=seed, policy=policy, difficulty=difficulty)
            page = dry.result().page_t
            when = f"at {format_clock(page)}" if page is not None else "never in this run"
            raise UsageError(
                f"{exc.args[0].split(' (')[0]}: the on-call engineer is paged {when}"
            ) from None
        raise UsageError(str(exc)) from None
    return engine.result()


def result_json(result: RunResult, scenario: Scenario) -> dict:
    """The ``--json`` object (ticket texts left out; counts kept)."""
    data = result.model_dump(mode="json", exclude={"tickets": {"items"}})
    try:
        from wargame.scoring import debrief_json
    except ImportError:
        return data
    data.update(debrief_json(result, scenario))
    return data


def dumps_strict(obj: object, **kwargs) -> str:
    """JSON text without NaN or Infinity (``ValueError`` would be a bug: results are finite)."""
    return json.dumps(obj, allow_nan=False, **kwargs)


def main(args: argparse.Namespace) -> int:
    if args.journal_out:
        output_or_exit(args.journal_out, "--journal-out")
    scenario, seed, policy, actions = prepare(args)
    difficulty = difficulty_of(args, scenario)
    design = journal_or_exit(args.actions).design if args.actions else ()
    if getattr(args, "branch_at", None) is not None:
        from wargame.cli.branch import main_branch

        if design:
            raise UsageError(
                "--branch-at: this journal was played on an interview design; "
                "branching from a design drill is not supported yet"
            )

        return main_branch(args, scenario, seed, policy, actions, difficulty)
    if getattr(args, "then", None) is not None:
        raise UsageError("--then goes with --branch-at MM:SS")
    from wargame.cli.history import finish_recording, open_recording

    recording = open_recording(args)  # with --record: the store, checked before the run
    if args.respond:
        if actions or args.actions or policy != "as-built":
            raise UsageError(
                "--respond plays from as-built on its own: drop --action/--actions/--policy"
            )
        from wargame.respond import respond

        result = respond(scenario, seed, difficulty=difficulty).result
    else:
        result = execute(scenario, seed, policy, actions, difficulty, design)
    data = result_json(result, scenario)  # scored once, for the store and the output
    finish_recording(recording, args, scenario, policy, result, data)
    if args.journal_out:
        head = header(scenario.id, seed, policy, difficulty, design)
        path = Path(args.journal_out)
        write_or_exit(
            args.journal_out, "--journal-out", lambda: write_journal(path, head, result.actions)
        )
    if args.json:
        sys.stdout.write(dumps_strict(data, sort_keys=True) + "\n")
    else:
        from wargame.cli.summary import grade_line, print_summary

        print_summary(result, scenario)
        if "scores" in data:
            print(grade_line(data["scores"]))
    return 0
