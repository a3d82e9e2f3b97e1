"""Where the shipped data lives: ``scenarios/`` and ``assets/``.

In a source checkout (or an editable install) they sit next to the package;
in a wheel they are installed as ``wargame/_data/scenarios`` and
``wargame/_data/assets``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the shipped {name}/ folder")


def scenarios_dir() -> Path:
    """The folder of shipped scenario files."""
    return _find("scenarios")


def assets_dir() -> Path:
    """The folder of static assets (ticket phrasings, help pages)."""
    return _find("assets")
