"""The audit's own scenarios (``tools/audit_scenarios``, played by ``make audit``) stay valid
as the format moves, so the outside audit keeps running."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.model.loader import load_path

AUDIT = sorted((Path(__file__).parents[2] / "tools" / "audit_scenarios").glob("*.toml"))


def test_there_are_audit_scenarios() -> None:
    assert len(AUDIT) >= 6


@pytest.mark.parametrize("path", AUDIT, ids=[p.stem for p in AUDIT])
def test_an_audit_scenario_loads(path: Path) -> None:
    sc = load_path(path)
    assert sc.id == path.stem
