"""``wargame gameday``: new, list, show, play (with injects), report in Markdown and HTML."""

from __future__ import annotations

import json
import os
import re

import pytest

from wargame.cli import main


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def session(capsys, tmp_path):
    db = str(tmp_path / "g.db")
    code, out, err = _run(
        capsys, "gameday", "new", "flash-sale", "--teams", "3", "--seed", "42",
        "--name", "Ops <b>day</b> | 1", "--json", "--db", db,
    )  # fmt: skip
    assert code == 0, err
    made = json.loads(out)
    return db, made


def test_new_prints_codes(capsys, tmp_path):
    db = str(tmp_path / "n.db")
    code, out, _ = _run(capsys, "gameday", "new", "flash-sale", "--teams", "2", "--db", db)
    assert code == 0
    found = re.findall(r"Team \d\s+([A-Z2-9]{4}-[A-Z2-9]{4})", out)
    assert len(found) == 2 and found[0] != found[1]
    assert re.search(r"flash-sale, seed \d+, intro", out)  # the scenario's own difficulty


def test_new_refuses_bad_input(capsys, tmp_path):
    db = str(tmp_path / "b.db")
    for argv in (
        ["gameday", "new", "no-such-scenario", "--teams", "2"],
        ["gameday", "new", "flash-sale", "--teams", "0"],
        ["gameday", "new", "flash-sale", "--teams", "51"],
        ["gameday", "new", "flash-sale", "--teams", "2", "--difficulty", "easy"],
        ["gameday", "new", "flash-sale", "--teams", "2", "--seed", "-1"],
        ["gameday", "new", "flash-sale"],
    ):
        code, _, err = _run(capsys, *argv, "--db", db)
        assert code == 2, argv
        assert "Traceback" not in err


def _codes(made) -> list[str]:
    return [t["code"] for t in made["teams"]]


def test_play_show_list_leaderboard(capsys, session):
    db, made = session
    blue, red, _ = _codes(made)
    code, out, err = _run(
        capsys, "gameday", "play", blue.lower(), "--action", "06:00 diagnose split us-east us-west",
        "--action", "06:30 set inventory ap", "--inject", "06:45 VP Engineering: need an ETA",
        "--db", db,
    )  # fmt: skip
    assert code == 0, err
    assert "Team 1 of session 1: drill 1 recorded" in out and "1 injects" in out
    assert _run(capsys, "gameday", "play", red, "--policy", "all-cp", "--db", db)[0] == 0
    code, out, _ = _run(capsys, "gameday", "show", "1", "--json", "--db", db)
    teams = json.loads(out)["teams"]
    assert [t["state"] for t in teams] == ["finished", "finished", "not started"]
    code, out, _ = _run(capsys, "gameday", "list", "--json", "--db", db)
    (listed,) = json.loads(out)["sessions"]
    assert (listed["teams"], listed["teams_finished"], listed["seed"]) == (3, 2, 42)
    code, out, _ = _run(capsys, "leaderboard", "--session", "1", "--json", "--db", db)
    (board,) = json.loads(out)["boards"]
    assert sorted(e["team"] for e in board["entries"]) == ["Team 1", "Team 2"]
    code, out, _ = _run(capsys, "gameday", "show", "1", "--db", db)
    assert "not started" in out and blue in out


def test_play_errors(capsys, session):
    db, made = session
    code, _, err = _run(capsys, "gameday", "play", "AAAA-AAAA", "--db", db)
    assert code == 2 and "no session has the join code" in err
    code, _, err = _run(capsys, "gameday", "play", "A0", "--db", db)
    assert code == 2 and "join code" in err
    first = _codes(made)[0]
    code, _, err = _run(capsys, "gameday", "play", first, "--inject", "99:00 too late", "--db", db)
    assert code == 2 and "after the drill's end" in err
    code, _, err = _run(capsys, "gameday", "play", first, "--inject", "xx hello", "--db", db)
    assert code == 2 and "--inject" in err
    code, _, err = _run(capsys, "gameday", "play", first, "--action", "05:00 set nothing ap",
                        "--db", db)  # fmt: skip
    assert code == 2
    code, out, _ = _run(capsys, "gameday", "show", "1", "--json", "--db", db)
    assert json.loads(out)["teams"][0]["drills"] == 0  # nothing half-recorded
    assert _run(capsys, "gameday", "show", "7", "--db", db)[0] == 2
    assert _run(capsys, "gameday", "report", "7", "--db", db)[0] == 2


def test_team_drill_with_injects_replays_exactly(capsys, session, tmp_path):
    db, made = session
    code, played, _ = _run(
        capsys, "gameday", "play", _codes(made)[0], "--action", "06:30 set cart ap",
        "--inject", "06:00 legal asks about the EU data", "--inject", "07:00 Sales: any ETA?",
        "--json", "--db", db,
    )  # fmt: skip
    assert code == 0
    played = json.loads(played)
    drill = played.pop("recorded")["drill"]
    code, out, _ = _run(capsys, "history", "--json", "--db", db)
    assert json.loads(out)["drills"][0]["injects"] == 2
    journal = tmp_path / "team.jsonl"
    assert _run(capsys, "history", "--journal", str(drill), "-o", str(journal), "--db", db)[0] == 0
    code, replayed, _ = _run(capsys, "run", "--actions", str(journal), "--json")
    assert json.loads(replayed) == played


