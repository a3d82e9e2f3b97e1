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
        self.base = engine.scenario.baseline_p99_ms()
        """The latency alert's baseline p99 (the scenario's, worked out once)."""

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
        *args: object,
    ) -> None:
        """Feed one rule's signal for this tick; raise or resolve its alert.

        ``message`` is the alert's text, or a function returning it when called
        with ``args`` (called only when the alert is raised: most ticks raise
        nothing, so no text is formatted for them).
        """
        key = (rule, region, feature)
        st = self.state.get(key)
        if st is None:
            if not above:
                return  # a fresh state fed a quiet tick stays as it is: nothing to keep
            st = self.state[key] = Hysteresis(hold, clear_hold)
        elif not above and not st.active:
            st.above_since = st.below_since = None  # what ``update`` does on a quiet tick
            return
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
                message=(message(*args) if callable(message) else message) or rule,
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
        base = self.base
        check = self.check
        p99 = g["p99_ms"]
        limit = th.latency_factor * base
        check(
            "latency_p99",
            "global",
            None,
            p99 > limit,
            p99 < 0.8 * limit,
            th.latency_hold_s,
            "warning",
            _p99_message,
            CLEAR_HOLD_S,
            p99,
            base,
        )
        conflicts = g["conflicts_per_min"]
        check(
            "conflicts",
            "global",
            None,
            conflicts > 0,
            conflicts == 0,
            0,
            "warning",
            _conflicts_message,
            CLEAR_HOLD_S,
            conflicts,
        )
        cr = CLEAR_RATIO
        lag_limit, quorum_hold = th.lag_s, th.quorum_hold_s
        rates = (
            ("write_rejections", "write_rejections", th.rejection_rate, "critical", "writes"),
            ("error_rate", "error_rate", th.error_rate, "critical", "requests"),
            ("stale_reads", "stale_rate", th.stale_rate, "warning", "reads"),
        )
        for r, v in per_region.items():
            lag = v["lag_s"]
            check(
                "replication_lag",
                r,
                None,
                lag > lag_limit,
                lag < cr * lag_limit,
                0,
                "warning",
                _lag_message,
                CLEAR_HOLD_S,
                r,
                lag,
            )
            q = v["quorum"]
            check(
                "quorum_lost",
                r,
                None,
                q < 0.99,
                q >= 0.999,
                quorum_hold,
                "critical",
                _quorum_message,
                30.0,
                r,
                q,
            )
            for rule, name, limit, severity, text in rates:
                x = v[name]
                check(
                    rule,
                    r,
                    None,
                    x > limit,
                    x < cr * limit,
                    0,
                    severity,
                    _rate_message,
                    CLEAR_HOLD_S,
                    rule,
                    text,
                    x,
                    r,
                )
        now = e.now
        last = self.last_violation
        for fs in e.features.values():
            if fs.tick_violations:
                for r, n in fs.tick_violations.items():
                    if n:
                        last[(fs.spec.id, r)] = now
                fs.tick_violations.clear()
        if not last:
            return
        for (fid, r), t in list(last.items()):
            name = e.features[fid].spec.name
            quiet = now - t >= VIOLATION_QUIET_S
            check(
                "violation",
                r,
                fid,
                not quiet,
                quiet,
                0,
                "critical",
                _violation_message,
                0,
                name,
                r,
            )
            if quiet:
                del last[(fid, r)]


def _p99_message(p99: float, base: float) -> str:
    return f"cross-region p99 {p99:.0f} ms (baseline {base:.0f} ms)"


def _conflicts_message(conflicts: float) -> str:
    return f"conflict resolutions {conflicts:.0f}/min"


def _lag_message(region: str, lag: float) -> str:
    return f"replication lag into {region} {lag:.0f} s"


def _quorum_message(region: str, q: float) -> str:
    return f"{region} reaches quorum for {q:.0%} of writes"


def _violation_message(name: str, region: str) -> str:
    return f"{name}: violation(s) in {region}"
