"""``wargame balance`` on a scenario file a scenario author has not shipped yet."""

from __future__ import annotations

import json
from pathlib import Path

from wargame.cli import main

SAMPLE = Path(__file__).parents[1] / "engine" / "data" / "sample.toml"


def test_balance_runs_on_a_scenario_file_that_is_not_shipped(tmp_path, capsys):
    path = tmp_path / "my-sale.toml"
    path.write_text(SAMPLE.read_text().replace('id = "flash-sale"', 'id = "my-sale"', 1))
    code = main(["balance", str(path), "--seeds", "1", "--random", "0", "--jobs", "1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 1)  # 1 only if a property fails: the run itself must finish
    assert list(out["scenarios"]) == ["my-sale"]
    rows = {r["strategy"]: r for r in out["scenarios"]["my-sale"]}
    assert {"do nothing", "all-cp", "all-ap", "responder+60s"} <= set(rows)
    assert {f["scenario"] for f in out["properties"]} <= {"my-sale", "*"}
