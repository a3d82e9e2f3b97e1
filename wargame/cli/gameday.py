"""``wargame gameday``: sessions where several teams play the same incident.

``new`` creates a session and prints a join code per team; ``list`` and
``show`` read sessions back; ``play CODE`` plays a team's drill headless and
records it under the session; ``run`` opens the facilitator's console;
``report`` writes the after-action report.
"""

from __future__ import annotations

import argparse
import sys

from wargame.cli.common import UsageError, output_or_exit, seed_arg, write_text_or_exit
from wargame.cli.history import _score, add_db_arg, open_store, positive_int, store_exists
from wargame.model.text import printable, quote
from wargame.store import StoreError

DIFFICULTY_CHOICES = ("intro", "standard", "hard")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "gameday",
        help="game days: several teams, one scenario and seed, one after-action report",
        description="Run a game day: every team plays the same scenario, seed and difficulty.",
    )
    gsub = p.add_subparsers(dest="gameday_command", metavar="SUBCOMMAND", required=True)

    new = gsub.add_parser("new", help="create a session and print a join code per team")
    new.add_argument("scenario", help="shipped scenario id or path to a .toml file")
    new.add_argument("--teams", type=positive_int, required=True, help="number of teams (1-50)")
    new.add_argument("--seed", type=seed_arg, help="shared seed (default: a fresh random one)")
    new.add_argument(
        "--difficulty", choices=DIFFICULTY_CHOICES, help="default: the scenario's difficulty"
    )
    new.add_argument("--name", metavar="TEXT", help="session name (default: scenario and date)")
    new.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_arg(new)
    new.set_defaults(func=cmd_new)

    lst = gsub.add_parser("list", help="the sessions in the store")
    lst.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_arg(lst)
    lst.set_defaults(func=cmd_list)

    show = gsub.add_parser("show", help="one session: its teams, codes and states")
    show.add_argument("session", type=positive_int, help="session id")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_arg(show)
    show.set_defaults(func=cmd_show)

    play = gsub.add_parser(
        "play",
        help="play a team's drill headless and record it",
        description="Play the session's scenario, seed and difficulty headless as the team "
        "the join code names, with actions and injects, and record it in the store.",
    )
    play.add_argument("code", help="the team's join code")
    play.add_argument("--policy", choices=("as-built", "model", "all-cp", "all-ap"))
    play.add_argument("--action", action="append", default=[], metavar='"MM:SS VERB ARGS"')
    play.add_argument("--actions", metavar="FILE", help="the actions of a journal")
    play.add_argument(
        "--inject",
        action="append",
        default=[],
        metavar='"MM:SS [SOURCE:] TEXT"',
        help="a message the team received at that sim time (recorded with its drill)",
    )
    play.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_arg(play)
    play.set_defaults(func=cmd_play)

    run = gsub.add_parser(
        "run",
        help="the facilitator's console: teams live, scores, injects, pause",
        description="Watch every team of a session live (screen, sim clock, actions, an "
        "estimate of the score, a leaderboard); send injects to all or one team; pause and "
        "resume every team. Teams join with 'wargame play --join CODE' (same --db).",
    )
    run.add_argument("session", type=positive_int, help="session id")
    add_db_arg(run)
    run.set_defaults(func=cmd_run)

    rep = gsub.add_parser(
        "report",
        help="the after-action report: teams side by side, contract, lessons",
    )
    rep.add_argument("session", type=positive_int, help="session id")
    rep.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    rep.add_argument("--format", choices=("md", "html"), default=None, help="default: md")
    add_db_arg(rep)
    rep.set_defaults(func=cmd_report)


def _dump(obj: object) -> None:
    from wargame.cli.run import dumps_strict

    print(dumps_strict(obj, sort_keys=True))


