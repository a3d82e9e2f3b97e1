"""The console's game actions: each opens a small dialog, then applies one engine action.

Kept apart from the screen's layout and clock so each stays short. The mixin
expects ``self.drill`` (a :class:`~wargame.tui.drill.Drill`), ``self.act(text)``
and ``self.app``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.model.action import NOT_PLAYER_VERBS, SEVERITIES, TEAMS, USAGE
from wargame.tui.levers import safe_mode_choices
from wargame.tui.screens.modals import ChoiceModal, PolicyModal, TextModal

if TYPE_CHECKING:
    from wargame.tui.drill import Drill

SEVERITY_HINTS = {
    "SEV1": "critical: customers broadly affected, all hands",
    "SEV2": "major: a key feature degraded for many customers",
    "SEV3": "minor: partial degradation, limited impact",
    "SEV4": "low: no visible customer impact yet",
}

DEFAULT_STATUS = "We are investigating degraded service in some regions. Next update in 30 minutes."


def command_hint() -> str:
    """Every verb's usage, from the grammar itself (so a new verb shows up here too)."""
    return "\n".join(u for v, u in USAGE.items() if v not in NOT_PLAYER_VERBS)


class ConsoleActions:
    """Dialog flows for policy, failover, safe mode, shed, status page, severity, page, ack."""

    drill: Drill

    def act(self, text: str) -> bool:  # pragma: no cover - provided by the screen
        raise NotImplementedError

    def _ask(self, modal, then) -> None:
        """Push ``modal``; once it is dismissed with a choice, call ``then(choice)`` at once.

        At once, not after a refresh: when ``then`` opens the next dialog of a chain,
        a key typed ahead must reach that dialog, not the console beneath (an Enter
        there would open the policy dialog of the highlighted feature).
        """

        def done(value) -> None:
            if value is not None:
                then(value)

        self.app.push_screen(modal, done)  # type: ignore[attr-defined]

    def _current_feature(self) -> str | None:
        from wargame.tui.widgets import FeatureTable

        return self.query_one(FeatureTable).current_feature()  # type: ignore[attr-defined]

    def action_policy(self, feature: str | None = None) -> None:
        """Change a feature's partition policy (the highlighted feature first)."""
        if not self.levers_unlocked():  # type: ignore[attr-defined]
            return
        self._ask(
            PolicyModal(self.drill.view.features, feature or self._current_feature()),
            lambda choice: self.act(f"set {choice[0]} {choice[1]}"),
        )

    def action_failover(self) -> None:
        """Promote another region as a feature's leader (or every CP feature's)."""
        if not self.levers_unlocked():  # type: ignore[attr-defined]
            return
        view = self.drill.view
        options = [(f.id, f"{f.name} — leader now {f.leader}") for f in view.features]
        options.append(("all-cp", "every CP feature at once"))

        def pick_region(feature: str) -> None:
            leader = next((f.leader for f in view.features if f.id == feature), None)
            regions = [
                (r, f"{r}{' (down)' if r in view.down_regions else ''}") for r in view.regions
            ]
            self._ask(
                ChoiceModal(
                    f"Fail {feature} over to which region?",
                    regions,
                    hint=f"Takes {self.drill.scenario.control.failover_s:g} s. If the old "
                    "leader still takes writes, you get two leaders.",
                    disabled={leader} if leader else set(),
                    initial=next((r for r, _ in regions if r != leader), None),
                ),
                lambda region: self.act(f"failover {feature} {region}"),
            )

        self._ask(
            ChoiceModal("Fail over which feature?", options, initial=self._current_feature()),
            pick_region,
        )

    def action_safe_mode(self) -> None:
        """Put a rate limiter in safe mode: tighter per-region limits while counters cannot sync."""
        if not self.levers_unlocked():  # type: ignore[attr-defined]
            return
        limiters = [f for f in self.drill.view.features if f.kind == "rate_limiter"]
        if not limiters:
            self.toast("This product has no rate limiter.", severity="warning")  # type: ignore[attr-defined]
            return

        def pick_factor(feature: str) -> None:
            spec = self.drill.scenario.feature(feature)
            n = len(spec.knobs.replicas or self.drill.scenario.regions)
            limit = spec.knobs.limit_per_min
            options = safe_mode_choices(limit, n)
            self._ask(
                ChoiceModal(
                    f"Safe mode for {spec.name}",
                    options,
                    hint=f"Each region allows limit / regions / factor ({limit}/{n}/k).",
                ),
                lambda factor: self.act(f"safe-mode {feature} {factor}"),
            )

        if len(limiters) == 1:
            pick_factor(limiters[0].id)
        else:
            self._ask(
                ChoiceModal("Which rate limiter?", [(f.id, f.name) for f in limiters]),
                pick_factor,
            )

    def action_shed(self) -> None:
        """Drop a share of one region's traffic."""
        if not self.levers_unlocked():  # type: ignore[attr-defined]
            return
        view = self.drill.view

        def pick_pct(region: str) -> None:
            options = [(str(p), f"shed {p}% of {region}'s traffic") for p in (10, 25, 50, 75)]
            options.append(("0", "stop shedding"))
            self._ask(
                ChoiceModal(f"Shed load in {region}", options),
                lambda pct: self.act(f"shed {region} {pct}"),
            )

        self._ask(
            ChoiceModal("Shed load in which region?", [(r, r) for r in view.regions]), pick_pct
        )

    def action_status_page(self) -> None:
        """Post on the public status page."""
        if not self.levers_unlocked():  # type: ignore[attr-defined]
            return
        self._ask(
            TextModal(
                "Post on the status page",
                DEFAULT_STATUS,
                hint="Customers read this. Honest and early lowers the ticket load.",
            ),
            lambda text: self.act(f"status-page {text}"),
        )

    def action_severity(self) -> None:
        """Declare the incident's severity."""
        if not self.levers_unlocked():  # type: ignore[attr-defined]
            return
        self._ask(
            ChoiceModal(
                "Declare the incident severity",
                [(s, f"{s}  {SEVERITY_HINTS[s]}") for s in SEVERITIES],
                initial=self.drill.severity,
            ),
            lambda sev: self.act(f"severity {sev}"),
        )

    def action_page(self) -> None:
        """Page a team."""
        if not self.levers_unlocked():  # type: ignore[attr-defined]
            return
        owners: dict[str, list[str]] = {}
        for f in self.drill.scenario.features:
            owners.setdefault(f.team, []).append(f.id)
        options = [
            (t, f"{t}" + (f"  (owns {', '.join(owners[t])})" if t in owners else "")) for t in TEAMS
        ]
        self._ask(ChoiceModal("Page which team?", options), lambda team: self.act(f"page {team}"))

    def action_ack(self) -> None:
        """Acknowledge one alert or all of them."""
        if not self.levers_unlocked():  # type: ignore[attr-defined]
            return
        unacked = self.drill.unacked()
        if not unacked:
            self.toast("No unacknowledged alerts.")  # type: ignore[attr-defined]
            return
        options = [("all", f"all {len(unacked)} unacknowledged alert(s)")]
        options += [(a.id, f"{a.id} {a.rule} {a.region}: {a.message}") for a in unacked]
        self._ask(ChoiceModal("Acknowledge", options), lambda aid: self.act(f"ack {aid}"))

    def action_command(self) -> None:
        """Type an action in full, as in a journal: set inventory ap."""
        self._ask(
            TextModal("Type an action", hint=command_hint(), placeholder="set FEATURE POLICY"),
            self.act,
        )
