"""Quoting user-supplied values in error messages: short, printable, never a crash.

Bad input is echoed back so the user can find it, but a value is cut to a
readable length (an error line never holds a megabyte of someone's file) and
characters a terminal cannot print (lone surrogates, control characters) are
escaped.
"""

from __future__ import annotations

QUOTE_MAX = 80
"""Longest quoted value in a message, in characters (an ellipsis marks the cut)."""


def quote(value: object, limit: int = QUOTE_MAX) -> str:
    """``repr``-like quoting of ``value``, at most about ``limit`` characters."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 3]
        cut = text is not value
        out = repr(text)
        if cut:
            out = out[:-1] + "..." + out[-1]
    else:
        try:
            out = repr(value)
        except (RecursionError, ValueError):
            out = f"<{type(value).__name__}>"
        if len(out) > limit:
            out = out[: limit - 3] + "..."
    return printable(out)


def printable(text: str) -> str:
    """``text`` with lone surrogates and other unencodable characters escaped."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def has_surrogate(text: str) -> bool:
    """True if ``text`` holds a lone surrogate (which no file or terminal can take)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
