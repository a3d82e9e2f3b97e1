"""Journals: a run's seed and actions, one JSON object per line.

The first line is a header naming the scenario, seed, starting policy and
(optionally) the difficulty the run was played at and the design in place
before the incident (an interview's levers, ``"design": ["set inventory ap"]``);
every following line is one action. A journal is written as the player
acts (flushed and synced line by line, so a crash loses nothing) and read
back by ``wargame run --actions`` to replay the run exactly.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from wargame.fileio import atomic_write, check_target
from wargame.model.action import ARITY, USAGE, Action, ActionError, parse_action
from wargame.model.safeio import MAX_DEPTH, InputError, json_depth_ok, read_text
from wargame.model.scenario import MAX_DURATION_S, SEED_MAX
from wargame.model.text import has_surrogate, printable, quote

JOURNAL_VERSION = 1


class JournalError(ValueError):
    """A journal that cannot be read; the message names the file and line."""


MAX_LINE = 64 * 1024
"""Longest journal line accepted (an action with a long status-page message fits easily)."""
MAX_ARG = 2000
"""Longest single argument of a journal action."""
HEADER_KEYS = frozenset({"journal", "scenario", "seed", "policy", "difficulty", "design"})
"""Keys a journal header may hold."""
START_POLICIES = ("as-built", "model", "all-cp", "all-ap")
"""Starting policies a journal header may name."""
DIFFICULTIES = ("intro", "standard", "hard")
"""Difficulty levels a journal header may name."""
MAX_DESIGN = 256
"""Most design levers a journal header may list (a few per feature)."""


@dataclass
class Journal:
    """A journal's header and actions (``lines`` holds each action's line number)."""

    scenario: str | None = None
    seed: int | None = None
    policy: str = "as-built"
    difficulty: str | None = None
    """intro, standard or hard; None: the scenario's default."""
    actions: list[Action] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    design: tuple[str, ...] = ()
    """Levers in place before the incident (an interview's design, ``set inventory ap``)."""
    extra: dict = field(default_factory=dict)
    """Other header keys (e.g. ``difficulty``), already checked to be short text."""

    def line_of(self, index: int) -> int | None:
        """The file line of action ``index`` (``None`` for actions not read from a file)."""
        return self.lines[index] if index < len(self.lines) else None


def header(
    scenario: str,
    seed: int,
    policy: str = "as-built",
    difficulty: str | None = None,
    design: tuple[str, ...] | list[str] = (),
) -> dict:
    """The first line of a journal (``design``: levers in place before the incident)."""
    head: dict = {"journal": JOURNAL_VERSION, "scenario": scenario, "seed": seed, "policy": policy}
    if difficulty is not None:
        head["difficulty"] = difficulty
    if design:
        head["design"] = list(design)
    return head


def _design(value: object) -> tuple[str, ...]:
    """A header's ``design``: a list of lever actions without times (``ValueError``)."""
    if not isinstance(value, list) or len(value) > MAX_DESIGN:
        raise ValueError(f"design: must be a list of at most {MAX_DESIGN} levers")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or len(item) > MAX_ARG or has_surrogate(item):
            raise ValueError(f"design.{i}: must be a lever such as 'set inventory ap'")
        try:
            action = parse_action(item, t=0.0)
        except ActionError as exc:
            raise ValueError(f"design.{i}: {exc}") from None
        out.append(action.describe())
    return tuple(out)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def strict_json(text: str) -> object:
    """``json.loads`` that refuses NaN/Infinity, huge integers and deep nesting (``ValueError``)."""
    if not json_depth_ok(text):
        raise ValueError(f"nested more than {MAX_DEPTH} deep")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as exc:
        if "digits" in str(exc):
            raise ValueError("a number has far too many digits") from None
        raise


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_seed(value: object) -> int:
    """A seed: an integer from 0 to ``SEED_MAX`` (``ValueError`` otherwise; ``true`` is not one)."""
    if isinstance(value, bool):
        raise ValueError("must be an integer, not true or false")
    if not isinstance(value, int):
        raise ValueError(f"must be an integer, not {quote(value)}")
    if not 0 <= value <= SEED_MAX:
        raise ValueError(f"must be between 0 and {SEED_MAX}")
    return value


