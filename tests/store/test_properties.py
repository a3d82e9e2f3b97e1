"""Any sequence of valid actions goes into the store and comes back unchanged, in order."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.model.action import ARITY, Action
from wargame.model.scenario import MAX_DURATION_S
from wargame.store import Store

_word = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=30,
)


@st.composite
def actions(draw) -> Action:
    verb = draw(st.sampled_from(sorted(ARITY)))
    low, high = ARITY[verb]
    args = draw(st.lists(_word, min_size=low, max_size=min(high, low + 3)))
    t = draw(st.floats(min_value=0, max_value=MAX_DURATION_S, allow_nan=False))
    return Action(t=t, verb=verb, args=tuple(args))


@settings(max_examples=60, deadline=None)
@given(st.lists(actions(), max_size=15), st.integers(min_value=0, max_value=2**31))
def test_actions_round_trip(sequence, seed):
    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "p.db") as store:
            drill = store.start_drill("flash-sale", seed, "standard")
            for action in sequence:
                store.record_action(drill, action)
        with Store(Path(folder) / "p.db") as store:  # reopened: nothing lived only in memory
            assert store.journal(drill) == sequence
            assert store.actions(drill) == [a for a in sequence if a.verb != "inject"]
            assert store.drill(drill)["seed"] == seed
