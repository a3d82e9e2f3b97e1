"""The moment to act: when the console supported each change, and what waiting cost."""

from __future__ import annotations

from scoring.helpers import GOOD_PLAY, mini_scenario, play

from wargame.engine import Engine
from wargame.judge import moments_to_act
from wargame.model.action import Action
from wargame.scoring import compare, report_markdown
from wargame.scoring.debrief import Scorer
from wargame.scoring.runs import counterfactuals

MINI = mini_scenario()
REFS = counterfactuals(MINI, MINI.seed)


def test_one_moment_per_feature_the_model_changes() -> None:
    moments = moments_to_act(MINI, play(MINI, []), REFS)
    assert [m.feature for m in moments] == ["posts", "blocks", "shop"]
    acted = REFS.runs["responder"].actions
    first = min(a.t for a in acted if a.verb == "set")
    for m in moments:
        assert m.signals_at == first  # the responder applies the whole model at once
        assert m.visible  # it acts only once several alerts agree
        assert all(" in " in line for line in m.visible)
        assert m.player_at is None and m.delay_s is None


def test_never_acting_costs_what_the_replay_measures() -> None:
    result = play(MINI, [])
    m = {x.feature: x for x in moments_to_act(MINI, result, REFS)}["posts"]
    assert m.measured and m.cost_user_minutes > 0
    # the same replay, by hand: the player's run with 'set posts ap' at the responder's moment
    e = Engine(MINI)
    e.run([Action(t=m.signals_at, verb="set", args=["posts", "ap"])])
    on_time = e.result()
    scorer = Scorer(MINI, REFS)
    mine, theirs = scorer.costs_of(result), scorer.costs_of(on_time)
    assert m.cost_user_minutes == round(mine.total("trust") - theirs.total("trust"), 2)
    assert m.cost_money == round(mine.total("revenue") - theirs.total("revenue"), 2)
    assert "you never made the change" in m.text and "Waiting cost" in m.text


def test_acting_with_the_responder_costs_nothing() -> None:
    responder = REFS.runs["responder"]
    moments = moments_to_act(MINI, responder, REFS)
    for m in moments:
        assert m.delay_s == 0 and not m.measured
        assert (m.cost_money, m.cost_user_minutes, m.cost_violations) == (0, 0, 0)
        assert "no later" in m.text


def test_a_late_change_reports_its_delay() -> None:
    result = play(MINI, GOOD_PLAY)
    shop = {x.feature: x for x in moments_to_act(MINI, result, REFS)}["shop"]
    assert shop.player_at == 390.0
    assert shop.delay_s == 390.0 - shop.signals_at > 0
    assert shop.measured


def test_the_report_carries_the_moments() -> None:
    result = play(MINI, GOOD_PLAY)
    debrief = compare(MINI, result.seed, result, REFS)
    text = report_markdown(
        debrief, result, MINI, date="2026-01-01", moments=moments_to_act(MINI, result, REFS)
    )
    assert "## The moment to act" in text
    assert "| Shop checkout | set shop ap |" in text
    assert "## The moment to act" not in report_markdown(debrief, result, MINI, date="x")


def test_a_wait_that_saved_money_is_not_called_a_negative_cost() -> None:
    from wargame.judge.models import MomentToAct
    from wargame.judge.moment import _waiting

    def moment(money: float, minutes: float, violations: int) -> MomentToAct:
        return MomentToAct(
            feature="f", name="F", change=["set f cp"], signals_at=60.0, visible=[],
            player_at=120.0, delay_s=60.0, measured=True, cost_money=money,
            cost_user_minutes=minutes, cost_violations=violations, text="",
        )  # fmt: skip

    assert _waiting(moment(1600, 30, 1), "USD") == (
        "Waiting cost $1,600, 30 user-minutes and 1 violation(s)"
    )
    mixed = _waiting(moment(-1600, 30, 0), "USD")
    assert "$-" not in mixed and " -" not in mixed and "$1,600 less revenue lost" in mixed
    assert "30 more user-minutes" in mixed
