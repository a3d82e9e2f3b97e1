"""The recorder: drills, actions and injects committed one by one, read back intact."""

from __future__ import annotations

import sqlite3

import pytest

from wargame.model.action import parse_action
from wargame.store import SCHEMA_VERSION, Store, StoreError, resolve_path
from wargame.store.schema import APPLICATION_ID


def test_drill_round_trip(store):
    drill = store.start_drill("flash-sale", 7, "hard", policy="all-cp")
    a1 = parse_action("05:00 set inventory ap")
    a2 = parse_action("06:30 status-page We are looking into slow checkouts")
    assert store.record_action(drill, a1) == 0
    assert store.record_action(drill, a2) == 1
    # an inject is the drill's third journal line, kept apart from its decisions
    assert store.record_inject(drill, 310.0, "The VP wants an ETA", "VP Engineering") == 2
    store.finish_drill(drill, {"grade": "C", "overall": 71.25, "axes": {"revenue": 80.0}})
    assert store.actions(drill) == [a1, a2]
    assert store.journal(drill)[2] == parse_action(
        "05:10 inject VP Engineering: The VP wants an ETA"
    )
    (inject,) = store.injects(drill)
    assert (inject.t, inject.source, inject.text) == (
        310.0,
        "VP Engineering",
        "The VP wants an ETA",
    )
    row = store.drill(drill)
    assert (row["scenario"], row["seed"], row["difficulty"], row["policy"]) == (
        "flash-sale",
        7,
        "hard",
        "all-cp",
    )
    assert (row["grade"], row["overall"]) == ("C", 71.25)
    assert row["finished"] is not None


def test_each_action_is_committed_before_it_returns(store, db_path):
    drill = store.start_drill("flash-sale", 1, "standard")
    store.record_action(drill, parse_action("01:00 severity SEV2"))
    # A second connection (another process would see the same) sees it at once.
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT count(*) FROM actions").fetchone()[0] == 1
    other.close()


def test_finished_drill_takes_no_more(store):
    drill = store.start_drill("flash-sale", 1, "standard")
    store.finish_drill(drill, {"grade": "A", "overall": 95.0})
    with pytest.raises(StoreError, match="already finished"):
        store.record_action(drill, parse_action("01:00 severity SEV2"))
    with pytest.raises(StoreError, match="already finished"):
        store.finish_drill(drill, {"grade": "A", "overall": 95.0})
    with pytest.raises(StoreError, match="no drill 99"):
        store.record_inject(99, 1.0, "hello")


def test_bad_values_refused(store):
    with pytest.raises(ValueError, match="difficulty"):
        store.start_drill("flash-sale", 1, "nightmare")
    drill = store.start_drill("flash-sale", 1, "standard")
    with pytest.raises(ValueError):
        store.record_inject(drill, float("nan"), "x")
    with pytest.raises(ValueError):
        store.record_inject(drill, 1.0, "   ")
    with pytest.raises(ValueError):
        store.finish_drill(drill, {"grade": "A", "overall": float("inf")})
    assert store.drill(drill)["finished"] is None  # the failed finish left nothing behind


def test_file_is_wal_versioned_and_marked(store, db_path):
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_path_resolution(monkeypatch, tmp_path):
    assert resolve_path("x.db").name == "x.db"
    monkeypatch.setenv("WARGAME_DB", str(tmp_path / "env.db"))
    assert resolve_path(None) == tmp_path / "env.db"
    monkeypatch.setenv("WARGAME_DB", "")
    monkeypatch.setenv("WARGAME_DATA_DIR", str(tmp_path / "data"))
    assert resolve_path(None) == tmp_path / "data" / "wargame.db"
    assert resolve_path(str(tmp_path / "opt.db")) == tmp_path / "opt.db"
    monkeypatch.delenv("WARGAME_DATA_DIR")
    default = resolve_path(None)
    assert default.name == "wargame.db" and "wargame" in default.parent.parts[-1].lower()


def test_missing_parent_folders_are_created(tmp_path):
    with Store(tmp_path / "a" / "b" / "w.db") as s:
        assert s.start_drill("flash-sale", 1, "standard") == 1


def test_read_only_open_does_not_create(tmp_path):
    with pytest.raises(StoreError, match="nothing has been recorded"):
        Store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()
