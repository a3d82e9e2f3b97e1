"""What the game does when a screen fails unexpectedly: save, explain, point to a replay.

The journal is already on disk line by line; here it is closed, the
traceback is saved beside it for a bug report, and the player is told in
plain words where their drill is and how to replay it.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from wargame.fileio import atomic_write
from wargame.model.text import quote
from wargame.tui.drill import Drill


def crash_report(error: BaseException, drill: Drill | None, folder: Path) -> str:
    """Close the drill's journal, save the traceback, and return the message to print."""
    journal = None
    if drill is not None:
        try:
            drill.close()
            journal = drill.journal_path
        except Exception:  # noqa: BLE001 - already failing: say what we can
            journal = None
    details = None
    try:
        name = (journal.stem if journal else "wargame") + ".crash.txt"
        details = atomic_write(
            Path(folder) / name,
            "".join(traceback.format_exception(error)),
            make_parents=True,
        )
    except Exception:  # noqa: BLE001
        details = None
    lines = [
        "wargame stopped: an unexpected error "
        f"({type(error).__name__}: {quote(str(error))}). This is a bug, not something you did.",
    ]
    if journal is not None:
        lines.append(f"Every action you took is saved in the journal {journal}")
        lines.append(f"Replay it with: wargame run --actions {journal}")
    if details is not None:
        lines.append(f"The details for a bug report are in {details}")
    return "\n".join(lines)
