"""Recording drills as they run: one committed transaction per decision.

:class:`Store` wraps one connection to the store file. Its recorder methods
(:meth:`Store.start_drill`, :meth:`Store.record_action`,
:meth:`Store.record_inject`, :meth:`Store.finish_drill`) each commit before
they return, so a process killed mid-drill (even with ``kill -9``) leaves
every decision it had recorded in the file. ``Recorder`` is the same class
under the name the game's screens use.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from wargame.model.action import NOT_PLAYER_VERBS, Action, ActionError, inject_parts, make_inject
from wargame.model.journal import check_action_data
from wargame.store.db import StoreError, connect, io_error, resolve_path

T = TypeVar("T")

DIFFICULTIES = ("intro", "standard", "hard")
"""Difficulties a drill may be played at."""
SOURCES = ("run", "play", "gameday")
"""Where a drill was played: ``wargame run``, the game, or a game-day team."""
MAX_INJECT_TEXT = 2000
"""Longest inject text kept."""


def now_text() -> str:
    """The wall-clock time, UTC, to the second (when a row was written; never used by the sim)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def strict_dumps(obj: object) -> str:
    """Compact JSON without NaN or Infinity (``ValueError`` for them)."""
    return json.dumps(obj, allow_nan=False, separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True)
class Inject:
    """A message a team received during its drill."""

    t: float
    """Sim time it arrived (seconds)."""
    source: str
    """Who said it (e.g. ``facilitator``, ``VP Engineering``)."""
    text: str
    """What it said."""


class Store:
    """One open store file; use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path | str | None = None, create: bool = True) -> None:
        self.path = resolve_path(str(path) if path is not None else None)
        self.conn = connect(self.path, create=create)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (everything recorded is already committed)."""
        self.conn.close()

    # -- plumbing ---------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on success (``StoreError`` on SQLite errors)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise io_error(self.path, exc) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise io_error(self.path, exc) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query, as ``sqlite3.Row``."""
        try:
            cur = self.conn.execute(sql, params)
            cur.row_factory = sqlite3.Row
            return cur.fetchall()
        except sqlite3.Error as exc:
            raise io_error(self.path, exc) from None

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` inside one committed transaction and return what it returns."""
        with self.transaction() as conn:
            return fn(conn)

    # -- recorder ---------------------------------------------------------------

    def start_drill(
        self,
        scenario: str,
        seed: int,
        difficulty: str,
        session_id: int | None = None,
        team_id: int | None = None,
        policy: str = "as-built",
        source: str = "run",
    ) -> int:
        """Record that a drill started; return its id (committed before returning)."""
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"unknown difficulty {difficulty!r}")
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}")
        row = (scenario, seed, difficulty, policy, source, session_id, team_id, now_text())
        return self.write(
            lambda c: (
                c.execute(
                    "INSERT INTO drills (scenario, seed, difficulty, policy, source, session_id,"
                    " team_id, started) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                ).lastrowid
            )
        )

    def _open_drill(self, conn: sqlite3.Connection, drill_id: int) -> None:
        row = conn.execute("SELECT finished FROM drills WHERE id = ?", (drill_id,)).fetchone()
        if row is None:
            raise StoreError(f"no drill {drill_id} in {self.path}")
        if row[0] is not None:
            raise StoreError(f"drill {drill_id} is already finished")

    def record_action(self, drill_id: int, action: Action) -> int:
        """Record one decision in its own committed transaction; return its sequence number."""
        if not math.isfinite(action.t):
            raise ValueError("an action's time must be finite")
        args = strict_dumps(list(action.args))

        def insert(conn: sqlite3.Connection) -> int:
            self._open_drill(conn, drill_id)
            seq = conn.execute(
                "SELECT coalesce(max(seq), -1) + 1 FROM actions WHERE drill_id = ?", (drill_id,)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO actions (drill_id, seq, t, verb, args, recorded)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (drill_id, seq, action.t, action.verb, args, now_text()),
            )
            return seq

        return self.write(insert)

    def record_inject(self, drill_id: int, t: float, text: str, source: str = "facilitator") -> int:
        """Record an inject the drill's team received at sim time ``t``; return its number.

        It is kept as an ``inject`` action, in order among the team's decisions, so
        the drill's actions replay it exactly as its journal does.
        """
        if not math.isfinite(t) or t < 0:
            raise ValueError("an inject's time must be a finite number of seconds")
        try:
            action = make_inject(float(t), text[:MAX_INJECT_TEXT], source[:40])
        except ActionError as exc:
            raise ValueError(str(exc)) from None
        return self.record_action(drill_id, action)

    def finish_drill(self, drill_id: int, result_summary: dict) -> None:
        """Record the drill's result (see :mod:`wargame.store.scores`) and mark it finished."""
        summary = strict_dumps(result_summary)
        grade = result_summary.get("grade")
        overall = result_summary.get("overall")

        def finish(conn: sqlite3.Connection) -> None:
            self._open_drill(conn, drill_id)
            conn.execute(
                "INSERT INTO results (drill_id, grade, overall, summary) VALUES (?, ?, ?, ?)",
                (drill_id, grade, overall, summary),
            )
            conn.execute("UPDATE drills SET finished = ? WHERE id = ?", (now_text(), drill_id))

        self.write(finish)

    # -- reading back -----------------------------------------------------------

    def journal(self, drill_id: int) -> list[Action]:
        """A drill's recorded actions and injects, in the order they were recorded."""
        rows = self.query(
            "SELECT t, verb, args FROM actions WHERE drill_id = ? ORDER BY seq", (drill_id,)
        )
        return [
            check_action_data({"t": r["t"], "verb": r["verb"], "args": json.loads(r["args"])})
            for r in rows
        ]

    def actions(self, drill_id: int) -> list[Action]:
        """A drill's recorded decisions (injects left out), in the order they were recorded."""
        return [a for a in self.journal(drill_id) if a.verb not in NOT_PLAYER_VERBS]

    def injects(self, drill_id: int) -> list[Inject]:
        """The injects a drill's team received, in time order.

        Injects are ``inject`` actions; stores written before that kept them in a
        table of their own, read here too.
        """
        rows = self.query(
            "SELECT t, source, text FROM injects WHERE drill_id = ? ORDER BY seq", (drill_id,)
        )
        out = [Inject(t=r["t"], source=r["source"], text=r["text"]) for r in rows]
        for a in self.journal(drill_id):
            if a.verb == "inject":
                source, text = inject_parts(a)
                out.append(Inject(t=a.t, source=source, text=text))
        return sorted(out, key=lambda i: i.t)

    def drill(self, drill_id: int) -> sqlite3.Row:
        """One drill's row joined with its result (``StoreError`` if there is none)."""
        rows = self.query(
            "SELECT d.*, r.grade, r.overall, r.summary FROM drills d"
            " LEFT JOIN results r ON r.drill_id = d.id WHERE d.id = ?",
            (drill_id,),
        )
        if not rows:
            raise StoreError(f"no drill {drill_id} in {self.path}")
        return rows[0]


Recorder = Store
"""The recorder API under the name the game's screens use."""
