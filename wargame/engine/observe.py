"""Observability façade: what monitoring sees of a run, tick by tick.

The engine hands every committed outcome to :class:`Observer`; at the end of
each tick the observer

* runs the regions' probes and heartbeats (:mod:`wargame.engine.probes`) and
  moves the replication streams (:mod:`wargame.engine.lag`);
* turns the tick's sums into metric samples (the chapter's table: cross-region
  p99, replication lag, quorum, write rejections, stale reads, conflicts,
  errors, revenue and tickets per minute);
* evaluates the alert rules with hold times and hysteresis
  (:mod:`wargame.engine.alerts`);
* updates the regions' failure detectors and writes structured log lines
  (:mod:`wargame.engine.logs`);
* files the support tickets that are due (:mod:`wargame.engine.tickets`).

Nothing here reads the true link state except the probe and replication models,
which turn it into the noisy observations a real monitoring stack would have.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from wargame.engine.alerts import Alerts
from wargame.engine.lag import Replication
from wargame.engine.logs import Episodes, Logs
from wargame.engine.probes import Probes
from wargame.engine.tickets import TicketDesk, make_ticket
from wargame.model.result import Alert, LogLine, Sample, Ticket

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.policies import Split
    from wargame.engine.state import FeatureState

__all__ = ["METRICS", "REGION_METRICS", "Observer", "make_sample", "make_ticket"]

METRICS: tuple[str, ...] = (
    "p99_ms",
    "lag_s",
    "quorum",
    "write_rejections",
    "stale_rate",
    "error_rate",
    "conflicts_per_min",
    "revenue_per_min",
    "tickets_per_min",
    "pending",
)
"""Names of the metrics sampled every tick."""

REGION_METRICS: tuple[str, ...] = (
    "lag_s",
    "quorum",
    "write_rejections",
    "stale_rate",
    "error_rate",
)
"""Metrics also kept per region."""

FEATURE_SERIES: tuple[str, ...] = ("requests", "errors", "stale", "revenue")
"""Per-feature values kept for every tick (charts, downtime of the revenue path)."""


def make_sample(raw: tuple[float, dict[str, float]]) -> Sample:
    """A :class:`Sample` from the observer's raw tuple."""
    return Sample.model_construct(t=raw[0], values=dict(raw[1]))


def _status(s: Split) -> str:
    """What users of a (region, feature) see this tick."""
    total = s.reads + s.writes
    if total and (s.w_failed + s.r_failed) / total > 0.05:
        return "errors"
    if s.writes and s.w_failed / s.writes > 0.05:
        return "errors"  # writes failing matter even when reads dominate the traffic
    if s.w_pending:
        return "pending"
    if s.reads and s.r_stale / s.reads > 0.10:
        return "stale"
    return "ok"


