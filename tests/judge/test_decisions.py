"""Every decision judged: good, questionable or bad, and what was never done."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from scoring.helpers import GOOD_PLAY, mini_scenario, play

from wargame.engine import load_scenario
from wargame.judge import judge_decisions, tally
from wargame.scoring import compare, report_markdown
from wargame.scoring.runs import counterfactuals

MINI = mini_scenario()
MINI_REFS = counterfactuals(MINI, MINI.seed)
EXTRA = [
    "02:15 diagnose congestion east west",
    "02:25 diagnose split east west",
    "02:35 shed west 20",
    "02:45 page security",
    "02:45 page platform",
    "04:00 status-page All systems operational",
    "04:10 resolve posts merge",
    "04:20 fence blocks west",
    "05:00 severity SEV3",
]


def judged(scenario, actions, refs=None, policy="as-built"):
    result = play(scenario, actions, policy=policy)
    debrief = compare(scenario, result.seed, result, refs)
    return result, judge_decisions(result, scenario, debrief)


def by_action(judgments):
    return {(j.t, j.action): j for j in judgments if not j.omission}


@settings(max_examples=10, deadline=None)
@given(st.lists(st.sampled_from(GOOD_PLAY + EXTRA), unique=True, max_size=10))
def test_every_action_gets_one_judgment(actions) -> None:
    result, judgments = judged(MINI, sorted(actions, key=lambda a: a[:5]), MINI_REFS)
    own = [j for j in judgments if not j.omission]
    assert [(j.t, j.action) for j in own] == [(a.t, a.describe()) for a in result.actions]
    assert all(j.text and j.text.endswith((".", ")")) for j in judgments)
    assert all(j.t is None and not j.action for j in judgments if j.omission)
    assert sum(tally(judgments).values()) == len(judgments)


def test_the_good_play_is_judged_good_but_the_late_shop() -> None:
    _, judgments = judged(MINI, GOOD_PLAY, MINI_REFS)
    marks = {a: j.mark for (_, a), j in by_action(judgments).items()}
    assert marks.pop("set shop ap") == "questionable"  # the verdict says fixed late
    assert set(marks.values()) == {"good"}


def test_mistakes_are_judged_bad_or_questionable() -> None:
    _, judgments = judged(MINI, GOOD_PLAY + EXTRA, MINI_REFS)
    j = {a: x for (_, a), x in by_action(judgments).items()}
    assert j["diagnose congestion east west"].mark == "bad"
    assert j["diagnose split east west"].mark == "good"
    assert j["shed west 20"].mark == "questionable"
    assert j["page security"].mark == "bad"  # nothing called for it in this run
    assert j["status-page All systems operational"].mark == "bad"
    assert "Misleading" in j["status-page All systems operational"].text
    assert j["resolve posts merge"].mark == "questionable"  # the model keeps lww
    assert j["severity SEV3"].mark == "bad"  # two levels below the SEV1 warranted
    repeated = [x for x in judgments if x.action == "page platform"]
    assert [x.mark for x in repeated] == ["good", "questionable"]


def test_doing_nothing_is_judged_by_what_was_missing() -> None:
    _, judgments = judged(MINI, [], MINI_REFS)
    assert all(j.omission for j in judgments)
    topics = {j.topic for j in judgments if j.mark == "bad"}
    assert {"severity", "paging", "status page", "acknowledging", "policy"} <= topics
    never = [j.text for j in judgments if j.topic == "paging"]
    assert any("platform" in text for text in never)


def test_split_brain_failover_and_the_fence_after_it() -> None:
    sc = load_scenario("transatlantic-cut")
    plays = ["06:00 set blocks cp-reads", "06:30 failover blocks eu-west"]
    _, judgments = judged(sc, plays)
    j = by_action(judgments)
    assert j[(390.0, "failover blocks eu-west")].mark == "bad"
    assert "Split brain" in j[(390.0, "failover blocks eu-west")].text
    assert any(x.omission and x.topic == "fence" for x in judgments)
    _, judgments = judged(sc, [*plays, "09:00 fence blocks us-east"])
    j = by_action(judgments)
    assert j[(540.0, "fence blocks us-east")].mark == "good"
    assert not any(x.omission and x.topic == "fence" for x in judgments)


def test_fencing_the_leader_a_failover_made_undoes_the_split_brain() -> None:
    sc = load_scenario("transatlantic-cut")
    plays = ["06:00 set blocks cp-reads", "06:30 failover blocks eu-west"]
    _, judgments = judged(sc, [*plays, "09:00 fence blocks eu-west"])
    j = by_action(judgments)[(540.0, "fence blocks eu-west")]
    assert j.mark == "good" and "old leader leads alone again" in j.text
    assert not any(x.omission and x.topic == "fence" for x in judgments)


def test_fencing_the_only_leader_is_bad() -> None:
    sc = load_scenario("transatlantic-cut")
    _, judgments = judged(sc, ["06:00 fence blocks us-east"])
    assert by_action(judgments)[(360.0, "fence blocks us-east")].mark == "bad"


def test_safe_mode_is_judged_against_the_model() -> None:
    sc = load_scenario("rate-limiter-backend-shield")
    result = play(sc, [])
    page = result.page_t
    on = f"{int(page // 60 + 1):02d}:00"
    off = f"{int(page // 60 + 3):02d}:00"
    actions = [f"{on} safe-mode api-limit 2 home", f"{off} safe-mode api-limit off"]
    _, judgments = judged(sc, actions)
    marks = [j.mark for j in judgments if j.topic == "safe mode"]
    assert marks == ["good", "bad"]


def test_an_honest_post_before_anything_happened_is_questionable() -> None:
    control = MINI.control.model_copy(update={"page_at": 0})
    early = MINI.model_copy(update={"control": control})
    _, judgments = judged(early, ["00:30 status-page We are looking into reports of errors"])
    assert by_action(judgments)[
        (30.0, "status-page We are looking into reports of errors")
    ].mark == ("questionable")


def test_the_report_carries_the_judgments() -> None:
    result = play(MINI, GOOD_PLAY + EXTRA)
    debrief = compare(MINI, result.seed, result, MINI_REFS)
    text = report_markdown(debrief, result, MINI, date="2026-01-01")
    assert "## Every decision judged" in text
    assert "| 04:00 | status-page All systems operational | BAD | Misleading" in text


def test_the_rules_text_explains_the_judgments() -> None:
    from wargame.scoring import rules_text
    from wargame.scoring.narrative import STATUS_PAGE_S

    text = " ".join(rules_text().split())
    assert "## Every decision judged (reported, not scored)" in rules_text()
    assert f"more than {STATUS_PAGE_S / 60:g} minutes into the trouble" in text
    assert "**The moment to act**" in text


def test_failover_all_cp_is_judged_per_feature_it_moved() -> None:
    _, judgments = judged(MINI, ["02:30 failover all-cp west"], MINI_REFS)
    moved = [j for j in judgments if j.action == "failover all-cp west"]
    assert moved and all(j.feature for j in moved)
    assert len({j.feature for j in moved}) == len(moved)
    control = MINI.control.model_copy(update={"page_at": 0})
    early = MINI.model_copy(update={"control": control})
    _, judgments = judged(early, ["00:30 set posts ap", "00:30 set blocks ap", "00:30 set shop ap",
                                  "01:00 failover all-cp west"])  # fmt: skip
    none = [j for j in judgments if j.action == "failover all-cp west"]
    assert [j.mark for j in none] == ["questionable"] and "No CP feature" in none[0].text


def test_queued_money_without_a_hold_is_judged_bad() -> None:
    bank = load_scenario("bank-transfer")
    _, judgments = judged(bank, ["06:00 set transfers queued", "06:00 set transfers cp"])
    j = {a: x for (_, a), x in by_action(judgments).items()}
    assert j["set transfers queued"].mark == "bad"
    assert "AP with a delay" in j["set transfers queued"].text
    assert j["set transfers cp"].mark != "bad"
    # a held charge (the card pattern) queued is the e-commerce model's own choice
    shop = load_scenario("flash-sale")
    pay = next(f for f in shop.features if f.kind == "payment")
    assert pay.knobs.authorize_hold and pay.model.policy == "queued"
    _, judgments = judged(shop, [f"06:00 set {pay.id} queued"])
    assert all(x.mark != "bad" for x in judgments if x.action == f"set {pay.id} queued")
