"""Synthetic probes between regions: what each vantage point measures, with real noise.

Every region runs a probe host. Each tick it sends ``PROBES_PER_TICK`` probes
to every peer and receives the peers' heartbeats. The two signals answer
different questions, and telling faults apart needs both:

* a **probe** is a request/response round trip from the vantage ``src`` to the
  peer ``dst``: it succeeds only if the request reaches ``dst`` *and* the reply
  comes back within the probe timeout (``PROBE_TIMEOUT_FACTOR`` times the
  scenario's client timeout ``control.timeout_ms``).
  Its round-trip time is the sum of both one-way latencies, log-normally
  spread; the share of the spread above the timeout counts as timeouts.
* a **heartbeat** is a one-way message from ``dst`` to ``src`` (gossip); the
  vantage records when it last *heard* from each peer.

What the faults look like from there (directions are ``sender -> receiver``):

* congestion (a slow link): RTT p50/p99 up, probes still succeed; when the
  tail crosses the timeout, a few probes time out; heartbeats keep arriving;
* a lossy link: success below 100 % and changing tick to tick (flapping),
  p99 up from retransmissions, heartbeats mostly arrive;
* a one-way cut ``a -> b``: probes fail *from both sides* (a's requests are lost
  going out; b's replies are lost coming back), but the heartbeats tell the
  direction: ``b`` no longer hears ``a`` while ``a`` still hears ``b``;
* a full cut between ``a`` and ``b``: both sides fail and neither hears the
  other, so each blames the other; a third region that still reaches both is
  what shows a split topology rather than a dead region;
* a region outage: every peer, third regions included, loses it, and the region's
  own probe host stops reporting (it is listed in ``silent``).

Noise, drawn from the run's ``probes`` stream (rates depend on the difficulty):

* a **probe host failure**: one vantage's probes all fail for a few minutes while
  everyone else still reaches it and it still hears every heartbeat;
* a **GC pause** in a region: its probes and replies stall for a few seconds, so
  every peer sees timeouts to it for one tick;
* an **overloaded** region (a feature's leader overloaded by retries) answers
  slowly and drops some probes, without any network fault;
* at ``hard``, a **decoy**: a flaky probe host in one region around the time the
  first fault starts, and the replication-lag metric arrives late.

The operator's monitoring reaches every region's probe host over a separate
path, so a cut between regions does not hide their reports; an outage does.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from wargame.engine.network import LOSSY, SLOW
from wargame.engine.rng import binomial

if TYPE_CHECKING:
    import random

    from wargame.engine.engine import Engine

PROBES_PER_TICK = 5
"""Probes each vantage sends to each peer per tick (heartbeats too)."""
WINDOW_S = 60.0
"""Probe statistics cover this much recent time."""
PROBE_TIMEOUT_FACTOR = 2.0
"""A probe waits this many client timeouts before it counts as failed."""
Z99 = 2.326
"""The 99th percentile of the standard normal distribution."""


@dataclass(frozen=True)
class Noise:
    """How noisy the probes are at one difficulty level."""

    jitter: float
    """Log-normal spread (sigma) of a healthy round trip."""
    host_fail_per_h: float
    """Probe-host failures per region per hour."""
    host_fail_s: tuple[float, float]
    """Range of a probe-host failure's length in seconds."""
    gc_per_h: float
    """GC pauses per region per hour."""
    gc_ms: tuple[float, float]
    """Range of a GC pause's extra delay in milliseconds."""
    decoy: bool = False
    """A flaky probe host in one region around the first fault (hard only)."""
    lag_late_s: float = 0.0
    """The replication-lag metric arrives this late (0: live)."""
    missing_p99: bool = False
    """One seeded vantage does not report RTT percentiles (its exporter is broken)."""


