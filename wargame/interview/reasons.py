"""The four statements a candidate picks a feature's reason from.

For each feature of a scenario: one statement that holds (the project's
wording for the feature's kind and its model's policy, naming what users see
during a split) and three plausible mistakes from the chapter's list of
reasoning that costs the level (one policy for the whole system, "CP ensures
accuracy", "exactly-once removes the trade-off", "AP is always better for
users", reasoning that never names what users see). The texts are templates
in ``assets/reasons.toml``; which mistakes a feature gets depends on its
kind and its model's side.

The order is shuffled per feature by a stable hash of the scenario and feature
ids (never by position, so the right statement is not always first), and is
the same on every run; the statements are keyed ``a`` to ``d`` in that order.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from wargame.interview.contract import REASON_KEYS
from wargame.model.scenario import Feature, Scenario
from wargame.paths import assets_dir
from wargame.scoring.contract import POLICY_NAMES, users_see

REASONS_FILE = "reasons.toml"
"""The statement templates, in ``assets/``."""
HOLDS = "holds"
"""The ``mistake`` id of the statement that holds."""


class Statement(BaseModel):
    """One statement offered as a feature's reason."""

    model_config = ConfigDict(frozen=True)

    key: str
    """``a`` to ``d``: its place in the shuffled order."""
    text: str
    """The statement as the candidate reads it."""
    correct: bool
    """True for the one statement that holds."""
    mistake: str
    """``holds``, or the id of the mistake it makes (``system-wide``, ``cp-accuracy``,
    ``exactly-once``, ``ap-always``, ``abstract``)."""
    label: str
    """A few words naming the reasoning (``one policy for the whole system`` ...)."""
    why: str
    """Why it holds, or why it is a mistake."""


@lru_cache(maxsize=4)
def load_templates(path: Path | None = None) -> dict:
    """The parsed ``assets/reasons.toml`` (or ``path``)."""
    with open(path or assets_dir() / REASONS_FILE, "rb") as fh:
        return tomllib.load(fh)


def side(policy: str) -> str:
    """``ap`` for the available side, ``cp`` for cp, cp-reads and queued."""
    return "ap" if policy == "ap" else "cp"


def _holds_text(templates: dict, spec: Feature) -> str:
    policy = spec.model.policy
    by_kind = templates["holds"].get(spec.kind, {})
    template = by_kind.get(policy) or templates["holds"]["default"][policy]
    return _fill(template, spec)


def _fill(template: str, spec: Feature) -> str:
    policy = spec.model.policy
    users = users_see(spec.kind, policy)
    return template.format(name=spec.name, users=users, policy=POLICY_NAMES[policy])


def _order(scenario_id: str, feature_id: str, ids: list[str]) -> list[str]:
    """``ids`` in an order fixed by a hash of the scenario, the feature and each id."""

    def key(item: str) -> str:
        return hashlib.sha256(f"{scenario_id}/{feature_id}/{item}".encode()).hexdigest()

    return sorted(ids, key=key)


def statements(scenario: Scenario, spec: Feature, templates: dict | None = None) -> list[Statement]:
    """The four statements for ``spec``, shuffled, keyed ``a`` to ``d``."""
    t = templates or load_templates()
    s = side(spec.model.policy)
    picks = t["pick"].get(spec.kind, {}).get(s) or t["pick"][s]
    made: dict[str, tuple[str, str, str]] = {
        HOLDS: (
            _holds_text(t, spec),
            "traces the choice to what users see",
            "This holds: it says what users see during the split and what the other choice "
            "would cost. " + " ".join(spec.model.why.split()),
        )
    }
    for mistake in picks:
        m = t["mistakes"][mistake]
        made[mistake] = (_fill(m[s], spec), m["label"], m["why"])
    order = _order(scenario.id, spec.id, list(made))
    return [
        Statement(
            key=REASON_KEYS[i],
            text=made[mid][0],
            correct=mid == HOLDS,
            mistake=mid,
            label=made[mid][1],
            why=made[mid][2],
        )
        for i, mid in enumerate(order)
    ]


def correct_key(scenario: Scenario, spec: Feature) -> str:
    """The key of the statement that holds for ``spec``."""
    return next(s.key for s in statements(scenario, spec) if s.correct)


def all_statements(scenario: Scenario) -> dict[str, list[Statement]]:
    """Feature id -> its four statements, in scenario order."""
    return {f.id: statements(scenario, f) for f in scenario.features}
