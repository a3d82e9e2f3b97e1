"""Reading scenario files: TOML in, a validated :class:`Scenario` or readable errors out.

Every problem becomes one line ``FILE:LINE: dotted.path: message`` (the line
where it can be found), never a traceback. Scenario files are data: nothing
in them is executed and they name no other files.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from wargame.model.scenario import Scenario
from wargame.paths import scenarios_dir


@dataclass(frozen=True)
class Problem:
    """One problem found in a scenario file."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ScenarioError(Exception):
    """A scenario that cannot be found, read or validated; ``problems`` lists why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _locate(lines: list[str], path: list[str | int]) -> int | None:
    """Best-effort line number (1-based) of a dotted path in TOML text."""
    start, prefix, found = 0, "", None
    i = 0
    while i < len(path):
        key = path[i]
        if isinstance(key, int):
            i += 1
            continue
        full = f"{prefix}.{key}" if prefix else str(key)
        nxt = path[i + 1] if i + 1 < len(path) else None
        header_aot = re.compile(r"^\s*\[\[\s*" + re.escape(full) + r"\s*\]\]")
        header = re.compile(r"^\s*\[\s*" + re.escape(full) + r"\s*\]")
        assign = re.compile(r"^\s*(\"?)" + re.escape(str(key)) + r"\1\s*=")
        hit = None
        if isinstance(nxt, int):
            count = -1
            for n in range(start, len(lines)):
                if header_aot.match(lines[n]):
                    count += 1
                    if count == nxt:
                        hit = n
                        break
            if hit is not None:
                prefix, start, found = full, hit + 1, hit + 1
                i += 2
                continue
        for n in range(start, len(lines)):
            if header.match(lines[n]) or header_aot.match(lines[n]):
                hit = n
                break
            if assign.match(lines[n]):
                hit = n
                break
        if hit is None:
            return found
        prefix, start, found = full, hit + 1, hit + 1
        i += 1
    return found


def _problems_from(err: ValidationError, file: str, text: str) -> list[Problem]:
    lines = text.splitlines()
    out: list[Problem] = []
    for item in err.errors():
        loc = [p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        msg = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            msg = "unknown key (check the spelling; see scenarios/README.md)"
        elif item["type"] == "missing":
            msg = "required key is missing"
        if not loc and "\n" in msg or (not loc and re.match(r"^[\w.]+: ", msg)):
            for part in msg.splitlines():
                path, _, rest = part.partition(": ")
                keys: list[str | int] = [int(k) if k.isdigit() else k for k in path.split(".")]
                out.append(Problem(file, _locate(lines, keys), path, rest))
            continue
        path = ".".join(str(p) for p in loc)
        out.append(Problem(file, _locate(lines, loc), path, msg))
    return out


def parse_scenario(text: str, file: str = "<scenario>") -> Scenario:
    """Validate TOML text as a scenario (``ScenarioError`` lists every problem)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = f"{file}:{m.group(1)}:{m.group(2)}" if m else file
        raise ScenarioError([Problem(where, None, "", f"TOML syntax error: {detail}")]) from None
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_problems_from(exc, file, text)) from None


def load_path(path: Path) -> Scenario:
    """Read and validate a scenario file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem(str(path), None, "", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([Problem(str(path), None, "", f"cannot read: {exc}")]) from None
    return parse_scenario(text, str(path))


def shipped() -> dict[str, Path]:
    """Shipped scenario ids and their files, in name order."""
    return {p.stem: p for p in sorted(scenarios_dir().glob("*.toml"))}


def resolve_scenario(name: str) -> Path:
    """A shipped scenario id or a path to a ``.toml`` file."""
    known = shipped()
    if name in known:
        return known[name]
    path = Path(name)
    if path.suffix == ".toml" or path.exists() or "/" in name:
        if not path.exists():
            raise ScenarioError([Problem(name, None, "", "no such file")])
        return path
    raise ScenarioError(
        [Problem(name, None, "", f"unknown scenario (known: {', '.join(known) or 'none'})")]
    )


def load_scenario(name: str) -> Scenario:
    """Load a shipped scenario by id, or a scenario file by path."""
    return load_path(resolve_scenario(name))


def list_scenarios() -> list[Scenario]:
    """Every shipped scenario, validated."""
    return [load_path(p) for p in shipped().values()]
