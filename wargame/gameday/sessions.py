"""Game-day sessions: one scenario, seed and difficulty shared by every team.

A facilitator creates a session (:func:`new_session`); each team gets its own
join code; a team's game calls :func:`join` with the code to learn what to
play and under which session and team to record it.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass

from wargame.gameday.codes import new_code, normalize
from wargame.model.scenario import SEED_MAX
from wargame.store import Store, StoreError
from wargame.store.recorder import DIFFICULTIES, now_text

MAX_TEAMS = 50
"""Most teams one session can hold."""
MAX_NAME = 80
"""Longest session name."""


class JoinError(ValueError):
    """A join code that is malformed or belongs to no session."""


@dataclass(frozen=True)
class Joined:
    """What a team needs to play its session's drill."""

    session: int
    """Session id."""
    team: int
    """Team id (store row id)."""
    scenario: str
    """Scenario id every team plays."""
    seed: int
    """The shared seed."""
    difficulty: str
    """The shared difficulty."""
    team_name: str = ""
    """The team's display name."""

    def __iter__(self):
        """Unpacks as ``(session, team, scenario, seed, difficulty)``."""
        return iter((self.session, self.team, self.scenario, self.seed, self.difficulty))


@dataclass(frozen=True)
class NewSession:
    """A created session and its teams' codes."""

    id: int
    name: str
    scenario: str
    seed: int
    difficulty: str
    teams: list[tuple[int, str, str]]
    """``(number, name, code)`` per team."""


def clean_name(text: str) -> str:
    """A session name: printable, one line, at most ``MAX_NAME`` characters (``ValueError``)."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("the session name is empty")
    if len(text) > MAX_NAME:
        raise ValueError(f"the session name is longer than {MAX_NAME} characters")
    if any(not c.isprintable() for c in text):
        raise ValueError("the session name holds characters that cannot be printed")
    return text


def new_session(
    store: Store,
    scenario: str,
    teams: int,
    seed: int | None = None,
    difficulty: str = "standard",
    name: str | None = None,
) -> NewSession:
    """Create a session with ``teams`` teams; a missing seed is drawn fresh from ``secrets``."""
    if not 1 <= teams <= MAX_TEAMS:
        raise ValueError(f"--teams must be between 1 and {MAX_TEAMS}")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty {difficulty!r}")
    if seed is None:
        seed = secrets.randbelow(min(SEED_MAX, 999_999) + 1)
    created = now_text()
    name = clean_name(name) if name is not None else f"{scenario} {created[:10]}"

    def create(conn: sqlite3.Connection) -> NewSession:
        sid = conn.execute(
            "INSERT INTO sessions (name, scenario, seed, difficulty, created)"
            " VALUES (?, ?, ?, ?, ?)",
            (name, scenario, seed, difficulty, created),
        ).lastrowid
        rows = []
        for number in range(1, teams + 1):
            team_name = f"Team {number}"
            for _ in range(20):  # a clash is about one in 10**11; retry anyway
                code = new_code()
                taken = conn.execute("SELECT 1 FROM teams WHERE code = ?", (code,)).fetchone()
                if not taken:
                    break
            else:  # pragma: no cover - twenty clashes in a row
                raise StoreError("could not find an unused join code")
            conn.execute(
                "INSERT INTO teams (session_id, number, name, code) VALUES (?, ?, ?, ?)",
                (sid, number, team_name, code),
            )
            rows.append((number, team_name, code))
        return NewSession(sid, name, scenario, seed, difficulty, rows)

    return store.write(create)


def join(store: Store, code: str) -> Joined:
    """The session and team a join code belongs to (``JoinError`` if none)."""
    try:
        canonical = normalize(code)
    except ValueError as exc:
        raise JoinError(str(exc)) from None
    rows = store.query(
        "SELECT s.id AS session, t.id AS team, t.name AS team_name, s.scenario, s.seed,"
        " s.difficulty FROM teams t JOIN sessions s ON s.id = t.session_id WHERE t.code = ?",
        (canonical,),
    )
    if not rows:
        raise JoinError(f"no session has the join code {canonical}")
    r = rows[0]
    return Joined(
        r["session"], r["team"], r["scenario"], r["seed"], r["difficulty"], r["team_name"]
    )


def join_code(code: str, db: str | None = None) -> Joined:
    """:func:`join` on the store ``db`` names (``--db``; else ``WARGAME_DB`` or the default).

    For ``wargame play --join CODE``: ``JoinError`` for an unknown code, ``StoreError``
    for a store that cannot be used (both one printable line).
    """
    from wargame.store import resolve_path

    path = resolve_path(db)
    if not path.exists():
        raise JoinError(f"no session has the join code {code.strip()[:12]!r} (no store yet)")
    with Store(path, create=False) as store:
        return join(store, code)


def list_sessions(store: Store) -> list[dict]:
    """Every session, newest first, with its team count and how many teams finished a drill."""
    rows = store.query(
        "SELECT s.*, (SELECT count(*) FROM teams t WHERE t.session_id = s.id) AS teams,"
        " (SELECT count(DISTINCT d.team_id) FROM drills d WHERE d.session_id = s.id"
        "  AND d.finished IS NOT NULL) AS finished"
        " FROM sessions s ORDER BY s.id DESC"
    )
    return [
        {k: r[k] for k in ("id", "name", "scenario", "seed", "difficulty", "created", "teams")}
        | {"teams_finished": r["finished"]}
        for r in rows
    ]


def session(store: Store, session_id: int) -> dict:
    """One session with its teams: code, state and the latest drill (``StoreError`` if none)."""
    rows = store.query("SELECT * FROM sessions WHERE id = ?", (session_id,))
    if not rows:
        raise StoreError(f"no session {session_id} in {store.path}")
    s = rows[0]
    teams = []
    for t in store.query("SELECT * FROM teams WHERE session_id = ? ORDER BY number", (session_id,)):
        drills = store.query(
            "SELECT d.id, d.finished, r.grade, r.overall FROM drills d"
            " LEFT JOIN results r ON r.drill_id = d.id WHERE d.team_id = ? ORDER BY d.id",
            (t["id"],),
        )
        finished = [d for d in drills if d["finished"]]
        latest = finished[-1] if finished else (drills[-1] if drills else None)
        state = "not started" if not drills else ("finished" if finished else "playing")
        teams.append(
            {
                "id": t["id"],
                "number": t["number"],
                "name": t["name"],
                "code": t["code"],
                "state": state,
                "drills": len(drills),
                "drill": latest["id"] if latest else None,
                "grade": latest["grade"] if latest else None,
                "overall": latest["overall"] if latest else None,
            }
        )
    return {k: s[k] for k in ("id", "name", "scenario", "seed", "difficulty", "created")} | {
        "teams": teams
    }
