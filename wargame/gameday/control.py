"""A live game day through the store: the facilitator's controls and the teams' heartbeats.

The facilitator's console and the teams' games are separate processes (a
terminal each, or one per browser tab) that share only the store file, so
everything live goes through three small tables (schema version 3):

- ``outbox``: injects the facilitator sent, to one team or (``team_id`` NULL) to
  all; each team's game polls for rows newer than the last it saw and applies
  them at its own sim time (:func:`pending`);
- ``control``: whether the facilitator paused the session (:func:`set_paused`);
- ``presence``: each team's heartbeat: which screen it is on, its drill and sim
  clock, and the wall time of the beat (:func:`beat`, read by :func:`board`).

Wall-clock times here only say when a row was written; the simulation never
reads them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from wargame.model.action import INJECT_SOURCE_MAX, INJECT_TEXT_MAX, ActionError, make_inject
from wargame.store.recorder import Store, now_text

STATES: tuple[str, ...] = ("waiting", "briefing", "playing", "debrief", "finished", "left")
"""What a team's game reports: picker, briefing, console, debrief, quit after finishing,
quit before."""
LOST_AFTER_S = 5.0
"""A team whose last heartbeat is older than this (wall seconds) is shown as silent."""


@dataclass(frozen=True)
class Sent:
    """An inject the facilitator sent."""

    id: int
    """Its row id: teams apply the ones newer than the last they saw."""
    team: int | None
    """The team it is for; ``None``: every team."""
    source: str
    """Who says it."""
    text: str
    """What it says."""


def check_inject(text: str, source: str) -> tuple[str, str]:
    """A typed inject's ``(text, source)``, cleaned (``ValueError`` naming the problem)."""
    try:
        action = make_inject(0.0, text[: INJECT_TEXT_MAX + 1], source[: INJECT_SOURCE_MAX + 1])
    except ActionError as exc:
        raise ValueError(str(exc)) from None
    if len(action.args) == 2:
        return action.args[1], action.args[0][:-1]
    return action.args[0], ""


def send_inject(
    store: Store, session_id: int, text: str, source: str = "facilitator", team: int | None = None
) -> int:
    """Queue an inject for one team of the session or all of them; return its id."""
    text, source = check_inject(text, source)

    def insert(conn: sqlite3.Connection) -> int:
        if team is not None:
            row = conn.execute(
                "SELECT 1 FROM teams WHERE id = ? AND session_id = ?", (team, session_id)
            ).fetchone()
            if row is None:
                raise ValueError(f"team {team} is not in session {session_id}")
        return conn.execute(
            "INSERT INTO outbox (session_id, team_id, source, text, sent) VALUES (?, ?, ?, ?, ?)",
            (session_id, team, source, text, now_text()),
        ).lastrowid

    return store.write(insert)


def last_sent(store: Store, session_id: int) -> int:
    """The id of the session's newest inject (0 if none): a joining team starts after it."""
    rows = store.query(
        "SELECT coalesce(max(id), 0) FROM outbox WHERE session_id = ?", (session_id,)
    )
    return int(rows[0][0])


def pending(store: Store, session_id: int, team: int, after: int) -> list[Sent]:
    """Injects for ``team`` (or for all) sent after id ``after``, oldest first."""
    rows = store.query(
        "SELECT id, team_id, source, text FROM outbox WHERE session_id = ? AND id > ?"
        " AND (team_id IS NULL OR team_id = ?) ORDER BY id",
        (session_id, after, team),
    )
    return [Sent(r["id"], r["team_id"], r["source"], r["text"]) for r in rows]


def sent(store: Store, session_id: int) -> list[Sent]:
    """Every inject sent in the session, oldest first."""
    rows = store.query(
        "SELECT id, team_id, source, text FROM outbox WHERE session_id = ? ORDER BY id",
        (session_id,),
    )
    return [Sent(r["id"], r["team_id"], r["source"], r["text"]) for r in rows]


def set_paused(store: Store, session_id: int, paused: bool) -> None:
    """Pause (or resume) every team of the session."""
    store.write(
        lambda c: c.execute(
            "INSERT INTO control (session_id, paused, changed) VALUES (?, ?, ?)"
            " ON CONFLICT (session_id) DO UPDATE SET paused = excluded.paused,"
            " changed = excluded.changed",
            (session_id, int(paused), now_text()),
        )
    )


def is_paused(store: Store, session_id: int) -> bool:
    """Whether the facilitator holds the session's teams."""
    rows = store.query("SELECT paused FROM control WHERE session_id = ?", (session_id,))
    return bool(rows and rows[0]["paused"])


def beat(store: Store, team: int, state: str, drill: int | None, t: float) -> None:
    """A team's heartbeat: its screen, drill and sim clock, stamped with the wall time."""
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}")
    store.write(
        lambda c: c.execute(
            "INSERT INTO presence (team_id, state, drill_id, t, beat) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (team_id) DO UPDATE SET state = excluded.state,"
            " drill_id = excluded.drill_id, t = excluded.t, beat = excluded.beat",
            (team, state, drill, float(t), now_text()),
        )
    )


@dataclass
class TeamLive:
    """One team as the facilitator's console shows it."""

    id: int
    number: int
    name: str
    state: str
    """One of :data:`STATES`, or ``not joined`` before its first heartbeat."""
    drill: int | None
    """Its current (or last) drill."""
    t: float
    """Its sim clock at the last heartbeat (seconds)."""
    silent_s: float | None
    """Wall seconds since its last heartbeat (``None``: never beat)."""
    grade: str | None = None
    """The grade of its drill once finished."""
    overall: float | None = None
    """The overall score of its drill once finished."""

    @property
    def silent(self) -> bool:
        """No heartbeat for :data:`LOST_AFTER_S` while it should be beating."""
        return (
            self.silent_s is not None
            and self.silent_s > LOST_AFTER_S
            and self.state not in ("finished", "left")
        )


def _age(stamp: str, now: datetime) -> float:
    try:
        return max(0.0, (now - datetime.fromisoformat(stamp)).total_seconds())
    except ValueError:
        return 0.0


def board(store: Store, session_id: int, now: datetime | None = None) -> list[TeamLive]:
    """Every team of the session with its heartbeat and its drill's result, by number."""
    now = now or datetime.now(UTC)
    rows = store.query(
        "SELECT t.id, t.number, t.name, p.state, p.drill_id, p.t, p.beat,"
        " (SELECT max(d.id) FROM drills d WHERE d.team_id = t.id) AS last_drill"
        " FROM teams t LEFT JOIN presence p ON p.team_id = t.id"
        " WHERE t.session_id = ? ORDER BY t.number",
        (session_id,),
    )
    out = []
    for r in rows:
        drill = r["drill_id"] if r["drill_id"] is not None else r["last_drill"]
        team = TeamLive(
            id=r["id"],
            number=r["number"],
            name=r["name"],
            state=r["state"] or "not joined",
            drill=drill,
            t=float(r["t"] or 0.0),
            silent_s=_age(r["beat"], now) if r["beat"] else None,
        )
        if drill is not None:
            res = store.query("SELECT grade, overall FROM results WHERE drill_id = ?", (drill,))
            if res:
                team.grade, team.overall = res[0]["grade"], res[0]["overall"]
        out.append(team)
    return out
