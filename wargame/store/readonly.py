"""Reading the store without opening it for writing: the picker's best grades.

The picker shows each scenario's best grade as soon as it is on screen, so this
path avoids everything heavy: no migration, no write lock, no models (the
:mod:`wargame.store` package loads its parts lazily). A missing, foreign,
newer or broken store reads as "no bests" rather than an error: the picker
never fails because of it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wargame.store.db import resolve_path
from wargame.store.queries import bests
from wargame.store.schema import APPLICATION_ID, SCHEMA_VERSION


class ReadOnly:
    """A read-only connection with :meth:`Store.query`'s signature."""

    def __init__(self, path: Path) -> None:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        self.conn = sqlite3.connect(uri, uri=True, timeout=1.0, check_same_thread=False)

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        cur = self.conn.execute(sql, params)
        cur.row_factory = sqlite3.Row
        return cur.fetchall()

    def close(self) -> None:
        self.conn.close()


def best_grades(path: str | Path | None = None) -> dict[str, dict]:
    """Per scenario id: its best finished drill (``grade``, ``overall``, ``drills``...).

    ``path`` follows ``--db``'s rules (None: ``WARGAME_DB``, else the data folder).
    """
    file = resolve_path(None if path is None else str(path))
    if not file.is_file():
        return {}
    try:
        reader = ReadOnly(file)
    except sqlite3.Error:
        return {}
    try:
        app_id = reader.query("PRAGMA application_id")[0][0]
        version = reader.query("PRAGMA user_version")[0][0]
        if app_id != APPLICATION_ID or not 1 <= version <= SCHEMA_VERSION:
            return {}
        return {row["scenario"]: row for row in bests(reader)}  # type: ignore[arg-type]
    except sqlite3.Error:
        return {}
    finally:
        reader.close()
