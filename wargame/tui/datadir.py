"""Where the game keeps per-user files: drill journals, reports and screenshots.

The data directory is, in order of precedence: the ``--journal-dir`` option,
the ``WARGAME_DATA_DIR`` environment variable, or the platform's per-user data
folder (``$XDG_DATA_HOME/wargame`` on Linux, via platformdirs, which Textual
already depends on). Journals go under ``journals/`` in it, unless a journal
directory was given explicitly.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from wargame.fileio import atomic_write  # noqa: F401 - re-exported for the screens

ENV_VAR = "WARGAME_DATA_DIR"
"""Environment variable that overrides the per-user data directory."""


def data_dir() -> Path:
    """The per-user data directory (not created)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    try:
        from platformdirs import user_data_dir
    except ImportError:  # pragma: no cover - platformdirs ships with textual
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "wargame"
    return Path(user_data_dir("wargame", appauthor=False))


def journal_dir(explicit: str | Path | None = None) -> Path:
    """The folder for drill journals: ``explicit`` if given, else ``data_dir()/journals``."""
    if explicit:
        return Path(explicit).expanduser()
    return data_dir() / "journals"


def timestamp() -> str:
    """A file-name-safe local timestamp, e.g. ``20260124-201530``."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def journal_path(folder: Path, scenario: str, seed: int, stamp: str) -> Path:
    """A fresh journal file name in ``folder`` (never overwrites an existing one)."""
    base = f"{scenario}-seed{seed}-{stamp}"
    path = folder / f"{base}.jsonl"
    n = 2
    while path.exists():
        path = folder / f"{base}-{n}.jsonl"
        n += 1
    return path
