"""Pydantic schemas of the game's data: scenarios, actions and run results.

Nothing here simulates anything; the engine reads these models and the scoring
layer reads the results. The names below load on first use, so importing a
light submodule (``wargame.model.timefmt``) does not pull in pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOME = {
    "Action": "action",
    "ActionError": "action",
    "parse_action": "action",
    "KINDS": "scenario",
    "POLICIES": "scenario",
    "Event": "scenario",
    "Feature": "scenario",
    "Knobs": "scenario",
    "Policy": "scenario",
    "Region": "scenario",
    "Resolution": "scenario",
    "Scenario": "scenario",
}

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


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"wargame.model.{_HOME[name]}"), name)
