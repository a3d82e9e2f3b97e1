"""``wargame run --branch-at MM:SS --then respond|none|FILE``: output, JSON and bad input."""

from __future__ import annotations

import json

import pytest
from scoring.helpers import GOOD_PLAY, MINI

from wargame.cli import main
from wargame.model.action import parse_action
from wargame.model.journal import header, write_journal


@pytest.fixture
def journal(tmp_path):
    path = tmp_path / "play.jsonl"
    write_journal(path, header("mini-social", 5), [parse_action(a) for a in GOOD_PLAY])
    return str(path)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["run", str(MINI), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_branch_prints_both_runs_and_the_difference(capsys, journal) -> None:
    code, out, _ = run(capsys, "--actions", journal, "--branch-at", "02:20", "--then", "none")
    assert code == 0
    assert "branch at 02:20: nobody acted" in out
    assert "kept 0 of your actions before 02:20, dropped 8 from then on" in out
    for label in ("overall score", "money lost", "user-minutes of harm", "violations"):
        assert label in out
    assert "(worse)" in out


def test_branch_json_has_both_runs_and_the_per_axis_difference(capsys, journal) -> None:
    code, out, _ = run(
        capsys, "--actions", journal, "--branch-at", "04:00", "--then", "respond", "--json"
    )
    assert code == 0
    data = json.loads(out)
    b = data["branch"]
    assert b["at_t"] == 240.0 and b["then"] == "respond" and b["kept"] == 6
    for key in ("overall", "revenue", "trust", "safety", "handling", "money", "user_minutes"):
        assert b["difference"][key] == pytest.approx(
            b["branch"][key] - b["original"][key], abs=0.01
        )
    assert b["original_scores"]["overall"] == b["original"]["overall"]
    assert b["branch_scores"]["grade"] == b["branch"]["grade"]


def test_then_file_tries_a_journals_actions(capsys, journal, tmp_path) -> None:
    tried = tmp_path / "try.jsonl"
    write_journal(tried, header("mini-social", 5), [parse_action("00:00 set shop ap")])
    out_journal = tmp_path / "branch.jsonl"
    code, out, _ = run(
        capsys,
        "--actions",
        journal,
        "--branch-at",
        "03:00",
        "--then",
        str(tried),
        "--json",
        "--journal-out",
        str(out_journal),
    )
    assert code == 0
    b = json.loads(out)["branch"]
    assert b["then"] == "actions" and b["tried"] == ["set shop ap"]
    lines = out_journal.read_text().splitlines()
    assert json.loads(lines[-1]) == {"t": 180.0, "verb": "set", "args": ["shop", "ap"]}


def _bad(capsys, *args) -> str:
    code, _, err = run(capsys, *args)
    assert code == 2, err
    assert "Traceback" not in err and err.count("\n") == 1
    return err


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("ab:cd", "not a time"),
        ("5:99", "not a time"),
        ("99:00", "past the end of the drill (12:00)"),
        ("-1", "must not be negative"),
    ],
)
def test_bad_branch_point_is_one_line_exit_2(capsys, journal, at, message) -> None:
    assert message in _bad(capsys, "--actions", journal, "--branch-at", at, "--then", "none")


def test_bad_then_is_one_line_exit_2(capsys, journal, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("this is not a journal\n")
    err = _bad(capsys, "--actions", journal, "--branch-at", "03:00", "--then", str(notes))
    assert err.startswith(f"wargame: error: {notes}:1:")
    err = _bad(capsys, "--actions", journal, "--branch-at", "03:00", "--then", str(tmp_path / "x"))
    assert "no such file" in err
    assert "--then" in _bad(capsys, "--actions", journal, "--branch-at", "03:00")
    assert "--branch-at" in _bad(capsys, "--actions", journal, "--then", "none")
    empty = tmp_path / "empty.jsonl"
    write_journal(empty, header("mini-social", 5), [])
    assert "no actions" in _bad(
        capsys, "--actions", journal, "--branch-at", "03:00", "--then", str(empty)
    )
    other = tmp_path / "other.jsonl"
    write_journal(other, header("flash-sale", 5), [parse_action("06:00 set inventory ap")])
    assert "not 'mini-social'" in _bad(
        capsys, "--actions", journal, "--branch-at", "03:00", "--then", str(other)
    )


def test_trying_before_the_page_is_one_line_exit_2(capsys, journal, tmp_path) -> None:
    tried = tmp_path / "try.jsonl"
    write_journal(tried, header("mini-social", 5), [parse_action("00:00 set shop ap")])
    err = _bad(capsys, "--actions", journal, "--branch-at", "00:10", "--then", str(tried))
    assert "before the page" in err
