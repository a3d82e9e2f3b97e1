"""The headless command line: list, run, and clear errors for bad input."""

import json
import subprocess
import sys

from wargame.cli import main

COUNTS = [
    "requests",
    "ok",
    "rejected",
    "stale_reads",
    "pending",
    "duplicates",
    "lost_writes",
    "conflicts",
    "oversold",
    "false_indicators",
    "safety_violations",
    "financial_violations",
    "compliance_violations",
    "revenue",
    "lost_revenue",
    "refunds",
]


def test_list_shows_shipped_scenarios(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "flash-sale" in out and "Flash Sale" in out


def test_run_json_has_the_documented_shape(capsys):
    assert (
        main(
            [
                "run",
                "flash-sale",
                "--policy",
                "model",
                "--json",
                "--action",
                "06:00 failover payment us-west",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    for key in (
        "scenario",
        "seed",
        "policy",
        "duration_s",
        "totals",
        "features",
        "tickets",
        "alerts",
        "timeline",
    ):
        assert key in data
    for name in COUNTS:
        assert name in data["totals"]
        assert name in data["features"]["inventory"]
    assert set(data["tickets"]) >= {"total", "by_symptom"}
    assert all({"t", "rule", "region", "severity"} <= set(a) for a in data["alerts"])
    kinds = {entry["type"] for entry in data["timeline"]}
    assert {"event", "action"} <= kinds


def test_readable_summary(capsys):
    assert main(["run", "flash-sale"]) == 0
    out = capsys.readouterr().out
    assert "Outcomes per feature" in out and "Tickets:" in out


def bad(capsys, *args):
    code = main(list(args))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and err.count("\n") == 1
    return err


def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path):
    err = bad(capsys, "run", "no-such-scenario")
    assert "unknown scenario (known:" in err and "flash-sale" in err
    assert "must start with a time" in bad(capsys, "run", "flash-sale", "--action", "set x ap")
    assert "unknown verb" in bad(capsys, "run", "flash-sale", "--action", "01:00 explode")
    assert "unknown feature 'feed'" in bad(
        capsys, "run", "flash-sale", "--action", "01:00 set feed ap"
    )
    assert "unknown region 'mars'" in bad(
        capsys, "run", "flash-sale", "--action", "01:00 failover inventory mars"
    )
    assert "no such file" in bad(capsys, "run", str(tmp_path / "x.toml"))
    assert "no such file" in bad(capsys, "run", "flash-sale", "--actions", str(tmp_path / "j"))
    journal = tmp_path / "j.jsonl"
    journal.write_text('{"journal": 1, "scenario": "flash-sale", "seed": 1}\n{"t": "soon"}\n')
    assert f"{journal}:2:" in bad(capsys, "run", "--actions", str(journal))
    assert "after the end" in bad(capsys, "run", "flash-sale", "--action", "99:00 severity SEV1")


def test_argparse_errors_exit_2():
    out = subprocess.run(
        [sys.executable, "-m", "wargame", "run", "flash-sale", "--seed", "x"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "invalid seed value" in out.stderr


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "wargame", "list"], capture_output=True, text=True)
    assert out.returncode == 0 and "flash-sale" in out.stdout
