"""A game's link to the store: it records each drill live and, for a team, listens.

:class:`TeamLink` is what the game (terminal or browser) holds while it runs:

- every drill is recorded as it is played: :meth:`start` when it begins, one
  committed row per journaled action or inject (:meth:`record`), the score when
  it ends (:meth:`finish`); a ``kill -9`` loses nothing already recorded;
- for a team that joined a session (:class:`~wargame.gameday.Joined`), each
  :meth:`beat` writes its heartbeat and returns what the facilitator asked for
  since the last one: whether the session is paused, and new injects.

A store that cannot be opened or written (read-only disk, locked, foreign
file) never stops the game: the link turns itself off and says why
(:attr:`off`); the journal on disk is kept either way. Calls are serialised by
a lock, so a worker thread may finish a drill while the UI thread beats.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from wargame.gameday import control
from wargame.gameday.control import Sent
from wargame.gameday.sessions import Joined
from wargame.model.action import Action
from wargame.store.db import StoreError
from wargame.store.recorder import Store


@dataclass
class Orders:
    """What the facilitator wants from a team right now."""

    paused: bool = False
    """Hold the clock until the facilitator resumes."""
    injects: list[Sent] = field(default_factory=list)
    """Injects sent since the last beat, oldest first."""


class TeamLink:
    """Records drills in the store; for a joined team, heartbeats and facilitator orders."""

    def __init__(self, store_path: str | Path | None = None, joined: Joined | None = None) -> None:
        self.joined = joined
        self.off: str | None = None
        """Why recording is off (``None`` while it works)."""
        self.drill: int | None = None
        """The drill being recorded."""
        self.team_drill = False
        """The drill is the joined team's (its session's scenario and seed)."""
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._cursor = 0
        try:
            self._store = Store(None if store_path is None else str(store_path))
            if joined is not None:
                self._cursor = control.last_sent(self._store, joined.session)
        except (StoreError, sqlite3.Error, OSError) as exc:
            self._fail(exc)

    @property
    def recording(self) -> bool:
        """The store is open and every call so far worked."""
        return self._store is not None and self.off is None

    @property
    def path(self) -> Path | None:
        """The store file, if one is open."""
        return self._store.path if self._store is not None else None

    def _fail(self, exc: BaseException) -> None:
        self.off = str(exc) or type(exc).__name__
        if self._store is not None:
            try:
                self._store.close()
            except sqlite3.Error:  # pragma: no cover - closing a broken connection
                pass
        self._store = None

    def _call(self, fn, *args, **kwargs):
        """Run a store call; on any store error turn recording off (``None``)."""
        with self._lock:
            if self._store is None:
                return None
            try:
                return fn(self._store, *args, **kwargs)
            except (StoreError, sqlite3.Error, OSError) as exc:
                self._fail(exc)
                return None

    # -- recording ----------------------------------------------------------------
    def start(self, scenario: str, seed: int, difficulty: str, policy: str = "as-built") -> None:
        """A drill begins: record it (under the team if it is the session's drill)."""
        j = self.joined
        self.team_drill = j is not None and (scenario, seed) == (j.scenario, j.seed)
        self.drill = self._call(
            lambda s: s.start_drill(
                scenario,
                seed,
                difficulty,
                session_id=j.session if self.team_drill and j else None,
                team_id=j.team if self.team_drill and j else None,
                policy=policy,
                source="gameday" if self.team_drill else "play",
            )
        )

    def record(self, action: Action) -> None:
        """One journaled action or inject, committed before this returns."""
        if self.drill is not None:
            drill = self.drill
            self._call(lambda s: s.record_action(drill, action))

    def finish(self, summary: dict) -> None:
        """The drill ended: store its score summary (see :mod:`wargame.store.scores`)."""
        if self.drill is not None:
            drill, self.drill = self.drill, None
            self._call(lambda s: s.finish_drill(drill, summary))

    # -- a joined team -------------------------------------------------------------
    def beat(self, state: str, t: float, playing: bool) -> Orders:
        """Write the team's heartbeat; return the facilitator's orders.

        Injects are taken only while ``playing`` (a drill on screen): one sent while
        the team is elsewhere is not kept for later, where it would arrive out of place.
        """
        j = self.joined
        if j is None:
            return Orders()
        drill = self.drill if self.team_drill else None
        self._call(control.beat, j.team, state, drill, t)
        paused = bool(self._call(control.is_paused, j.session))
        new = self._call(control.pending, j.session, j.team, self._cursor) or []
        if new:
            self._cursor = new[-1].id
        return Orders(paused=paused, injects=new if playing else [])

    def close(self, state: str | None = None, t: float = 0.0) -> None:
        """Last heartbeat (``finished``/``left``) and close the store."""
        if state is not None and self.joined is not None:
            self._call(control.beat, self.joined.team, state, None, t)
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
