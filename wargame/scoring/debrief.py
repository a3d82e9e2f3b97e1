"""Assembling the debrief: counterfactual runs, placement, scores, verdicts, comparison.

:func:`compare` runs the references (the responder, the model, as-built,
all-CP, all-AP and the healthy-network baseline) with the player's seed,
prices every run with :mod:`wargame.scoring.rules`, places each axis between
the responder (100) and doing nothing (0), and adds the incident
handling score (:mod:`wargame.scoring.handling`).
"""

from __future__ import annotations

from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.scoring import rules
from wargame.scoring.handling import handling
from wargame.scoring.incident import incident_metrics
from wargame.scoring.models import AxisScore, ComparisonRow, Debrief, Scores
from wargame.scoring.runs import REFERENCES, Counterfactuals, counterfactuals
from wargame.scoring.verdicts import feature_verdicts, run_verdict

UNITS = {"revenue": "", "trust": "user-minutes", "safety": "weighted harm"}
REFERENCE = "responder"
"""The reference run whose costs are the 100 mark of each axis."""


class Scorer:
    """Prices runs and places them against the references of one scenario and seed."""

    def __init__(
        self,
        scenario: Scenario,
        refs: Counterfactuals,
        reference: str = REFERENCE,
        handling: bool = True,
    ) -> None:
        self.scenario = scenario
        self.refs = refs
        self.reference = reference
        """The reference run whose costs are the 100 mark (``responder`` in a drill,
        ``model`` when a design made before the incident is scored)."""
        self.costs = {
            mode: rules.run_costs(run, scenario, refs.baseline) for mode, run in refs.runs.items()
        }
        self.live = rules.live_axes(scenario, refs.baseline, list(refs.runs.values()))
        self.weights = rules.weights(
            scenario, self.live, rules.HANDLING_WEIGHT if handling else 0.0
        )

    def costs_of(self, result: RunResult) -> rules.RunCosts:
        """The cost of any run of this scenario and seed."""
        return rules.run_costs(result, self.scenario, self.refs.baseline)

    def axis(self, axis: str, costs: rules.RunCosts) -> AxisScore:
        """Place one run's cost on one axis."""
        model = self.costs[self.reference].total(axis)
        worst_mode = rules.ZERO_MARK
        naive = {worst_mode: self.costs[worst_mode].total(axis)}
        floor = rules.min_span(axis, self.scenario, self.refs.baseline, self.weights["safety"])
        cost = costs.total(axis)
        raw, zero = rules.place(axis, cost, model, naive[worst_mode], floor)
        raw = min(raw, 100.0 + rules.BONUS_MAX)
        return AxisScore(
            axis=axis,  # type: ignore[arg-type]
            score=round(min(100.0, max(0.0, raw)), 1),
            raw=round(raw, 1),
            bonus=round(max(0.0, raw - 100.0), 1),
            cost=round(cost, 2),
            model_cost=round(model, 2),
            worst_cost=round(zero, 2),
            worst_policy=worst_mode,
            unit=UNITS[axis] or self.scenario.business.currency,
            parts={k: round(v, 2) for k, v in costs.parts[axis].items()},
        )

    def scores(self, result: RunResult, costs: rules.RunCosts) -> Scores:
        """The axes, incident handling, the overall score and the grade."""
        axes = {axis: self.axis(axis, costs) for axis in rules.AXES}
        hand = handling(result, incident_metrics(result, self.scenario))
        values = {a: s.score for a, s in axes.items()}
        values["handling"] = hand.score
        final = round(rules.overall(values, self.weights), 1)
        # violations the reference play also had were done before anyone could act
        reference = self.refs.runs[self.reference]
        violations = max(0, result.totals.violations - reference.totals.violations)
        reason = rules.grade_limit(final, violations)
        bonus = [
            f"{a}: beat the {self.reference} by {s.bonus:g} points"
            for a, s in axes.items()
            if s.bonus >= 0.1 and a in self.live
        ]
        return Scores(
            revenue=axes["revenue"],
            trust=axes["trust"],
            safety=axes["safety"],
            handling=hand,
            weights={k: round(v, 4) for k, v in self.weights.items()},
            uncapped=final,
            overall=final,
            capped=bool(reason),
            cap_reason=reason,
            grade=rules.grade(final, violations),
            bonus=bonus,
        )

    def row(self, name: str, result: RunResult, costs: rules.RunCosts) -> ComparisonRow:
        """One line of the comparison table."""
        s = self.scores(result, costs)
        t = result.totals
        return ComparisonRow(
            run=name,
            downtime_min=round(rules.downtime_minutes(result, self.scenario), 2),
            lost_revenue=round(costs.parts["revenue"].get("lost revenue", 0.0), 2),
            refunds=round(t.refunds, 2),
            oversold=t.oversold,
            duplicates=t.duplicates,
            tickets=result.tickets.total,
            violations=t.violations,
            revenue=s.revenue.score,
            trust=s.trust.score,
            safety=s.safety.score,
            overall=s.overall,
            grade=s.grade,
        )


def compare(
    scenario: Scenario,
    seed: int,
    player: RunResult,
    refs: Counterfactuals | None = None,
    reference: str = REFERENCE,
    handling: bool = True,
) -> Debrief:
    """Score the player's run against the model and the naive policies of the same seed.

    ``refs`` are the counterfactual runs if the caller already has them (the console
    also charts the model run); otherwise they are run here. ``reference`` is the run
    that sets the 100 mark: the responder in a drill, ``model`` for a design made
    before the incident (:mod:`wargame.interview.design`), which also sets
    ``handling=False`` (no incident is handled, so handling carries no weight).
    """
    if player.scenario != scenario.id or set(player.features) != {f.id for f in scenario.features}:
        raise ValueError(f"the run is of scenario {player.scenario!r}, not {scenario.id!r}")
    scorer = Scorer(scenario, refs or counterfactuals(scenario, seed), reference, handling)
    costs = scorer.costs_of(player)
    scores = scorer.scores(player, costs)
    verdicts = feature_verdicts(player, scenario, costs.features, scorer.costs[reference].features)
    extra = {
        v.feature: {
            axis: getattr(v.cost, axis) - getattr(v.model_cost, axis) for axis in rules.AXES
        }
        for v in verdicts
    }
    lost = {axis: 100.0 - getattr(scores, axis).score for axis in rules.AXES}
    shares = rules.points_lost(extra, lost, scorer.weights)
    for v in verdicts:
        v.points_lost = shares[v.feature]
    scores.verdict = run_verdict(verdicts, scores.overall)
    rows = [scorer.row("player", player, costs)]
    rows += [scorer.row(mode, scorer.refs.runs[mode], scorer.costs[mode]) for mode in REFERENCES]
    return Debrief(
        scenario=scenario.id,
        seed=seed,
        scores=scores,
        verdicts=verdicts,
        incident_metrics=incident_metrics(player, scenario),
        comparison=rows,
        baseline_revenue=round(scorer.refs.baseline.totals.revenue, 2),
        currency=scenario.business.currency,
    )


def debrief_json(result: RunResult, scenario: Scenario) -> dict:
    """The keys ``wargame run --json`` adds: scores, verdicts, incident metrics, comparison."""
    d = compare(scenario, result.seed, result).model_dump(mode="json")
    return {k: d[k] for k in ("scores", "verdicts", "incident_metrics", "comparison")}
