"""The console's newer actions: diagnose, the model's levers, auto-pause, reading in full.

A mixin beside :class:`~wargame.tui.console_actions.ConsoleActions`, with the
same expectations (``self.drill``, ``self.act``, ``self._ask``, ``self.toast``).
Each lever opens small dialogs and then applies one action in the journal's
grammar (``resolve likes crdt``, ``fence orders east``), so keys, the palette
and ``:`` all record the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.model.action import DIAGNOSES, RESOLUTIONS
from wargame.model.scenario import KIND_KNOBS
from wargame.tui.screens.modals import ChoiceModal

if TYPE_CHECKING:
    from wargame.tui.drill import Drill

DIAGNOSIS_HINTS: dict[str, str] = {
    "congestion": "slow, not cut: probes answered, RTT p99 up",
    "partial": "a lossy link: some probes answered, flapping tick to tick",
    "one-way": "one direction lost: one side stops hearing the other (sending end first)",
    "split": "two sides lost each other, while a third region still reaches both",
    "region-down": "a region is out: every peer lost it, its own monitoring is silent",
    "none": "the network is fine (a false alarm, or the fault is over)",
}
"""What each diagnosis looks like on the Network panel."""

RESOLVE_HINTS: dict[str, str] = {
    "lww": "last writer wins: the later write silently replaces the other",
    "merge": "merge both sides' writes field by field",
    "crdt": "a CRDT: both sides' writes combine exactly (counters, sets)",
    "app": "the application reconciles conflicts with its own rules",
}

TTL_CHOICES: list[tuple[str, str]] = [
    ("60", "1 min"),
    ("300", "5 min"),
    ("900", "15 min"),
    ("1800", "30 min (the usual default)"),
    ("3600", "1 h"),
    ("14400", "4 h"),
    ("86400", "24 h"),
]
"""Queue TTLs (seconds) offered by the ``t`` dialog; ``:ttl FEATURE SECONDS`` takes any."""

RETRY_CHOICES: list[tuple[str, str]] = [
    ("0", "0: clients give up at once (no retries, no retry storm)"),
    ("1", "1: one retry per refused request"),
    ("2", "2: two retries per refused request"),
    ("4", "4: four retries (a retry storm on a struggling leader)"),
    ("8", "8: eight retries (a heavy retry storm)"),
]
"""Client retries per refused request, as the ``y`` dialog and the design screen offer them
(the engine's ``retry_factor``: each refused write comes back that many times)."""

DEDUP_CHOICES: list[tuple[str, str]] = [
    ("on", "on: drop a message already delivered (idempotency keys)"),
    ("off", "off: deliver every retry"),
]
"""Messaging de-duplication, as the dialog and the design screen offer it."""

INDICATOR_CHOICES: list[tuple[str, str]] = [
    ("honest", "honest: 'sent' only once the message is really stored"),
    ("optimistic", "optimistic: 'sent' at once, even if it is lost later"),
]
"""Delivery indicators, as the dialog and the design screen offer them."""


def safe_mode_choices(limit: int, regions: int) -> list[tuple[str, str]]:
    """Safe-mode factors for a limiter of ``limit`` requests/min over ``regions`` replicas."""
    options = [
        (str(k), f"factor {k}: {limit / regions / k:g} requests/min per region") for k in (1, 2, 5)
    ]
    options += [
        (f"{k} home", f"factor {k}, home: users keep their full limit in their home region")
        for k in (2, 5)
    ]
    options.append(("off", "off: back to normal limits"))
    return options


LEVER_VERBS: frozenset[str] = frozenset(
    {"set", "failover", "safe-mode", "shed", "resolve", "dedup", "retry", "indicators"}
    | {"fence", "ttl"}
)
"""Verbs that change how the system behaves: they unlock at the page."""


class LeverActions:
    """Diagnose, resolve, dedup, retry, indicators, fence, ttl; the page lock; auto-pause."""

    drill: Drill

    # -- the page lock -------------------------------------------------------------
    def levers_unlocked(self, quiet: bool = False) -> bool:
        """True once the on-call engineer has been paged (else say when levers unlock)."""
        page_t = self.drill.page_t
        if page_t is not None and self.drill.now >= page_t - 1e-9:
            return True
        if not quiet:
            self.toast(  # type: ignore[attr-defined]
                "Levers unlock when you are paged (the first alert). Until then, watch the "
                "Network panel and the signals.",
                title="Not paged yet",
                severity="warning",
            )
        return False

    # -- diagnose ------------------------------------------------------------------
    def action_diagnose(self) -> None:
        """Say what you believe is wrong: the kind of fault, then the regions it involves."""
        if not self.levers_unlocked():
            return
        options = [(k, f"{k:<12} {DIAGNOSIS_HINTS[k]}") for k in DIAGNOSES]
        self._ask(  # type: ignore[attr-defined]
            ChoiceModal(
                "Diagnose: what kind of fault is it?",
                options,
                hint="Recorded with its time and scored against what was true. You can "
                "diagnose again as you learn more.",
            ),
            lambda kind: self._diagnose_regions(kind, []),
        )

    def _diagnose_regions(self, kind: str, picked: list[str]) -> None:
        if kind == "none":
            self.act("diagnose none")  # type: ignore[attr-defined]
            return
        regions = [r for r in self.drill.view.regions if r not in picked]
        done = " ".join(["diagnose", kind, *picked])
        options = []
        if picked:
            options.append(("=done", f"done: {done}"))
        options += [(r, r) for r in regions]
        if kind == "one-way" and not picked:
            title = "One-way: which region's messages are lost (the sending end)?"
        elif kind == "one-way":
            title = "One-way: which region no longer receives them?"
        elif not picked:
            title = f"{kind}: which region is involved (first of them)?"
        else:
            title = f"{kind}: another region involved, or done?"

        def chosen(value: str) -> None:
            if value == "=done":
                self.act(done)  # type: ignore[attr-defined]
                return
            now = [*picked, value]
            if len(now) == len(self.drill.view.regions):
                self.act(" ".join(["diagnose", kind, *now]))  # type: ignore[attr-defined]
            else:
                self._diagnose_regions(kind, now)

        self._ask(  # type: ignore[attr-defined]
            ChoiceModal(title, options, hint=f"So far: {done}"), chosen
        )

    # -- levers --------------------------------------------------------------------
    def _pick_feature(self, title: str, then, kinds_with: str | None = None) -> None:
        """Ask for a feature (only those whose kind has the knob ``kinds_with``)."""
        features = [
            f
            for f in self.drill.view.features
            if kinds_with is None or kinds_with in KIND_KNOBS.get(f.kind, ())
        ]
        if not features:
            self.toast(  # type: ignore[attr-defined]
                f"No feature of this product has that setting ({kinds_with}).",
                severity="warning",
            )
            return
        if len(features) == 1:
            then(features[0].id)
            return
        current = self._current_feature()  # type: ignore[attr-defined]
        self._ask(  # type: ignore[attr-defined]
            ChoiceModal(
                title,
                [(f.id, f"{f.name} ({f.kind.replace('_', ' ')})") for f in features],
                initial=current if any(f.id == current for f in features) else None,
            ),
            then,
        )

    def _lever(
        self,
        verb: str,
        which: str,
        title: str,
        options: list[tuple[str, str]],
        hint: str = "",
        kinds_with: str | None = None,
    ) -> None:
        """Ask for a feature, then one of ``options``; act ``VERB FEATURE CHOICE``."""
        if not self.levers_unlocked():
            return

        def pick(feature: str) -> None:
            self._ask(  # type: ignore[attr-defined]
                ChoiceModal(title.format(feature=feature), options, hint=hint),
                lambda value: self.act(f"{verb} {feature} {value}"),  # type: ignore[attr-defined]
            )

        self._pick_feature(which, pick, kinds_with=kinds_with)

    def action_resolve(self) -> None:
        """Change how a feature resolves conflicting writes at the heal."""
        self._lever(
            "resolve",
            "Resolve conflicts on which feature?",
            "Resolve conflicts on {feature} with",
            [(r, f"{r:<6} {RESOLVE_HINTS[r]}") for r in RESOLUTIONS],
            hint="A code change: it takes a deploy, not a config rollout.",
        )

    def action_dedup(self) -> None:
        """Turn message de-duplication on or off (messaging)."""
        self._lever(
            "dedup",
            "De-duplicate which feature?",
            "De-duplicate {feature}",
            DEDUP_CHOICES,
            kinds_with="dedup",
        )

    def action_retry(self) -> None:
        """Change how many times a feature's clients retry a refused request."""
        self._lever(
            "retry",
            "Change client retries of which feature?",
            "Client retries for {feature}",
            RETRY_CHOICES,
            hint="Fewer retries ease the load on a struggling leader; more recover more "
            "requests when it copes.",
        )

    def action_indicators(self) -> None:
        """Show users honest or optimistic delivery indicators (messaging)."""
        self._lever(
            "indicators",
            "Indicators of which feature?",
            "Delivery indicators for {feature}",
            INDICATOR_CHOICES,
            kinds_with="indicators",
        )

    def action_fence(self) -> None:
        """Fence an old leader: stop a region taking a feature's writes (ends split brain)."""
        if not self.levers_unlocked():
            return
        view = self.drill.view

        def pick(feature: str) -> None:
            f = next(x for x in view.features if x.id == feature)
            options = [
                (r, f"{r}" + ("  (old leader, still taking writes)" if r == f.old_leader else ""))
                for r in view.regions
            ]
            self._ask(  # type: ignore[attr-defined]
                ChoiceModal(
                    f"Fence {feature} in which region?",
                    options,
                    hint="The fenced region stops taking this feature's writes: its users "
                    "see errors there, but only one leader remains.",
                    initial=f.old_leader,
                ),
                lambda region: self.act(f"fence {feature} {region}"),  # type: ignore[attr-defined]
            )

        self._pick_feature("Fence which feature?", pick)

    def action_ttl(self) -> None:
        """Change how long a feature's queued writes may wait before the queue drops them."""
        if not self.levers_unlocked():
            return

        def pick(feature: str) -> None:
            self._ask(  # type: ignore[attr-defined]
                ChoiceModal(
                    f"Queue TTL for {feature}: drop queued writes older than",
                    TTL_CHOICES,
                    hint="Counts under the queued policy: a write still pending past its TTL "
                    "is dropped (lost), not applied at the heal. Short: fewer stale writes "
                    "land late, more are lost. A config rollout.",
                ),
                lambda seconds: self.act(f"ttl {feature} {seconds}"),  # type: ignore[attr-defined]
            )

        self._pick_feature("Change the queue TTL of which feature?", pick)

    # -- auto-pause ----------------------------------------------------------------
    def action_autopause(self) -> None:
        """Pause by itself when you are paged or a critical alert arrives (on/off)."""
        self.drill.autopause = not self.drill.autopause
        state = "on" if self.drill.autopause else "off"
        self.toast(f"Auto-pause on a page or a critical alert: {state}.")  # type: ignore[attr-defined]
        self.refresh_panels(force=True)  # type: ignore[attr-defined]
