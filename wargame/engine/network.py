"""The network between regions: directed links, their states and what follows.

A link is ``up``, ``slow`` (latency times a factor: congestion, not a
partition), ``lossy`` (a share of messages lost: a partial partition) or
``down``. Links are directed, so one-way partitions are possible. Regions can
be out entirely. Every change bumps ``version`` so callers can cache what
they derive (reachability, quorum odds) until the next change.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

UP, SLOW, LOSSY, DOWN = "up", "slow", "lossy", "down"


@dataclass
class LinkState:
    """State of one direction of a link."""

    base_ms: float
    state: str = UP
    factor: float = 1.0
    loss: float = 0.0

    def deliver(self) -> float:
        """Probability that one message gets through."""
        if self.state == DOWN:
            return 0.0
        if self.state == LOSSY:
            return 1.0 - self.loss
        return 1.0

    def latency_ms(self) -> float:
        """Current typical one-way latency (slow links are slower; lossy ones retransmit)."""
        ms = self.base_ms * (self.factor if self.state == SLOW else 1.0)
        if self.state == LOSSY:
            ms *= 1.0 + 2.0 * self.loss / max(0.05, 1.0 - self.loss)
        return ms


class Network:
    """All directed links between regions, plus region outages."""

    def __init__(self, regions: list[str], latency: dict[tuple[str, str], float]) -> None:
        self.regions = list(regions)
        self.links: dict[tuple[str, str], LinkState] = {}
        for a in regions:
            for b in regions:
                if a != b:
                    self.links[(a, b)] = LinkState(base_ms=latency[(a, b)])
        self.down_regions: set[str] = set()
        self.version = 0
        self._cache: dict[object, object] = {}
        self._rt: dict[tuple[str, str, float], float] = {}
        self._conn: dict[tuple[str, str], bool] = {}

    # -- changes ---------------------------------------------------------------
    def _changed(self) -> None:
        self.version += 1
        self._cache.clear()
        self._rt.clear()
        self._conn.clear()

    def set_link(
        self, a: str, b: str, state: str, *, factor: float = 1.0, loss: float = 0.0
    ) -> None:
        """Set the state of the directed link a -> b."""
        link = self.links[(a, b)]
        link.state, link.factor, link.loss = state, factor, loss
        self._changed()

    def set_pair(
        self, a: str, b: str, state: str, *, factor: float = 1.0, loss: float = 0.0
    ) -> None:
        """Set both directions between a and b."""
        self.set_link(a, b, state, factor=factor, loss=loss)
        self.set_link(b, a, state, factor=factor, loss=loss)

    def heal(self, pairs: list[tuple[str, str]] | None = None) -> None:
        """Bring the given pairs (or every link) back up."""
        targets = pairs if pairs is not None else [k for k in self.links]
        for a, b in targets:
            for key in ((a, b), (b, a)):
                link = self.links[key]
                link.state, link.factor, link.loss = UP, 1.0, 0.0
        self._changed()

    def set_region(self, region: str, up: bool) -> None:
        """Take a region out (outage) or bring it back."""
        if up:
            self.down_regions.discard(region)
        else:
            self.down_regions.add(region)
        self._changed()

    # -- queries ---------------------------------------------------------------
    def deliver(self, a: str, b: str) -> float:
        """Probability a message from a reaches b."""
        if a == b:
            return 0.0 if a in self.down_regions else 1.0
        if a in self.down_regions or b in self.down_regions:
            return 0.0
        return self.links[(a, b)].deliver()

    def round_trip(self, a: str, b: str, timeout_ms: float) -> float:
        """Probability a request a -> b -> a completes within the timeout."""
        key = (a, b, timeout_ms)
        hit = self._rt.get(key)
        if hit is not None:
            return hit
        if a == b:
            p = self.deliver(a, a)
        else:
            p = self.deliver(a, b) * self.deliver(b, a)
            lat = self.links[(a, b)].latency_ms() + self.links[(b, a)].latency_ms()
            if p and lat > timeout_ms:
                p = 0.0
        self._rt[key] = p
        return p

    def connected(self, a: str, b: str) -> bool:
        """Both directions deliver every message: replication keeps up.

        A lossy link is not connected: its replication stream stalls and falls
        behind, so at any loss the two sides drift apart (they still trade some
        messages: see :meth:`leaky`)."""
        key = (a, b)
        hit = self._conn.get(key)
        if hit is None:
            hit = self._conn[key] = self.deliver(a, b) >= 1.0 and self.deliver(b, a) >= 1.0
        return hit

    def leaky(self, a: str, b: str) -> bool:
        """Not connected, but some messages still get through both ways (a lossy link)."""
        return not self.connected(a, b) and self.deliver(a, b) > 0 and self.deliver(b, a) > 0

    def late_paths(self, a: str) -> dict[str, bool]:
        """Per other region ``b`` that ``a`` is not connected to: True when messages from
        ``a`` still reach it late (:meth:`relayed` through a third region, or
        :meth:`leaky`), False when nothing gets through (cached per network state)."""
        key = ("late", a)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = {
                b: self.relayed(a, b) or self.leaky(a, b)
                for b in self.regions
                if b != a and not self.connected(a, b)
            }
        return hit  # type: ignore[return-value]

    def relayed(self, a: str, b: str) -> bool:
        """a and b are not connected, but some third region is connected to both."""
        key = ("relay", a, b)
        hit = self._cache.get(key)
        if hit is None:
            hit = not self.connected(a, b) and any(
                self.connected(a, c) and self.connected(c, b)
                for c in self.regions
                if c not in (a, b)
            )
            self._cache[key] = hit
        return bool(hit)

    def quorum_odds(
        self, leader: str, replicas: tuple[str, ...], need: int, timeout_ms: float
    ) -> float:
        """Probability the leader collects ``need`` confirmations (itself included)."""
        key = ("quorum", leader, replicas, need, timeout_ms)
        hit = self._cache.get(key)
        if hit is not None:
            return hit  # type: ignore[return-value]
        if leader in self.down_regions:
            result = 0.0
        else:
            probs = [self.round_trip(leader, r, timeout_ms) for r in replicas if r != leader]
            have = 1 if leader in replicas else 0
            # distribution of the number of confirmations from the followers
            dist = [1.0]
            for p in probs:
                nxt = [0.0] * (len(dist) + 1)
                for k, q in enumerate(dist):
                    nxt[k] += q * (1 - p)
                    nxt[k + 1] += q * p
                dist = nxt
            result = sum(q for k, q in enumerate(dist) if k + have >= need)
        self._cache[key] = result
        return result

    def worst_loss(self, leader: str, members: tuple[str, ...]) -> float:
        """Worst loss on a lossy link, either way, between ``leader`` and one of
        ``members`` (0 when none is lossy)."""
        key = ("worst_loss", leader, members)
        hit = self._cache.get(key)
        if hit is None:
            links = self.links
            worst = 0.0
            for q in members:
                if q == leader:
                    continue
                for pair in ((leader, q), (q, leader)):
                    link = links.get(pair)
                    if link is not None and link.state == LOSSY and link.loss > worst:
                        worst = link.loss
            hit = self._cache[key] = worst
        return hit  # type: ignore[return-value]

    def impaired(self) -> bool:
        """Some link drops messages, or some region is out (slowness alone does not count)."""
        key = ("impaired",)
        hit = self._cache.get(key)
        if hit is None:
            hit = bool(self.down_regions) or any(
                link.state in (DOWN, LOSSY) for link in self.links.values()
            )
            self._cache[key] = hit
        return bool(hit)

    def max_latency_ms(self, timeout_ms: float) -> float:
        """Worst current latency over all links (a down link counts as the timeout)."""
        key = ("max_latency", timeout_ms)
        hit = self._cache.get(key)
        if hit is None:
            worst = 0.0
            for (a, b), link in self.links.items():
                if link.state == DOWN or a in self.down_regions or b in self.down_regions:
                    worst = max(worst, timeout_ms)
                else:
                    worst = max(worst, link.latency_ms())
            hit = self._cache[key] = worst
        return hit  # type: ignore[return-value]

    def describe(self) -> list[tuple[str, str, str, float, float]]:
        """(a, b, state, latency ms, loss) for every undirected pair, one-way states shown."""
        rows = []
        for a, b in combinations(self.regions, 2):
            ab, ba = self.links[(a, b)], self.links[(b, a)]
            if ab.state == ba.state:
                state = ab.state
            else:
                state = f"{ab.state}>/<{ba.state}"
            rows.append((a, b, state, max(ab.latency_ms(), ba.latency_ms()), max(ab.loss, ba.loss)))
        return rows
