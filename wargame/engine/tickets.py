"""Support-ticket wording: readable customer phrasings from ``assets/tickets.toml``."""

from __future__ import annotations

import random
import tomllib
from functools import cache

from wargame.model.scenario import Feature
from wargame.paths import assets_dir


@cache
def _phrasings() -> dict[str, dict[str, list[str]]]:
    with open(assets_dir() / "tickets.toml", "rb") as fh:
        return tomllib.load(fh)


def ticket_text(symptom: str, feature: Feature, region: str, rng: random.Random) -> str:
    """A customer's words for a symptom of a feature in a region."""
    table = _phrasings().get(symptom, {})
    options = table.get(feature.kind) or table.get("general") or ["Something is wrong."]
    text = options[rng.randrange(len(options))]
    return text.format(feature=feature.name, region=region)
