"""Verdicts that agree with what happened: split brain and settings the model needs (issue 11)."""

from __future__ import annotations

from scoring.helpers import play

from wargame.engine import load_scenario
from wargame.respond import respond
from wargame.scoring import compare


def _verdicts(scenario, result):
    return {v.feature: v for v in compare(scenario, result.seed, result).verdicts}


def test_a_split_brained_block_list_is_not_fixed_in_time() -> None:
    sc = load_scenario("transatlantic-cut")
    result = play(sc, ["06:00 set blocks cp-reads", "06:30 failover blocks eu-west"])
    assert any(f == "blocks" and split for _, f, _, split in result.operations.failovers)
    v = _verdicts(sc, result)["blocks"]
    assert v.partition_policy == "cp-reads"  # the policy alone matches the model ...
    assert v.status == "split brain" and not v.matches_model  # ... but two leaders wrote
    assert v.split_brain_at is not None and v.fenced_at is None
    assert "never fenced" in v.lesson


def test_fencing_after_a_split_brain_is_reported() -> None:
    sc = load_scenario("transatlantic-cut")
    result = play(
        sc,
        [
            "06:00 set blocks cp-reads",
            "06:30 failover blocks eu-west",
            "09:00 fence blocks us-east",
        ],
    )
    v = _verdicts(sc, result)["blocks"]
    assert v.status == "split brain"
    assert v.fenced_at is not None and v.fenced_at >= v.split_brain_at
    assert "fenced only at" in v.lesson


def test_doing_nothing_is_not_right_by_design_when_the_model_needs_safe_mode() -> None:
    sc = load_scenario("rate-limiter-backend-shield")
    v = _verdicts(sc, play(sc, []))["api-limit"]
    assert v.model_levers == ["safe-mode api-limit 2 home"]
    assert v.status == "never fixed" and not v.matches_model
    assert "never applied" in v.lesson


def test_the_responder_applies_safe_mode_in_time() -> None:
    sc = load_scenario("rate-limiter-backend-shield")
    result = respond(sc).result
    v = _verdicts(sc, result)["api-limit"]
    assert v.status == "fixed in time" and v.matches_model
    assert v.first_correct_change_s is not None and v.first_correct_change_s <= 300


def test_a_feature_with_nothing_to_change_is_still_right_by_design() -> None:
    sc = load_scenario("flash-sale")
    v = _verdicts(sc, play(sc, []))
    assert v["catalog"].model_levers == []
    assert v["catalog"].status == "right by design" and v["catalog"].matches_model
    assert all(x.split_brain_at is None for x in v.values())


def test_settings_the_model_needs_count_for_news_feed_likes() -> None:
    sc = load_scenario("news-feed")
    v = _verdicts(sc, play(sc, []))["likes"]
    assert v.model_levers == ["resolve likes crdt"]
    assert v.status == "never fixed"