def _header(obj: dict, journal: Journal) -> None:
    unknown = sorted(set(obj) - HEADER_KEYS)
    if unknown:
        raise ValueError(f"{quote(unknown[0], 40)}: unknown header key")
    if obj["journal"] != JOURNAL_VERSION or isinstance(obj["journal"], bool):
        raise ValueError(f"journal: unsupported journal version {quote(obj['journal'])}")
    scenario = obj.get("scenario")
    if not isinstance(scenario, str) or not re.match(r"^[a-z0-9][a-z0-9-]{0,39}$", scenario):
        raise ValueError(f"scenario: must be a scenario id, not {quote(scenario)}")
    if "seed" not in obj:
        raise ValueError("seed: required key is missing")
    try:
        seed = check_seed(obj["seed"])
    except ValueError as exc:
        raise ValueError(f"seed: {exc}") from None
    policy = obj.get("policy", "as-built")
    if policy not in START_POLICIES:
        raise ValueError(
            f"policy: unknown starting policy {quote(policy)} (known: {', '.join(START_POLICIES)})"
        )
    difficulty = obj.get("difficulty")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty: must be {', '.join(DIFFICULTIES)}, not {quote(difficulty)}")
    journal.difficulty = difficulty
    if "design" in obj:
        journal.design = _design(obj["design"])
    for key, value in obj.items():
        if key not in ("journal", "scenario", "seed", "policy", "design"):
            if not isinstance(value, str) or len(value) > 40 or has_surrogate(value):
                raise ValueError(f"{key}: must be short text, not {quote(value)}")
            journal.extra[key] = value
    journal.scenario, journal.seed, journal.policy = scenario, seed, policy


def check_action_data(obj: dict) -> Action:
    """An action from a journal line, checked like a typed ``--action`` (``ValueError``).

    The time is a finite number from 0 to the longest drill allowed, the verb is
    known and the number of arguments fits its usage; names are checked against
    the scenario later, by :func:`wargame.model.action.check_action`.
    """
    unknown = sorted(set(obj) - {"t", "verb", "args"})
    if unknown:
        raise ValueError(f"{quote(unknown[0], 40)}: unknown key (an action has t, verb, args)")
    if "t" not in obj or "verb" not in obj:
        raise ValueError(f"{'t' if 't' not in obj else 'verb'}: required key is missing")
    t = obj["t"]
    if not _is_number(t):
        raise ValueError(f"t: must be a number of seconds, not {quote(t)}")
    if isinstance(t, int) and t.bit_length() > 64 or not math.isfinite(t):
        raise ValueError(f"t: must be a finite number, not {quote(t)}")
    if not 0 <= t <= MAX_DURATION_S:
        raise ValueError(f"t: must be between 0 and {MAX_DURATION_S} seconds, not {quote(t)}")
    verb = obj["verb"]
    if not isinstance(verb, str) or verb not in ARITY:
        raise ValueError(f"verb: unknown verb {quote(verb, 40)} (known: {', '.join(ARITY)})")
    args = obj.get("args", [])
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise ValueError(f"args: must be a list of text, not {quote(args)}")
    for i, a in enumerate(args):
        if len(a) > MAX_ARG or has_surrogate(a) or not a.strip() or a != a.strip():
            raise ValueError(f"args.{i}: not a word an action can hold: {quote(a)}")
    low, high = ARITY[verb]
    if not low <= len(args) <= high:
        raise ValueError(f"args: {len(args)} given; usage: {USAGE[verb]}")
    return Action(t=float(t), verb=verb, args=tuple(args))


def read_journal(path: Path) -> Journal:
    """Read a journal (``JournalError`` names file and line on any problem)."""
    name = printable(str(path))
    try:
        text = read_text(path)
    except InputError as exc:
        raise JournalError(f"{name}: {exc}") from None
    journal = Journal()
    seen_header = False
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            raise JournalError(f"{name}:{n}: line is over {MAX_LINE:,} characters")
        try:
            obj = strict_json(line)
        except ValueError as exc:
            raise JournalError(f"{name}:{n}: {exc}") from None
        if not isinstance(obj, dict):
            raise JournalError(f"{name}:{n}: expected a JSON object")
        try:
            if "journal" in obj:
                if seen_header or journal.actions:
                    raise ValueError("journal: the header must be the first line, once")
                _header(obj, journal)
                seen_header = True
                continue
            journal.actions.append(check_action_data(obj))
            journal.lines.append(n)
        except ValueError as exc:
            raise JournalError(f"{name}:{n}: {exc}") from None
    return journal


class JournalWriter:
    """Appends a journal line by line, flushed and fsynced after each line.

    The header is written atomically (so the file exists whole or not at all,
    and a device, FIFO or outside symlink is never replaced); each action is
    then appended and synced, so a crash loses nothing already done.
    """

    def __init__(self, path: Path, head: dict) -> None:
        self.path = path
        atomic_write(path, _line(head), make_parents=True)
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        target = check_target(path)
        self._fh: IO[str] = os.fdopen(os.open(target, flags), "w", encoding="utf-8")

    def append(self, action: Action) -> None:
        """Record one action."""
        self._fh.write(_line(action.model_dump(mode="json")))
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Close the file."""
        if not self._fh.closed:
            self._fh.close()


def _line(obj: dict) -> str:
    return json.dumps(obj, separators=(",", ":"), allow_nan=False) + "\n"


def write_journal(path: Path, head: dict, actions: list[Action]) -> None:
    """Write a whole journal at once, atomically (``OSError`` if it cannot be written)."""
    text = _line(head) + "".join(_line(a.model_dump(mode="json")) for a in actions)
    atomic_write(path, text, make_parents=False)
