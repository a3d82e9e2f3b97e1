"""Parsing and formatting of sim-clock times ("MM:SS", "HH:MM:SS" or plain seconds)."""

from __future__ import annotations

import math

from wargame.model.text import quote


def parse_clock(value: object) -> float:
    """Turn ``"05:30"``, ``"1:02:03"``, ``330`` or ``"330"`` into seconds.

    Raises ``ValueError`` with a readable message for anything else.
    """
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, int) and value.bit_length() > 64:
        raise ValueError("not a time: the number is far too large")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError(f"time must be a finite number, not {value}")
        if value < 0:
            raise ValueError(f"time must not be negative: {value}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"not a time: {quote(value)}")
    if len(value) > 40:
        raise ValueError(f"not a time (use MM:SS or seconds): {quote(value)}")
    text = value.strip()
    parts = text.split(":")
    try:
        if len(parts) == 1:
            seconds = float(parts[0])
        elif len(parts) in (2, 3):
            numbers = [float(p) for p in parts]
            if any(n < 0 for n in numbers) or any(n >= 60 for n in numbers[1:]):
                raise ValueError
            seconds = 0.0
            for n in numbers:
                seconds = seconds * 60 + n
        else:
            raise ValueError
    except ValueError:
        raise ValueError(f"not a time (use MM:SS or seconds): {quote(value)}") from None
    if not math.isfinite(seconds):
        raise ValueError(f"time must be a finite number, not {quote(value)}")
    if seconds < 0:
        raise ValueError(f"time must not be negative: {quote(value)}")
    return seconds


def format_clock(seconds: float) -> str:
    """Format seconds as ``MM:SS`` (minutes may exceed 59)."""
    total = int(round(seconds))
    return f"{total // 60:02d}:{total % 60:02d}"
