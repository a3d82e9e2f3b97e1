"""Shared pieces of the subcommands: errors, scenario and journal loading."""

from __future__ import annotations

from pathlib import Path

from wargame.cli.errors import UsageError
from wargame.fileio import atomic_write, check_target, describe
from wargame.model.action import Action, ActionError, check_action, parse_action
from wargame.model.journal import Journal, JournalError, check_seed, read_journal
from wargame.model.loader import ScenarioError, load_scenario
from wargame.model.scenario import Scenario
from wargame.model.text import has_surrogate, printable, quote


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


MAX_ACTION_TEXT = 2000
"""Longest ``--action`` string accepted."""
MAX_WORD = 64
"""Longest word of an ``--action`` (other than a status-page message)."""


def parse_action_arg(text: str) -> Action:
    """One ``"MM:SS verb args"`` string, parsed (``ActionError`` if it cannot be)."""
    if len(text) > MAX_ACTION_TEXT:
        raise ActionError(f"longer than {MAX_ACTION_TEXT} characters")
    if has_surrogate(text) or any(ord(c) < 32 and c not in "\t" for c in text):
        raise ActionError("holds characters that cannot be printed")
    words = text.split()
    message = len(words) > 1 and words[1].lower() == "status-page"
    for word in words[:2] if message else words:
        if len(word) > MAX_WORD:
            raise ActionError(f"the word {quote(word, 40)} is too long")
    return parse_action(text)


def actions_or_exit(texts: list[str], scenario: Scenario) -> list[Action]:
    """Parse ``"MM:SS verb args"`` strings and check them against the scenario."""
    actions = []
    for text in texts:
        try:
            action = parse_action_arg(text)
            check_action(action, scenario)
        except ActionError as exc:
            raise UsageError(f"--action {quote(text)}: {printable(str(exc))}") from None
        actions.append(action)
    return actions


def check_or_exit(
    actions: list[Action], scenario: Scenario, source: str, journal: Journal | None = None
) -> None:
    """Check already-parsed actions (e.g. from a journal) against the scenario.

    With ``journal``, a problem is reported at the action's line: ``FILE:LINE: ...``.
    """
    for i, action in enumerate(actions):
        try:
            check_action(action, scenario)
        except ActionError as exc:
            line = journal.line_of(i) if journal else None
            where = f"{printable(source)}:{line}" if line else printable(source)
            raise UsageError(
                f"{where}: action {quote(str(action))}: {printable(str(exc))}"
            ) from None


def seed_arg(text: str) -> int:
    """argparse type for --seed: an integer from 0 to ``SEED_MAX``."""
    text = text.strip()
    if not text or len(text) > 25 or not (text.isascii() and text.lstrip("+").isdigit()):
        if text.startswith("-") and text[1:].isdigit():
            raise ValueError("must not be negative")
        raise ValueError(f"not an integer: {quote(text, 40)}")
    try:
        return check_seed(int(text))
    except ValueError as exc:
        raise ValueError(str(exc)) from None


seed_arg.__name__ = "seed"


def _cannot_write(path: str, option: str, reason: str) -> UsageError:
    where = f"{option} {quote(path)}" if option else quote(path)
    return UsageError(f"{where}: cannot write: {reason}")


def output_or_exit(path: str, option: str = "") -> None:
    """Check before any work that ``path`` can be written (``UsageError`` naming ``option``)."""
    try:
        check_target(Path(path))
    except (OSError, ValueError) as exc:
        reason = describe(exc) if isinstance(exc, OSError) else str(exc)
        raise _cannot_write(path, option, reason) from None


def write_or_exit(path: str, option: str, write) -> None:
    """Run ``write()``; an ``OSError`` (full disk, ...) becomes a ``UsageError``."""
    try:
        write()
    except OSError as exc:
        raise _cannot_write(path, option, describe(exc)) from None


def write_text_or_exit(path: str, option: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically; a failure is a one-line usage error."""
    write_or_exit(path, option, lambda: atomic_write(Path(path), text, make_parents=False))
