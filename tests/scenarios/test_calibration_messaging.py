"""Messaging: delivery semantics under a cut (Part 5), checked on the scenario's DMs.

Chapter: at-least-once delivery retries until the other side has the message,
so without deduplication some messages arrive twice after the heal; with
client-generated ids and receiver-side dedup, none do (user-perceived
exactly-once). At-most-once never duplicates: in its CP form the send fails
and the user retries by hand; fired and forgotten, messages are silently lost.
Delivery and read ticks must never claim what did not happen.

Variants of the scenario's ``send`` feature are built in the test (validated
copies), so the shipped file stays the drill the player sees.
"""

from __future__ import annotations

from calib import run, with_feature

from wargame.engine import Engine
from wargame.model.loader import load_scenario

HEAL_S = 24 * 60


def _send(**changes: object):
    sc = load_scenario("messaging")
    return with_feature(sc, "send", **changes)


def _duplicates_so_far(engine: Engine, feature: str) -> float:
    return sum(acc.get("duplicates", 0) for acc in engine.features[feature].acc.values())


def test_at_least_once_without_dedup_duplicates_after_the_heal() -> None:
    sc = _send(as_built="ap", knobs={"delivery": "at-least-once", "dedup": False})
    e = Engine(sc)
    e.advance(HEAL_S - 10)
    assert _duplicates_so_far(e, "send") == 0, "nothing is duplicated during the cut"
    r = e.result()
    assert r.features["send"].duplicates > 0
    assert r.features["send"].errors == 0 and r.features["send"].lost_writes == 0


def test_at_least_once_with_dedup_shows_no_duplicates() -> None:
    sc = _send(as_built="ap", knobs={"delivery": "at-least-once", "dedup": True})
    r = run(sc)
    assert r.features["send"].duplicates == 0
    assert r.features["send"].lost_writes == 0 and r.features["send"].errors == 0


def test_at_most_once_fails_sends_and_never_duplicates() -> None:
    cp = run(_send(as_built="cp", knobs={"delivery": "at-most-once", "dedup": False}))
    assert cp.features["send"].rejected + cp.features["send"].timed_out > 0, "send failures"
    assert cp.features["send"].duplicates == 0
    fire_and_forget = run(_send(as_built="ap", knobs={"delivery": "at-most-once"}))
    assert fire_and_forget.features["send"].lost_writes > 0, "silently lost"
    assert fire_and_forget.features["send"].duplicates == 0


def test_scenario_as_built_duplicates_and_lies_model_does_neither() -> None:
    as_built = run("messaging", "as-built")
    model = run("messaging", "model")
    assert as_built.features["send"].duplicates > 0
    assert as_built.features["receipts"].false_indicators > 0
    assert model.totals.duplicates == 0
    assert model.totals.false_indicators == 0
    assert model.features["groups"].errors == 0 < as_built.features["groups"].errors
    assert as_built.features["chat-pay"].financial_violations > 0
    assert model.totals.violations == 0