def test_report_markdown_and_html(capsys, session, tmp_path):
    db, made = session
    blue, red, _ = _codes(made)
    _run(capsys, "gameday", "play", blue, "--action", "06:30 set inventory ap",
         "--action", "07:00 status-page Checkout slow | <script>x</script>",
         "--inject", "06:45 VP: ETA?", "--db", db)  # fmt: skip
    _run(capsys, "gameday", "play", red, "--action", "08:00 failover payment us-west", "--db", db)
    code, out, _ = _run(capsys, "gameday", "report", "1", "--db", db)
    assert code == 0
    assert out.startswith("# After-action review: Ops \\<b\\>day\\</b\\> \\| 1\n")
    for heading in ("## Scores", "## Decisions side by side", "## Consistency contract",
                    "## Lessons from this game day"):  # fmt: skip
        assert heading in out
    assert "| 06:30 | set inventory ap |  |  |" in out
    assert "*VP: ETA?*" in out
    assert "Checkout slow \\| \\<script\\>x\\</script\\>" in out
    assert "| Team 3 | did not play |" in out
    assert "### A failover is not free during a split" in out
    assert "- Team 2: payment to us-west at 08:00" in out

    html_path = tmp_path / "aar.html"
    code, _, err = _run(capsys, "gameday", "report", "1", "-o", str(html_path), "--db", db)
    assert code == 0 and "Wrote" in err
    page = html_path.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page and "http" not in page and "<link" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "Ops &lt;b&gt;day&lt;/b&gt;" in page
    md_path = tmp_path / "aar.txt"
    assert _run(capsys, "gameday", "report", "1", "-o", str(md_path), "--format", "md",
                "--db", db)[0] == 0  # fmt: skip
    assert md_path.read_text() == out


def test_report_never_replaces_a_fifo(capsys, session, tmp_path):
    db, _ = session
    fifo = tmp_path / "out.html"
    os.mkfifo(fifo)
    code, _, err = _run(capsys, "gameday", "report", "1", "-o", str(fifo), "--db", db)
    assert code == 2 and "FIFO" in err and fifo.is_fifo()


def test_hard_session_journal_carries_its_difficulty(capsys, tmp_path):
    from wargame.cli.run import result_json
    from wargame.engine import Engine
    from wargame.model.journal import read_journal
    from wargame.model.loader import load_scenario

    db = str(tmp_path / "h.db")
    _, out, _ = _run(capsys, "gameday", "new", "flash-sale", "--teams", "1", "--seed", "8",
                     "--difficulty", "hard", "--json", "--db", db)  # fmt: skip
    code = json.loads(out)["teams"][0]["code"]
    _, played, _ = _run(capsys, "gameday", "play", code, "--action", "06:30 set inventory ap",
                        "--json", "--db", db)  # fmt: skip
    played = json.loads(played)
    drill = played.pop("recorded")["drill"]
    assert played["difficulty"] == "hard"
    journal_path = tmp_path / "hard.jsonl"
    _run(capsys, "history", "--journal", str(drill), "-o", str(journal_path), "--db", db)
    journal = read_journal(journal_path)
    difficulty = getattr(journal, "difficulty", None) or journal.extra.get("difficulty")
    assert (journal.seed, difficulty) == (8, "hard")
    scenario = load_scenario(journal.scenario)
    engine = Engine(scenario, seed=journal.seed, policy=journal.policy, difficulty=difficulty)
    engine.run(journal.actions)
    assert json.loads(json.dumps(result_json(engine.result(), scenario))) == played


def test_new_needs_a_shipped_scenario(capsys, tmp_path):
    from wargame.paths import scenarios_dir

    text = (
        (scenarios_dir() / "flash-sale.toml")
        .read_text()
        .replace('id = "flash-sale"', 'id = "my-own-sale"', 1)
    )
    assert 'id = "my-own-sale"' in text
    custom = tmp_path / "mine.toml"
    custom.write_text(text)
    code, _, err = _run(capsys, "gameday", "new", str(custom), "--teams", "2",
                        "--db", str(tmp_path / "c.db"))  # fmt: skip
    assert code == 2 and "shipped scenario" in err


def test_play_join_refuses_bad_codes_and_extra_choices(capsys, session, tmp_path):
    db, made = session
    code, _, err = _run(capsys, "play", "--join", "AAAA-AAAA", "--db", db)
    assert code == 2 and "no session has the join code" in err
    code, _, err = _run(capsys, "play", "--join", "x", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no store yet" in err and "Traceback" not in err
    first = _codes(made)[0]
    code, _, err = _run(capsys, "play", "flash-sale", "--join", first, "--db", db)
    assert code == 2 and "drop SCENARIO" in err
