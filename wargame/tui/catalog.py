"""The picker's catalogue: what it shows of each scenario, read without validating it.

The picker only needs a scenario's id, title, difficulty, duration, seed,
summary and the names of its regions and features. Reading those straight
from the TOML keeps pydantic, the scenario models, the engine and scoring out
of start-up; the full, validated :class:`~wargame.model.scenario.Scenario`
is loaded when the player opens a briefing (:meth:`Card.load`). A file whose
picker fields cannot be read is validated at once, so its errors show the same
way as anywhere else.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.model.timefmt import parse_clock

if TYPE_CHECKING:
    from wargame.model.scenario import Scenario


@dataclass(frozen=True)
class Named:
    """A region or feature as the picker lists it."""

    name: str


@dataclass(frozen=True)
class Card:
    """One scenario as the picker shows it (the same attribute names as ``Scenario``)."""

    id: str
    title: str
    difficulty: str
    duration: float
    seed: int
    summary: str
    regions: tuple[Named, ...]
    features: tuple[Named, ...]
    path: Path | None = None
    """The file to load on demand (None when built from a loaded scenario)."""
    scenario: Scenario | None = None
    """The validated scenario, once loaded (or given)."""

    def load(self) -> Scenario:
        """The validated scenario (``ScenarioError`` if the file is not valid)."""
        if self.scenario is not None:
            return self.scenario
        from wargame.model.loader import load_path

        assert self.path is not None
        scenario = load_path(self.path)
        object.__setattr__(self, "scenario", scenario)
        return scenario


def card_of(scenario: Scenario) -> Card:
    """The card of an already loaded scenario."""
    return Card(
        id=scenario.id,
        title=scenario.title,
        difficulty=scenario.difficulty,
        duration=scenario.duration,
        seed=scenario.seed,
        summary=scenario.summary,
        regions=tuple(Named(r.name) for r in scenario.regions),
        features=tuple(Named(f.name) for f in scenario.features),
        scenario=scenario,
    )


def _names(items: Any) -> tuple[Named, ...]:
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise ValueError("not a list of tables")
    return tuple(Named(str(x.get("name") or x["id"])) for x in items)


def read_card(path: Path) -> Card:
    """The card of a scenario file, from its TOML alone (validated only if that fails)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Card(
            id=str(data["id"]),
            title=str(data["title"]),
            difficulty=str(data["difficulty"]),
            duration=parse_clock(data["duration"]),
            seed=int(data["seed"]),
            summary=str(data["summary"]),
            regions=_names(data["regions"]),
            features=_names(data["features"]),
            path=path,
        )
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError):
        from wargame.model.loader import load_path

        return card_of(load_path(path))


def shipped_cards() -> list[Card]:
    """A card per shipped scenario file."""
    from wargame.paths import scenarios_dir

    return [read_card(p) for p in sorted(scenarios_dir().glob("*.toml"))]
