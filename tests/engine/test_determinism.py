"""Same scenario + seed + actions = the same result, byte for byte; journals replay."""

import json

from support.builders import feature, scenario

from wargame.cli import main
from wargame.engine import Engine
from wargame.model.action import parse_action

ACTIONS = ["05:30 set inventory ap", "06:00 status-page Investigating", "06:30 severity SEV1"]


def run_json(capsys, *args: str) -> str:
    assert main(["run", *args, "--json"]) == 0
    return capsys.readouterr().out


def test_same_seed_twice_is_identical(capsys):
    args = ["flash-sale", "--seed", "4", *sum((["--action", a] for a in ACTIONS), [])]
    first, second = run_json(capsys, *args), run_json(capsys, *args)
    assert first == second
    assert json.loads(first)["seed"] == 4


def test_different_seeds_differ(capsys):
    a = json.loads(run_json(capsys, "flash-sale", "--seed", "1"))
    b = json.loads(run_json(capsys, "flash-sale", "--seed", "2"))
    assert a["totals"] != b["totals"]


def test_journal_replay_is_identical(tmp_path, capsys):
    journal = tmp_path / "drill.jsonl"
    args = ["flash-sale", "--seed", "9", *sum((["--action", a] for a in ACTIONS), [])]
    original = run_json(capsys, *args, "--journal-out", str(journal))
    lines = journal.read_text().splitlines()
    assert json.loads(lines[0]) == {
        "journal": 1,
        "scenario": "flash-sale",
        "seed": 9,
        "policy": "as-built",
        "difficulty": "intro",
    }
    assert len(lines) == 1 + len(ACTIONS)
    replayed = run_json(capsys, "--actions", str(journal))
    assert replayed == original


def test_journal_keeps_the_difficulty_and_replays_it(tmp_path, capsys):
    journal = tmp_path / "drill.jsonl"
    args = ["false-alarm", "--seed", "2", "--difficulty", "hard"]
    original = run_json(capsys, *args, "--action", "26:00 diagnose partial us-west")
    main(
        ["run", *args, "--action", "26:00 diagnose partial us-west", "--journal-out", str(journal)]
    )
    capsys.readouterr()
    assert json.loads(journal.read_text().splitlines()[0])["difficulty"] == "hard"
    replayed = run_json(capsys, "--actions", str(journal))
    assert replayed == original
    assert json.loads(replayed)["difficulty"] == "hard"


def test_same_seed_and_difficulty_give_identical_json_and_levels_differ(capsys):
    runs = {}
    for level in ("intro", "standard", "hard"):
        args = ["transatlantic-cut", "--seed", "3", "--difficulty", level]
        first, second = run_json(capsys, *args), run_json(capsys, *args)
        assert first == second
        runs[level] = json.loads(first)
    assert (
        runs["hard"]["series"]["metrics"]["lag_s"] != runs["standard"]["series"]["metrics"]["lag_s"]
    ), "the hard level's lag metric arrives late"
    assert runs["intro"]["totals"] == runs["hard"]["totals"], "difficulty changes what is seen"


def test_stepping_in_small_steps_matches_a_headless_run():
    sc = scenario([feature("post", "feed", "cp"), feature("likes", "counter", "ap")])
    headless = Engine(sc, seed=8)
    headless.run([parse_action("01:40 set post ap")])
    stepped = Engine(sc, seed=8)
    while stepped.now < 100:
        stepped.advance(min(0.7, 100 - stepped.now))
    stepped.apply("set post ap")
    while not stepped.finished:
        stepped.advance(3.3)
    a, b = headless.result(), stepped.result()
    assert a.model_dump_json() == b.model_dump_json()


def test_no_global_random_is_used(monkeypatch):
    import random

    def boom(*_a, **_k):
        raise AssertionError("the global random module was used")

    for name in ("random", "gauss", "randrange", "choices", "expovariate", "seed"):
        monkeypatch.setattr(random, name, boom)
    Engine(
        scenario(
            [
                feature(
                    "x",
                    "inventory",
                    "ap",
                    knobs={"hot_skus": 2, "hot_stock": 5, "hot_fraction": 0.5},
                )
            ]
        )
    ).result()


def test_a_bad_difficulty_in_a_journal_names_its_line(tmp_path, capsys):
    journal = tmp_path / "bad.jsonl"
    journal.write_text(
        '{"journal":1,"scenario":"flash-sale","seed":1,"policy":"as-built","difficulty":"easy"}\n'
    )
    assert main(["run", "--actions", str(journal)]) == 2
    err = capsys.readouterr().err
    assert f"{journal}:1: difficulty" in err and "easy" in err


def test_taking_views_does_not_change_the_run():
    sc = scenario([feature("post", "feed", "cp")], regions=3)
    for level in ("intro", "standard", "hard"):
        quiet = Engine(sc, seed=6, difficulty=level)
        quiet.run([])
        watched = Engine(sc, seed=6, difficulty=level)
        while not watched.finished:
            watched.advance(2.5)
            watched.view()
        assert quiet.result().model_dump_json() == watched.result().model_dump_json()
