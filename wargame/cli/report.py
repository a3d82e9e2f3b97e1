"""``wargame report RESULT``: the post-incident report of a run, in Markdown or JSON.

RESULT is the output of ``wargame run --json`` or a journal (which is
replayed with the engine first). The report is scored against the
counterfactual runs of the same seed, ends with the consistency contract,
and is written to stdout or atomically to a file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from wargame.cli.common import UsageError, check_or_exit, journal_or_exit, scenario_or_exit
from wargame.fileio import atomic_write
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario

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
    p.add_argument("--format", choices=("md", "json"), default="md", help="output format")
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
    if override:
        scenario = scenario_or_exit(override)
        if name and name != scenario.id:
            raise UsageError(f"{path}: the run is of scenario {name!r}, not {scenario.id!r}")
        return scenario
    if not name:
        raise UsageError(f"{path}: names no scenario (pass --scenario)")
    return scenario_or_exit(name)


def _replay(path: str, override: str | None) -> tuple[RunResult, Scenario]:
    from wargame.cli.run import execute

    journal = journal_or_exit(path)
    scenario = _scenario(journal.scenario, override, path)
    check_or_exit(journal.actions, scenario, path)
    seed = journal.seed if journal.seed is not None else scenario.seed
    if journal.policy not in ("as-built", "model", "all-cp", "all-ap"):
        raise UsageError(f"{path}: unknown starting policy {journal.policy!r}")
    return execute(
        scenario, seed, journal.policy, list(journal.actions), journal.difficulty
    ), scenario


def _from_json(data: object, path: str, override: str | None) -> tuple[RunResult, Scenario]:
    if not isinstance(data, dict):
        raise UsageError(f"{path}: not a run result (expected a JSON object)")
    body = {k: v for k, v in data.items() if k not in DEBRIEF_KEYS}
    try:
        result = RunResult.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "result"
        raise UsageError(f"{path}: not a run result ({where}: {first['msg']})") from None
    scenario = _scenario(result.scenario, override, path)
    missing = set(result.features) ^ {f.id for f in scenario.features}
    if missing:
        raise UsageError(
            f"{path}: features {sorted(missing)} do not match scenario {scenario.id!r}"
        )
    return result, scenario


def load_result(path: str, override: str | None = None) -> tuple[RunResult, Scenario]:
    """Read a ``--json`` result or replay a journal; ``UsageError`` on any problem."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    if not text.strip():
        raise UsageError(f"{path}: empty file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        first = text.strip().splitlines()[0]
        try:
            head = json.loads(first)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}: not JSON: {exc.msg} (line {exc.lineno})") from None
        if isinstance(head, dict) and "journal" in head:
            return _replay(path, override)
        raise UsageError(f"{path}: not a run result or a journal") from None
    if isinstance(data, dict) and "journal" in data:
        return _replay(path, override)
    return _from_json(data, path, override)


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically; a failure is a one-line usage error."""
    try:
        atomic_write(Path(path), text, make_parents=False)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None


def main(args: argparse.Namespace) -> int:
    from wargame.scoring import build_report, compare
    from wargame.scoring.markdown import render

    result, scenario = load_result(args.result, args.scenario)
    date = args.date or datetime.date.today().isoformat()
    debrief = compare(scenario, result.seed, result)
    report = build_report(debrief, result, scenario, date)
    if args.format == "json":
        text = json.dumps(report.model_dump(mode="json"), indent=2) + "\n"
    else:
        text = render(report)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
