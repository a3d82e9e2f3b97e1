"""The balance properties on hand-made tables (no runs): what each check reads."""

from __future__ import annotations

from wargame.balance import check
from wargame.balance.harness import Outcome, Row, ScenarioTable
from wargame.balance.strategies import catalogue
from wargame.model.loader import load_scenario


def _table(scores: dict[str, float]) -> ScenarioTable:
    sc = load_scenario("bank-transfer")
    rows = {}
    for strategy in catalogue(sc, 0):
        overall = scores.get(strategy.name, 10.0)
        outcome = Outcome(strategy.name, 1, overall, "F", 0, 0, 300.0, [(360.0, "set")])
        rows[strategy.name] = Row(strategy, [outcome])
    return ScenarioTable(sc, rows)


def _sooner(scores: dict[str, float]):
    found = [f for f in check([_table(scores)]) if f.prop == "B2+"]
    assert len(found) == 1 and found[0].advisory
    return found[0]


def test_acting_sooner_than_the_reference_must_not_cost_much_more() -> None:
    fine = _sooner({"responder@page": 93.0, "responder+60s": 100.0})
    assert fine.ok
    harmful = _sooner({"responder@page": 36.3, "responder+60s": 99.2})
    assert not harmful.ok and "36.3" in harmful.detail
