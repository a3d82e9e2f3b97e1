"""The store's tables and their migrations, applied in order by the program itself.

The file's schema version is SQLite's ``PRAGMA user_version``: version N means
the first N entries of :data:`MIGRATIONS` have been applied. A file marked
with another program's ``application_id``, or with a version this program
does not know (a newer wargame wrote it), is refused rather than touched.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x57415247
"""``PRAGMA application_id`` of a wargame store ("WARG")."""

MIGRATION_1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    scenario TEXT NOT NULL,
    seed INTEGER NOT NULL,
    difficulty TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    UNIQUE (session_id, number)
);
CREATE TABLE drills (
    id INTEGER PRIMARY KEY,
    scenario TEXT NOT NULL,
    seed INTEGER NOT NULL,
    difficulty TEXT NOT NULL,
    policy TEXT NOT NULL,
    source TEXT NOT NULL,
    session_id INTEGER REFERENCES sessions(id),
    team_id INTEGER REFERENCES teams(id),
    started TEXT NOT NULL,
    finished TEXT
);
CREATE TABLE actions (
    drill_id INTEGER NOT NULL REFERENCES drills(id),
    seq INTEGER NOT NULL,
    t REAL NOT NULL,
    verb TEXT NOT NULL,
    args TEXT NOT NULL,
    recorded TEXT NOT NULL,
    PRIMARY KEY (drill_id, seq)
);
CREATE TABLE results (
    drill_id INTEGER PRIMARY KEY REFERENCES drills(id),
    grade TEXT,
    overall REAL,
    summary TEXT NOT NULL
);
CREATE INDEX drills_by_scenario ON drills (scenario, seed);
CREATE INDEX drills_by_session ON drills (session_id, team_id);
"""
"""Version 1: sessions, teams, drills, actions (one row per decision) and results."""

MIGRATION_2 = """
CREATE TABLE injects (
    drill_id INTEGER NOT NULL REFERENCES drills(id),
    seq INTEGER NOT NULL,
    t REAL NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    recorded TEXT NOT NULL,
    PRIMARY KEY (drill_id, seq)
);
"""
"""Version 2: injects a team received, each at its sim time."""

MIGRATION_3 = """
CREATE TABLE presence (
    team_id INTEGER PRIMARY KEY REFERENCES teams(id),
    state TEXT NOT NULL,
    drill_id INTEGER REFERENCES drills(id),
    t REAL NOT NULL,
    beat TEXT NOT NULL
);
CREATE TABLE control (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
    paused INTEGER NOT NULL,
    changed TEXT NOT NULL
);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    team_id INTEGER REFERENCES teams(id),
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    sent TEXT NOT NULL
);
CREATE INDEX outbox_by_session ON outbox (session_id, id);
"""
"""Version 3: a live game day. ``presence``: each team's heartbeat (screen, drill, sim
clock, wall time); ``control``: the facilitator's pause for a whole session;
``outbox``: injects the facilitator sent (``team_id`` NULL: every team), which the
teams' games poll and apply at their own sim time."""

MIGRATIONS: list[str] = [MIGRATION_1, MIGRATION_2, MIGRATION_3]
"""Every migration, oldest first; the schema version is how many have been applied."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this program writes."""


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Apply the migrations the file lacks (each in its own transaction); return the version.

    ``conn`` must be in autocommit mode (``isolation_level=None``). ``upto``
    stops early (tests build old files with it).
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < upto:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < upto:
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version