class Observer:
    """Collects one tick's sums, then samples metrics, raises alerts and logs."""

    def __init__(self, engine: Engine) -> None:
        self.e = engine
        regions = engine.network.regions
        self.sums: dict[str, list[float]] = {r: [0, 0, 0, 0, 0] for r in regions}
        """Per region this tick: writes, failed writes, reads, stale reads, errors."""
        self.conflicts_tick = 0.0
        self._conflict_window: deque[tuple[float, float]] = deque()
        self.revenue_tick = 0.0
        self.latest: dict[str, float] = {}
        self.latest_region: dict[str, dict[str, float]] = {r: {} for r in regions}
        self.series_t: list[float] = []
        self.series: dict[str, list[float]] = {m: [] for m in METRICS}
        self.fsums: dict[str, list[float]] = {f: [0, 0, 0, 0.0] for f in engine.features}
        """Per feature this tick, in ``FEATURE_SERIES`` order."""
        self.fseries: dict[str, dict[str, list[float]]] = {
            f: {k: [] for k in FEATURE_SERIES} for f in engine.features
        }
        self._appends = tuple(self.series[m].append for m in METRICS)
        """Each metric's series' ``append``, in ``METRICS`` order (the order of a sample)."""
        self._fappends = {
            f: tuple(self.fseries[f][k].append for k in FEATURE_SERIES) for f in engine.features
        }
        """Per feature, each of its series' ``append`` in ``FEATURE_SERIES`` order."""
        self.rng = engine.rng("observe")
        self.out_samples: list[tuple[float, dict[str, float]]] = []
        self.primary = engine.scenario.primary_region()
        self.everyone = tuple(regions)
        """Every region: the primary's quorum is counted over them."""
        self.probes = Probes(engine, engine.difficulty)
        self.replication = Replication(engine)
        self.rules = Alerts(engine)
        self.logbook = Logs(engine)
        self.desk = TicketDesk(engine)
        self.episodes = Episodes()
        self.lag_history: deque[tuple[float, dict[tuple[str, str], float]]] = deque()
        """(t, lag per pair) of recent ticks, for a lag metric that arrives late (hard)."""
        self.lag_seen: dict[tuple[str, str], float] = dict(self.replication.lag)
        """Lag per (src, dst) as the metric shows it now (``lag_late_s`` old at hard)."""

    # -- façade attributes (kept for the engine, control and results) ------------------
    @property
    def alerts(self) -> list[Alert]:
        """Every alert raised so far."""
        return self.rules.alerts

    @property
    def out_alerts(self) -> list[Alert]:
        return self.rules.out

    @out_alerts.setter
    def out_alerts(self, value: list[Alert]) -> None:
        self.rules.out = value

    @property
    def out_logs(self) -> list[LogLine]:
        return self.logbook.out

    @out_logs.setter
    def out_logs(self, value: list[LogLine]) -> None:
        self.logbook.out = value

    @property
    def out_tickets(self) -> list[tuple]:
        return self.desk.out

    @out_tickets.setter
    def out_tickets(self, value: list[tuple]) -> None:
        self.desk.out = value

    @property
    def logs(self) -> deque[LogLine]:
        return self.logbook.lines

    @property
    def logs_total(self) -> int:
        return self.logbook.total

    @property
    def detected(self) -> dict[str, bool]:
        """Per region: its failure detector suspects a peer (from heartbeats)."""
        return self.logbook.detected

    @property
    def tickets(self) -> list[Ticket]:
        return self.desk.tickets

    @property
    def tickets_total(self) -> int:
        return self.desk.total

    @property
    def ticket_counts(self) -> dict[str, int]:
        return self.desk.counts

    def log(self, level: str, region: str, fs: FeatureState | None, msg: str) -> None:
        """Write a structured log line."""
        self.logbook.log(level, region, fs, msg)

    # -- per outcome -----------------------------------------------------------
    def record(self, fs: FeatureState, region: str, d: dict[str, float]) -> None:
        """Count a committed delta towards this tick's metrics, and file tickets."""
        if "revenue" in d or "refunds" in d:
            self.book(fs, d)
        if "conflicts" in d:
            self.conflicts_tick += d["conflicts"]
        self.desk.file(fs, region, d)

    def book(self, fs: FeatureState, d: dict[str, float]) -> None:
        """Count a committed delta's revenue net of refunds towards this tick's."""
        net = d.get("revenue", 0) - d.get("refunds", 0)
        self.fsums[fs.spec.id][3] += net
        self.revenue_tick += net

    def record_split(self, fs: FeatureState, region: str, s: Split) -> None:
        """Count a tick's reads and writes, and log a change of what users see."""
        sums = self.sums[region]
        w_failed, r_stale, reads, writes = s.w_failed, s.r_stale, s.reads, s.writes
        errors = w_failed + s.r_failed
        sums[0] += writes
        sums[1] += w_failed
        sums[2] += reads
        sums[3] += r_stale
        sums[4] += errors
        fsum = self.fsums[fs.spec.id]
        fsum[0] += reads + writes
        fsum[1] += errors
        fsum[2] += r_stale
        if errors or s.w_pending or r_stale:
            status = _status(s)
        else:
            status = "ok"
        if fs.status.get(region) != status:
            self.logbook.status(fs, region, status)

    def episode(self, key: object, on: bool) -> bool:
        """Track a flickering condition; True when ``on`` starts a new episode."""
        if on:
            return self.episodes.start(key, self.e.now)
        self.episodes.end(key, self.e.now)
        return False

    # -- per tick --------------------------------------------------------------
    def end_tick(self) -> None:
        """Turn the tick's sums into samples, alerts and logs; reset the sums."""
        self.desk.deliver_due()
        e = self.e
        net, now, tick = e.network, e.now, e.tick_s
        timeout = e.scenario.control.timeout_ms
        rng = self.rng
        self.probes.tick()
        self.replication.tick()
        self.logbook.detect(self.probes.pairs)
        lag_into = self._lag_into()
        primary, everyone = self.primary, self.everyone
        regions = net.regions
        q_primary = net.quorum_odds(primary, everyone, len(everyone) // 2 + 1, timeout)
        t_writes = t_failed = t_reads = t_stale = t_errors = 0
        all_sums = self.sums
        latest_region = self.latest_region
        for r in regions:
            writes, w_failed, reads, stale, errors = all_sums[r]
            requests = writes + reads
            latest_region[r] = {
                "lag_s": lag_into[r],
                "quorum": net.round_trip(r, primary, timeout) * q_primary,
                "write_rejections": w_failed / writes if writes else 0.0,
                "stale_rate": stale / reads if reads else 0.0,
                "error_rate": errors / requests if requests else 0.0,
            }
            t_writes += writes
            t_failed += w_failed
            t_reads += reads
            t_stale += stale
            t_errors += errors
            all_sums[r] = [0, 0, 0, 0, 0]
        writes, w_failed, reads, stale, errors = t_writes, t_failed, t_reads, t_stale, t_errors
        requests = writes + reads
        jitter = 1.0 + 0.05 * (rng.random() - 0.5)
        quorum = sum(self.latest_region[r]["quorum"] * e.share[r] for r in regions)
        pending = sum(
            sum(x[1] for x in q) for fs in e.features.values() for q in fs.pending.values() if q
        )
        self.latest = latest = {
            "p99_ms": net.max_latency_ms(timeout) * 1.5 * jitter,
            "lag_s": max(lag_into.values()),
            "quorum": quorum,
            "write_rejections": w_failed / writes if writes else 0.0,
            "stale_rate": stale / reads if reads else 0.0,
            "error_rate": errors / requests if requests else 0.0,
            "conflicts_per_min": self._rolling_conflicts(now),
            "revenue_per_min": self.revenue_tick * 60 / tick,
            "tickets_per_min": self.desk.tick_count * 60 / tick,
            "pending": float(pending),
        }
        self.series_t.append(now)
        for append, v in zip(self._appends, latest.values(), strict=True):
            append(round(v, 6))
        self.out_samples.append((now, latest))
        fsums, fappends = self.fsums, self._fappends
        for f, fsum in fsums.items():
            for append, v in zip(fappends[f], fsum, strict=True):
                append(round(v, 2))
            fsums[f] = [0, 0, 0, 0.0]
        self.rules.evaluate(self.latest, self.latest_region)
        self.desk.tick_count = 0
        self.conflicts_tick = 0.0
        self.revenue_tick = 0.0

    def _lag_into(self) -> dict[str, float]:
        """Replication lag into each region as the metric shows it (late at hard)."""
        self.lag_seen = self._late_lag()
        out = {r: 0.0 for r in self.e.network.regions}
        for (_, b), v in self.lag_seen.items():
            out[b] = max(out[b], v)
        return out

    def _late_lag(self) -> dict[tuple[str, str], float]:
        """Lag per (src, dst) as the metric pipeline delivers it (``lag_late_s`` old)."""
        late = self.probes.noise.lag_late_s
        now = self.e.now
        if not late:
            return dict(self.replication.lag)
        hist = self.lag_history
        hist.append((now, dict(self.replication.lag)))
        while len(hist) > 1 and hist[1][0] <= now - late:
            hist.popleft()
        t0, lag = hist[0]
        if t0 > now - late:
            return {k: 0.0 for k in lag}  # nothing has arrived yet
        return lag

    def _rolling_conflicts(self, now: float) -> float:
        """Conflicts resolved over the last minute (reconciliation reveals them in slices)."""
        window = self._conflict_window
        if self.conflicts_tick:
            window.append((now, self.conflicts_tick))
        while window and window[0][0] <= now - 60:
            window.popleft()
        return float(sum(n for _, n in window))