def cmd_new(args: argparse.Namespace) -> int:
    from wargame.cli.common import scenario_or_exit
    from wargame.gameday.sessions import new_session

    scenario = scenario_or_exit(args.scenario)
    try:
        shipped = scenario_or_exit(scenario.id) == scenario
    except UsageError:
        shipped = False
    if not shipped:
        raise UsageError(
            f"{quote(args.scenario)}: a game day needs a shipped scenario (teams load it by its"
            f" id, {scenario.id!r}, which names another or no shipped scenario)"
        )
    difficulty = args.difficulty or scenario.difficulty
    with open_store(args) as store:
        try:
            made = new_session(store, scenario.id, args.teams, args.seed, difficulty, args.name)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        path = store.path
    if args.json:
        _dump(
            {
                "session": made.id,
                "name": made.name,
                "scenario": made.scenario,
                "seed": made.seed,
                "difficulty": made.difficulty,
                "teams": [{"number": n, "name": t, "code": c} for n, t, c in made.teams],
            }
        )
        return 0
    print(
        f"Session {made.id}: {printable(made.name)}\n"
        f"  {made.scenario}, seed {made.seed}, {made.difficulty}"
        f" (store: {printable(str(path))})\n\nJoin codes (one per team, keep them private):"
    )
    for _number, name, code in made.teams:
        print(f"  {name:<8} {code}")
    print(
        f"\nTeams join with 'wargame play --join CODE' (the same --db); watch them with"
        f" 'wargame gameday run {made.id}'."
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from wargame.gameday.sessions import list_sessions

    sessions: list[dict] = []
    if store_exists(args):
        with open_store(args, create=False) as store:
            sessions = list_sessions(store)
    if args.json:
        _dump({"sessions": sessions})
        return 0
    if not sessions:
        print("No game-day sessions yet ('wargame gameday new SCENARIO --teams N').")
        return 0
    for s in sessions:
        print(
            f"  {s['id']:>4}  {s['created'][:10]}  {printable(s['name'])}  ({s['scenario']},"
            f" seed {s['seed']}, {s['difficulty']}; {s['teams_finished']}/{s['teams']} teams done)"
        )
    return 0


def _session_or_exit(store, session_id: int) -> dict:
    from wargame.gameday.sessions import session

    try:
        return session(store, session_id)
    except StoreError as exc:
        raise UsageError(str(exc)) from None


def cmd_show(args: argparse.Namespace) -> int:
    if not store_exists(args):
        raise UsageError(f"no session {args.session}: nothing is recorded yet")
    with open_store(args, create=False) as store:
        s = _session_or_exit(store, args.session)
    if args.json:
        _dump(s)
        return 0
    print(
        f"Session {s['id']}: {printable(s['name'])}\n  {s['scenario']}, seed {s['seed']},"
        f" {s['difficulty']}, created {s['created'][:16].replace('T', ' ')}"
    )
    for t in s["teams"]:
        score = f"{t['grade']} {_score(t['overall'])}" if t["grade"] else ""
        print(f"  {t['name']:<8} {t['code']}  {t['state']:<11} {score}")
    return 0


def parse_inject(text: str):
    """``"MM:SS [SOURCE:] TEXT"`` to an inject (``ValueError``)."""
    from wargame.model.timefmt import parse_clock
    from wargame.store import Inject

    when, _, rest = text.strip().partition(" ")
    t = parse_clock(when)
    source, sep, message = rest.partition(":")
    if not sep or not message.strip() or len(source) > 40 or not source.strip():
        source, message = "facilitator", rest
    message = message.strip()
    if not message:
        raise ValueError("an inject needs a message after its time")
    if len(message) > 2000 or any(not c.isprintable() for c in message):
        raise ValueError("the message is too long or holds characters that cannot be printed")
    from wargame.model.action import ActionError, make_inject

    try:
        make_inject(t, message, source)
    except ActionError as exc:
        raise ValueError(str(exc)) from None
    return Inject(t=t, source=source.strip(), text=message)


def cmd_play(args: argparse.Namespace) -> int:
    from wargame.cli.run import prepare, result_json
    from wargame.engine import Engine
    from wargame.gameday.sessions import JoinError, join
    from wargame.model.action import ActionError, make_inject
    from wargame.store.headless import record_run

    injects = []
    for text in args.inject:
        try:
            injects.append(parse_inject(text))
        except ValueError as exc:
            raise UsageError(f"--inject {quote(text)}: {printable(str(exc))}") from None
    with open_store(args) as store:
        try:
            joined = join(store, args.code)
        except JoinError as exc:
            raise UsageError(f"join code {quote(args.code, 20)}: {exc}") from None
        run_args = argparse.Namespace(
            scenario=joined.scenario,
            seed=joined.seed,
            policy=args.policy,
            actions=args.actions,
            action=args.action,
        )
        scenario, seed, policy, actions = prepare(run_args)
        if seed != joined.seed or scenario.id != joined.scenario:  # pragma: no cover
            raise UsageError("the session's scenario or seed could not be used")
        duration = scenario.duration
        for inj in injects:
            if inj.t > duration:
                raise UsageError(f"--inject at {inj.t:g} s: after the drill's end ({duration:g} s)")
        engine = Engine(scenario, seed=seed, policy=policy, difficulty=joined.difficulty)
        received = [make_inject(i.t, i.text, i.source) for i in injects]
        try:
            engine.run(sorted([*received, *actions], key=lambda a: a.t))
        except ActionError as exc:
            raise UsageError(str(exc)) from None
        result = engine.result()
        drill = record_run(
            store,
            scenario,
            result,
            policy,
            source="gameday",
            session_id=joined.session,
            team_id=joined.team,
            injects=injects,
        )
        row = store.drill(drill)
    if args.json:
        data = result_json(result, scenario)
        data["recorded"] = {"drill": drill, "session": joined.session, "team": joined.team_name}
        _dump(data)
        return 0
    print(
        f"{joined.team_name} of session {joined.session}: drill {drill} recorded"
        f" (grade {row['grade'] or '-'}, {_score(row['overall'])}/100,"
        f" {len(result.actions)} actions, {len(injects)} injects)"
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    if not store_exists(args):
        raise UsageError(f"no session {args.session}: nothing is recorded yet")
    with open_store(args, create=False) as store:
        info = _session_or_exit(store, args.session)
        path = store.path
    from wargame.cli.common import scenario_or_exit

    scenario_or_exit(info["scenario"])  # a session of a scenario this wargame lacks: exit 2
    from wargame.tui.facilitator import FacilitatorApp

    app = FacilitatorApp(args.session, path)
    app.run()
    return app.return_code or 0


def cmd_report(args: argparse.Namespace) -> int:
    from wargame.gameday.render import html, markdown
    from wargame.gameday.report import build

    fmt = args.format
    if fmt is None:
        fmt = "html" if args.output and args.output.lower().endswith((".html", ".htm")) else "md"
    if args.output:
        output_or_exit(args.output, "-o")
    if not store_exists(args):
        raise UsageError(f"no session {args.session}: nothing is recorded yet")
    with open_store(args, create=False) as store:
        _session_or_exit(store, args.session)
        report = build(store, args.session)
    text = html(report) if fmt == "html" else markdown(report)
    if args.output:
        write_text_or_exit(args.output, "-o", text)
        print(f"Wrote {printable(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
