"""A live estimate of a team's score: its recorded actions so far, replayed headless.

The facilitator sees, for each team still playing, the score its drill would get
if the team did nothing more from now on: the engine replays the session's
seed with the team's recorded actions (and injects) and runs to the end, and
scoring grades that run. Only what the team did enters; nothing the team could
not have done. The counterfactual runs scoring compares with depend on the
scenario and seed alone, so one set serves every team; estimates are cached by
(drill, number of recorded rows), and the whole thing runs off the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from wargame.engine import Engine
from wargame.model.action import Action, ActionError
from wargame.model.scenario import Scenario
from wargame.store.scores import summary_from_json


class Estimator:
    """Estimates for the teams of one session (scenario, seed and difficulty shared)."""

    def __init__(self, scenario: Scenario, seed: int, difficulty: str) -> None:
        self.scenario, self.seed, self.difficulty = scenario, seed, difficulty
        self._refs = None
        self._cache: dict[tuple[int, int], dict] = {}
        self._lock = threading.Lock()

    def cached(self, drill: int, rows: int) -> dict | None:
        """The estimate already made for this drill with this many recorded rows."""
        return self._cache.get((drill, rows))

    def estimate(self, drill: int, journal: Sequence[Action]) -> dict:
        """The store's summary (grade, overall, axes) of the drill if nothing more is done.

        ``journal`` is what the store holds for the drill (actions and injects, in
        order). An action the engine refuses (a file edited by hand) ends the replay
        there; the summary then says ``"error"``.
        """
        key = (drill, len(journal))
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        from wargame.scoring import compare
        from wargame.scoring.runs import counterfactuals

        with self._lock:
            if self._refs is None:
                self._refs = counterfactuals(self.scenario, self.seed)
        engine = Engine(self.scenario, seed=self.seed, difficulty=self.difficulty)
        error = None
        try:
            engine.run(sorted(journal, key=lambda a: a.t))
        except ActionError as exc:
            error = str(exc)
        result = engine.result()
        data = {"actions": [a.model_dump(mode="json") for a in result.actions]}
        scored = compare(self.scenario, self.seed, result, self._refs).model_dump(mode="json")
        data["scores"] = scored["scores"]
        out = summary_from_json(data)
        if error:
            out["error"] = error
        self._cache[key] = out
        return out
