"""Sessions and join codes: unique, unambiguous, drawn from ``secrets``; join by code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.gameday import JoinError, codes, join, list_sessions, new_session, session
from wargame.gameday.sessions import MAX_TEAMS


def test_code_shape():
    for _ in range(200):
        code = codes.new_code()
        assert len(code) == 9 and code[4] == "-"
        assert set(code.replace("-", "")) <= set(codes.ALPHABET)
    assert not set("0O1IL") & set(codes.ALPHABET)
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET) == 30


def test_codes_come_from_secrets(monkeypatch):
    drawn = []

    def fake_choice(seq):
        drawn.append(seq)
        return seq[0]

    monkeypatch.setattr(codes.secrets, "choice", fake_choice)
    assert codes.new_code() == "AAAA-AAAA"
    assert len(drawn) == codes.LENGTH


@given(st.text(alphabet=codes.ALPHABET, min_size=8, max_size=8), st.booleans(), st.booleans())
def test_normalize_forgives_case_spaces_and_dashes(raw, lower, spaced):
    typed = raw.lower() if lower else raw
    typed = f" {typed[:4]} {typed[4:]} " if spaced else f"{typed[:4]}-{typed[4:]}"
    assert codes.normalize(typed) == f"{raw[:4]}-{raw[4:]}"


@pytest.mark.parametrize("bad", ["", "ABC", "ABCD-EFGH-J", "ABCD-EF0H", "abcd-efgI"])
def test_normalize_refuses(bad):
    with pytest.raises(ValueError):
        codes.normalize(bad)


def test_new_session_and_join(store):
    made = new_session(store, "flash-sale", 4, seed=42, difficulty="hard", name="  Friday  ")
    assert made.name == "Friday" and [n for n, _, _ in made.teams] == [1, 2, 3, 4]
    assert len({c for _, _, c in made.teams}) == 4
    number, name, code = made.teams[2]
    sid, team, scenario, seed, difficulty = join(store, code.lower().replace("-", " "))
    assert (sid, scenario, seed, difficulty) == (made.id, "flash-sale", 42, "hard")
    assert join(store, code).team_name == name == "Team 3"
    info = session(store, made.id)
    assert info["teams"][2]["id"] == team and info["teams"][2]["state"] == "not started"


def test_join_errors(store):
    new_session(store, "flash-sale", 1, seed=1)
    with pytest.raises(JoinError, match="no session"):
        join(store, "AAAA-AAAA")
    with pytest.raises(JoinError, match="8 characters"):
        join(store, "AAA")


def test_codes_unique_across_sessions(store):
    seen = set()
    for _ in range(4):
        seen |= {c for _, _, c in new_session(store, "flash-sale", MAX_TEAMS, seed=1).teams}
    assert len(seen) == 4 * MAX_TEAMS
    assert [s["teams"] for s in list_sessions(store)] == [MAX_TEAMS] * 4


def test_fresh_seed_when_none_given(store):
    seeds = {new_session(store, "flash-sale", 1).seed for _ in range(5)}
    assert len(seeds) > 1  # drawn, not a constant


@pytest.mark.parametrize(
    "kwargs",
    [
        {"teams": 0},
        {"teams": MAX_TEAMS + 1},
        {"difficulty": "easy"},
        {"name": "x" * 81},
        {"name": "   "},
        {"name": "bell\x07"},
    ],  # fmt: skip
)
def test_new_session_refuses(store, kwargs):
    args = {"teams": 2} | kwargs
    with pytest.raises(ValueError):
        new_session(store, "flash-sale", **args)
    assert list_sessions(store) == []


def test_join_code_opens_the_store(tmp_path, monkeypatch):
    from wargame.gameday import join_code
    from wargame.store import Store

    db = tmp_path / "j.db"
    with pytest.raises(JoinError, match="no store yet"):
        join_code("AAAA-AAAA", str(db))
    assert not db.exists()
    with Store(db) as store:
        made = new_session(store, "messaging", 2, seed=11)
    joined = join_code(made.teams[1][2].lower(), str(db))
    assert tuple(joined) == (made.id, joined.team, "messaging", 11, "standard")
    monkeypatch.setenv("WARGAME_DB", str(db))
    assert join_code(made.teams[0][2]).team_name == "Team 1"
