"""The ``inject`` journal verb: a received message, replayed as a timeline note and never scored."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine import Engine
from wargame.model.action import (
    ActionError,
    check_action,
    inject_parts,
    make_inject,
    parse_action,
)
from wargame.model.journal import check_action_data, header, read_journal, write_journal
from wargame.model.loader import load_scenario as load_shipped


@pytest.fixture(scope="module")
def flash():
    return load_shipped("flash-sale")


def test_parse_with_and_without_a_source():
    a = parse_action("05:10 inject VP Engineering:  we need   an ETA")
    assert (a.t, a.verb, a.args) == (310.0, "inject", ("VP Engineering:", "we need an ETA"))
    assert inject_parts(a) == ("VP Engineering", "we need an ETA")
    assert parse_action(str(a)) == a  # the journal's text form round-trips
    b = parse_action("05:10 inject Legal asks About the EU data")
    assert b.args == ("Legal asks About the EU data",)  # case kept: free text
    assert inject_parts(b) == ("", "Legal asks About the EU data")
    long_source = "x" * 41 + ": hello"
    assert parse_action("00:01 inject " + long_source).args == (long_source,)
    with pytest.raises(ActionError, match="usage: inject"):
        parse_action("00:01 inject")


def test_make_inject_checks_its_text(flash):
    assert make_inject(12.0, "hi", "Sales").args == ("Sales:", "hi")
    for text, source in (("", "x"), ("bad\x07bell", ""), ("x" * 2001, ""), ("ok", "a:b")):
        with pytest.raises(ActionError):
            make_inject(1.0, text, source)
    with pytest.raises(ActionError, match="after the end"):
        check_action(make_inject(flash.duration + 1, "late"), flash)
    with pytest.raises(ActionError, match="colon"):
        check_action(check_action_data({"t": 1, "verb": "inject", "args": ["a", "b"]}), flash)


def _dump(result) -> dict:
    return result.model_dump(mode="json")


def test_an_inject_is_a_note_not_a_decision(flash):
    """Before the page too; the run is the same run apart from the note on its timeline."""
    act = parse_action("06:30 set cart ap")
    plain = Engine(flash, seed=5)
    plain.run([act])
    told = Engine(flash, seed=5)
    inj = parse_action("00:05 inject Legal: what about the EU data?")
    told.run([inj, act])
    a, b = _dump(plain.result()), _dump(told.result())
    before = a.pop("timeline")
    notes = [e for e in b.pop("timeline") if e not in before]
    assert notes == [{"t": 5.0, "type": "inject", "text": "Legal: what about the EU data?"}]
    assert a == b  # actions, outcomes, samples, alerts: byte for byte
    assert told.injects == [inj] and told.actions == [act]


def test_a_journal_with_injects_replays(flash, tmp_path):
    path = tmp_path / "j.jsonl"
    actions = [parse_action("04:00 inject Sales: any ETA?"), parse_action("06:30 set cart ap")]
    write_journal(path, header("flash-sale", 5), actions)
    assert json.loads(path.read_text().splitlines()[1])["verb"] == "inject"
    journal = read_journal(path)
    assert journal.actions == actions
    engine = Engine(flash, seed=journal.seed)
    engine.run(journal.actions)
    assert [e.text for e in engine.result().timeline if e.t == 240.0] == ["Sales: any ETA?"]


@settings(max_examples=25, deadline=None)
@given(
    st.floats(min_value=0, max_value=900, allow_nan=False),
    st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=60),
)
def test_any_inject_leaves_the_outcome_alone(t, text):
    flash = load_shipped("flash-sale")
    try:
        inj = make_inject(t, text)
    except ActionError:
        return  # only blanks: refused, nothing to replay
    plain, told = Engine(flash, seed=2), Engine(flash, seed=2)
    plain.run()
    told.run([inj])
    a, b = _dump(plain.result()), _dump(told.result())
    a.pop("timeline"), b.pop("timeline")
    assert a == b
