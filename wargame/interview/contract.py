"""A candidate's consistency contract: per feature, the design chosen before the incident.

A :class:`Contract` holds, for every feature of one scenario, a
:class:`FeatureChoice`: its partition policy, its conflict resolution, the
knobs that matter (exactly the settings a player lever can change: dedup,
indicators, safe mode, client retries, queue TTL), the reason picked among
four statements (:mod:`wargame.interview.reasons`) and a free-text
justification (kept, not graded).

A contract is checked like the levers it stands for: :meth:`Contract.levers`
turns it into lever actions (``set``, ``resolve``, ``dedup`` ...), and each is
validated with :func:`~wargame.model.action.check_action`, so a contract
accepts exactly what the console accepts. The engine starts from those levers
(``Engine(..., design=contract.levers())``).

Files are TOML or JSON; every problem is reported as ``FILE:LINE: path:
message`` (:class:`ContractError`), the scenario loader's style.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, StrictBool, ValidationError

from wargame.engine.levers import model_levers
from wargame.model.action import ActionError, check_action, parse_action
from wargame.model.journal import strict_json
from wargame.model.loader import Problem, TomlProblem, _locate, _problems_from, parse_toml
from wargame.model.safeio import InputError, read_text
from wargame.model.scenario import (
    KIND_KNOBS,
    KIND_POLICIES,
    MAX_NAME,
    Feature,
    Ident,
    Knobs,
    Policy,
    Resolution,
    Scenario,
    Strict,
)
from wargame.model.text import printable, quote

MAX_JUSTIFICATION = 2000
"""Longest free-text justification of one choice, in characters."""
MAX_CONTRACT_BYTES = 256 * 1024
"""Largest contract file read (far above any real one)."""
REASON_KEYS: tuple[str, ...] = ("a", "b", "c", "d")
"""The keys of a feature's four statements, in the order they are shown."""
FORMATS: tuple[str, ...] = ("toml", "json")

ReasonKey = Literal["a", "b", "c", "d"]


class ContractError(Exception):
    """A contract that cannot be read or does not fit its scenario; ``problems`` lists why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class DesignKnobs(Strict):
    """The knobs a design may set; each is a player lever. Unset: as built."""

    dedup: StrictBool | None = None
    """Messaging: receivers drop duplicates by client-generated message id (lever ``dedup``)."""
    indicators: Literal["honest", "optimistic"] | None = None
    """Messaging: 'delivered' only once confirmed (honest) or at once (optimistic)."""
    safe_mode: float | Literal["off"] | None = None
    """Rate limiter: while counters cannot sync, each region allows limit / regions /
    this factor (``"off"``: no safe mode; lever ``safe-mode``)."""
    safe_home: StrictBool | None = None
    """Rate limiter, with a safe-mode factor: users keep the full limit in their home region."""
    retry: float | None = None
    """Extra attempts a client makes after a refused request (0 to 10; lever ``retry``)."""
    ttl: float | None = None
    """Seconds a queued write may wait before it is dropped (lever ``ttl``)."""


class FeatureChoice(Strict):
    """One feature's design: policy, resolution, knobs, the reason picked and free text."""

    policy: Policy
    """Partition policy: ``cp``, ``cp-reads``, ``queued`` or ``ap``."""
    resolution: Resolution | None = None
    """Conflict resolution after the heal: ``lww``, ``merge``, ``crdt``, ``app`` (unset: as
    built)."""
    knobs: DesignKnobs = Field(default_factory=DesignKnobs)
    """The knobs that matter for this feature (unset ones stay as built)."""
    reason: ReasonKey | None = None
    """The statement picked as the reason for this choice (``a`` to ``d``; see
    ``wargame design SCENARIO --template``); unset: no reason given."""
    justification: str = Field(default="", max_length=MAX_JUSTIFICATION)
    """Free text in the candidate's words: kept in the contract and its export, not graded."""

    def levers(self, feature: str) -> list[str]:
        """The lever actions (without times) that build ``feature`` this way."""
        out = [f"set {feature} {self.policy}"]
        if self.resolution is not None:
            out.append(f"resolve {feature} {self.resolution}")
        k = self.knobs
        if k.dedup is not None:
            out.append(f"dedup {feature} {'on' if k.dedup else 'off'}")
        if k.indicators is not None:
            out.append(f"indicators {feature} {k.indicators}")
        if k.safe_mode is not None:
            if k.safe_mode == "off":
                out.append(f"safe-mode {feature} off")
            else:
                home = " home" if k.safe_home else ""
                out.append(f"safe-mode {feature} {k.safe_mode:g}{home}")
        if k.retry is not None:
            out.append(f"retry {feature} {k.retry:g}")
        if k.ttl is not None:
            out.append(f"ttl {feature} {k.ttl:g}")
        return out