NOISE: dict[str, Noise] = {
    "intro": Noise(0.08, 0.0, (60, 120), 1.0, (300, 900)),
    "standard": Noise(0.12, 0.5, (60, 180), 3.0, (400, 1500)),
    "hard": Noise(
        0.2, 1.5, (90, 300), 8.0, (600, 2500), decoy=True, lag_late_s=60, missing_p99=True
    ),
}
"""Noise per difficulty level."""


class _Tail(dict):
    """exp(5 sigma) per sigma, cached (the probe loop asks for a handful of sigmas)."""

    def __missing__(self, sigma: float) -> float:
        value = self[sigma] = math.exp(5.0 * sigma)
        return value


TAIL = _Tail()


class _P99(dict):
    """exp(Z99 sigma) per sigma, cached: a tick's p99 is its median times this."""

    def __missing__(self, sigma: float) -> float:
        value = self[sigma] = math.exp(Z99 * sigma)
        return value


P99 = _P99()


def _p_over(median_ms: float, sigma: float, limit_ms: float) -> float:
    """Share of a log-normal round trip (median, sigma) above ``limit_ms``."""
    if median_ms <= 0:
        return 0.0
    z = (math.log(limit_ms) - math.log(median_ms)) / sigma
    return 0.5 * math.erfc(z / math.sqrt(2))


class PairStats:
    """The recent probes of one (vantage, peer) pair, one entry per tick."""

    __slots__ = ("last_heard", "last_ok", "ticks")

    def __init__(self, maxlen: int) -> None:
        self.ticks: deque[tuple[int, int, float | None, float | None]] = deque(maxlen=maxlen)
        """(sent, answered, p50 ms, p99 ms) per tick, oldest first."""
        self.last_ok = 0.0
        self.last_heard = 0.0

    @property
    def sent(self) -> int:
        """Probes sent in the window."""
        return sum(x[0] for x in self.ticks)

    @property
    def answered(self) -> int:
        """Probes answered in the window."""
        return sum(x[1] for x in self.ticks)

    @property
    def p50(self) -> float | None:
        """Median of the ticks' median round trips (None: nothing answered)."""
        values = [x[2] for x in self.ticks if x[2] is not None]
        return median(values) if values else None

    @property
    def p99(self) -> float | None:
        """Worst of the ticks' 99th percentiles (None: nothing answered)."""
        values = [x[3] for x in self.ticks if x[3] is not None]
        return max(values) if values else None


