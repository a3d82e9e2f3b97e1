"""A team's path against the responder's: the first departure and what it got right."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.gameday.paths import LATE_S, divergence, got_right
from wargame.model.action import parse_action
from wargame.model.loader import load_scenario

REF = [parse_action(x) for x in ("06:00 set cart ap", "06:00 severity SEV1", "07:00 page data")]


def _acts(*texts: str):
    return [parse_action(x) for x in texts]


def test_each_kind_of_departure():
    assert divergence(REF, REF) is None
    late = divergence(_acts("06:30 set cart ap", "07:01 severity SEV1"), REF)
    assert (late.why, late.t) == ("late", 421.0)
    assert "61 s after the responder" in late.describe()
    target = divergence(_acts("06:00 set payment ap"), REF)
    assert (target.why, target.responder) == ("target", REF[0])
    verb = divergence(_acts("05:50 set cart ap", "06:10 ack all"), REF)
    assert verb.why == "verb" and "where the responder did 'severity SEV1'" in verb.describe()
    missing = divergence(_acts("06:00 set cart ap"), REF)
    assert (missing.why, missing.team, missing.t) == ("missing", None, 360.0)
    assert missing.describe().startswith("made no more decisions")
    extra = divergence([*REF, parse_action("09:00 ack all")], REF)
    assert extra.why == "extra" and "after the responder's last" in extra.describe()
    # injects are not decisions
    assert divergence([parse_action("01:00 inject VP: ETA?"), *REF], REF) is None


def test_got_right_lists_matches_and_model_policies():
    flash = load_scenario("flash-sale")
    team = _acts("05:30 set cart ap", "06:50 severity SEV1", "08:30 page data")
    right = got_right(team, REF, flash)
    assert right[0] == "'set cart ap' at 05:30 (before the responder)"
    assert right[1] == "'severity SEV1' at 06:50 (50 s after the responder)"
    assert not any("page data" in r for r in right)  # 90 s late: not counted
    cart = next(f for f in flash.features if f.id == "cart")
    if cart.model.policy == "ap" != cart.as_built:
        assert f"{cart.name} ended on ap, the model's policy" in right


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=6), st.floats(0, 2 * LATE_S))
def test_a_team_on_the_path_never_diverges_before_it_leaves(picks, delay):
    """Following the responder's first k decisions, on time, puts the departure after them."""
    texts = ["set cart ap", "severity SEV1", "page data", "ack all", "page platform", "ack all"]
    ref = [parse_action(f"{6 + i:02d}:00 {t}") for i, t in enumerate(texts)]
    k = len(picks)
    team = [a.model_copy(update={"t": a.t + delay}) for a in ref[:k]]
    where = divergence(team, ref)
    if delay > LATE_S and k:
        assert where is not None and where.why == "late" and where.team == team[0]
    elif k == len(ref):
        assert where is None
    else:
        assert where is not None and where.why == "missing" and where.responder == ref[k]
