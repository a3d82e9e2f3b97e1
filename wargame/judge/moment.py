"""The moment to act: for each feature the model changes, when the console first supported
the change, what it showed then, when the player made it and what the wait cost.

"When the signals supported it" is read from the responder's run (the responder
sees only the console and acts once the chapter's detection rule is met, see
:mod:`wargame.respond`); what it showed is :func:`wargame.rewind.state_at` of
that run at that moment. The cost of the player's delay is measured, not
estimated: the player's run is played again with that one feature's change made
at the responder's moment (the player's own actions making it are left out, the
rest kept), and both runs are priced with the scorer's rules.
"""

from __future__ import annotations

from wargame.engine import Engine
from wargame.engine.levers import model_levers
from wargame.judge.models import MomentToAct
from wargame.model.action import Action, ActionError
from wargame.model.result import RunResult
from wargame.model.scenario import Feature, Scenario
from wargame.model.timefmt import format_clock
from wargame.respond import respond
from wargame.rewind.state import state_at
from wargame.scoring.debrief import Scorer
from wargame.scoring.runs import Counterfactuals, counterfactuals
from wargame.scoring.verdicts import lever_done

SHOWN_METRICS: tuple[str, ...] = ("error_rate", "p99_ms", "lag_s", "write_rejections")
"""Console metrics a moment to act quotes."""


def makes(action: Action, lever: str) -> bool:
    """``action`` makes the model's change ``lever`` (``set`` exactly; settings as the
    verdicts count them)."""
    verb, *args = lever.split()
    if verb == "set":
        return action.verb == "set" and tuple(action.args) == tuple(args)
    return lever_done(action, lever)


def done_at(actions: list[Action], change: list[str]) -> float | None:
    """When every lever of ``change`` had been made (None: some never)."""
    last = 0.0
    for lever in change:
        when = next((a.t for a in actions if makes(a, lever)), None)
        if when is None:
            return None
        last = max(last, when)
    return last


def _start_policy(result: RunResult) -> str:
    return result.policy.removesuffix("+actions")


def _on_time(
    scenario: Scenario, result: RunResult, change: list[str], at: float
) -> RunResult | None:
    """The player's run with this change made at ``at`` instead (None: the engine refused)."""
    kept = [a for a in result.actions if not any(makes(a, lever) for lever in change)]
    tried = [Action(t=at, verb=lever.split()[0], args=lever.split()[1:]) for lever in change]
    engine = Engine(
        scenario, seed=result.seed, policy=_start_policy(result), difficulty=result.difficulty
    )
    try:
        engine.run(sorted(kept + tried, key=lambda a: a.t))
    except ActionError:
        return None
    return engine.result()


def _text(m: MomentToAct, currency: str) -> str:
    if m.signals_at is None:
        return (
            f"The console never showed enough agreeing signals for the responder to change "
            f"{m.name}."
        )
    seen = f"{len(m.visible)} alert(s) up" if m.visible else "no alert up"
    head = f"The signals supported changing {m.name} at {format_clock(m.signals_at)} ({seen})"
    if m.player_at is None:
        when = "; you never made the change"
    elif m.delay_s == 0:
        return f"{head}; you made the change at {format_clock(m.player_at)}, no later."
    else:
        when = f"; you made it at {format_clock(m.player_at)}, {format_clock(m.delay_s or 0)} later"
    if not m.measured:
        return f"{head}{when}."
    return (
        f"{head}{when}. {_waiting(m, currency)} (measured by replaying your run with it on time)."
    )


def _waiting(m: MomentToAct, currency: str) -> str:
    """'Waiting cost $1,600, ...' when every difference is a loss; signed words otherwise.

    A wait can also save something (a change made later can cost less on one axis), so a
    negative difference is said as 'less'/'fewer', never as a negative cost.
    """
    money = m.cost_money or 0.0
    minutes = m.cost_user_minutes or 0.0
    violations = m.cost_violations or 0

    def cash(v: float) -> str:
        return f"${abs(v):,.0f}" if currency == "USD" else f"{abs(v):,.0f} {currency}"

    if money >= 0 and minutes >= 0 and violations >= 0:
        return (
            f"Waiting cost {cash(money)}, {minutes:,.0f} user-minutes and {violations} violation(s)"
        )
    parts = [
        f"{cash(money)} {'more' if money >= 0 else 'less'} revenue lost",
        f"{abs(minutes):,.0f} {'more' if minutes >= 0 else 'fewer'} user-minutes of harm",
        f"{abs(violations)} {'more' if violations >= 0 else 'fewer'} violation(s)",
    ]
    return "Against acting on time, waiting meant " + ", ".join(parts)


def moments_to_act(
    scenario: Scenario,
    result: RunResult,
    refs: Counterfactuals | None = None,
) -> list[MomentToAct]:
    """One :class:`MomentToAct` per feature whose model differs from as-built."""
    seed = result.seed
    refs = refs or counterfactuals(scenario, seed)
    if result.difficulty == scenario.difficulty:
        responder = refs.runs["responder"]
    else:
        responder = respond(scenario, seed, difficulty=result.difficulty).result
    scorer = Scorer(scenario, refs)
    mine = scorer.costs_of(result)
    from_as_built = _start_policy(result) == "as-built"
    views: dict[float, object] = {}
    out: list[MomentToAct] = []
    for spec in scenario.features:
        change = model_levers(spec)
        if not change:
            continue
        out.append(
            _moment(scenario, result, responder, spec, change, scorer, mine, views, from_as_built)
        )
    return out


def _moment(
    scenario: Scenario,
    result: RunResult,
    responder: RunResult,
    spec: Feature,
    change: list[str],
    scorer: Scorer,
    mine,
    views: dict,
    from_as_built: bool,
) -> MomentToAct:
    acted = [a.t for a in responder.actions if any(makes(a, lever) for lever in change)]
    signals_at = min(acted) if acted else None
    visible: list[str] = []
    metrics: dict[str, float] = {}
    if signals_at is not None:
        if signals_at not in views:
            views[signals_at] = state_at(
                scenario,
                responder.seed,
                [a for a in responder.actions if a.t < signals_at],
                signals_at,
                difficulty=responder.difficulty,
            ).view
        view = views[signals_at]
        visible = [
            f"{a.rule} in {a.region}" + (f" ({a.feature})" if a.feature else "") + f": {a.message}"
            for a in view.alerts
        ]
        metrics = {k: round(view.metrics[k], 4) for k in SHOWN_METRICS if k in view.metrics}
    player_at = done_at(result.actions, change) if from_as_built else 0.0
    delay = None
    if signals_at is not None and player_at is not None:
        delay = max(0.0, player_at - signals_at)
    m = MomentToAct(
        feature=spec.id,
        name=spec.name,
        change=change,
        signals_at=signals_at,
        visible=visible,
        metrics=metrics,
        player_at=player_at,
        delay_s=delay,
        measured=False,
        text="",
    )
    late = signals_at is not None and (player_at is None or player_at > signals_at)
    if late and from_as_built:
        on_time = _on_time(scenario, result, change, signals_at)  # type: ignore[arg-type]
        if on_time is not None:
            theirs = scorer.costs_of(on_time)
            m.measured = True
            m.cost_money = round(mine.total("revenue") - theirs.total("revenue"), 2)
            m.cost_user_minutes = round(mine.total("trust") - theirs.total("trust"), 2)
            m.cost_violations = result.totals.violations - on_time.totals.violations
    m.text = _text(m, scenario.business.currency)
    return m
