"""Hypothesis strategies that turn shipped scenarios into hostile ones.

Two families: *data* mutations (parse the TOML, change values, keys and
shapes, write it back with :mod:`fuzz.tomlgen`) and *text* mutations (edit
the file's lines: a hostile literal on a ``key = value`` line, a line
duplicated or deleted, the file cut short, deep nesting pasted in).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from fuzz import tomlgen
from hypothesis import strategies as st

from wargame.model.loader import shipped

HOSTILE_NUMBERS = [
    float("nan"),
    float("inf"),
    float("-inf"),
    1e308,
    -1e308,
    1e20,
    -1,
    -0.0,
    0,
    2**63,
    10**30,
    -(2**64),
    5e-324,
]
HOSTILE_TEXT = [
    "",
    " ",
    "\t",
    "x" * 5000,
    "mars",
    "ghost",
    "Ünïcødé ☃ 🙂",
    "\u202e\u0000",
    "us-east us-west",
    "a" * 100,
    "05:00",
    "168:00:00",
    "1e400",
    "nan",
]
HOSTILE_LITERALS = [
    "nan",
    "inf",
    "-inf",
    "1e308",
    "1e400",
    "-1",
    "0",
    "9" * 5000,
    '""',
    '"   "',
    '"mars"',
    "true",
    '"no"',
    "[]",
    "{}",
    '["east", "east"]',
    '[["mars", "mars"]]',
    "[" * 60 + "]" * 60,
    "[" * 5000 + "]" * 5000,
    '"168:00:00"',
    '"99:99"',
    '"\\uD800"',
    '"' + "y" * 100_000 + '"',
]


@cache
def shipped_texts() -> dict[str, str]:
    """The shipped scenario files' text by id."""
    return {name: Path(p).read_text(encoding="utf-8") for name, p in shipped().items()}


def _paths(obj: object, prefix: tuple = ()) -> list[tuple]:
    """Every path (keys and indexes) into a parsed TOML document, containers too."""
    out = [prefix] if prefix else []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _paths(v, (*prefix, i))
    return out


def _get(obj: object, path: tuple) -> object:
    for p in path:
        obj = obj[p]  # type: ignore[index]
    return obj


def _names(data: dict) -> list[str]:
    """Region and feature ids still in the (possibly already mutated) document."""
    out = []
    for section in ("regions", "features"):
        items = data.get(section)
        if isinstance(items, list):
            out += [x.get("id") for x in items if isinstance(x, dict)]
    return [n for n in out if isinstance(n, str)]


@st.composite
def data_mutation(draw, data: dict) -> dict:
    """One change to the parsed document, in place; returns it."""
    paths = _paths(data)
    path = draw(st.sampled_from(paths))
    parent, key = _get(data, path[:-1]), path[-1]
    current = parent[key]
    op = draw(
        st.sampled_from(
            ["number", "text", "drop", "duplicate", "type", "nest", "rename", "self-link"]
        )
    )
    if op == "number":
        parent[key] = draw(
            st.sampled_from(HOSTILE_NUMBERS)
            | st.floats(allow_nan=True, allow_infinity=True)
            | st.integers(min_value=-(2**70), max_value=2**70)
        )
    elif op == "text":
        parent[key] = draw(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=30))
    elif op == "drop":
        del parent[key]
    elif op == "duplicate" and isinstance(parent, list):
        parent.append(current)
    elif op == "duplicate" and isinstance(current, list) and current:
        current.append(current[0])
    elif op == "type":
        parent[key] = draw(
            st.sampled_from([[], {}, True, False, [current], {"x": current}, str(current)])
        )
    elif op == "nest":
        depth = draw(st.sampled_from([5, 31, 33, 100, 200]))
        value: object = current
        for _ in range(depth):
            value = [value]
        parent[key] = value
    elif op == "rename":
        names = _names(data)
        target = draw(st.sampled_from(names or ["x"]))
        unknown = draw(st.sampled_from(["mars", "ghost", "", " ", "East", target + "-x"]))
        _replace_strings(data, target, unknown)
    elif op == "self-link":
        regions = _names(data) or ["east"]
        r = draw(st.sampled_from(regions))
        if isinstance(current, dict):
            current["links"] = [[r, r]]
        else:
            parent[key] = [[r, r]]
    return data


def _replace_strings(obj: object, old: str, new: str) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if v == old:
                obj[k] = new
            else:
                _replace_strings(v, old, new)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            if v == old:
                obj[i] = new
            else:
                _replace_strings(v, old, new)


@st.composite
def text_mutation(draw, text: str) -> str:
    """One line-level change to a scenario file's text."""
    lines = text.splitlines() or [""]
    i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    op = draw(st.sampled_from(["literal", "dup-line", "del-line", "cut", "junk"]))
    if op == "literal":
        assigns = [n for n, line in enumerate(lines) if "=" in line and not line.startswith("#")]
        n = draw(st.sampled_from(assigns)) if assigns else i
        key = lines[n].split("=", 1)[0]
        lines[n] = f"{key}= {draw(st.sampled_from(HOSTILE_LITERALS))}"
    elif op == "dup-line":
        lines.insert(i, lines[i] if lines else "")
    elif op == "del-line" and lines:
        del lines[i]
    elif op == "cut":
        cut = draw(st.integers(min_value=0, max_value=len(text)))
        return text[:cut]
    else:
        lines.insert(i, draw(st.text(max_size=40)))
    return "\n".join(lines) + "\n"


@st.composite
def hostile_scenario(draw) -> str:
    """The text of a mutated shipped scenario (one to three mutations)."""
    name = draw(st.sampled_from(sorted(shipped_texts())))
    text = shipped_texts()[name]
    if draw(st.booleans()):
        data = tomllib.loads(text)
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            data = draw(data_mutation(data))
        return tomlgen.dumps(data)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        text = draw(text_mutation(text))
    return text
