"""Shared pieces of the subcommands: errors, scenario and journal loading."""

from __future__ import annotations

from pathlib import Path

from wargame.model.action import Action, ActionError, check_action, parse_action
from wargame.model.journal import Journal, JournalError, read_journal
from wargame.model.loader import ScenarioError, load_scenario
from wargame.model.scenario import Scenario


class UsageError(Exception):
    """Bad input on the command line: printed as one line, exit code 2."""


def scenario_or_exit(name: str) -> Scenario:
    """Load a scenario by id or path, or raise a ``UsageError`` listing the problems."""
    try:
        return load_scenario(name)
    except ScenarioError as exc:
        raise UsageError(str(exc)) from None


def journal_or_exit(path: str) -> Journal:
    """Read a journal, or raise a ``UsageError``."""
    try:
        return read_journal(Path(path))
    except JournalError as exc:
        raise UsageError(str(exc)) from None


def actions_or_exit(texts: list[str], scenario: Scenario) -> list[Action]:
    """Parse ``"MM:SS verb args"`` strings and check them against the scenario."""
    actions = []
    for text in texts:
        try:
            action = parse_action(text)
            check_action(action, scenario)
        except ActionError as exc:
            raise UsageError(f"--action {text!r}: {exc}") from None
        actions.append(action)
    return actions


def check_or_exit(actions: list[Action], scenario: Scenario, source: str) -> None:
    """Check already-parsed actions (e.g. from a journal) against the scenario."""
    for action in actions:
        try:
            check_action(action, scenario)
        except ActionError as exc:
            raise UsageError(f"{source}: action {action}: {exc}") from None


def seed_arg(text: str) -> int:
    """argparse type for --seed: a non-negative integer."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"not an integer: {text!r}") from None
    if value < 0:
        raise ValueError("must not be negative")
    return value


seed_arg.__name__ = "seed"
