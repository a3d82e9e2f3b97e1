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

    def tick(self) -> None:
        """Move every frontier by one tick and recompute the lags."""
        e = self.e
        net, now, dt = e.network, e.now, e.tick_s
        relay = e.scenario.control.relay_s
        down = net.down_regions
        for r in self.last_write:
            if r not in down:
                self.last_write[r] = now
        calm = not net.impaired()
        for (a, b), f in self.frontier.items():
            head = self.last_write[a]
            if f >= head:
                self.lag[(a, b)] = 0.0
                continue
            if b in down:
                pass
            elif calm or net.deliver(a, b) >= 1.0 and net.deliver(b, a) >= 1.0:
                f += dt * CATCHUP
            elif net.links[(a, b)].state == LOSSY and net.deliver(a, b) > 0:
                loss = net.links[(a, b)].loss
                if self.rng.random() >= loss:
                    f += dt * CATCHUP * (1.0 - loss) ** 3
            if b not in down and a not in down and net.relayed(a, b):
                f = max(f, min(head, now - relay))
            f = min(f, head)
            self.frontier[(a, b)] = f
            self.lag[(a, b)] = now - f if f < head else 0.0

    def into(self, region: str) -> float:
        """The worst lag of any stream into ``region``."""
        return max((v for (a, b), v in self.lag.items() if b == region), default=0.0)
