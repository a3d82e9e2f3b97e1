"""The truth of a run's faults, and the player's hypotheses judged against it.

:class:`FaultLog` classifies the network after every incident event (the
engine's event log) into *faults*, each a ``(kind, regions)`` pair:

* ``region-down``: the regions that are out;
* ``split``: links down in both directions between two up regions; the regions
  are every end of such a link (``us-east``/``us-west`` for one cut pair; all
  three regions when ``eu-west`` is cut from both US regions);
* ``one-way``: a direction down while the reverse is not; one fault per sending
  region, its regions the sender first and then the receivers that do not hear it;
* ``partial``: lossy links; the regions are their ends;
* ``congestion``: slow links (not lossy, not down); the regions are their ends.

Several faults can be present at once; a link touching a region that is out
belongs to the ``region-down`` fault only.

**Correctness.** A hypothesis ``diagnose KIND REGION...`` said at ``t`` is
*correct* when a fault present at ``t`` has the same kind and the same set of
regions (for ``one-way``: the same first region, the sender, and the same set of
receivers after it). For ``split``, ``partial`` and ``congestion`` an *island*
is accepted too: a group of regions whose links to every other region are
exactly the fault's links (``diagnose split eu-west`` when eu-west is cut from
every other region; ``diagnose partial us-west`` when both of us-west's links
are lossy and nothing else is). ``diagnose none`` is correct when no fault is present (a
congestion-only phase is a fault: ``congestion``). It is *kind-correct* when the
kind alone matches a present fault. Naming no region is never fully correct
except for ``none``.

**Time to correct.** Per fault span: from its start to the first correct
hypothesis said while it lasted. The run's ``time_to_correct_s``: from the first
fault's start to the first correct hypothesis that names a fault (any fault
present then; ``none`` does not count), so a player who misses an early fault but
names a later one right still has a (long) time to a correct diagnosis.

**Acted while wrong.** Every lever (``LEVERS``: policy changes, failovers, safe
mode, shedding, resolve, dedup, retry, indicators, fence) pulled while the
latest hypothesis said before it was not correct at the lever's time. Levers
pulled before any hypothesis are not counted: there was no belief to act on. The
standing hypothesis is the last ``diagnose`` applied before the lever (in the
order the actions were applied, so a lever and a hypothesis at the same second
are told apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from wargame.engine.network import DOWN, LOSSY, SLOW
from wargame.model.result import ActedWhileWrong, Diagnosis, FaultSpan, Hypothesis

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.network import Network


@dataclass(frozen=True)
class Fault:
    """One fault present in the network."""

    kind: str
    """congestion, partial, one-way, split or region-down."""
    regions: tuple[str, ...]
    """The regions involved (one-way: the sender first, then the receivers)."""
    islands: tuple[tuple[str, ...], ...] = ()
    """Other accepted names: groups of regions the fault cuts off from all the others."""


LEVERS: frozenset[str] = frozenset(
    {"set", "failover", "safe-mode", "shed", "resolve", "dedup", "retry", "indicators", "fence"}
)
"""Verbs that change the system (communication and ``diagnose`` itself are not levers)."""


def _islands(pairs: set[frozenset[str]], regions: list[str]) -> tuple[tuple[str, ...], ...]:
    """Groups of regions whose links to every other region are exactly ``pairs``."""
    out = []
    for size in range(1, len(regions)):
        for group in combinations(regions, size):
            inside = set(group)
            crossing = {frozenset((a, b)) for a in inside for b in regions if b not in inside}
            if crossing == pairs:
                out.append(tuple(sorted(group)))
    return tuple(out)


def classify(net: Network) -> list[Fault]:
    """The faults present in the network now, most severe first."""
    down = net.down_regions
    up = [r for r in net.regions if r not in down]
    faults: list[Fault] = []
    if down:
        faults.append(Fault("region-down", tuple(sorted(down))))
    split: set[frozenset[str]] = set()
    oneway: dict[str, set[str]] = {}
    lossy: set[frozenset[str]] = set()
    slow: set[frozenset[str]] = set()
    for (a, b), link in net.links.items():
        if a in down or b in down:
            continue
        back = net.links[(b, a)]
        if link.state == DOWN:
            if back.state == DOWN:
                split.add(frozenset((a, b)))
            else:
                oneway.setdefault(a, set()).add(b)
        elif link.state == LOSSY:
            lossy.add(frozenset((a, b)))
        elif link.state == SLOW and back.state not in (DOWN, LOSSY):
            slow.add(frozenset((a, b)))
    if split:
        faults.append(Fault("split", _ends(split), _islands(split, up)))
    for sender in sorted(oneway):
        faults.append(Fault("one-way", (sender, *sorted(oneway[sender]))))
    if lossy:
        faults.append(Fault("partial", _ends(lossy), _islands(lossy, up)))
    if slow:
        faults.append(Fault("congestion", _ends(slow), _islands(slow, up)))
    return faults


def _ends(pairs: set[frozenset[str]]) -> tuple[str, ...]:
    return tuple(sorted(set().union(*pairs)))


def matches(kind: str, regions: list[str] | tuple[str, ...], faults: list[Fault]) -> bool:
    """True when the hypothesis names a present fault exactly (see the module doc)."""
    if kind == "none":
        return not faults
    named = set(regions)
    for f in faults:
        if f.kind != kind or not regions:
            continue
        if kind == "one-way":
            if (
                regions[0] == f.regions[0]
                and len(regions) > 1
                and named - {regions[0]} == set(f.regions[1:])
            ):
                return True
        elif named == set(f.regions) or any(named == set(g) for g in f.islands):
            return True
    return False


def kind_matches(kind: str, faults: list[Fault]) -> bool:
    """True when the kind alone matches a present fault (``none``: no fault)."""
    if kind == "none":
        return not faults
    return any(f.kind == kind for f in faults)


def _first_right(hyps: list[Hypothesis], spans: list[FaultSpan]) -> float | None:
    """From the first fault's start to the first correct hypothesis naming a fault."""
    if not spans:
        return None
    start = spans[0].start
    for h in hyps:
        if h.t >= start and h.correct and h.kind != "none":
            return round(h.t - start, 3)
    return None


