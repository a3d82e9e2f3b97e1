"""Join codes: short, unambiguous when read aloud or copied by hand, and not guessable.

A code is eight characters from a 30-character alphabet without look-alikes
(no 0/O, 1/I/L, no U/V confusion kept to V), drawn with :mod:`secrets`, shown as
``XXXX-XXXX``: 30**8 (about 6.6 * 10**11, 39 bits) possible codes, so guessing a
live one is hopeless at any rate a person can type. Reading a code back forgives
case, spaces and dashes; a look-alike such as ``O`` or ``1`` is reported, not
silently mapped (the alphabet holds none of them).
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
"""Code characters: capitals and digits minus 0 O 1 I L U (30 left)."""
LENGTH = 8
"""Characters in a code (not counting the dash)."""


def new_code() -> str:
    """A fresh random code, e.g. ``K7QM-3XWP``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize(text: str) -> str:
    """The canonical form of a typed code (``ValueError`` if it cannot be one)."""
    raw = "".join(text.split()).replace("-", "").upper()
    if len(raw) != LENGTH:
        raise ValueError(f"a join code has {LENGTH} characters, like {new_code()}")
    bad = sorted({c for c in raw if c not in ALPHABET})
    if bad:
        raise ValueError(
            f"a join code never holds {', '.join(repr(c) for c in bad)}"
            f" (it uses {ALPHABET[:8]}... without look-alikes)"
        )
    return f"{raw[:4]}-{raw[4:]}"