class Probes:
    """Runs every region's probes each tick and keeps the recent statistics."""

    def __init__(self, engine: Engine, difficulty: str) -> None:
        self.e = engine
        self.noise = NOISE[difficulty]
        self.rng: random.Random = engine.rng("probes")
        regions = engine.network.regions
        self.regions = regions
        maxlen = max(1, int(round(WINDOW_S / engine.tick_s)))
        self.pairs = {(a, b): PairStats(maxlen) for a in regions for b in regions if a != b}
        self.host_down_until = {r: -1.0 for r in regions}
        """A region's probe host is broken until this time."""
        self.gc_until = {r: -1.0 for r in regions}
        self.gc_ms = {r: 0.0 for r in regions}
        self._static_version = -1
        self._static_rows: list[tuple] = []
        self.decoy: tuple[str, float, float] | None = None
        """(region, start, end) of the hard level's flaky probe host."""
        self.missing: str | None = None
        """The vantage whose RTT percentiles are missing (hard)."""
        if self.noise.decoy or self.noise.missing_p99:
            setup = engine.rng("probes:decoy")
            faults = [ev.at for ev in engine.scenario.events if ev.kind not in ("inject", "surge")]
            anchor = min(faults) if faults else engine.duration / 3
            if self.noise.decoy:
                start = max(0.0, anchor + setup.uniform(-180, 240))
                region = regions[setup.randrange(len(regions))]
                self.decoy = (region, start, start + setup.uniform(180, 360))
            if self.noise.missing_p99:
                self.missing = regions[setup.randrange(len(regions))]

    # -- per tick ----------------------------------------------------------------
    def tick(self) -> None:
        """Send this tick's probes and heartbeats; update every pair's statistics."""
        e, noise, rng = self.e, self.noise, self.rng
        net, now, dt = e.network, e.now, e.tick_s
        timeout = e.scenario.control.timeout_ms * PROBE_TIMEOUT_FACTOR
        n = PROBES_PER_TICK
        per_tick = dt / 3600.0
        for r in self.regions:
            if rng.random() < noise.host_fail_per_h * per_tick:
                self.host_down_until[r] = now + rng.uniform(*noise.host_fail_s)
            if rng.random() < noise.gc_per_h * per_tick:
                self.gc_until[r] = now + dt
                self.gc_ms[r] = rng.uniform(*noise.gc_ms)
        busy = {fs.leader for fs in e.features.values() if fs.overloaded}
        down = net.down_regions
        decoy = self.decoy
        gc = [r for r in self.regions if self.gc_until[r] >= now]
        for (a, b), st, hb, p, med, sigma in self._static():
            if a in down:
                continue  # a dead region reports nothing
            # heartbeats b -> a
            if b in busy:
                hb *= 0.8
            if hb >= 1.0 or (hb > 0 and rng.random() < 1.0 - (1.0 - hb) ** n):
                st.last_heard = now
            # round trips a -> b -> a
            if b in busy:
                med *= 3.0
                sigma = max(sigma, 0.5)
                p *= 0.7
            if gc:
                for end in (a, b):
                    if end in gc:
                        med += self.gc_ms[end]
            med *= math.exp(rng.gauss(0.0, sigma / 4))  # this tick's drift of the median
            if self.host_down_until[a] >= now:
                p = 0.0
            elif decoy and decoy[0] == a and decoy[1] <= now < decoy[2]:
                p *= 0.45
            # the tail past the timeout is negligible below ~5 sigmas: skip the erfc
            timed_out = _p_over(med, sigma, timeout) if med * TAIL[sigma] > timeout else 0.0
            q = p * (1.0 - timed_out)
            ok = n if q >= 1.0 else binomial(rng, n, q)  # a sure answer draws nothing
            p50 = p99 = None
            if ok:
                st.last_ok = now
                p50 = med if med < timeout else timeout
                p99 = med * P99[sigma]
                if p99 >= timeout:
                    p99 = timeout
                if ok < n and p99 < timeout and timed_out > 0.001:
                    p99 = timeout  # the slow tail timed out: it counts at the timeout
            st.ticks.append((n, ok, p50, p99))

    def _static(self) -> list[tuple]:
        """Per pair: (pair, stats, heartbeat odds, round-trip odds, median ms, sigma).

        Derived from the network, so recomputed only when it changes.
        """
        net = self.e.network
        if self._static_version == net.version:
            return self._static_rows
        rows = []
        jitter = self.noise.jitter
        for (a, b), st in self.pairs.items():
            req, rep = net.links[(a, b)], net.links[(b, a)]
            sigma = jitter
            if SLOW in (req.state, rep.state):
                sigma = max(sigma, 0.35)
            if LOSSY in (req.state, rep.state):
                sigma = max(sigma, 0.3)
            rows.append(
                (
                    (a, b),
                    st,
                    net.deliver(b, a),
                    net.deliver(a, b) * net.deliver(b, a),
                    req.latency_ms() + rep.latency_ms(),
                    sigma,
                )
            )
        self._static_version, self._static_rows = net.version, rows
        return rows

    # -- queries -------------------------------------------------------------------
    def silent(self) -> list[str]:
        """Regions whose probe hosts report nothing (the region is out)."""
        return sorted(self.e.network.down_regions)

    def heard_age(self, a: str, b: str) -> float:
        """Seconds since ``a`` last heard a heartbeat from ``b``."""
        return self.e.now - self.pairs[(a, b)].last_heard
