"""``wargame run`` without ``--json`` ends with the grade, the same one ``--json`` states."""

from __future__ import annotations

import json

from wargame.cli import main


def test_run_prints_the_grade_line_matching_json(capsys) -> None:
    assert main(["run", "flash-sale", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)["scores"]
    assert main(["run", "flash-sale"]) == 0
    out = capsys.readouterr().out
    assert f"Grade {scores['grade']}: {scores['overall']:g}/100" in out
    assert f"trust {scores['trust']['score']:g}" in out
