"""Scoring a design: the candidate's contract against the scenario's model.

:func:`evaluate` does four things with a :class:`~wargame.interview.contract.Contract`:

1. compares each feature's design with the model (policy, resolution, the knobs
   that matter), naming what users would see differently for every deviation;
2. **lives through it**: the scenario's incident runs on the design from the
   start (``Engine(..., design=contract.levers())``: the design is in place
   before the incident, no rollout and no page gate), and the run is scored
   by :func:`wargame.scoring.compare` with the model's design on the same seed
   as the 100 mark (handling carries no weight: nobody handles the incident),
   so the model's own contract scores at the top;
3. names the L5/L6 signals the choices showed, each with its evidence;
4. marks each feature's reason right or wrong, with the explanation.

Everything here is headless; the CLI (``wargame design``) and the TUI render
the :class:`~wargame.interview.models.DesignResult`.
"""

from __future__ import annotations

from wargame.engine import Engine
from wargame.interview.contract import Contract
from wargame.interview.models import (
    KNOB_FIELDS,
    DesignResult,
    Deviation,
    FeatureReview,
    ReasonReview,
)
from wargame.interview.reasons import Statement, statements
from wargame.interview.signals import signals
from wargame.model.scenario import KIND_KNOBS, Feature, Knobs, Scenario
from wargame.scoring import compare
from wargame.scoring.contract import POLICY_NAMES, RESOLUTION_NAMES, users_see
from wargame.scoring.models import FeatureVerdict
from wargame.scoring.runs import Counterfactuals, counterfactuals
from wargame.scoring.verdicts import LEVELS, cost_delta

MARK = "model"
"""The reference run whose costs are a design's 100 mark: the model designed beforehand."""

KNOB_CONSEQUENCE: dict[str, str] = {
    "dedup": "without dedup, messages retried around the heal reach some users twice",
    "indicators": "optimistic indicators show 'delivered' before it is true: a lie users "
    "count against you more than a delay",
    "safe_factor": "the per-region limit while counters cannot sync decides how much a user "
    "hopping regions gets through, and how many legitimate users are refused",
    "home_region": "the home-region refinement keeps legitimate users at their full limit "
    "where they usually are",
    "retry_factor": "every refused request comes back this many times: retries load the "
    "leader and can tip it into a retry storm",
    "pending_ttl_s": "queued writes older than the TTL are dropped at the heal instead of applied",
}
"""What each knob changes for users, said once per deviation."""


def _knob_words(name: str, value: object) -> str:
    if value is None:
        return "off"
    if isinstance(value, bool):
        return "on" if value else "off"
    if name == "pending_ttl_s":
        return f"{float(value):g} s"  # type: ignore[arg-type]
    if isinstance(value, float):
        return f"x{value:g}" if name == "retry_factor" else f"{value:g}"
    return str(value)


def _matters(name: str, spec: Feature, policy: str, model_policy: str) -> bool:
    """Whether a knob can change anything for this feature under these policies."""
    if name in ("retry_factor", "pending_ttl_s"):
        wanted = "queued" if name == "pending_ttl_s" else None
        if wanted:
            return wanted in (policy, model_policy)
        return policy != "ap" or model_policy != "ap"
    return name in KIND_KNOBS.get(spec.kind, frozenset())


def _deviations(
    spec: Feature, policy: str, resolution: str, knobs: Knobs, model_knobs: Knobs
) -> list[Deviation]:
    model_policy = spec.model.policy
    model_resolution = spec.model.resolution or spec.resolution
    out = []
    if policy != model_policy:
        out.append(
            Deviation(
                setting="policy",
                chosen=POLICY_NAMES[policy],
                model=POLICY_NAMES[model_policy],
                consequence=f"during a split {users_see(spec.kind, policy)}, where the model's "
                f"users see that {users_see(spec.kind, model_policy)}",
            )
        )
    reconciles = policy != "cp" or model_policy != "cp"
    if resolution != model_resolution and reconciles:
        out.append(
            Deviation(
                setting="resolution",
                chosen=RESOLUTION_NAMES[resolution],
                model=RESOLUTION_NAMES[model_resolution],
                consequence="writes taken on both sides are reconciled differently at the "
                "heal: what survives the merge is what users find afterwards",
            )
        )
    for name, label in KNOB_FIELDS.items():
        mine, theirs = getattr(knobs, name), getattr(model_knobs, name)
        if mine != theirs and _matters(name, spec, policy, model_policy):
            out.append(
                Deviation(
                    setting=label,
                    chosen=_knob_words(name, mine),
                    model=_knob_words(name, theirs),
                    consequence=KNOB_CONSEQUENCE[name],
                )
            )
    return out


