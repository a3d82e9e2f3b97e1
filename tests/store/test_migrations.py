"""The program creates and migrates its own file: from nothing, from version 0 and version 1."""

from __future__ import annotations

import sqlite3

from wargame.model.action import parse_action
from wargame.store import SCHEMA_VERSION, Store
from wargame.store.schema import MIGRATIONS, migrate


def _tables(path) -> set[str]:
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    return names


def test_versions_are_the_migration_count():
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2


def test_from_version_0(tmp_path):
    path = tmp_path / "v0.db"
    conn = sqlite3.connect(path)  # an SQLite file with nothing in it: version 0
    conn.execute("PRAGMA user_version").fetchone()
    conn.close()
    with Store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"sessions", "teams", "drills", "actions", "results", "injects"} <= _tables(path)


def test_from_version_1_keeps_the_data(tmp_path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, upto=1) == 1
    conn.execute(
        "INSERT INTO drills (scenario, seed, difficulty, policy, source, started)"
        " VALUES ('flash-sale', 3, 'standard', 'as-built', 'run', '2025-01-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO actions VALUES (1, 0, 300.0, 'set', '[\"inventory\",\"ap\"]', 'x')")
    conn.close()
    assert "injects" not in _tables(path)
    with Store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.actions(1) == [parse_action("05:00 set inventory ap")]
        s.record_inject(1, 320.0, "legal asks about the EU data")
        assert len(s.injects(1)) == 1


def test_migrating_twice_is_harmless(tmp_path):
    path = tmp_path / "w.db"
    with Store(path) as s:
        s.start_drill("flash-sale", 1, "standard")
    with Store(path) as s:
        assert migrate(s.conn) == SCHEMA_VERSION
        assert len(s.query("SELECT * FROM drills")) == 1
