"""``wargame bench --branch``: the rewind and branch figures per scenario (shape only:
speed is measured by the command, not asserted by a test)."""

from __future__ import annotations

import json

from wargame.cli import main


def test_bench_branch_json_has_every_figure(capsys) -> None:
    assert main(["bench", "--branch", "--repeat", "1", "--scenario", "price-cache", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["scenario"] for r in rows] == ["price-cache"]
    row = rows[0]
    assert set(row) == {"scenario", "at_s", "actions", "rewind_ms", "none_ms", "respond_ms",
                        "scored_ms"}  # fmt: skip
    assert row["actions"] > 0 and 0 < row["at_s"] < 2400
    assert all(isinstance(row[k], int) and row[k] >= 0 for k in row if k.endswith("_ms"))


def test_bench_branch_table(capsys) -> None:
    assert main(["bench", "--branch", "--repeat", "1", "--scenario", "price-cache"]) == 0
    out = capsys.readouterr().out
    assert "Rewind and branch" in out and "price-cache" in out
