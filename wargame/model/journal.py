"""Journals: a run's seed and actions, one JSON object per line.

The first line is a header naming the scenario, seed, starting policy and
(optionally) the difficulty the run was played at;
every following line is one action. A journal is written as the player
acts (flushed and synced line by line, so a crash loses nothing) and read
back by ``wargame run --actions`` to replay the run exactly.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from wargame.model.action import Action

JOURNAL_VERSION = 1


class JournalError(ValueError):
    """A journal that cannot be read; the message names the file and line."""


@dataclass
class Journal:
    """A journal's header and actions."""

    scenario: str | None = None
    seed: int | None = None
    policy: str = "as-built"
    difficulty: str | None = None
    """intro, standard or hard; None: the scenario's default."""
    actions: list[Action] = field(default_factory=list)


def header(
    scenario: str, seed: int, policy: str = "as-built", difficulty: str | None = None
) -> dict:
    """The first line of a journal."""
    head = {"journal": JOURNAL_VERSION, "scenario": scenario, "seed": seed, "policy": policy}
    if difficulty is not None:
        head["difficulty"] = difficulty
    return head


def read_journal(path: Path) -> Journal:
    """Read a journal (``JournalError`` names file and line on any problem)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JournalError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalError(f"{path}: cannot read: {exc}") from None
    journal = Journal()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise JournalError(f"{path}:{n}: not JSON: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise JournalError(f"{path}:{n}: expected a JSON object")
        if "journal" in obj:
            if obj["journal"] != JOURNAL_VERSION:
                raise JournalError(f"{path}:{n}: unsupported journal version {obj['journal']!r}")
            scenario, seed = obj.get("scenario"), obj.get("seed")
            if not isinstance(scenario, str) or not isinstance(seed, int):
                raise JournalError(
                    f"{path}:{n}: header needs 'scenario' (text) and 'seed' (integer)"
                )
            journal.scenario, journal.seed = scenario, seed
            journal.policy = str(obj.get("policy", "as-built"))
            difficulty = obj.get("difficulty")
            if difficulty is not None and difficulty not in ("intro", "standard", "hard"):
                raise JournalError(
                    f"{path}:{n}: difficulty must be intro, standard or hard, not {difficulty!r}"
                )
            journal.difficulty = difficulty
            continue
        try:
            journal.actions.append(Action.model_validate(obj))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "action"
            raise JournalError(f"{path}:{n}: {where}: {first['msg']}") from None
    return journal


class JournalWriter:
    """Appends a journal line by line, flushed and fsynced after each line."""

    def __init__(self, path: Path, head: dict) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._fh: IO[str] = open(path, "w", encoding="utf-8")  # noqa: SIM115
        self._write(head)

    def _write(self, obj: dict) -> None:
        self._fh.write(json.dumps(obj, separators=(",", ":")) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def append(self, action: Action) -> None:
        """Record one action."""
        self._write(action.model_dump(mode="json"))

    def close(self) -> None:
        """Close the file."""
        if not self._fh.closed:
            self._fh.close()


def write_journal(path: Path, head: dict, actions: list[Action]) -> None:
    """Write a whole journal at once."""
    writer = JournalWriter(path, head)
    try:
        for action in actions:
            writer.append(action)
    finally:
        writer.close()
