"""Replication lag per pair of regions: the age of the oldest write not yet copied.

Asynchronous replication from ``src`` to ``dst`` is a stream with a *frontier*:
every write ``src`` accepted up to the frontier is applied in ``dst``. The lag
of the pair is ``now - frontier`` while ``src`` has writes past the frontier
(0 once ``dst`` has everything; a one-way latency is below a tick and shows
as 0). Each tick the frontier moves:

* on a healthy link, the stream ships up to ``CATCHUP`` seconds of writes per
  second (a backlog built up during a cut drains over time, it does not vanish
  at the heal), up to the writes that are one one-way latency old;
* on a lossy link, throughput falls with the loss (``(1 - loss) ** 3``: resends
  and backoff), and the stream stalls for a whole tick with the loss's odds;
* on a cut link with a third region that reaches both ends, anti-entropy rounds
  relay the writes: those older than ``control.relay_s`` have arrived;
* on a cut link without a relay, the frontier stays where it was.

A region that is out writes nothing new (its backlog to others stays until it is
back). The draws come from the run's ``replication`` stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine.network import LOSSY

if TYPE_CHECKING:
    from wargame.engine.engine import Engine

CATCHUP = 10.0
"""Seconds of writes a healthy replication stream ships per second."""
_SHIPS, _LOSSY, _STALLED = "ships", "lossy", "stalled"
"""How a stream moves this tick: at full speed, through a lossy link, or not at all."""


class Replication:
    """The replication frontier of every ordered pair of regions."""

    def __init__(self, engine: Engine) -> None:
        self.e = engine
        self.rng = engine.rng("replication")
        regions = engine.network.regions
        self.frontier = {(a, b): 0.0 for a in regions for b in regions if a != b}
        self.last_write = {r: 0.0 for r in regions}
        """When each region last accepted a write (its stream's head)."""
        self.lag: dict[tuple[str, str], float] = {k: 0.0 for k in self.frontier}
        """Current lag per (src, dst), seconds."""
        self._paths_version = -1
        self._paths_rows: list[tuple[tuple[str, str], str, float, bool]] = []

    def tick(self) -> None:
        """Move every frontier by one tick and recompute the lags."""
        e = self.e
        net, now, dt = e.network, e.now, e.tick_s
        relay = e.scenario.control.relay_s
        down = net.down_regions
        last_write = self.last_write
        for r in last_write:
            if r not in down:
                last_write[r] = now
        frontier, lag = self.frontier, self.lag
        ship = dt * CATCHUP
        for key, how, loss, relayed in self._paths():
            f = frontier[key]
            head = last_write[key[0]]
            if f >= head:
                lag[key] = 0.0
                continue
            if how is _SHIPS:
                f += ship
            elif how is _LOSSY:
                if self.rng.random() >= loss:
                    f += ship * (1.0 - loss) ** 3
            if relayed:
                f = max(f, min(head, now - relay))
            if f > head:
                f = head
            frontier[key] = f
            lag[key] = now - f if f < head else 0.0

    def _paths(self) -> list[tuple[tuple[str, str], str, float, bool]]:
        """Per stream: (pair, how it moves, loss, relayed by a third region).

        Derived from the network alone, so worked out again only when it changes.
        """
        net = self.e.network
        if self._paths_version == net.version:
            return self._paths_rows
        calm = not net.impaired()
        down = net.down_regions
        rows = []
        for a, b in self.frontier:
            how, loss = _STALLED, 0.0
            if b in down:
                pass
            elif calm or net.deliver(a, b) >= 1.0 and net.deliver(b, a) >= 1.0:
                how = _SHIPS
            elif net.links[(a, b)].state == LOSSY and net.deliver(a, b) > 0:
                how, loss = _LOSSY, net.links[(a, b)].loss
            relayed = b not in down and a not in down and net.relayed(a, b)
            rows.append(((a, b), how, loss, relayed))
        self._paths_version, self._paths_rows = net.version, rows
        return rows

    def into(self, region: str) -> float:
        """The worst lag of any stream into ``region``."""
        return max((v for (a, b), v in self.lag.items() if b == region), default=0.0)
