"""Support tickets: users write in after a delay, in words that fit the product.

Phrasings come from ``assets/tickets.toml``, keyed by symptom, then by the
scenario's domain (``business.domain``: a bank's customers do not write about
posts), then by feature kind (``general`` when the kind has no list of its own).
A domain without its own table for a symptom falls back to the ``general``
domain, so every symptom always has words.

:class:`TicketDesk` turns a committed delta of outcomes into tickets: a Poisson
number of users per symptom, each filing after an exponential delay drawn from
the (feature, region)'s own stream; large volumes are filed in batches at the
delay distribution's quantiles so the work per tick stays bounded.
"""

from __future__ import annotations

import heapq
import math
import random
import tomllib
from functools import cache
from typing import TYPE_CHECKING

from wargame.engine.rng import poisson
from wargame.model.result import Ticket
from wargame.model.status import all_clear
from wargame.paths import assets_dir

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.state import FeatureState

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
"""The ticket symptom an outcome counter causes."""
SYMPTOMATIC: frozenset[str] = frozenset(SYMPTOM_OF)
"""The counters that cause tickets (a delta with none of them files nothing)."""
TICKET_SAMPLE = 50
"""Tickets kept in full for reports (the counts cover every ticket)."""
BATCH_ABOVE = 4
"""Up to this many tickets per step are filed one by one; more are filed in batches."""
BATCHES = 4
_QUANTILE_LOGS = tuple(math.log(1.0 - (i + 0.5) / BATCHES) for i in range(BATCHES))
"""log(1 - q) at the quantile q of each batch: a batch files ``-delay_s * log(1 - q)`` late."""


@cache
def phrasings() -> dict[str, dict[str, dict[str, list[str]]]]:
    """symptom -> domain -> feature kind (or ``general``) -> phrasings."""
    with open(assets_dir() / "tickets.toml", "rb") as fh:
        return tomllib.load(fh)


def options(symptom: str, domain: str, kind: str) -> list[str]:
    """The phrasings a ticket about ``symptom`` may use in ``domain`` for a ``kind``."""
    table = phrasings().get(symptom, {})
    by_kind = table.get(domain) or table.get("general") or {}
    return by_kind.get(kind) or by_kind.get("general") or ["Something is wrong."]


def make_ticket(raw: tuple) -> Ticket:
    """A :class:`Ticket` from the desk's raw tuple, as queued (its id, time and words are
    put together here, so tickets nobody looks at in a headless run are never formatted)."""
    t, seq, count, symptom, feature, region, (template, name) = raw
    text = template.format(feature=name, region=region)
    return Ticket.model_construct(
        id=f"t{seq}",
        t=round(t, 3),
        symptom=symptom,
        feature=feature,
        region=region,
        text=text,
        count=count,
    )


class TicketDesk:
    """Schedules the tickets outcomes cause and files them when their time comes."""

    def __init__(self, engine: Engine) -> None:
        self.e = engine
        self.domain = engine.scenario.business.domain
        self.tickets: list[Ticket] = []
        """The first ``TICKET_SAMPLE`` tickets filed."""
        self.total = 0
        self.counts: dict[str, int] = {}
        self.tick_count = 0
        """Tickets filed this tick."""
        self.out: list[tuple] = []
        self._queue: list[tuple] = []
        self._seq = 0
        self._rngs: dict[tuple[str, str], random.Random] = {}
        sc = engine.scenario
        self._rules = {
            sym: (sc.ticket_rule(sym).per_event, sc.ticket_rule(sym).delay_s)
            for sym in set(SYMPTOM_OF.values())
        }
        self._damp_posts, self._damp_value = 0, 1.0
        self._options: dict[tuple[str, str], list[str]] = {}
        """(symptom, feature kind) -> its phrasings in this scenario's domain."""

    def file(self, fs: FeatureState, region: str, d: dict[str, float]) -> None:
        """Users write in after a delay: schedule the tickets a delta causes.

        Each ticket is queued with its phrasing, drawn now (the stream's order) and
        filled in with the feature and region when someone reads it (:func:`make_ticket`).
        """
        if SYMPTOMATIC.isdisjoint(d):
            return  # nothing users write in about (a calm tick): no draws to make
        e = self.e
        damp = self._damp()
        spec = fs.spec
        key = (spec.id, region)
        rng = self._rngs.get(key)
        if rng is None:
            rng = self._rngs[key] = e.rng(f"tickets:{spec.id}:{region}")
        now = e.now
        queue, push, choice = self._queue, heapq.heappush, rng.choice
        for name, n in d.items():
            symptom = SYMPTOM_OF.get(name)
            if symptom is None or not n:
                continue
            per_event, delay_s = self._rules[symptom]
            count = poisson(rng, n * per_event * damp)
            if not count:
                continue
            choices = self._phrasings(symptom, spec.kind)
            fid, fname = spec.id, spec.name
            # choice() is the same draw as randrange(len(choices))
            if count <= BATCH_ABOVE:
                for _ in range(count):
                    delay = rng.expovariate(1.0 / delay_s) if delay_s else 0.0
                    self._seq += 1
                    words = (choice(choices), fname)
                    push(queue, (now + delay, self._seq, 1, symptom, fid, region, words))
            else:
                size, extra = divmod(count, BATCHES)
                for i, log_q in enumerate(_QUANTILE_LOGS):
                    delay = -delay_s * log_q
                    self._seq += 1
                    words = (choice(choices), fname)
                    part = size + (1 if i < extra else 0)
                    push(queue, (now + delay, self._seq, part, symptom, fid, region, words))

    def _damp(self) -> float:
        """The share of users who still write in: an honest status post keeps some from
        it; an all-clear claim does not (worked out again only when a post is made)."""
        posts = self.e.ops.status_posts
        if len(posts) != self._damp_posts:
            damp = 1.0
            if posts and not all_clear(posts[-1][1]):
                damp -= self.e.scenario.business.status_page_trust
            self._damp_posts, self._damp_value = len(posts), damp
        return self._damp_value

    def _phrasings(self, symptom: str, kind: str) -> list[str]:
        """The phrasings of ``symptom`` for a feature ``kind`` in this scenario's domain."""
        key = (symptom, kind)
        choices = self._options.get(key)
        if choices is None:
            choices = self._options[key] = options(symptom, self.domain, kind)
        return choices

    def deliver_due(self) -> None:
        """File the tickets whose time has come (called at the end of every tick)."""
        now = self.e.now
        queue = self._queue
        counts = self.counts
        while queue and queue[0][0] <= now:
            raw = heapq.heappop(queue)
            count, symptom = raw[2], raw[3]
            self.total += count
            if len(self.tickets) < TICKET_SAMPLE:
                self.tickets.append(make_ticket(raw))
            self.out.append(raw)
            counts[symptom] = counts.get(symptom, 0) + count
            self.tick_count += count
