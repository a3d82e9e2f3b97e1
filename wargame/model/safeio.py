"""Reading input files safely: regular files of bounded size, checked before reading.

Scenario files, journals and result files all come through :func:`read_text`.
It looks at the file with ``stat`` first and refuses FIFOs, devices, sockets,
directories and files over a size limit without opening them (opening a FIFO
would block, reading ``/dev/zero`` would never end), then decodes UTF-8.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_INPUT_BYTES = 4 * 2**20
"""Largest input file read (4 MiB): far above any real scenario, journal or result."""
MAX_DEPTH = 32
"""Deepest nesting of arrays and tables (TOML) or arrays and objects (JSON) accepted."""


class InputError(ValueError):
    """An input file that cannot be read; the message is one line without the file name."""


def read_text(path: Path, limit: int = MAX_INPUT_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes (``InputError`` otherwise)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except ValueError:  # a NUL or a lone surrogate: no file can have that name
        raise InputError("not a valid file name") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise InputError("is a directory, not a file")
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise InputError(f"is {kind}; only regular files are read")
    if info.st_size > limit:
        raise InputError(f"is {info.st_size:,} bytes; the limit is {limit:,}")
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since stat, do not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError("is not a regular file; only regular files are read")
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"is over the size limit of {limit:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"line {line}: not UTF-8 text (byte {exc.start})") from None


def json_depth_ok(text: str, limit: int = MAX_DEPTH) -> bool:
    """True if the JSON text nests arrays and objects at most ``limit`` deep.

    Brackets inside strings are skipped; the text need not be valid JSON.
    """
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def toml_too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line (1-based) where TOML arrays and inline tables nest past ``limit``, if any.

    A light scanner: it skips comments and the four kinds of strings, and counts
    ``[``/``{`` only after an ``=`` (table headers do not nest).
    """
    depth, line, i, n = 0, 1, 0, len(text)
    in_value = False
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            if depth == 0:
                in_value = False
        elif ch == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif ch in "\"'":
            triple = text.startswith(ch * 3, i)
            end_mark = ch * 3 if triple else ch
            j = i + len(end_mark)
            while j < n:
                if ch == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(end_mark, j):
                    break
                if not triple and text[j] == "\n":
                    break
                j += 1
            line += text.count("\n", i, j)
            i = j + len(end_mark)
            continue
        elif ch == "=":
            in_value = True
        elif in_value and ch in "[{":
            depth += 1
            if depth > limit:
                return line
        elif in_value and ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None
