"""``wargame report`` and ``wargame run --json`` through ``wargame.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scoring.helpers import GOOD_PLAY, MINI

from wargame.cli import main

DATE = "2025-01-31"


def _run(tmp_path: Path, capsys) -> tuple[Path, Path]:
    """Play the mini scenario; save its --json output and its journal."""
    journal = tmp_path / "run.jsonl"
    args = ["run", str(MINI), "--json", "--journal-out", str(journal)]
    for a in GOOD_PLAY:
        args += ["--action", a]
    assert main(args) == 0
    out = tmp_path / "run.json"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    return out, journal


def test_run_json_has_debrief_keys(tmp_path, capsys) -> None:
    out, _ = _run(tmp_path, capsys)
    data = json.loads(out.read_text())
    for key in ("scores", "verdicts", "incident_metrics", "comparison"):
        assert key in data
    runs = [row["run"] for row in data["comparison"]]
    assert runs == ["player", "responder", "model", "as-built", "all-cp", "all-ap"]
    row = data["comparison"][0]
    for col in ("downtime_min", "lost_revenue", "refunds", "oversold", "duplicates", "tickets",
                "violations", "revenue", "trust", "safety", "overall"):  # fmt: skip
        assert col in row


def test_report_from_json_equals_report_from_journal(tmp_path, capsys) -> None:
    out, journal = _run(tmp_path, capsys)
    scenario = ["--scenario", str(MINI), "--date", DATE]
    assert main(["report", str(out), *scenario]) == 0
    from_json = capsys.readouterr().out
    assert main(["report", str(journal), *scenario]) == 0
    from_journal = capsys.readouterr().out
    assert from_json == from_journal
    assert from_json.startswith("# Incident report: Mini Social partition")


def test_report_to_file_is_written_whole(tmp_path, capsys) -> None:
    out, _ = _run(tmp_path, capsys)
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    assert (
        main(["report", str(out), "--scenario", str(MINI), "--date", DATE, "-o", str(target)]) == 0
    )
    assert capsys.readouterr().out == ""
    assert target.read_text().startswith("# Incident report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md", "run.json", "run.jsonl"]


def test_report_json_format(tmp_path, capsys) -> None:
    out, _ = _run(tmp_path, capsys)
    assert (
        main(["report", str(out), "--scenario", str(MINI), "--date", DATE, "--format", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == DATE
    assert len(data["contract"]) == 3
    assert data["debrief"]["scores"]["grade"] in "ABCDF"


def _error(capsys, args: list[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("not json at all", "not JSON"),
        ("[1, 2, 3]", "not a run result"),
        ('{"hello": "world"}', "not a run result"),
        ('{"journal": 1, "scenario": "mini-social", "seed": 1}\n{"t": -4, "verb": "ack"}\n', ":2:"),
        ('{"journal": 7, "scenario": "x", "seed": 1}\n', "unsupported journal version"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, problem) -> None:
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    err = _error(capsys, ["report", str(path), "--scenario", str(MINI)])
    assert str(path) in err and problem in err


def test_unknown_scenario_and_unwritable_output(tmp_path, capsys) -> None:
    out, _ = _run(tmp_path, capsys)
    err = _error(capsys, ["report", str(out)])  # names mini-social, which is not shipped
    assert "mini-social" in err
    missing = tmp_path / "no" / "such" / "dir.md"
    err = _error(capsys, ["report", str(out), "--scenario", str(MINI), "-o", str(missing)])
    assert str(missing) in err
    err = _error(capsys, ["report", str(out), "--scenario", "flash-sale"])
    assert "mini-social" in err and "flash-sale" in err