class Contract(Strict):
    """A consistency contract for one scenario: every feature's design."""

    scenario: Ident
    """The scenario id the contract designs."""
    candidate: str | None = Field(default=None, max_length=MAX_NAME)
    """Who designed it (optional; shown in the export)."""
    features: dict[Ident, FeatureChoice]
    """Feature id -> its choice; every feature of the scenario needs one."""

    def levers(self, scenario: Scenario | None = None) -> list[str]:
        """Every feature's lever actions, in scenario order when ``scenario`` is given."""
        order = [f.id for f in scenario.features] if scenario else list(self.features)
        return [lever for fid in order for lever in self.features[fid].levers(fid)]

    def check(self, scenario: Scenario) -> list[tuple[str, str]]:
        """Problems as (dotted path, message): wrong scenario, missing or unknown features,
        settings a lever would refuse."""
        out: list[tuple[str, str]] = []
        if self.scenario != scenario.id:
            out.append(
                ("scenario", f"the contract is for {quote(self.scenario)}, not {scenario.id!r}")
            )
        known = {f.id: f for f in scenario.features}
        for fid in self.features:
            if fid not in known:
                out.append((f"features.{fid}", f"unknown feature (known: {', '.join(known)})"))
        for fid, spec in known.items():
            choice = self.features.get(fid)
            if choice is None:
                out.append(("features", f"no choice for feature {fid!r}: every feature needs one"))
                continue
            problems = _check_choice(scenario, spec, choice)
            out += [(f"features.{fid}.{p}", m) for p, m in problems]
        return out

    @classmethod
    def from_model(cls, scenario: Scenario, reasons: bool = True) -> Contract:
        """The scenario's per-feature model as a contract (with the reason that holds)."""
        from wargame.interview.reasons import correct_key

        features = {}
        for f in scenario.features:
            model_levers(f)  # a model knob no lever can set cannot be a contract: ValueError
            knobs = f.model_knobs()
            features[f.id] = FeatureChoice(
                policy=f.model.policy,
                resolution=f.model.resolution or f.resolution,
                knobs=_knobs_of(f, knobs),
                reason=correct_key(scenario, f) if reasons else None,
                justification=" ".join(f.model.why.split())[:MAX_JUSTIFICATION],
            )
        return cls(scenario=scenario.id, candidate="the scenario's model", features=features)

    @classmethod
    def from_as_built(cls, scenario: Scenario) -> Contract:
        """How the product is built today, as a contract: the design phase's starting point."""
        features = {
            f.id: FeatureChoice(
                policy=f.as_built, resolution=f.resolution, knobs=_knobs_of(f, f.knobs)
            )
            for f in scenario.features
        }
        return cls(scenario=scenario.id, features=features)


def _knobs_of(spec: Feature, knobs: Knobs) -> DesignKnobs:
    """The design knobs that apply to ``spec``'s kind, with their values in ``knobs``."""
    kind = KIND_KNOBS.get(spec.kind, frozenset())
    values: dict[str, object] = {"retry": knobs.retry_factor, "ttl": knobs.pending_ttl_s}
    if "dedup" in kind:
        values["dedup"] = knobs.dedup
    if "indicators" in kind:
        values["indicators"] = knobs.indicators
    if "safe_factor" in kind:
        if knobs.safe_factor is not None:
            values["safe_mode"] = knobs.safe_factor
            values["safe_home"] = knobs.home_region
        elif not knobs.home_region:  # home limits without safe mode have no lever
            values["safe_mode"] = "off"
    return DesignKnobs.model_validate(values)


