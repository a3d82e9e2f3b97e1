"""Structured log lines, the regions' own failure detectors, and once-per-episode notes.

Log lines carry ``partition_detected``: whether the region's failure detector
currently suspects a peer. The detector is what the region itself can know: it
suspects a peer once it has heard no heartbeat from it for the scenario's
``quorum_hold_s`` (see :mod:`wargame.engine.probes`), never the true link state.

:class:`Episodes` keeps a condition that comes and goes quickly (a leader that
is overloaded, recovers for a tick, and is overloaded again) to one timeline
note per episode: a new note only after the condition stayed off for
``EPISODE_QUIET_S``.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from wargame.model.result import LogLine

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.probes import PairStats
    from wargame.engine.state import FeatureState

LOG_LIMIT = 2000
"""Log lines kept in memory for the console (the count covers all)."""
EPISODE_QUIET_S = 300.0
"""A condition must stay off this long before its next occurrence is a new episode."""

STATUS_TEXT = {
    "errors": ("ERROR", "requests failing"),
    "pending": ("WARN", "writes queued as pending"),
    "stale": ("WARN", "serving stale reads"),
    "ok": ("INFO", "serving normally"),
}


class Logs:
    """The run's log lines and each region's failure detector."""

    def __init__(self, engine: Engine) -> None:
        self.e = engine
        self.lines: deque[LogLine] = deque(maxlen=LOG_LIMIT)
        self.total = 0
        self.out: list[LogLine] = []
        self.detected = {r: False for r in engine.network.regions}
        """Per region: its failure detector suspects some peer."""
        self._peers: list[tuple[str, list[PairStats]]] | None = None
        """Per region, the statistics of its peers (in region order), gathered once."""

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
        self.lines.append(line)
        self.out.append(line)
        self.total += 1

    def status(self, fs: FeatureState, region: str, status: str) -> None:
        """Log a change of what users of (region, feature) see."""
        if fs.status.get(region) != status:
            fs.status[region] = status
            level, text = STATUS_TEXT[status]
            self.log(level, region, fs, text)

    def detect(self, pairs: dict[tuple[str, str], PairStats]) -> None:
        """Update every region's failure detector from the heartbeats it heard (``pairs``:
        the probes' statistics per (vantage, peer))."""
        e = self.e
        hold = e.scenario.thresholds.quorum_hold_s
        now = e.now
        down = e.network.down_regions
        if self._peers is None:
            regions = e.network.regions
            self._peers = [(r, [pairs[(r, s)] for s in regions if s != r]) for r in regions]
        for r, peers in self._peers:
            if r in down:
                continue
            suspects = False
            for st in peers:
                if now - st.last_heard > hold:
                    suspects = True
                    break
            if suspects != self.detected[r]:
                self.detected[r] = suspects
                self.log(
                    "WARN" if suspects else "INFO",
                    r,
                    None,
                    "lost contact with a peer region" if suspects else "all peers reachable again",
                )


class Episodes:
    """One note per episode of a condition that may flicker."""

    def __init__(self) -> None:
        self.on: dict[object, bool] = {}
        self.off_since: dict[object, float] = {}

    def start(self, key: object, now: float) -> bool:
        """The condition ``key`` is on; True if this begins a new episode."""
        if self.on.get(key):
            return False
        self.on[key] = True
        off = self.off_since.get(key)
        return off is None or now - off >= EPISODE_QUIET_S

    def end(self, key: object, now: float) -> None:
        """The condition ``key`` is off."""
        if self.on.get(key):
            self.on[key] = False
            self.off_since[key] = now
