"""The balance harness on every shipped scenario: properties B1-B5 (few seeds, few randoms).

``make balance`` runs the same with more seeds. A property that does not hold yet on a
shipped scenario is listed in ``KNOWN_FAILING`` with the reason, as a strict expected
failure: once tuning fixes it, the test fails until the entry is removed.
"""

from __future__ import annotations

from functools import cache

import pytest

from wargame.balance import Finding, check, run_balance
from wargame.balance.properties import partial
from wargame.balance.strategies import catalogue, play
from wargame.model.action import ARITY
from wargame.model.loader import list_scenarios, load_scenario

SHIPPED = [s.id for s in list_scenarios()]
SEEDS = 2
RANDOM = 2
PROPS = ("B1", "B2", "B4", "B5")

KNOWN_FAILING: dict[tuple[str, str], str] = {}
"""(property, scenario) -> why it does not hold yet (measured with 10 seeds; reported in
the closing note, not hidden). B5 entries are not strict: with the test's two seeds the
span may stay under the limit."""


@cache
def findings() -> tuple[Finding, ...]:
    return tuple(check(run_balance(SHIPPED, SEEDS, jobs=2, random_count=RANDOM)))


def _cases() -> list:
    out = []
    for prop in PROPS:
        for sid in SHIPPED:
            why = KNOWN_FAILING.get((prop, sid))
            marks = [pytest.mark.xfail(reason=why, strict=prop != "B5")] if why else []
            out.append(pytest.param(prop, sid, marks=marks, id=f"{prop}-{sid}"))
    why = KNOWN_FAILING.get(("B3", "*"))
    marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
    out.append(pytest.param("B3", "*", marks=marks, id="B3-all"))
    return out


@pytest.mark.parametrize(("prop", "scenario_id"), _cases())
def test_balance_property(prop: str, scenario_id: str) -> None:
    mine = [f for f in findings() if f.prop == prop and f.scenario == scenario_id]
    if prop == "B4" and not partial(load_scenario(scenario_id)):
        assert not mine, "B4 applies to partial, one-way and split-topology partitions only"
        return
    assert mine, f"{prop} was not checked on {scenario_id}"
    failed = [f.detail for f in mine if not f.ok and not f.advisory]
    assert not failed, failed


def test_catalogue_has_every_family_and_players_only_act_after_the_page() -> None:
    sc = load_scenario("transatlantic-cut")
    names = [s.name for s in catalogue(sc, 3)]
    for expected in ("do nothing", "all-cp", "all-ap", "blanket cp@page", "blanket ap@page",
                     "responder@page", "responder+60s", "responder+5min",
                     "responder+failover cp->eu-west", "failover cp->eu-west@page+60s",
                     "random #3"):  # fmt: skip
        assert expected in names
    for strategy in catalogue(sc, 3):
        if strategy.kind in ("at-page", "random", "responder"):
            played = play(sc, 1, strategy)
            page = played.result.page_t
            assert all(a.t >= page and a.verb in ARITY for a in played.actions), strategy.name


def test_catalogue_and_tables_are_deterministic() -> None:
    a = run_balance(["price-cache"], 1, jobs=1, random_count=2)
    b = run_balance(["price-cache"], 1, jobs=2, random_count=2)
    assert [(n, r.scores) for n, r in a[0].rows.items()] == [
        (n, r.scores) for n, r in b[0].rows.items()
    ]