class FaultLog:
    """The faults after every incident event: the truth the diagnosis is judged on."""

    def __init__(self, engine: Engine) -> None:
        self.e = engine
        self.changes: list[tuple[float, list[Fault]]] = [(0.0, [])]
        """(t, faults present from t on), one entry per incident event."""

    def changed(self) -> None:
        """Record the faults after an incident event (called by the engine)."""
        faults = classify(self.e.network)
        if faults != self.changes[-1][1]:
            if self.changes[-1][0] == self.e.now:
                self.changes[-1] = (self.e.now, faults)
            else:
                self.changes.append((self.e.now, faults))

    def at(self, t: float) -> list[Fault]:
        """The faults present at time ``t``."""
        current: list[Fault] = []
        for start, faults in self.changes:
            if start > t:
                break
            current = faults
        return current

    def spans(self) -> list[FaultSpan]:
        """Every fault with its start and end, in order of start."""
        open_: dict[Fault, float] = {}
        spans: list[FaultSpan] = []
        for t, faults in self.changes:
            for f in [f for f in open_ if f not in faults]:
                spans.append(
                    FaultSpan(start=open_.pop(f), end=t, kind=f.kind, regions=list(f.regions))
                )
            for f in faults:
                open_.setdefault(f, t)
        for f, start in open_.items():
            spans.append(
                FaultSpan(start=start, end=self.e.duration, kind=f.kind, regions=list(f.regions))
            )
        spans.sort(key=lambda s: (s.start, s.kind, s.regions))
        return spans

    def diagnosis(self) -> Diagnosis:
        """Judge every hypothesis and every lever against the truth."""
        e = self.e
        hyps = [
            Hypothesis(
                t=t,
                kind=kind,
                regions=list(regions),
                correct=matches(kind, regions, self.at(t)),
                kind_correct=kind_matches(kind, self.at(t)),
            )
            for t, kind, regions in e.ops.diagnoses
        ]
        spans = self.spans()
        for span in spans:
            for h in hyps:
                if not (span.start <= h.t < span.end and h.correct):
                    continue
                fault = [
                    f
                    for f in self.at(h.t)
                    if (f.kind, list(f.regions)) == (span.kind, span.regions)
                ]
                if matches(h.kind, h.regions, fault):
                    span.time_to_correct_s = round(h.t - span.start, 3)
                    break
        wrong: list[ActedWhileWrong] = []
        standing: tuple[float, str, list[str]] | None = None
        for action in e.actions:  # in the order they were applied
            if action.verb == "diagnose":
                standing = (action.t, action.args[0], list(action.args[1:]))
                continue
            if action.verb not in LEVERS or standing is None:
                continue
            t, kind, regions = standing
            if not matches(kind, regions, self.at(action.t)):
                wrong.append(
                    ActedWhileWrong(
                        t=action.t,
                        action=action.describe(),
                        hypothesis_t=t,
                        hypothesis=" ".join([kind, *regions]),
                    )
                )
        return Diagnosis(
            difficulty=e.difficulty,  # type: ignore[arg-type]
            hypotheses=hyps,
            truth=spans,
            time_to_correct_s=_first_right(hyps, spans),
            acted_while_wrong=wrong,
        )
