"""Alert rules with the chapter's thresholds and hold times, plus hysteresis.

A rule **raises** once its signal has stayed past the raise threshold for the
rule's hold time (the chapter's: cross-region p99 above 5x baseline for 30 s,
replication lag above 60 s, quorum short for 10 s, write rejections above 5 %,
errors above 5 %, stale reads above 10 %, any conflict resolution). It **clears**
only after the signal has stayed on the healthy side of a *lower* clear
threshold for ``CLEAR_HOLD_S``: a signal hovering around the threshold keeps
one alert up instead of raising a new one every tick. An alert flaps only when
its signal really comes and goes.

:class:`Hysteresis` is the state machine of one (rule, region, feature) key;
:class:`Alerts` evaluates every rule at the end of a tick.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wargame.model.result import Alert

if TYPE_CHECKING:
    from wargame.engine.engine import Engine

CLEAR_HOLD_S = 60.0
"""A signal must stay below its clear threshold this long before the alert resolves."""
VIOLATION_QUIET_S = 300.0
"""A violation alert stays up until no violation was seen for this long."""
CLEAR_RATIO = 0.5
"""Rate rules clear below this share of their raise threshold."""


@dataclass
class Hysteresis:
    """Raise after ``hold`` seconds above; clear after ``clear_hold`` seconds below."""

    hold: float
    clear_hold: float = CLEAR_HOLD_S
    active: bool = False
    above_since: float | None = None
    below_since: float | None = None

    def update(self, now: float, above: bool, below: bool) -> str | None:
        """Feed one tick: ``above`` past the raise threshold, ``below`` under the clear one.

        Returns ``"raise"``, ``"clear"`` or ``None``.
        """
        if not self.active:
            self.below_since = None
            if not above:
                self.above_since = None
                return None
            if self.above_since is None:
                self.above_since = now
            if now - self.above_since >= self.hold:
                self.active = True
                self.above_since = None
                return "raise"
            return None
        if not below:
            self.below_since = None
            return None
        if self.below_since is None:
            self.below_since = now
        if now - self.below_since >= self.clear_hold:
            self.active = False
            self.below_since = None
            return "clear"
        return None


def _rate_message(rule: str, what: str, x: float, region: str) -> str:
    """The text of a rate alert, e.g. "12% of writes rejected in us-west"."""
    if rule == "stale_reads":
        return f"{x:.0%} of {what} stale in {region}"
    if rule == "write_rejections":
        return f"{x:.0%} of {what} rejected in {region}"
    return f"{x:.0%} of {what} failing in {region}"


class Alerts:
    """Every alert rule's state, the alerts raised, and the ones changed this step."""

    def __init__(self, engine: Engine) -> None:
        self.e = engine
        self.alerts: list[Alert] = []
        self.active: dict[tuple[str, str, str | None], Alert] = {}
        self.state: dict[tuple[str, str, str | None], Hysteresis] = {}
        self.out: list[Alert] = []
        self.last_violation: dict[tuple[str, str], float] = {}

    def check(
        self,
        rule: str,
        region: str,
        feature: str | None,
        above: bool,
        below: bool,
        hold: float,
        severity: str,
        message,
        clear_hold: float = CLEAR_HOLD_S,
    ) -> None:
        """Feed one rule's signal for this tick; raise or resolve its alert.

        ``message`` is the alert's text, or a function returning it (called only
        when the alert is raised).
        """
        key = (rule, region, feature)
        st = self.state.get(key)
        if st is None:
            st = self.state[key] = Hysteresis(hold, clear_hold)
        now = self.e.now
        change = st.update(now, above, below)
        if change == "raise":
            alert = Alert.model_construct(
                id=f"a{len(self.alerts) + 1}",
                t=now,
                rule=rule,
                region=region,
                feature=feature,
                severity=severity,
                message=(message() if callable(message) else message) or rule,
                acked_at=None,
                resolved_at=None,
            )
            self.alerts.append(alert)
            self.active[key] = alert
            self.out.append(alert)
        elif change == "clear":
            alert = self.active.pop(key, None)
            if alert is not None:
                alert.resolved_at = now
                self.out.append(alert)

    def evaluate(self, g: dict[str, float], per_region: dict[str, dict[str, float]]) -> None:
        """Evaluate every rule on this tick's metrics (``g`` global, ``per_region``)."""
        e = self.e
        th = e.scenario.thresholds
        base = e.scenario.baseline_p99_ms()
        p99 = g["p99_ms"]
        limit = th.latency_factor * base
        self.check(
            "latency_p99",
            "global",
            None,
            p99 > limit,
            p99 < 0.8 * limit,
            th.latency_hold_s,
            "warning",
            lambda: f"cross-region p99 {p99:.0f} ms (baseline {base:.0f} ms)",
        )
        conflicts = g["conflicts_per_min"]
        self.check(
            "conflicts",
            "global",
            None,
            conflicts > 0,
            conflicts == 0,
            0,
            "warning",
            lambda: f"conflict resolutions {conflicts:.0f}/min",
        )
        cr = CLEAR_RATIO
        for r, v in per_region.items():
            lag = v["lag_s"]
            self.check(
                "replication_lag",
                r,
                None,
                lag > th.lag_s,
                lag < cr * th.lag_s,
                0,
                "warning",
                lambda r=r, lag=lag: f"replication lag into {r} {lag:.0f} s",
            )
            q = v["quorum"]
            self.check(
                "quorum_lost",
                r,
                None,
                q < 0.99,
                q >= 0.999,
                th.quorum_hold_s,
                "critical",
                lambda r=r, q=q: f"{r} reaches quorum for {q:.0%} of writes",
                clear_hold=30.0,
            )
            for rule, name, limit, severity, text in (
                ("write_rejections", "write_rejections", th.rejection_rate, "critical", "writes"),
                ("error_rate", "error_rate", th.error_rate, "critical", "requests"),
                ("stale_reads", "stale_rate", th.stale_rate, "warning", "reads"),
            ):
                x = v[name]
                self.check(
                    rule,
                    r,
                    None,
                    x > limit,
                    x < cr * limit,
                    0,
                    severity,
                    lambda r=r, x=x, rule=rule, text=text: _rate_message(rule, text, x, r),
                )
        now = e.now
        last = self.last_violation
        for fs in e.features.values():
            if fs.tick_violations:
                for r, n in fs.tick_violations.items():
                    if n:
                        last[(fs.spec.id, r)] = now
                fs.tick_violations.clear()
        for (fid, r), t in list(last.items()):
            name = e.features[fid].spec.name
            quiet = now - t >= VIOLATION_QUIET_S
            self.check(
                "violation",
                r,
                fid,
                not quiet,
                quiet,
                0,
                "critical",
                lambda name=name, r=r: f"{name}: violation(s) in {r}",
                clear_hold=0,
            )
            if quiet:
                del last[(fid, r)]