def _reason(statements_: list[Statement], key: str | None) -> ReasonReview:
    right = next(s for s in statements_ if s.correct)
    picked = next((s for s in statements_ if s.key == key), None)
    if picked is None:
        return ReasonReview(
            chosen=None,
            chosen_text="",
            correct=False,
            mistake="none",
            label="no reason given",
            explanation="No reason was picked: a choice that is not defended does not show "
            "the reasoning an interviewer listens for.",
            right=right.key,
            right_text=right.text,
        )
    return ReasonReview(
        chosen=picked.key,
        chosen_text=picked.text,
        correct=picked.correct,
        mistake=picked.mistake,
        label=picked.label,
        explanation=picked.why,
        right=right.key,
        right_text=right.text,
    )


def evaluate(
    scenario: Scenario,
    contract: Contract,
    seed: int | None = None,
    difficulty: str | None = None,
    refs: Counterfactuals | None = None,
) -> DesignResult:
    """Compare ``contract`` with the model, run the incident on it and score it.

    The contract must fit the scenario (``ValueError`` listing the problems otherwise;
    files are checked with :func:`~wargame.interview.contract.load_contract` first).
    ``refs``: the reference runs of this scenario and seed, if the caller has them.
    """
    problems = contract.check(scenario)
    if problems:
        raise ValueError("; ".join(f"{p}: {m}" for p, m in problems))
    seed = scenario.seed if seed is None else seed
    engine = Engine(scenario, seed=seed, difficulty=difficulty, design=contract.levers(scenario))
    built = {fid: (fs.policy, fs.resolution, fs.knobs) for fid, fs in engine.features.items()}
    engine.run([])
    result = engine.result()
    refs = refs or counterfactuals(scenario, seed)
    debrief = compare(scenario, seed, result, refs, reference=MARK, handling=False)
    model_row = next(r for r in debrief.comparison if r.run == MARK)
    verdicts: dict[str, FeatureVerdict] = {v.feature: v for v in debrief.verdicts}
    currency = scenario.business.currency
    features = []
    for spec in scenario.features:
        choice = contract.features[spec.id]
        _, resolution, knobs = built[spec.id]
        policy = choice.policy
        deviations = _deviations(spec, policy, resolution, knobs, spec.model_knobs())
        v = verdicts[spec.id]
        features.append(
            FeatureReview(
                feature=spec.id,
                name=spec.name,
                kind=spec.kind,
                policy=policy,
                model_policy=spec.model.policy,
                resolution=resolution,
                model_resolution=spec.model.resolution or spec.resolution,
                matches_model=not deviations,
                deviations=deviations,
                users_see=users_see(spec.kind, policy),
                model_users_see=users_see(spec.kind, spec.model.policy),
                cost_vs_model=cost_delta(v.cost, v.model_cost, currency),
                points_lost=v.points_lost,
                reason=_reason(statements(scenario, spec), choice.reason),
                justification=choice.justification,
            )
        )
    score = debrief.scores.overall
    return DesignResult(
        scenario=scenario.id,
        seed=seed,
        candidate=contract.candidate,
        score=score,
        grade=debrief.scores.grade,
        model_score=model_row.overall,
        points_vs_model=round(score - model_row.overall, 1),
        levels=LEVELS,
        verdict=debrief.scores.verdict,
        features=features,
        signals=signals(scenario, features, debrief),
        reasons_right=sum(f.reason.correct for f in features),
        debrief=debrief,
    )
