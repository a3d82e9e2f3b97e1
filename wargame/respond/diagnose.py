"""The responder's hypothesis about the fault, read from the console's probes.

Only what the console shows at standard difficulty is used: each vantage's
probes of each peer (share answered over the last minute, round-trip
percentiles) and the regions whose monitoring went silent. The reading:

* a silent region: ``region-down``;
* a pair answering almost nothing both ways: ``split`` between those regions;
  one way only: ``one-way`` from the region that cannot reach the other;
* a pair answering a share well short of all: ``partial`` (a lossy link);
* a pair answering but slow (p99 several times its median): ``congestion``;
* nothing of the sort: no hypothesis (the responder says nothing).
"""

from __future__ import annotations

from wargame.engine.view import View

CUT_OK = 0.2
"""A probe pair answering less than this share counts as cut."""
LOSSY_OK = 0.9
"""... less than this (but at least ``CUT_OK``) as lossy."""
SLOW_FACTOR = 5.0
"""p99 over this multiple of the scenario's baseline counts as congestion."""


def hypothesis(view: View, baseline_ms: float) -> tuple[str, ...] | None:
    """``(kind, region, ...)`` the probes point to now, or None."""
    if view.silent:
        return ("region-down", *sorted(view.silent))
    ok: dict[tuple[str, str], float] = {}
    slow: set[frozenset[str]] = set()
    for p in view.probes:
        if p.ok is None:
            continue
        ok[(p.src, p.dst)] = p.ok
        if p.ok >= LOSSY_OK and p.p99_ms is not None and p.p99_ms > SLOW_FACTOR * baseline_ms:
            slow.add(frozenset((p.src, p.dst)))
    cut: set[frozenset[str]] = set()
    oneway: dict[str, set[str]] = {}
    lossy: set[frozenset[str]] = set()
    for (a, b), share in ok.items():
        back = ok.get((b, a), 1.0)
        if share < CUT_OK and back < CUT_OK:
            cut.add(frozenset((a, b)))
        elif share < CUT_OK:
            oneway.setdefault(a, set()).add(b)
        elif share < LOSSY_OK:
            lossy.add(frozenset((a, b)))
    order = {r: i for i, r in enumerate(view.regions)}

    def ends(pairs: set[frozenset[str]]) -> tuple[str, ...]:
        return tuple(sorted(set().union(*pairs), key=order.get))

    if cut:
        return ("split", *ends(cut))
    if oneway:
        sender = min(oneway, key=order.get)
        return ("one-way", sender, *sorted(oneway[sender], key=order.get))
    if lossy:
        return ("partial", *ends(lossy))
    if slow:
        return ("congestion", *ends(slow))
    return None