_LEVER_FIELD = {
    "set": "policy",
    "resolve": "resolution",
    "dedup": "knobs.dedup",
    "indicators": "knobs.indicators",
    "safe-mode": "knobs.safe_mode",
    "retry": "knobs.retry",
    "ttl": "knobs.ttl",
}


def _check_choice(
    scenario: Scenario, spec: Feature, choice: FeatureChoice
) -> list[tuple[str, str]]:
    """Check a choice's levers exactly as the console checks them."""
    out = []
    k = choice.knobs
    if k.safe_home and not isinstance(k.safe_mode, float | int):
        out.append(("knobs.safe_home", "needs a safe-mode factor (knobs.safe_mode = 2, say)"))
    if choice.policy not in KIND_POLICIES[spec.kind]:
        out.append(
            (
                "policy",
                f"a {spec.kind} does not support {choice.policy!r} "
                f"(choose from {', '.join(sorted(KIND_POLICIES[spec.kind]))})",
            )
        )
        return out
    for lever in choice.levers(spec.id):
        verb = lever.split()[0]
        try:
            check_action(parse_action(lever, t=0.0), scenario)
        except ActionError as exc:
            out.append((_LEVER_FIELD[verb], str(exc)))
    return out


# -- reading -------------------------------------------------------------------------


def _locate_json(lines: list[str], keys: list[str | int]) -> int | None:
    """Best-effort line of a dotted path in JSON text: each key searched after the last."""
    text = "\n".join(lines)
    pos, found = 0, None
    for key in keys:
        if isinstance(key, int):
            continue
        m = re.compile(re.escape(json.dumps(str(key))) + r"\s*:").search(text, pos)
        if not m:
            break
        pos = m.end()
        found = text.count("\n", 0, m.start()) + 1
    return found


def _format_of(file: str, text: str) -> str:
    if file.lower().endswith(".json"):
        return "json"
    if file.lower().endswith(".toml"):
        return "toml"
    return "json" if text.lstrip().startswith("{") else "toml"


def parse_contract(text: str, file: str = "<contract>", fmt: str | None = None) -> Contract:
    """Validate TOML or JSON text as a contract (``ContractError`` lists every problem)."""
    fmt = fmt or _format_of(file, text)
    if fmt == "json":
        try:
            data = strict_json(text)
        except ValueError as exc:
            line = None
            try:
                json.loads(text)
            except json.JSONDecodeError as dec:
                line = dec.lineno
            except (ValueError, RecursionError):
                pass
            raise ContractError([Problem(file, line, "", str(exc))]) from None
        locate = _locate_json
    else:
        try:
            data = parse_toml(text, file)
        except TomlProblem as exc:
            raise ContractError([exc.problem]) from None
        locate = _locate
    if not isinstance(data, dict):
        raise ContractError([Problem(file, 1, "", "expected a table (a JSON object)")])
    try:
        return Contract.model_validate(data)
    except ValidationError as exc:
        unknown = "unknown key (check the spelling; see README.md, Interview mode)"
        raise ContractError(_problems_from(exc, file, text, locate, unknown)) from None
    except RecursionError:
        raise ContractError([Problem(file, None, "", "nested too deeply")]) from None


def load_contract(path: Path, scenario: Scenario) -> Contract:
    """Read a contract file and check it against ``scenario`` (``ContractError`` if not)."""
    name = printable(str(path))
    try:
        text = read_text(path, MAX_CONTRACT_BYTES)
    except InputError as exc:
        raise ContractError([Problem(name, None, "", str(exc))]) from None
    contract = parse_contract(text, name)
    problems = contract.check(scenario)
    if problems:
        fmt = _format_of(name, text)
        locate = _locate_json if fmt == "json" else _locate
        lines = text.splitlines()
        raise ContractError(
            [
                Problem(name, locate(lines, path.split(".")), printable(path), printable(msg))
                for path, msg in problems
            ]
        )
    return contract
