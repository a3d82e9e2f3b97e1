"""The live file: how the interviewer's sheet follows the candidate's design as it is made.

The candidate's design screen rewrites one small JSON file after every
choice, atomically (:func:`wargame.fileio.atomic_write`: a reader never sees
half a file); the interviewer's sheet, in a second terminal, polls it. Both
sides name the same file: by default ``interview/SCENARIO.live.json`` in the
per-user data folder (``$WARGAME_DATA_DIR``), or any path given to both with
``--live FILE``. Its content::

    {"format": "wargame-live-design/1", "scenario": "flash-sale", "seed": 7,
     "current": "inventory", "contract": {...the contract, as its JSON dump...}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from wargame.fileio import atomic_write
from wargame.interview.contract import Contract, ContractError, parse_contract
from wargame.model.journal import strict_json
from wargame.model.safeio import InputError, read_text

FORMAT = "wargame-live-design/1"
"""The live file's format tag."""
MAX_LIVE_BYTES = 512 * 1024
"""Largest live file read (a contract with every justification at its longest fits)."""


class LiveError(ValueError):
    """A live file that cannot be read (yet): the message is one line without the file name."""


@dataclass(frozen=True)
class Live:
    """What the candidate's screen last wrote."""

    contract: Contract
    seed: int | None
    current: str | None
    """The feature on the candidate's screen."""


def live_path(folder: Path, scenario: str) -> Path:
    """The default live file of ``scenario`` under ``folder`` (the data folder)."""
    return folder / "interview" / f"{scenario}.live.json"


def write_live(
    path: Path, contract: Contract, seed: int | None = None, current: str | None = None
) -> Path:
    """Write the contract in progress to ``path`` atomically (``OSError`` if it cannot)."""
    data = {
        "format": FORMAT,
        "scenario": contract.scenario,
        "seed": seed,
        "current": current,
        "contract": contract.model_dump(mode="json", exclude_none=True),
    }
    return atomic_write(path, json.dumps(data, indent=1, allow_nan=False) + "\n")


def read_live(path: Path) -> Live:
    """The live file's content (``LiveError`` if it is missing, unreadable or malformed)."""
    try:
        text = read_text(path, MAX_LIVE_BYTES)
    except InputError as exc:
        raise LiveError(str(exc)) from None
    try:
        data = strict_json(text)
    except ValueError as exc:
        raise LiveError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LiveError(f"not a live design file (no format {FORMAT!r})")
    try:
        contract = parse_contract(json.dumps(data.get("contract")), str(path), fmt="json")
    except ContractError as exc:
        first = exc.problems[0] if exc.problems else None
        raise LiveError(f"its contract does not read: {first}") from None
    seed = data.get("seed")
    current = data.get("current")
    return Live(
        contract=contract,
        seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else None,
        current=current if isinstance(current, str) else None,
    )
