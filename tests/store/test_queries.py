"""History and leaderboard queries: order, ties, filters, unfinished drills."""

from __future__ import annotations

from wargame.model.action import parse_action
from wargame.store import queries


def _drill(store, overall, seed=1, scenario="flash-sale", grade="B", finish=True):
    drill = store.start_drill(scenario, seed, "standard")
    store.record_action(drill, parse_action("06:00 severity SEV2"))
    if finish:
        store.finish_drill(drill, {"grade": grade, "overall": overall, "axes": {"trust": 1.5}})
    return drill


def test_leaderboard_ties_share_a_rank(store):
    a = _drill(store, 80.0)
    b = _drill(store, 90.0)
    c = _drill(store, 80.0)
    _drill(store, 99.0, finish=False)  # unfinished: not ranked
    (board,) = queries.leaderboard(store)
    assert [(e["id"], e["rank"]) for e in board["entries"]] == [(b, 1), (a, 2), (c, 2)]


def test_boards_per_seed_and_scenario(store):
    _drill(store, 50.0, seed=1)
    _drill(store, 60.0, seed=2)
    _drill(store, 70.0, scenario="messaging")
    boards = queries.leaderboard(store)
    assert [(b["scenario"], b["seed"]) for b in boards] == [
        ("flash-sale", 1),
        ("flash-sale", 2),
        ("messaging", 1),
    ]
    assert len(queries.leaderboard(store, seed=2)) == 1


def test_history_lists_unfinished_and_bests_skip_them(store):
    done = _drill(store, 40.0, grade="F")
    running = _drill(store, 0, finish=False)
    listed = queries.drills(store)
    assert [d["id"] for d in listed] == [running, done]
    assert listed[0]["status"] == "unfinished" and listed[0]["grade"] is None
    (best,) = queries.bests(store)
    assert (best["id"], best["drills"], best["scores"]) == (done, 1, {"trust": 1.5})
    assert queries.drills(store, scenario="messaging") == []
    assert len(queries.drills(store, limit=1)) == 1
