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

from collections import deque
from typing import TYPE_CHECKING

from wargame.engine.rng import poisson
from wargame.engine.tickets import ticket_text
from wargame.model.result import Alert, LogLine, Sample, Ticket

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


def _status(s: Split) -> str:
    """What users of a (region, feature) see this tick."""
    total = s.reads + s.writes
    if total and (s.w_failed + s.r_failed) / total > 0.05:
        return "errors"
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
        self.sums: dict[str, dict[str, float]] = {r: {} for r in regions}
        self.tickets_tick = 0
        self.conflicts_tick = 0.0
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
        self.ticket_counts: dict[str, int] = {}
        self.fsums: dict[str, dict[str, float]] = {f: {} for f in engine.features}
        self.fseries: dict[str, dict[str, list[float]]] = {
            f: {k: [] for k in FEATURE_SERIES} for f in engine.features
        }
        self.out_samples: list[Sample] = []
        self.out_alerts: list[Alert] = []
        self.out_tickets: list[Ticket] = []
        self.out_logs: list[LogLine] = []
        base = max(link.base_ms for link in engine.network.links.values())
        self.baseline_p99 = base * 1.5

    # -- per outcome -----------------------------------------------------------
    def record(self, fs: FeatureState, region: str, d: dict[str, float]) -> None:
        """Count a committed delta towards this tick's metrics, and file tickets."""
        if "revenue" in d or "refunds" in d:
            fsum = self.fsums[fs.spec.id]
            fsum["revenue"] = fsum.get("revenue", 0) + d.get("revenue", 0) - d.get("refunds", 0)
        self.conflicts_tick += d.get("conflicts", 0)
        self.revenue_tick += d.get("revenue", 0) - d.get("refunds", 0)
        self._file_tickets(fs, region, d)

    def record_split(self, fs: FeatureState, region: str, s: Split) -> None:
        """Count a tick's reads and writes, and log a change of what users see."""
        sums = self.sums[region]
        sums["writes"] = sums.get("writes", 0) + s.writes
        sums["w_failed"] = sums.get("w_failed", 0) + s.w_failed
        sums["reads"] = sums.get("reads", 0) + s.reads
        sums["stale"] = sums.get("stale", 0) + s.r_stale
        sums["errors"] = sums.get("errors", 0) + s.w_failed + s.r_failed
        sums["pending"] = sums.get("pending", 0) + s.w_pending
        fsum = self.fsums[fs.spec.id]
        fsum["requests"] = fsum.get("requests", 0) + s.reads + s.writes
        fsum["errors"] = fsum.get("errors", 0) + s.w_failed + s.r_failed
        fsum["stale"] = fsum.get("stale", 0) + s.r_stale
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
        line = LogLine(
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
        e = self.e
        scenario = e.scenario
        damp = 1.0
        if e.ops.status_posts:
            damp -= scenario.business.status_page_trust
        rng = e.rng(f"tickets:{fs.spec.id}:{region}")
        for key, symptom in SYMPTOM_OF.items():
            n = d.get(key)
            if not n:
                continue
            rule = scenario.ticket_rule(symptom)
            count = poisson(rng, n * rule.per_event * damp)
            for _ in range(count):
                delay = rng.expovariate(1.0 / rule.delay_s) if rule.delay_s else 0.0
                text = ticket_text(symptom, fs.spec, region, rng)
                e.env.process(self._deliver(delay, symptom, fs.spec.id, region, text))

    def _deliver(self, delay: float, symptom: str, feature: str, region: str, text: str):
        yield self.e.env.timeout(delay)
        ticket = Ticket(
            id=f"t{len(self.tickets) + 1}",
            t=self.e.now,
            symptom=symptom,
            feature=feature,
            region=region,
            text=text,
        )
        self.tickets.append(ticket)
        self.out_tickets.append(ticket)
        self.ticket_counts[symptom] = self.ticket_counts.get(symptom, 0) + 1
        self.tickets_tick += 1

    # -- per tick --------------------------------------------------------------
    def end_tick(self) -> None:
        """Turn the tick's sums into samples, alerts and logs; reset the sums."""
        e = self.e
        net, now, tick = e.network, e.now, e.tick_s
        timeout = e.scenario.control.timeout_ms
        rng = e.rng("observe")
        relay = e.scenario.control.relay_s
        for (a, b), last in self.last_sync.items():
            p = net.deliver(a, b)
            if p >= 1.0 or (p > 0 and rng.random() < p):
                self.last_sync[(a, b)] = now
            elif net.relayed(a, b):
                self.last_sync[(a, b)] = max(last, now - relay)
        primary = e.scenario.primary_region()
        regions = net.regions
        q_primary = net.quorum_odds(primary, tuple(regions), len(regions) // 2 + 1, timeout)
        totals: dict[str, float] = {}
        for r in regions:
            sums = self.sums[r]
            lag = max(now - self.last_sync[(s, r)] for s in regions if s != r)
            quorum = net.round_trip(r, primary, timeout) * q_primary
            writes, reads = sums.get("writes", 0), sums.get("reads", 0)
            requests = writes + reads
            values = {
                "lag_s": lag,
                "quorum": quorum,
                "write_rejections": sums.get("w_failed", 0) / writes if writes else 0.0,
                "stale_rate": sums.get("stale", 0) / reads if reads else 0.0,
                "error_rate": sums.get("errors", 0) / requests if requests else 0.0,
            }
            self.latest_region[r] = values
            for k, v in sums.items():
                totals[k] = totals.get(k, 0) + v
            # detection: a region notices it lost a peer after the quorum hold time
            cut = any(not net.connected(r, s) for s in regions if s != r)
            if cut and self.cut_since[r] is None:
                self.cut_since[r] = now
            elif not cut:
                self.cut_since[r] = None
            detected = cut and now - (self.cut_since[r] or now) >= e.scenario.thresholds.quorum_hold_s
            if detected != self.detected[r]:
                self.detected[r] = detected
                self.log(
                    "WARN" if detected else "INFO",
                    r,
                    None,
                    "lost contact with a peer region" if detected else "all peers reachable again",
                )
        writes, reads = totals.get("writes", 0), totals.get("reads", 0)
        requests = writes + reads
        jitter = 1.0 + 0.05 * (rng.random() - 0.5)
        quorum = sum(self.latest_region[r]["quorum"] * e.share[r] for r in regions)
        pending = sum(len(q) and sum(x[1] for x in q) for fs in e.features.values()
                      for q in fs.pending.values())
        self.latest = {
            "p99_ms": net.max_latency_ms(timeout) * 1.5 * jitter,
            "lag_s": max(v["lag_s"] for v in self.latest_region.values()),
            "quorum": quorum,
            "write_rejections": totals.get("w_failed", 0) / writes if writes else 0.0,
            "stale_rate": totals.get("stale", 0) / reads if reads else 0.0,
            "error_rate": totals.get("errors", 0) / requests if requests else 0.0,
            "conflicts_per_min": self.conflicts_tick * 60 / tick,
            "revenue_per_min": self.revenue_tick * 60 / tick,
            "tickets_per_min": self.tickets_tick * 60 / tick,
            "pending": float(pending),
        }
        self.series_t.append(now)
        for m in METRICS:
            self.series[m].append(round(self.latest[m], 6))
        self.out_samples.append(Sample(t=now, values=dict(self.latest)))
        for f, fsum in self.fsums.items():
            series = self.fseries[f]
            for k in FEATURE_SERIES:
                series[k].append(round(fsum.get(k, 0.0), 2))
            self.fsums[f] = {}
        self._rules()
        for r in regions:
            self.sums[r] = {}
        self.tickets_tick = 0
        self.conflicts_tick = 0.0
        self.revenue_tick = 0.0

    def _rules(self) -> None:
        e = self.e
        th = e.scenario.thresholds
        now = e.now
        g = self.latest
        checks: list[tuple[str, str, str | None, bool, float, str, str]] = [
            (
                "latency_p99",
                "global",
                None,
                g["p99_ms"] > th.latency_factor * self.baseline_p99,
                th.latency_hold_s,
                "warning",
                f"cross-region p99 {g['p99_ms']:.0f} ms (baseline {self.baseline_p99:.0f} ms)",
            ),
            (
                "conflicts",
                "global",
                None,
                g["conflicts_per_min"] > 0,
                0,
                "warning",
                f"conflict resolutions {g['conflicts_per_min']:.0f}/min",
            ),
        ]
        for r, v in self.latest_region.items():
            checks += [
                ("replication_lag", r, None, v["lag_s"] > th.lag_s, 0, "warning",
                 f"replication lag into {r} {v['lag_s']:.0f} s"),
                ("quorum_lost", r, None, v["quorum"] < 0.99, th.quorum_hold_s, "critical",
                 f"{r} reaches quorum for {v['quorum']:.0%} of writes"),
                ("write_rejections", r, None, v["write_rejections"] > th.rejection_rate, 0,
                 "critical", f"{v['write_rejections']:.0%} of writes rejected in {r}"),
                ("error_rate", r, None, v["error_rate"] > th.error_rate, 0, "critical",
                 f"{v['error_rate']:.0%} of requests failing in {r}"),
                ("stale_reads", r, None, v["stale_rate"] > th.stale_rate, 0, "warning",
                 f"{v['stale_rate']:.0%} of reads stale in {r}"),
            ]
        for fs in e.features.values():
            for r, n in fs.tick_violations.items():
                checks.append(("violation", r, fs.spec.id, n > 0, 0, "critical",
                               f"{fs.spec.name}: {n:.0f} violation(s) in {r}"))
            fs.tick_violations.clear()
        seen = set()
        for rule, region, feature, cond, hold, severity, message in checks:
            key = (rule, region, feature)
            seen.add(key)
            if cond:
                start = self.since.setdefault(key, now)
                if key not in self.active and now - start >= hold:
                    alert = Alert(
                        id=f"a{len(self.alerts) + 1}",
                        t=now,
                        rule=rule,
                        region=region,
                        feature=feature,
                        severity=severity,
                        message=message,
                    )
                    self.alerts.append(alert)
                    self.active[key] = alert
                    self.out_alerts.append(alert)
            else:
                self.since.pop(key, None)
                alert = self.active.pop(key, None)
                if alert is not None:
                    alert.resolved_at = now
                    self.out_alerts.append(alert)
        for key in [k for k in self.active if k[0] == "violation" and k not in seen]:
            alert = self.active.pop(key)
            self.since.pop(key, None)
            alert.resolved_at = now
            self.out_alerts.append(alert)
