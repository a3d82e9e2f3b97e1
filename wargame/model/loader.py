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

from wargame.model.safeio import MAX_DEPTH, InputError, read_text, toml_too_deep
from wargame.model.scenario import Scenario
from wargame.model.text import printable, quote
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
    """Best-effort line number (1-based) of a dotted path in TOML text.

    Follows ``[table]`` and ``[[array]]`` headers (counting array elements),
    ``key = value`` lines and keys inside inline tables on the same line; a
    search inside one array element stops at the next element.
    """
    start, stop, prefix, found = 0, len(lines), "", None
    inline: str | None = None  # the text after '=' of the last key found, if any
    i = 0
    while i < len(path):
        key = path[i]
        if isinstance(key, int):
            i += 1
            continue
        key = str(key)
        full = f"{prefix}.{key}" if prefix else key
        nxt = path[i + 1] if i + 1 < len(path) else None
        if inline is not None and re.search(r"(^|[{,\s])\"?" + re.escape(key) + r"\"?\s*=", inline):
            i += 1
            continue  # same line: the key sits in an inline table
        header_aot = re.compile(r"^\s*\[\[\s*" + re.escape(full) + r"\s*\]\]")
        header = re.compile(r"^\s*\[\s*" + re.escape(full) + r"\s*\]")
        assign = re.compile(r"^\s*(\"?)" + re.escape(key) + r"\1\s*=")
        hit = None
        if isinstance(nxt, int):
            count = -1
            for n in range(start, stop):
                if header_aot.match(lines[n]):
                    count += 1
                    if count == nxt:
                        hit = n
                        break
            if hit is not None:
                following = next(
                    (m for m in range(hit + 1, len(lines)) if header_aot.match(lines[m])),
                    len(lines),
                )
                prefix, start, stop, found, inline = full, hit + 1, following, hit + 1, None
                i += 2
                continue
        for n in range(start, stop):
            if header.match(lines[n]) or header_aot.match(lines[n]):
                hit = n
                break
            if assign.match(lines[n]):
                hit = n
                break
        if hit is None:
            if i + 1 < len(path) and isinstance(path[i + 1], str):
                prefix, i = full, i + 1  # maybe a dotted header, e.g. [tickets.errors]
                continue
            return found
        _, eq, rest = lines[hit].partition("=")
        inline = rest if eq and assign.match(lines[hit]) else None
        prefix, start, found = full, hit + 1, hit + 1
        i += 1
    return found


MAX_PROBLEMS = 50
"""At most this many problems are listed per file (then a count of the rest)."""


def _split(message: str) -> list[tuple[str, str]]:
    """``"a.b: msg"`` lines of a validator's message as (relative path, message) pairs."""
    out = []
    for part in message.splitlines():
        m = re.match(r"^([\w.-]+): (.*)$", part)
        out.append((m.group(1), m.group(2)) if m else ("", part))
    return out


def _problems_from(
    err: ValidationError,
    file: str,
    text: str,
    locate=None,
    unknown: str = "unknown key (check the spelling; see scenarios/README.md)",
) -> list[Problem]:
    """One :class:`Problem` per validation error, at its line (``locate(lines, keys)``:
    TOML's :func:`_locate` unless given)."""
    lines = text.splitlines()
    locate = locate or _locate
    out: list[Problem] = []
    for item in err.errors():
        loc = [p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        msg = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            msg = unknown
        elif item["type"] == "missing":
            msg = "required key is missing"
        elif item["type"] == "bool_type":
            msg = "must be true or false (a TOML boolean, not text or a number)"
        elif item["type"] in ("finite_number",):
            msg = "must be a finite number (not nan or inf)"
        elif "input" in item and item["type"].endswith(("_type", "_parsing")):
            msg = f"{msg}, got {quote(item['input'])}"
        for sub, part in _split(msg):
            keys: list[str | int] = list(loc)
            if sub:
                keys += [int(k) if k.isdigit() else k for k in sub.split(".")]
            path = ".".join(
                str(p) if re.fullmatch(r"[\w-]{1,40}", str(p)) else quote(str(p), 40) for p in keys
            )
            out.append(Problem(file, locate(lines, keys), printable(path), printable(part)))
    if len(out) > MAX_PROBLEMS:
        rest = len(out) - MAX_PROBLEMS
        out = out[:MAX_PROBLEMS] + [Problem(file, None, "", f"... and {rest} more problems")]
    return out


class TomlProblem(Exception):
    """TOML text that cannot be parsed; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def parse_toml(text: str, file: str) -> dict:
    """Parse TOML text as a table, refusing nesting deeper than ``MAX_DEPTH`` and numbers
    of absurd length (``TomlProblem`` with the file and line)."""
    deep = toml_too_deep(text)
    if deep is not None:
        raise TomlProblem(
            Problem(file, deep, "", f"arrays or tables nested more than {MAX_DEPTH} deep")
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line = int(m.group(1)) if m else None
        where = f" (column {m.group(2)})" if m else ""
        raise TomlProblem(Problem(file, line, "", f"TOML syntax error: {detail}{where}")) from None
    except (ValueError, RecursionError):
        # tomllib turns an integer of thousands of digits into a ValueError
        m = re.search(r"\d{100,}", text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        raise TomlProblem(Problem(file, line, "", "a number has far too many digits")) from None


def parse_scenario(text: str, file: str = "<scenario>") -> Scenario:
    """Validate TOML text as a scenario (``ScenarioError`` lists every problem)."""
    try:
        data = parse_toml(text, file)
    except TomlProblem as exc:
        raise ScenarioError([exc.problem]) from None
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_problems_from(exc, file, text)) from None
    except RecursionError:
        raise ScenarioError([Problem(file, None, "", "nested too deeply")]) from None


def load_path(path: Path) -> Scenario:
    """Read and validate a scenario file (regular files only, at most 4 MiB)."""
    name = printable(str(path))
    try:
        text = read_text(path)
    except InputError as exc:
        raise ScenarioError([Problem(name, None, "", str(exc))]) from None
    return parse_scenario(text, name)


def shipped() -> dict[str, Path]:
    """Shipped scenario ids and their files, in name order."""
    return {p.stem: p for p in sorted(scenarios_dir().glob("*.toml"))}


def resolve_scenario(name: str) -> Path:
    """A shipped scenario id or a path to a ``.toml`` file."""
    known = shipped()
    if name in known:
        return known[name]
    if not name or "\0" in name or len(name) > 4096:
        raise ScenarioError([Problem(quote(name), None, "", "not a scenario id or file name")])
    path = Path(name)
    try:
        exists = path.exists() or path.is_symlink()
    except (OSError, ValueError) as exc:
        raise ScenarioError([Problem(quote(name), None, "", f"cannot read: {exc}")]) from None
    if path.suffix == ".toml" or exists or "/" in name:
        if not exists:
            raise ScenarioError([Problem(printable(name), None, "", "no such file")])
        return path
    raise ScenarioError(
        [
            Problem(
                quote(name),
                None,
                "",
                f"unknown scenario (known: {', '.join(known) or 'none'})",
            )
        ]
    )


def load_scenario(name: str) -> Scenario:
    """Load a shipped scenario by id, or a scenario file by path."""
    return load_path(resolve_scenario(name))


def list_scenarios() -> list[Scenario]:
    """Every shipped scenario, validated."""
    return [load_path(p) for p in shipped().values()]
