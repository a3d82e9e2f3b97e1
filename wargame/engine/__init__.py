"""The headless simulation: load a scenario, step it, apply actions, get a result.

Public API::

    from wargame.engine import Engine, load_scenario
    engine = Engine(load_scenario("flash-sale"), seed=7, policy="as-built")
    step = engine.advance(30)          # metric samples, alerts, tickets, logs
    engine.apply("set inventory ap")   # at the current sim time
    result = engine.result()           # runs to the end

Nothing here imports the UI toolkit.
"""

from wargame.engine.engine import DIFFICULTIES, POLICY_MODES, Engine, Step
from wargame.engine.policies import POLICY_LABELS
from wargame.model.loader import ScenarioError, list_scenarios, load_scenario, resolve_scenario

__all__ = [
    "DIFFICULTIES",
    "POLICY_LABELS",
    "POLICY_MODES",
    "Engine",
    "ScenarioError",
    "Step",
    "list_scenarios",
    "load_scenario",
    "resolve_scenario",
]
