"""The design in progress: a :class:`~wargame.interview.contract.Contract` the screens edit.

The design screen asks its questions in lever words (``ap``, ``crdt``,
``2 home``, ``on``); :class:`Draft` reads and writes them as the contract's
fields, so the contract stays the one record of the design (what the live
file, the export, the engine and the evaluation all read). It starts from the
product as built (:meth:`Contract.from_as_built`).
"""

from __future__ import annotations

from pathlib import Path

from wargame.interview.contract import Contract, FeatureChoice
from wargame.interview.live import write_live
from wargame.model.scenario import Scenario


def _num(value: float) -> str:
    return f"{value:g}"


def choice_words(choice: FeatureChoice) -> dict[str, str]:
    """A feature's choice as lever words, per question key (unset knobs left out)."""
    out = {"policy": choice.policy}
    if choice.resolution is not None:
        out["resolve"] = choice.resolution
    k = choice.knobs
    if k.dedup is not None:
        out["dedup"] = "on" if k.dedup else "off"
    if k.indicators is not None:
        out["indicators"] = k.indicators
    if k.safe_mode is not None:
        if k.safe_mode == "off":
            out["safe-mode"] = "off"
        else:
            out["safe-mode"] = _num(float(k.safe_mode)) + (" home" if k.safe_home else "")
    if k.retry is not None:
        out["retry"] = _num(k.retry)
    if k.ttl is not None:
        out["ttl"] = _num(k.ttl)
    return out


def with_word(choice: FeatureChoice, key: str, value: str) -> FeatureChoice:
    """``choice`` with question ``key`` set to the lever word ``value``."""
    if key == "policy":
        return choice.model_copy(update={"policy": value})
    if key == "resolve":
        return choice.model_copy(update={"resolution": value})
    knobs: dict[str, object]
    if key == "dedup":
        knobs = {"dedup": value == "on"}
    elif key == "indicators":
        knobs = {"indicators": value}
    elif key == "safe-mode":
        words = value.split()
        if words[0] == "off":
            knobs = {"safe_mode": "off", "safe_home": None}
        else:
            knobs = {"safe_mode": float(words[0]), "safe_home": len(words) > 1}
    elif key == "retry":
        knobs = {"retry": float(value)}
    elif key == "ttl":
        knobs = {"ttl": float(value)}
    else:
        raise KeyError(key)
    return choice.model_copy(update={"knobs": choice.knobs.model_copy(update=knobs)})


class Draft:
    """The candidate's contract for ``scenario``, edited question by question."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        contract: Contract | None = None,
        difficulty: str | None = None,
    ) -> None:
        self.scenario = scenario
        self.seed = seed
        self.difficulty = difficulty
        self.built = Contract.from_as_built(scenario)
        """The product as built today, as a contract (the lists mark its answers)."""
        self.contract = contract or self.built.model_copy(deep=True)
        self._reasons: dict[str, list[tuple[str, str]]] = {}

    def choice(self, fid: str) -> FeatureChoice:
        """The feature's choice as it stands."""
        return self.contract.features[fid]

    def _put(self, fid: str, choice: FeatureChoice) -> None:
        self.contract.features[fid] = choice

    def values(self, fid: str) -> dict[str, str]:
        """The feature's answers as lever words per question key."""
        return choice_words(self.choice(fid))

    def built_values(self, fid: str) -> dict[str, str]:
        """The feature's as-built answers as lever words."""
        return choice_words(self.built.features[fid])

    def set_value(self, fid: str, key: str, value: str) -> None:
        """Answer question ``key`` (not the reason) of feature ``fid``."""
        self._put(fid, with_word(self.choice(fid), key, value))

    def reasons(self, fid: str) -> list[tuple[str, str]]:
        """The feature's four statements as (key, text), in the order shown."""
        if fid not in self._reasons:
            from wargame.interview.reasons import statements

            spec = self.scenario.feature(fid)
            self._reasons[fid] = [(s.key, s.text) for s in statements(self.scenario, spec)]
        return self._reasons[fid]

    def reason(self, fid: str) -> str | None:
        """The key of the statement picked for ``fid`` (None: none yet)."""
        return self.choice(fid).reason

    def set_reason(self, fid: str, key: str) -> None:
        """Pick statement ``key`` as the reason for ``fid``."""
        self._put(fid, self.choice(fid).model_copy(update={"reason": key}))

    def justification(self, fid: str) -> str:
        """The candidate's own words for ``fid``."""
        return self.choice(fid).justification

    def set_justification(self, fid: str, text: str) -> None:
        """Keep the candidate's own words for ``fid``."""
        self._put(fid, self.choice(fid).model_copy(update={"justification": text}))

    def complete(self, fid: str) -> bool:
        """Whether the feature has its reason (the policy and knobs always have a value)."""
        return self.reason(fid) is not None

    def missing(self) -> list[str]:
        """Names of the features still without a reason."""
        return [f.name for f in self.scenario.features if not self.complete(f.id)]

    def levers(self) -> list[str]:
        """The design as lever actions, the engine's starting state."""
        return self.contract.levers(self.scenario)

    def publish(self, path: Path, current: str | None = None) -> Path:
        """Write the contract in progress to the live file (atomically)."""
        return write_live(path, self.contract, seed=self.seed, current=current)
