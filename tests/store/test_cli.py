"""``wargame run --record``, ``wargame history`` and ``wargame leaderboard`` on a temp store."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from wargame.cli import main
from wargame.store import SCHEMA_VERSION


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_run_record_then_history(capsys, tmp_path):
    db = str(tmp_path / "h.db")
    code, out, err = _run(
        capsys, "run", "flash-sale", "--seed", "5", "--record", "--db", db,
        "--action", "06:30 set inventory ap",
    )  # fmt: skip
    assert code == 0 and f"Recorded as drill 1 in {db}" in err
    assert _run(capsys, "run", "flash-sale", "--seed", "5", "--policy", "model", "--record",
                "--db", db)[0] == 0  # fmt: skip
    code, out, err = _run(capsys, "history", "--db", db)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Drills (newest first):"
    assert "flash-sale" in lines[2] and lines[2].split()[0] == "2"
    assert "Personal bests:" in out
    code, out, _ = _run(capsys, "history", "flash-sale", "--json", "--db", db)
    data = json.loads(out, parse_constant=pytest.fail)
    assert [d["id"] for d in data["drills"]] == [2, 1]
    first = data["drills"][1]
    assert (first["seed"], first["actions"], first["status"]) == (5, 1, "finished")
    assert first["grade"] in "ABCDF" and set(first["scores"]) >= {"revenue", "trust", "safety"}
    (best,) = data["bests"]
    assert best["overall"] == max(d["overall"] for d in data["drills"])
    assert best["drills"] == 2


def test_record_json_stdout_stays_strict(capsys, tmp_path):
    db = str(tmp_path / "j.db")
    code, out, err = _run(capsys, "run", "flash-sale", "--json", "--record", "--db", db)
    assert code == 0 and err == ""
    json.loads(out)


def test_run_without_record_writes_no_store(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_DB", str(tmp_path / "never.db"))
    assert _run(capsys, "run", "flash-sale", "--json")[0] == 0
    assert not (tmp_path / "never.db").exists()


def test_env_var_names_the_store(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_DB", str(tmp_path / "env.db"))
    assert _run(capsys, "run", "flash-sale", "--record")[0] == 0
    assert (tmp_path / "env.db").is_file()
    code, out, _ = _run(capsys, "history", "--json")
    assert len(json.loads(out)["drills"]) == 1


def test_history_of_nothing(capsys, tmp_path):
    db = tmp_path / "none.db"
    code, out, _ = _run(capsys, "history", "--db", str(db))
    assert (code, out) == (0, "No drills recorded yet.\n")
    code, out, _ = _run(capsys, "history", "--json", "--db", str(db))
    assert json.loads(out) == {"drills": [], "bests": []}
    assert not db.exists()  # reading never creates the file


def test_recorded_journal_replays_exactly(capsys, tmp_path):
    db = str(tmp_path / "r.db")
    actions = ["--action", "06:10 set inventory ap", "--action", "07:00 status-page On it"]
    code, recorded, _ = _run(capsys, "run", "flash-sale", "--seed", "9", "--json", "--record",
                             "--db", db, *actions)  # fmt: skip
    assert code == 0
    journal = tmp_path / "drill.jsonl"
    assert _run(capsys, "history", "--journal", "1", "-o", str(journal), "--db", db)[0] == 0
    code, replayed, _ = _run(capsys, "run", "--actions", str(journal), "--json")
    assert code == 0
    assert replayed == recorded  # byte for byte


@pytest.mark.parametrize("kind", ["directory", "fifo", "text", "foreign", "newer"])
def test_bad_store_is_exit_2(capsys, tmp_path, kind):
    path = tmp_path / "bad.db"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "text":
        path.write_text("hello")
    else:
        conn = sqlite3.connect(path)
        if kind == "foreign":
            conn.execute("CREATE TABLE t (x)")
        else:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
            conn.execute("PRAGMA application_id = 1463898695")
        conn.commit()
        conn.close()
    for argv in (["run", "flash-sale", "--record"], ["history"], ["leaderboard"]):
        code, out, err = _run(capsys, *argv, "--db", str(path))
        assert code == 2, (argv, err)
        assert out == ""  # the run did not happen before the store was refused
        assert err.startswith("wargame: error: ") and err.count("\n") == 1
        assert "Traceback" not in err
    if kind == "fifo":
        assert path.is_fifo()


def test_history_argument_errors(capsys, tmp_path):
    db = str(tmp_path / "a.db")
    assert _run(capsys, "history", "Not An Id", "--db", db)[0] == 2
    assert _run(capsys, "history", "-o", "x.jsonl", "--db", db)[0] == 2
    assert _run(capsys, "history", "--journal", "0", "--db", db)[0] == 2
    code, _, err = _run(capsys, "history", "--journal", "3", "--db", db)
    assert code == 2 and "nothing is recorded" in err
    _run(capsys, "run", "flash-sale", "--record", "--db", db)
    code, _, err = _run(capsys, "history", "--journal", "3", "--db", db)
    assert code == 2 and "no drill 3" in err
    os.mkfifo(tmp_path / "pipe")
    code, _, err = _run(capsys, "history", "--journal", "1", "-o", str(tmp_path / "pipe"),
                        "--db", db)  # fmt: skip
    assert code == 2 and "FIFO" in err


def test_leaderboard(capsys, tmp_path):
    db = str(tmp_path / "l.db")
    for policy in ("all-ap", "model", "all-cp"):
        _run(capsys, "run", "flash-sale", "--seed", "3", "--policy", policy, "--record", "--db", db)
    _run(capsys, "run", "flash-sale", "--seed", "4", "--policy", "model", "--record", "--db", db)
    code, out, _ = _run(capsys, "leaderboard", "--json", "--db", db)
    boards = json.loads(out)["boards"]
    assert [(b["scenario"], b["seed"]) for b in boards] == [("flash-sale", 3), ("flash-sale", 4)]
    entries = boards[0]["entries"]
    overall = [e["overall"] for e in entries]
    assert overall == sorted(overall, reverse=True) and len(entries) == 3
    assert entries[0]["rank"] == 1
    code, out, _ = _run(capsys, "leaderboard", "flash-sale", "--seed", "4", "--json", "--db", db)
    assert [b["seed"] for b in json.loads(out)["boards"]] == [4]
    code, out, _ = _run(capsys, "leaderboard", "--db", db)
    assert out.startswith("flash-sale, seed 3, ") and "  1. " in out
