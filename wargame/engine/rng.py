"""Seeded random streams: every draw in a run comes from here.

Each stream is a private ``random.Random`` seeded from the run's seed and the
stream's name, so adding a draw to one stream never shifts another, and the
global ``random`` module is never touched.
"""

from __future__ import annotations

import hashlib
import math
import random

_exp, _sqrt = math.exp, math.sqrt


class Streams:
    """Named random streams derived from one run seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._streams: dict[str, random.Random] = {}

    def get(self, name: str) -> random.Random:
        """The stream called ``name`` (created on first use)."""
        stream = self._streams.get(name)
        if stream is None:
            digest = hashlib.sha256(f"{self.seed}:{name}".encode()).digest()
            stream = random.Random(int.from_bytes(digest[:8], "big"))
            self._streams[name] = stream
        return stream


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (exact below 30, normal approximation above)."""
    if lam <= 0:
        return 0
    if lam < 30:
        limit = _exp(-lam)
        draw = rng.random
        k, p = 0, draw()
        while p > limit:
            k += 1
            p *= draw()
        return k
    return max(0, round(rng.gauss(lam, _sqrt(lam))))  # round() of a float is an int


def binomial(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw (exact for small n, approximated for large n)."""
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if n < 40:
        draw = rng.random
        k = 0
        for _ in range(n):
            if draw() < p:
                k += 1
        return k
    mean = n * p
    var = mean * (1 - p)
    if var < 9:
        return min(n, poisson(rng, mean))
    return min(n, max(0, round(rng.gauss(mean, _sqrt(var)))))
