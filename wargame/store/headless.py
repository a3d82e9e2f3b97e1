"""Recording a run that was played headless (``wargame run --record``, ``gameday play``).

A headless run is over before anything is recorded, so the drill, its actions
and injects (merged in time order) and its result are written one after the
other, each committed on its own exactly as the game records them live.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.store.recorder import Inject, Store
from wargame.store.scores import summary, summary_from_json


def record_run(
    store: Store,
    scenario: Scenario,
    result: RunResult,
    policy: str,
    source: str = "run",
    session_id: int | None = None,
    team_id: int | None = None,
    injects: Sequence[Inject] = (),
    scored: dict | None = None,
) -> int:
    """Record a finished run with its score summary; return the drill id.

    ``scored`` is the run's ``--json`` dict when the caller has already scored it
    (scoring runs the counterfactuals: doing it twice doubles a run's cost).
    """
    drill = store.start_drill(
        scenario.id,
        result.seed,
        result.difficulty,
        session_id=session_id,
        team_id=team_id,
        policy=policy,
        source=source,
    )
    timeline = [(a.t, 1, i) for i, a in enumerate(result.actions)]
    timeline += [(inj.t, 0, i) for i, inj in enumerate(injects)]
    for _t, kind, i in sorted(timeline):  # an inject at the same second comes first
        if kind:
            store.record_action(drill, result.actions[i])
        else:
            store.record_inject(drill, injects[i].t, injects[i].text, injects[i].source)
    done = summary_from_json(scored) if scored is not None else summary(result, scenario)
    store.finish_drill(drill, done)
    return drill
