"""Every shipped scenario's results stay byte-identical (the golden hashes).

The engine is optimized for speed in small steps; each must leave every run's result
exactly as it was. ``tests/engine/data/golden.json`` holds the hashes of the as-built
run, the responder's run and the responder's journal on every shipped scenario and three
seeds (see ``tests/support/golden.py``, which also regenerates the file for an intended
change of the results).
"""

import json

from support.golden import GOLDEN, SEEDS, compare, engine_hashes

from wargame.engine import Engine
from wargame.model.loader import load_scenario, shipped
from wargame.respond import respond


def test_every_shipped_run_matches_its_golden_hash():
    expected = json.loads(GOLDEN.read_text())
    assert len(expected) == 3 * len(SEEDS) * len(shipped()), "a shipped scenario has no hash"
    actual = engine_hashes()
    bad = compare(expected, actual)
    assert not bad, (
        f"results changed for {bad}; if the change is intended, regenerate with "
        "'.venv/bin/python tests/support/golden.py --update' and say why in the commit"
    )


def test_the_responders_journal_replays_to_the_same_result():
    scenario = load_scenario("transatlantic-cut")
    response = respond(scenario, SEEDS[0])
    replay = Engine(scenario, seed=SEEDS[0])
    replay.run(response.actions)
    assert replay.result().model_dump_json() == response.result.model_dump_json()
