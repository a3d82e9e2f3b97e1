"""Lessons fire on the teams' differences, with evidence naming who did what."""

from __future__ import annotations

from wargame.gameday.lessons import TeamPlay, choose
from wargame.model.loader import load_scenario


def _play(name, overall=70.0, **kw) -> TeamPlay:
    scenario = load_scenario("flash-sale")
    base = dict(
        name=name,
        grade="C",
        overall=overall,
        capped=False,
        final={f.id: f.as_built for f in scenario.features},
        changes=[],
        failovers=[],
        first_status=None,
        first_diagnosis=None,
        first_action=None,
    )
    base.update(kw)
    return TeamPlay(**base)


def test_identical_teams_get_no_contrast():
    scenario = load_scenario("flash-sale")
    lessons = choose(scenario, [_play("A", first_action=400.0), _play("B", first_action=400.0)])
    titles = [x.title for x in lessons]
    assert "Each feature gets its own answer" not in titles
    assert "A failover is not free during a split" not in titles


def test_differences_pick_their_lessons():
    scenario = load_scenario("flash-sale")
    a_final = {f.id: f.as_built for f in scenario.features} | {"inventory": "ap"}
    a = _play(
        "Blue",
        final=a_final,
        changes=[(390.0, "inventory", "ap")],
        first_status=420.0,
        first_diagnosis=(360.0, "split us-east us-west"),
        first_action=360.0,
    )
    b = _play(
        "Red",
        failovers=[(480.0, "payment", "us-west")],
        first_action=900.0,
        capped=True,
        grade="D",
    )
    lessons = {x.title: x for x in choose(scenario, [a, b])}
    feature = lessons["Each feature gets its own answer"]
    assert feature.evidence == ["inventory (the model: ap): Blue ap, Red cp"]
    assert (
        "Red changed no policy"
        in lessons["The as-built behaviour is a choice nobody made"].evidence
    )
    assert (
        "Red: payment to us-west at 08:00"
        in lessons["A failover is not free during a split"].evidence
    )
    assert "Red: first status-page post never" in lessons["Say something early"].evidence
    assert (
        "Blue: split us-east us-west at 06:00"
        in lessons["Name the fault before you fight it"].evidence
    )
    assert lessons["Some mistakes cannot be bought back"].evidence == [
        "Red: D (score limited by a violation)"
    ]
    assert "The first minutes set the bill" in lessons
    assert "CP hurts now, AP hurts later" in lessons
