"""``wargame report RESULT``: the post-incident report of a run, in Markdown, JSON or HTML.

``--format html`` (or ``--debrief`` with Markdown) exports the whole debrief
(:mod:`wargame.export.page`) with the report at its end.

RESULT is the output of ``wargame run --json`` or a journal (which is
replayed with the engine first). The report is scored against the
counterfactual runs of the same seed, ends with the consistency contract,
and is written to stdout or atomically to a file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from pathlib import Path

from pydantic import ValidationError

from wargame.cli.common import (
    UsageError,
    check_or_exit,
    journal_or_exit,
    output_or_exit,
    scenario_or_exit,
    write_text_or_exit,
)
from wargame.model.journal import START_POLICIES, check_action_data, check_seed, strict_json
from wargame.model.result import RunResult
from wargame.model.safeio import InputError, read_text
from wargame.model.scenario import Scenario
from wargame.model.text import printable, quote

DEBRIEF_KEYS = ("scores", "verdicts", "incident_metrics", "comparison")
"""Keys ``wargame run --json`` adds to a result; recomputed, so dropped on reading."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write the post-incident report of a run",
        description="Write a post-incident report (with the consistency contract) for a run "
        "saved by 'wargame run --json' or for a journal, which is replayed first.",
    )
    p.add_argument("result", metavar="RESULT", help="a 'wargame run --json' output or a journal")
    p.add_argument(
        "--format",
        choices=("md", "json", "html"),
        default="md",
        help="output format (html: the whole debrief and the report as one self-contained page)",
    )
    p.add_argument(
        "--debrief",
        action="store_true",
        help="with md: the whole debrief (scores, comparison, charts as text, verdicts, "
        "incident handling, beliefs) before the report",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument(
        "--date", type=date_arg, help="date printed in the report, YYYY-MM-DD (default: today)"
    )
    p.add_argument(
        "--scenario", help="scenario id or .toml path (default: the one the result names)"
    )
    p.set_defaults(func=main)


def date_arg(text: str) -> str:
    """argparse type for --date: an ISO date."""
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"not a date (use YYYY-MM-DD): {text!r}") from None


date_arg.__name__ = "date"


def _scenario(name: str | None, override: str | None, path: str) -> Scenario:
    """The scenario a run names (a shipped id: a file never makes the program read another)."""
    where = printable(path)
    if override:
        scenario = scenario_or_exit(override)
        if name and name != scenario.id:
            raise UsageError(f"{where}: the run is of scenario {quote(name)}, not {scenario.id!r}")
        return scenario
    if not name:
        raise UsageError(f"{where}: names no scenario (pass --scenario)")
    if not re.match(r"^[a-z0-9][a-z0-9-]{0,39}$", name):
        raise UsageError(f"{where}: scenario: not a scenario id: {quote(name)}")
    return scenario_or_exit(name)


def _replay(path: str, override: str | None) -> tuple[RunResult, Scenario]:
    from wargame.cli.run import execute

    journal = journal_or_exit(path)
    scenario = _scenario(journal.scenario, override, path)
    check_or_exit(journal.actions, scenario, path, journal)
    seed = journal.seed if journal.seed is not None else scenario.seed
    return execute(
        scenario, seed, journal.policy, list(journal.actions), journal.difficulty, journal.design
    ), scenario


def _first_difference(a: object, b: object, where: str = "") -> str | None:
    """The dotted path of the first place two JSON values differ (``None`` if equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{where}.{key}".lstrip(".")
            found = _first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where} (length {len(a)}, a replay gives {len(b)})".lstrip(".")
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _first_difference(x, y, f"{where}.{i}")
            if found:
                return found
        return None
    return None if a == b else (where.lstrip(".") or "result")


def _from_json(data: object, path: str, override: str | None) -> tuple[RunResult, Scenario]:
    """A saved result, checked by replaying its scenario, seed, policy and actions.

    The report is built from the replay (runs are deterministic), so a result
    file that was edited, truncated or made by another version is refused
    with the first place it differs, never half-read.
    """
    from wargame.cli.run import execute

    name = printable(path)
    if not isinstance(data, dict):
        raise UsageError(f"{name}: not a run result (expected a JSON object)")
    body = {k: v for k, v in data.items() if k not in DEBRIEF_KEYS}
    try:
        result = RunResult.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "result"
        raise UsageError(
            f"{name}: not a run result ({quote(where, 60)}: {printable(first['msg'])})"
        ) from None
    scenario = _scenario(result.scenario, override, path)
    try:
        seed = check_seed(result.seed)
    except ValueError as exc:
        raise UsageError(f"{name}: seed: {exc}") from None
    start = result.policy.removesuffix("+actions")
    if start not in START_POLICIES:
        raise UsageError(f"{name}: policy: unknown starting policy {quote(result.policy)}")
    for i, action in enumerate(result.actions):
        try:
            check_action_data(action.model_dump(mode="json"))
        except ValueError as exc:
            raise UsageError(f"{name}: actions.{i}.{exc}") from None
    check_or_exit(list(result.actions), scenario, path)
    fresh = execute(scenario, seed, start, list(result.actions), result.difficulty)
    skip = {"tickets": {"items"}}
    theirs = result.model_dump(mode="json", exclude=skip)
    ours = json.loads(json.dumps(fresh.model_dump(mode="json", exclude=skip)))
    where = _first_difference(theirs, ours)
    if where:
        raise UsageError(
            f"{name}: does not match a replay of its scenario, seed and actions "
            f"(first difference at {quote(where, 60)}); was it edited or made by another version?"
        )
    return fresh, scenario


def load_result(path: str, override: str | None = None) -> tuple[RunResult, Scenario]:
    """Read a ``--json`` result or replay a journal; ``UsageError`` on any problem."""
    name = printable(path)
    try:
        text = read_text(Path(path))
    except InputError as exc:
        raise UsageError(f"{name}: {exc}") from None
    if not text.strip():
        raise UsageError(f"{name}: empty file")
    lines = text.strip().splitlines()
    try:
        head = strict_json(lines[0])
    except ValueError as exc:
        raise UsageError(f"{name}:1: not a run result or a journal: {exc}") from None
    if isinstance(head, dict) and "journal" in head:
        return _replay(path, override)
    try:
        data = strict_json(text)
    except ValueError as exc:
        raise UsageError(f"{name}: not JSON: {exc}") from None
    return _from_json(data, path, override)


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically; a failure is a one-line usage error."""
    write_text_or_exit(path, "", text)


def main(args: argparse.Namespace) -> int:
    from wargame.judge import moments_to_act
    from wargame.scoring import build_report, compare
    from wargame.scoring.markdown import render
    from wargame.scoring.runs import counterfactuals

    if args.output:
        output_or_exit(args.output)
    result, scenario = load_result(args.result, args.scenario)
    date = args.date or datetime.date.today().isoformat()
    if args.format == "html" or (args.debrief and args.format == "md"):
        from wargame.export.page import page_of_run

        page = page_of_run(scenario, result, date)
        text = page.html() if args.format == "html" else page.markdown()
        if args.output:
            write_atomic(args.output, text)
        else:
            sys.stdout.write(text)
        return 0
    refs = counterfactuals(scenario, result.seed)
    debrief = compare(scenario, result.seed, result, refs)
    report = build_report(debrief, result, scenario, date, moments_to_act(scenario, result, refs))
    if args.format == "json":
        text = json.dumps(report.model_dump(mode="json"), indent=2, allow_nan=False) + "\n"
    else:
        text = render(report)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
