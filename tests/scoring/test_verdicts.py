"""Per-feature verdicts and the one-line verdict, on the mini scenario."""

from __future__ import annotations

import pytest
from scoring.helpers import play

from wargame.scoring import compare
from wargame.scoring.verdicts import IN_TIME_S


def _verdicts(mini, actions, policy="as-built"):
    d = compare(mini, mini.seed, play(mini, actions, policy=policy))
    return d, {v.feature: v for v in d.verdicts}


def test_doing_nothing_leaves_every_accident_in_place(mini) -> None:
    d, v = _verdicts(mini, [])
    for fid in ("posts", "blocks", "shop"):
        assert v[fid].status == "never fixed"
        assert v[fid].origin == "by accident"
        assert v[fid].first_correct_change_s is None
    assert v["blocks"].behaved == "AP" and v["posts"].behaved == "CP"
    assert v["blocks"].cost.safety > 0
    # the violation leads the verdict: the block list was treated like an AP feature
    assert d.scores.verdict.startswith("L5: treated the block list like the ")


def test_fix_times_are_counted_from_the_cut(mini) -> None:
    start = 120.0  # the partition starts at 02:00
    _, v = _verdicts(mini, ["02:30 set posts ap", "02:30 set blocks cp", "07:30 set shop ap"])
    assert v["posts"].status == "fixed in time"
    assert v["posts"].first_correct_change_s == pytest.approx(150 - start)
    assert v["shop"].first_correct_change_s == pytest.approx(450 - start)
    assert v["shop"].first_correct_change_s > IN_TIME_S
    assert v["shop"].status == "fixed late"
    assert v["posts"].origin == "by your change"
    # the rollout shows as one change to ap after the starting cp
    assert [c.policy for c in v["posts"].timeline] == ["cp", "ap"]
    assert sorted(v["posts"].timeline[1].regions) == ["east", "west"]


def test_the_model_run_is_right_by_design(mini) -> None:
    d, v = _verdicts(mini, [], policy="model")
    assert all(x.status == "right by design" and x.matches_model for x in v.values())
    assert all(x.origin == "by design" for x in v.values())
    assert d.scores.verdict.startswith("L6")
    assert all(x.points_lost == 0 for x in v.values())


def test_one_policy_everywhere_is_called_out(mini) -> None:
    d, _ = _verdicts(mini, [], policy="all-cp")
    assert "one policy for the whole product" in d.scores.verdict


def test_breaking_a_right_feature_is_made_wrong(mini) -> None:
    _, v = _verdicts(mini, ["02:10 set blocks ap"], policy="model")
    assert v["blocks"].status == "made wrong"
    assert v["blocks"].origin == "by your change"
    assert v["blocks"].points_lost > 0


def test_model_why_and_lesson_are_shown(mini) -> None:
    _, v = _verdicts(mini, [])
    assert v["blocks"].model_why.startswith("A block must hold everywhere")
    assert "cp" in v["blocks"].lesson and v["blocks"].lesson.endswith(".")
