"""Files that are not a wargame store are refused cleanly and never replaced."""

from __future__ import annotations

import os
import sqlite3

import pytest

from wargame.store import SCHEMA_VERSION, Store, StoreError


def test_directory(tmp_path):
    (tmp_path / "d.db").mkdir()
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path / "d.db")


def test_fifo(tmp_path):
    os.mkfifo(tmp_path / "f.db")
    with pytest.raises(StoreError, match="FIFO"):
        Store(tmp_path / "f.db")  # must not block opening the FIFO
    assert (tmp_path / "f.db").is_fifo()


def test_fifo_side_file(tmp_path):
    os.mkfifo(tmp_path / "w.db-wal")
    with pytest.raises(StoreError, match="w.db-wal.*FIFO"):
        Store(tmp_path / "w.db")
    assert not (tmp_path / "w.db").exists()


def test_device(tmp_path):
    with pytest.raises(StoreError, match="device"):
        Store("/dev/null")


def test_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n" * 20)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(path)
    assert path.read_text() == "just some notes\n" * 20


def test_truncated_sqlite(tmp_path):
    path = tmp_path / "cut.db"
    with Store(path) as s:
        s.start_drill("flash-sale", 1, "standard")
    data = path.read_bytes()
    for side in ("-wal", "-shm"):
        (tmp_path / f"cut.db{side}").unlink(missing_ok=True)
    path.write_bytes(data[:100] + b"\xff" * 50)
    with pytest.raises(StoreError, match="cut.db"):
        with Store(path) as s:
            s.query("SELECT * FROM drills")


def test_foreign_sqlite(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("recipes",)]
    conn.close()


def test_newer_version(tmp_path):
    path = tmp_path / "new.db"
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer wargame"):
        Store(path)


def test_symlink_elsewhere(tmp_path):
    (tmp_path / "real").mkdir()
    with Store(tmp_path / "real" / "w.db"):
        pass
    (tmp_path / "link.db").symlink_to(tmp_path / "real" / "w.db")
    with pytest.raises(StoreError, match="symlink"):
        Store(tmp_path / "link.db")


def test_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with Store(path) as s:
        assert s.start_drill("flash-sale", 1, "standard") == 1
