"""Pydantic schemas of the game's data: scenarios, actions and run results.

Nothing here simulates anything; the engine reads these models and the scoring
layer reads the results.
"""

from wargame.model.action import Action, ActionError, parse_action
from wargame.model.scenario import (
    KINDS,
    POLICIES,
    Event,
    Feature,
    Knobs,
    Policy,
    Region,
    Resolution,
    Scenario,
)

__all__ = [
    "KINDS",
    "POLICIES",
    "Action",
    "ActionError",
    "Event",
    "Feature",
    "Knobs",
    "Policy",
    "Region",
    "Resolution",
    "Scenario",
    "parse_action",
]
