"""Observability: the metrics, alert rules, log lines and support tickets a run emits.

The engine hands every committed outcome to :class:`Observer`; at the end of
each tick the observer turns the tick's sums into metric samples (the
chapter's table: cross-region p99, replication lag, quorum, write
rejections, stale reads, conflicts, errors, revenue and tickets per minute),
evaluates the alert rules with their hold times, and writes structured log
lines when a (region, feature) changes state. Tickets are filed by users
after a delay, so they are SimPy processes.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from typing import TYPE_CHECKING

from wargame.engine.rng import poisson
from wargame.engine.tickets import ticket_text
from wargame.model.result import Alert, LogLine, Sample, Ticket
from wargame.model.status import all_clear

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.policies import Split
    from wargame.engine.state import FeatureState

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

SYMPTOM_OF: dict[str, str] = {
    "rejected": "errors",
    "timed_out": "errors",
    "stale_reads": "stale",
    "duplicates": "duplicates",
    "lost_writes": "lost_writes",
    "oversold": "oversold",
    "false_indicators": "false_indicators",
    "conflicts": "conflicts",
    "safety_violations": "violations",
    "financial_violations": "violations",
    "compliance_violations": "violations",
}

FEATURE_SERIES: tuple[str, ...] = ("requests", "errors", "stale", "revenue")
"""Per-feature values kept for every tick (charts, downtime of the revenue path)."""

LOG_LIMIT = 2000
TICKET_SAMPLE = 50
VIOLATION_QUIET_S = 300
"""A violation alert stays up until no violation was seen for this long."""
BATCH_ABOVE = 4
"""Up to this many tickets per step are filed one by one; more are filed in batches."""
BATCHES = 4


def make_ticket(raw: tuple) -> Ticket:
    """A :class:`Ticket` from the observer's raw tuple."""
    tid, t, symptom, feature, region, text, count = raw
    return Ticket.model_construct(
        id=tid, t=t, symptom=symptom, feature=feature, region=region, text=text, count=count
    )


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
        self.tickets_tick = 0
        self.conflicts_tick = 0.0
        self._conflict_window: deque[tuple[float, float]] = deque()
        self.last_violation: dict[tuple[str, str], float] = {}
        self.revenue_tick = 0.0
        self.last_sync = {(a, b): 0.0 for a in regions for b in regions if a != b}
        self.detected = {r: False for r in regions}
        self.cut_since: dict[str, float | None] = {r: None for r in regions}
        self.latest: dict[str, float] = {}
        self.latest_region: dict[str, dict[str, float]] = {r: {} for r in regions}
        self.series_t: list[float] = []
        self.series: dict[str, list[float]] = {m: [] for m in METRICS}
        self.alerts: list[Alert] = []
        self.active: dict[tuple[str, str, str | None], Alert] = {}
        self.since: dict[tuple[str, str, str | None], float] = {}
        self.logs: deque[LogLine] = deque(maxlen=LOG_LIMIT)
        self.logs_total = 0
        self.tickets: list[Ticket] = []
        """The first ``TICKET_SAMPLE`` tickets filed (for reports); counts cover all."""
        self.tickets_total = 0
        self._queue: list[tuple] = []
        self._seq = 0
        self._ticket_rngs: dict[tuple[str, str], object] = {}
        self._rules_of = {
            sym: (
                engine.scenario.ticket_rule(sym).per_event,
                engine.scenario.ticket_rule(sym).delay_s,
            )
            for sym in set(SYMPTOM_OF.values())
        }
        self.ticket_counts: dict[str, int] = {}
        self.fsums: dict[str, list[float]] = {f: [0, 0, 0, 0.0] for f in engine.features}
        """Per feature this tick, in ``FEATURE_SERIES`` order."""
        self.fseries: dict[str, dict[str, list[float]]] = {
            f: {k: [] for k in FEATURE_SERIES} for f in engine.features
        }
        self.out_samples: list[tuple[float, dict[str, float]]] = []
        self.out_alerts: list[Alert] = []
        self.out_tickets: list[tuple] = []
        self.out_logs: list[LogLine] = []
        self.baseline_p99 = engine.scenario.baseline_p99_ms()

    # -- per outcome -----------------------------------------------------------
    def record(self, fs: FeatureState, region: str, d: dict[str, float]) -> None:
        """Count a committed delta towards this tick's metrics, and file tickets."""
        if "revenue" in d or "refunds" in d:
            net = d.get("revenue", 0) - d.get("refunds", 0)
            self.fsums[fs.spec.id][3] += net
            self.revenue_tick += net
        if "conflicts" in d:
            self.conflicts_tick += d["conflicts"]
        self._file_tickets(fs, region, d)

    def record_split(self, fs: FeatureState, region: str, s: Split) -> None:
        """Count a tick's reads and writes, and log a change of what users see."""
        sums = self.sums[region]
        errors = s.w_failed + s.r_failed
        sums[0] += s.writes
        sums[1] += s.w_failed
        sums[2] += s.reads
        sums[3] += s.r_stale
        sums[4] += errors
        fsum = self.fsums[fs.spec.id]
        fsum[0] += s.reads + s.writes
        fsum[1] += errors
        fsum[2] += s.r_stale
        status = _status(s)
        if fs.status.get(region) != status:
            fs.status[region] = status
            level = {"errors": "ERROR", "pending": "WARN", "stale": "WARN"}.get(status, "INFO")
            text = {
                "errors": "requests failing",
                "pending": "writes queued as pending",
                "stale": "serving stale reads",
                "ok": "serving normally",
            }[status]
            self.log(level, region, fs, text)

    def log(self, level: str, region: str, fs: FeatureState | None, msg: str) -> None:
        """Write a structured log line."""
        line = LogLine.model_construct(
            t=self.e.now,
            level=level,
            region=region,
            feature=fs.spec.id if fs else "-",
            partition_detected=self.detected.get(region, False),
            cap_choice=fs.policy[region] if fs and region in fs.policy else "-",
            msg=msg,
        )
        self.logs.append(line)
        self.out_logs.append(line)
        self.logs_total += 1

    def _file_tickets(self, fs: FeatureState, region: str, d: dict[str, float]) -> None:
        """Users write in after a delay: schedule the tickets a delta causes."""
        e = self.e
        damp = 1.0
        if e.ops.status_posts and not all_clear(e.ops.status_posts[-1][1]):
            # an honest post keeps users from writing in; an all-clear claim does not
            damp -= e.scenario.business.status_page_trust
        key = (fs.spec.id, region)
        rng = self._ticket_rngs.get(key)
        if rng is None:
            rng = self._ticket_rngs[key] = e.rng(f"tickets:{fs.spec.id}:{region}")
        for name, n in d.items():
            symptom = SYMPTOM_OF.get(name)
            if symptom is None or not n:
                continue
            per_event, delay_s = self._rules_of[symptom]
            count = poisson(rng, n * per_event * damp)
            if not count:
                continue
            if count <= BATCH_ABOVE:
                for _ in range(count):
                    delay = rng.expovariate(1.0 / delay_s) if delay_s else 0.0
                    self._schedule(delay, 1, symptom, fs, region, rng)
            else:
                # many users at once: file them in batches at the delay distribution's
                # quantiles, so the work per tick stays bounded at any traffic
                size, extra = divmod(count, BATCHES)
                for i in range(BATCHES):
                    delay = -delay_s * math.log(1.0 - (i + 0.5) / BATCHES)
                    self._schedule(delay, size + (1 if i < extra else 0), symptom, fs, region, rng)

    def _schedule(self, delay, count, symptom, fs, region, rng) -> None:
        text = ticket_text(symptom, fs.spec, region, rng)
        self._seq += 1
        item = (self.e.now + delay, self._seq, count, symptom, fs.spec.id, region, text)
        heapq.heappush(self._queue, item)

    def _deliver_due(self) -> None:
        """File the tickets whose time has come (called at the end of every tick)."""
        now = self.e.now
        queue = self._queue
        counts = self.ticket_counts
        while queue and queue[0][0] <= now:
            t, seq, count, symptom, feature, region, text = heapq.heappop(queue)
            self.tickets_total += count
            raw = (f"t{seq}", round(t, 3), symptom, feature, region, text, count)
            if len(self.tickets) < TICKET_SAMPLE:
                self.tickets.append(make_ticket(raw))
            self.out_tickets.append(raw)
            counts[symptom] = counts.get(symptom, 0) + count
            self.tickets_tick += count

    # -- per tick --------------------------------------------------------------
    def end_tick(self) -> None:
        """Turn the tick's sums into samples, alerts and logs; reset the sums."""
        self._deliver_due()
        e = self.e
        net, now, tick = e.network, e.now, e.tick_s
        timeout = e.scenario.control.timeout_ms
        rng = e.rng("observe")
        relay = e.scenario.control.relay_s
        impaired = net.impaired()
        if not impaired:
            for key in self.last_sync:
                self.last_sync[key] = now
        else:
            for (a, b), last in self.last_sync.items():
                p = net.deliver(a, b)
                if p >= 1.0 or (p > 0 and rng.random() < p):
                    self.last_sync[(a, b)] = now
                elif net.relayed(a, b):
                    self.last_sync[(a, b)] = max(last, now - relay)
        primary = e.scenario.primary_region()
        regions = net.regions
        q_primary = net.quorum_odds(primary, tuple(regions), len(regions) // 2 + 1, timeout)
        totals = [0, 0, 0, 0, 0]
        hold = e.scenario.thresholds.quorum_hold_s
        for r in regions:
            sums = self.sums[r]
            lag = max(now - self.last_sync[(s, r)] for s in regions if s != r)
            quorum = net.round_trip(r, primary, timeout) * q_primary
            writes, w_failed, reads, stale, errors = sums
            requests = writes + reads
            self.latest_region[r] = {
                "lag_s": lag,
                "quorum": quorum,
                "write_rejections": w_failed / writes if writes else 0.0,
                "stale_rate": stale / reads if reads else 0.0,
                "error_rate": errors / requests if requests else 0.0,
            }
            for i in range(5):
                totals[i] += sums[i]
            self.sums[r] = [0, 0, 0, 0, 0]
            # detection: a region notices it lost a peer after the quorum hold time
            cut = impaired and any(not net.connected(r, s) for s in regions if s != r)
            if cut and self.cut_since[r] is None:
                self.cut_since[r] = now
            elif not cut:
                self.cut_since[r] = None
            detected = cut and now - (self.cut_since[r] or now) >= hold
            if detected != self.detected[r]:
                self.detected[r] = detected
                self.log(
                    "WARN" if detected else "INFO",
                    r,
                    None,
                    "lost contact with a peer region" if detected else "all peers reachable again",
                )
        writes, w_failed, reads, stale, errors = totals
        requests = writes + reads
        jitter = 1.0 + 0.05 * (rng.random() - 0.5)
        quorum = sum(self.latest_region[r]["quorum"] * e.share[r] for r in regions)
        pending = sum(
            len(q) and sum(x[1] for x in q)
            for fs in e.features.values()
            for q in fs.pending.values()
        )
        self.latest = {
            "p99_ms": net.max_latency_ms(timeout) * 1.5 * jitter,
            "lag_s": max(v["lag_s"] for v in self.latest_region.values()),
            "quorum": quorum,
            "write_rejections": w_failed / writes if writes else 0.0,
            "stale_rate": stale / reads if reads else 0.0,
            "error_rate": errors / requests if requests else 0.0,
            "conflicts_per_min": self._rolling_conflicts(now),
            "revenue_per_min": self.revenue_tick * 60 / tick,
            "tickets_per_min": self.tickets_tick * 60 / tick,
            "pending": float(pending),
        }
        self.series_t.append(now)
        for m in METRICS:
            self.series[m].append(round(self.latest[m], 6))
        self.out_samples.append((now, self.latest))
        for f, fsum in self.fsums.items():
            series = self.fseries[f]
            for k, v in zip(FEATURE_SERIES, fsum, strict=True):
                series[k].append(round(v, 2))
            self.fsums[f] = [0, 0, 0, 0.0]
        self._rules()
        self.tickets_tick = 0
        self.conflicts_tick = 0.0
        self.revenue_tick = 0.0

    def _rolling_conflicts(self, now: float) -> float:
        """Conflicts resolved over the last minute (reconciliation reveals them in slices)."""
        window = self._conflict_window
        if self.conflicts_tick:
            window.append((now, self.conflicts_tick))
        while window and window[0][0] <= now - 60:
            window.popleft()
        return float(sum(n for _, n in window))

    def _rules(self) -> None:
        """Evaluate the alert rules; raise after the hold time, resolve when clear."""
        e = self.e
        th = e.scenario.thresholds
        g = self.latest
        base = self.baseline_p99
        seen: set[tuple[str, str, str | None]] = set()
        check = self._check
        check(
            seen,
            "latency_p99",
            "global",
            None,
            g["p99_ms"] > th.latency_factor * base,
            th.latency_hold_s,
            "warning",
            "cross-region p99 {:.0f} ms (baseline {:.0f} ms)",
            g["p99_ms"],
            base,
        )
        check(
            seen,
            "conflicts",
            "global",
            None,
            g["conflicts_per_min"] > 0,
            0,
            "warning",
            "conflict resolutions {:.0f}/min",
            g["conflicts_per_min"],
        )
        for r, v in self.latest_region.items():
            check(
                seen,
                "replication_lag",
                r,
                None,
                v["lag_s"] > th.lag_s,
                0,
                "warning",
                "replication lag into {} {:.0f} s",
                r,
                v["lag_s"],
            )
            check(
                seen,
                "quorum_lost",
                r,
                None,
                v["quorum"] < 0.99,
                th.quorum_hold_s,
                "critical",
                "{} reaches quorum for {:.0%} of writes",
                r,
                v["quorum"],
            )
            check(
                seen,
                "write_rejections",
                r,
                None,
                v["write_rejections"] > th.rejection_rate,
                0,
                "critical",
                "{:.0%} of writes rejected in {}",
                v["write_rejections"],
                r,
            )
            check(
                seen,
                "error_rate",
                r,
                None,
                v["error_rate"] > th.error_rate,
                0,
                "critical",
                "{:.0%} of requests failing in {}",
                v["error_rate"],
                r,
            )
            check(
                seen,
                "stale_reads",
                r,
                None,
                v["stale_rate"] > th.stale_rate,
                0,
                "warning",
                "{:.0%} of reads stale in {}",
                v["stale_rate"],
                r,
            )
        now = e.now
        last = self.last_violation
        for fs in e.features.values():
            if fs.tick_violations:
                for r, n in fs.tick_violations.items():
                    if n:
                        last[(fs.spec.id, r)] = now
                        check(
                            seen,
                            "violation",
                            r,
                            fs.spec.id,
                            True,
                            0,
                            "critical",
                            "{}: violation(s) in {}",
                            fs.spec.name,
                            r,
                        )
                fs.tick_violations.clear()
        for (fid, r), t in list(last.items()):
            if ("violation", r, fid) not in seen and now - t >= VIOLATION_QUIET_S:
                check(seen, "violation", r, fid, False, 0, "critical", "")
                del last[(fid, r)]

    def _check(self, seen, rule, region, feature, cond, hold, severity, template, *args) -> None:
        key = (rule, region, feature)
        seen.add(key)
        now = self.e.now
        if cond:
            start = self.since.setdefault(key, now)
            if key not in self.active and now - start >= hold:
                alert = Alert.model_construct(
                    id=f"a{len(self.alerts) + 1}",
                    t=now,
                    rule=rule,
                    region=region,
                    feature=feature,
                    severity=severity,
                    message=template.format(*args),
                    acked_at=None,
                    resolved_at=None,
                )
                self.alerts.append(alert)
                self.active[key] = alert
                self.out_alerts.append(alert)
        elif key in self.since or key in self.active:
            self.since.pop(key, None)
            alert = self.active.pop(key, None)
            if alert is not None:
                alert.resolved_at = now
                self.out_alerts.append(alert)
