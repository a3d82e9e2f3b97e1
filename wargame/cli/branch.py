"""``wargame run ... --branch-at MM:SS --then respond|none|FILE``: re-run a drill from a moment.

The original run (the journal's actions) and the branch are both played and
scored (:func:`wargame.rewind.branch`); the command prints them side by side
with the difference, or with ``--json`` one object whose ``branch`` key holds
both runs' totals and scores and the per-axis difference.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from wargame.cli.common import UsageError, check_or_exit, journal_or_exit
from wargame.cli.summary import compact, money
from wargame.model.action import Action
from wargame.model.scenario import Scenario
from wargame.model.text import printable, quote
from wargame.model.timefmt import format_clock, parse_clock
from wargame.rewind import TOTAL_KEYS, Branch, RewindError, branch, check_time

THEN_WORDS: tuple[str, ...] = ("respond", "none")
"""``--then`` words; anything else names a journal whose actions are tried."""
THEN_HELP = (
    "who acts after --branch-at: 'respond' (the responder takes over), 'none' (nobody: "
    "your later actions are undone) or a journal FILE whose actions are tried there "
    "(each at the branch point, or at its own time if later)"
)
LABELS: dict[str, str] = {
    "overall": "overall score",
    "revenue": "revenue score",
    "trust": "trust score",
    "safety": "safety score",
    "handling": "handling score",
    "money": "money lost",
    "user_minutes": "user-minutes of harm",
    "violations": "violations",
    "tickets": "tickets",
}
"""Row labels of the printed comparison, by total key."""
LOWER_IS_BETTER = frozenset({"money", "user_minutes", "violations", "tickets"})
"""Totals where a smaller number is the better outcome."""


def add_args(p: argparse.ArgumentParser) -> None:
    """``--branch-at`` and ``--then`` for ``wargame run``."""
    p.add_argument(
        "--branch-at",
        metavar="MM:SS",
        help="re-run the drill from this moment (needs --actions or --action) and compare",
    )
    p.add_argument("--then", metavar="respond|none|FILE", help=THEN_HELP)


def branch_point(text: str, scenario: Scenario) -> float:
    """``--branch-at`` as seconds inside the drill (``UsageError`` otherwise)."""
    try:
        return check_time(scenario, parse_clock(text), "--branch-at")
    except (ValueError, RewindError) as exc:
        message = str(exc)
        if not message.startswith("--branch-at"):
            message = f"--branch-at {quote(text, 40)}: {message}"
        raise UsageError(printable(message)) from None


def then_of(text: str | None, scenario: Scenario) -> str | list[Action]:
    """``--then``: a word, or the actions of a journal for this scenario."""
    if text is None:
        raise UsageError("--branch-at needs --then respond, --then none or --then FILE")
    if text in THEN_WORDS:
        return text
    journal = journal_or_exit(text)
    if journal.scenario and journal.scenario != scenario.id:
        raise UsageError(
            f"{printable(text)}: journal is for scenario {journal.scenario!r}, not {scenario.id!r}"
        )
    check_or_exit(journal.actions, scenario, text, journal)
    if not journal.actions:
        raise UsageError(f"{printable(text)}: the journal holds no actions to try")
    return list(journal.actions)


def run_branch(
    args: argparse.Namespace,
    scenario: Scenario,
    seed: int,
    policy: str,
    actions: list[Action],
    difficulty: str,
) -> Branch:
    """Check the branch arguments, play both runs and score them."""
    if args.respond:
        raise UsageError("--branch-at replays your actions: drop --respond")
    if getattr(args, "record", False):
        raise UsageError("--branch-at does not record runs: drop --record")
    at = branch_point(args.branch_at, scenario)
    then = then_of(args.then, scenario)
    try:
        return branch(scenario, seed, actions, at, then, difficulty=difficulty, policy=policy)
    except RewindError as exc:
        raise UsageError(f"--branch-at {format_clock(at)}: {printable(str(exc))}") from None


def branch_json(b: Branch, scenario: Scenario, difficulty: str) -> dict:
    """The ``--json`` object of a branch."""
    data = b.summary()
    data["original_scores"] = b.original_debrief.scores.model_dump(mode="json")
    data["branch_scores"] = b.branch_debrief.scores.model_dump(mode="json")
    return {
        "scenario": scenario.id,
        "seed": b.original.seed,
        "policy": b.original.policy.removesuffix("+actions"),
        "difficulty": difficulty,
        "branch": data,
    }


def _cell(key: str, value: float, currency: str) -> str:
    if key == "money":
        return money(value, currency)
    if key in ("violations", "tickets", "user_minutes"):
        return compact(value)
    return f"{value:g}"


def _delta(key: str, value: float, currency: str) -> str:
    if abs(value) < 0.05:
        return "same"
    sign = "+" if value > 0 else "-"
    better = (value < 0) if key in LOWER_IS_BETTER else (value > 0)
    return f"{sign}{_cell(key, abs(value), currency)} ({'better' if better else 'worse'})"


def print_branch(b: Branch, scenario: Scenario, console: Console | None = None) -> None:
    """The original run, the branch and the difference, as a table."""
    console = console or Console()
    cur = scenario.business.currency
    tried = [a.describe()[:60] for a in b.tried[:3]]
    if len(b.tried) > 3:
        tried.append(f"and {len(b.tried) - 3} more")
    who = {"respond": "the responder took over", "none": "nobody acted"}.get(
        b.then, "tried " + "; ".join(tried)
    )
    console.print(
        f"[bold]{scenario.title}[/]  seed {b.original.seed}  branch at "
        f"{format_clock(b.at_t)}: {printable(who)}"
    )
    console.print(
        f"kept {b.kept} of your actions before {format_clock(b.at_t)}, "
        f"dropped {b.dropped} from then on"
    )
    table = Table(show_lines=False)
    for col in ("", "your run", "branch", "difference"):
        table.add_column(col, justify="left" if not col else "right")
    o, n = b.original_totals, b.branch_totals
    table.add_row("grade", o.grade, n.grade, "")
    for key in TOTAL_KEYS:
        table.add_row(
            LABELS[key],
            _cell(key, getattr(o, key), cur),
            _cell(key, getattr(n, key), cur),
            _delta(key, b.difference[key], cur),
        )
    console.print(table)


def main_branch(
    args: argparse.Namespace,
    scenario: Scenario,
    seed: int,
    policy: str,
    actions: list[Action],
    difficulty: str,
) -> int:
    """``wargame run --branch-at``: play, score and print both runs."""
    from wargame.cli.run import dumps_strict
    from wargame.model.journal import header, write_journal

    b = run_branch(args, scenario, seed, policy, actions, difficulty)
    if args.journal_out:
        from wargame.cli.common import write_or_exit

        head = header(scenario.id, seed, policy, difficulty)
        path = Path(args.journal_out)
        write_or_exit(
            args.journal_out, "--journal-out", lambda: write_journal(path, head, b.branched.actions)
        )
    if args.json:
        sys.stdout.write(dumps_strict(branch_json(b, scenario, difficulty), sort_keys=True) + "\n")
    else:
        print_branch(b, scenario)
    return 0
