"""Writing contracts: JSON, and TOML (with notes, the template ``wargame design --template``
writes: each feature's kind, its allowed policies and its four statements as comments).

Both read back with :func:`wargame.interview.contract.parse_contract` to the same contract.
"""

from __future__ import annotations

import json

from wargame.interview.contract import FORMATS, Contract
from wargame.interview.reasons import statements
from wargame.model.scenario import KIND_POLICIES, Scenario


def dump_json(contract: Contract) -> str:
    """The contract as strict JSON (unset fields left out)."""
    data = contract.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, allow_nan=False) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return f"{value:g}" if float(value).is_integer() and abs(value) < 1e15 else repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def dump_toml(contract: Contract, scenario: Scenario | None = None, notes: bool = False) -> str:
    """The contract as TOML; with ``notes`` (and the scenario), comments that help fill it
    in: each feature's kind, allowed policies and its four statements."""
    lines = []
    if notes:
        lines += [
            "# A consistency contract for `wargame design SCENARIO --contract FILE`.",
            "# Per feature: policy (cp, cp-reads, queued, ap), resolution (lww, merge, crdt,",
            "# app), the knobs that matter, the reason (a-d, from the statements listed) and",
            "# your justification in your own words (kept, not graded).",
            "",
        ]
    lines.append(f"scenario = {_toml_value(contract.scenario)}")
    if contract.candidate is not None:
        lines.append(f"candidate = {_toml_value(contract.candidate)}")
    specs = {f.id: f for f in scenario.features} if scenario else {}
    order = [f.id for f in scenario.features if f.id in contract.features] if scenario else []
    order += [fid for fid in contract.features if fid not in order]
    for fid in order:
        choice = contract.features[fid]
        lines.append("")
        spec = specs.get(fid)
        if notes and spec is not None:
            lines.append(f"# {spec.name} ({spec.kind}): {spec.description}".rstrip(": "))
            lines.append(f"# policies: {', '.join(sorted(KIND_POLICIES[spec.kind]))}")
            for st in statements(scenario, spec):  # type: ignore[arg-type]
                lines.append(f"# reason {st.key}: {st.text}")
        lines.append(f"[features.{fid}]")
        lines.append(f"policy = {_toml_value(choice.policy)}")
        if choice.resolution is not None:
            lines.append(f"resolution = {_toml_value(choice.resolution)}")
        if choice.reason is not None:
            lines.append(f"reason = {_toml_value(choice.reason)}")
        elif notes:
            lines.append('# reason = "a"')
        if choice.justification or notes:
            lines.append(f"justification = {_toml_value(choice.justification)}")
        knobs = choice.knobs.model_dump(exclude_none=True)
        if knobs:
            lines.append(f"[features.{fid}.knobs]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in knobs.items()]
    return "\n".join(lines) + "\n"


def dump(contract: Contract, fmt: str, scenario: Scenario | None = None) -> str:
    """The contract as ``toml`` or ``json``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return dump_json(contract) if fmt == "json" else dump_toml(contract, scenario)
