"""A small TOML writer for the fuzz tests (the standard library only reads TOML).

Everything is written as ``key = value`` lines with inline tables and arrays,
which TOML reads back exactly; floats keep ``nan``/``inf`` and strings that
no TOML string can hold (lone surrogates) are written as escapes TOML
refuses, which is what a hostile file would contain.
"""

from __future__ import annotations

import math
import re


def _key(key: object) -> str:
    text = str(key)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else _string(text)


def _string(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def value(obj: object) -> str:
    """The TOML text of one value."""
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, float):
        if math.isnan(obj):
            return "nan"
        if math.isinf(obj):
            return "inf" if obj > 0 else "-inf"
        return repr(obj)
    if isinstance(obj, str):
        return _string(obj)
    if isinstance(obj, dict):
        return "{ " + ", ".join(f"{_key(k)} = {value(v)}" for k, v in obj.items()) + " }"
    if isinstance(obj, list | tuple):
        return "[" + ", ".join(value(v) for v in obj) + "]"
    return _string(str(obj))


def dumps(data: dict) -> str:
    """A whole document: one ``key = value`` line per top-level key."""
    return "".join(f"{_key(k)} = {value(v)}\n" for k, v in data.items())
