"""Building a run's :class:`~wargame.model.result.RunResult` from the engine's state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.model.result import (
    COUNT_FIELDS,
    MONEY_FIELDS,
    RISK_FIELDS,
    Counts,
    FeatureResult,
    PolicySpan,
    RunResult,
    Series,
    TicketSummary,
)

if TYPE_CHECKING:
    from wargame.engine.engine import Engine


def _counts(acc: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {k: int(round(acc.get(k, 0))) for k in COUNT_FIELDS}
    out.update({k: round(acc.get(k, 0.0), 2) for k in MONEY_FIELDS})
    out.update({k: round(acc.get(k, 0.0), 4) for k in RISK_FIELDS})
    return out


def build_result(e: Engine) -> RunResult:
    """Gather totals, per-feature and per-region counts, alerts, tickets and series."""
    totals: dict[str, float] = {}
    features: dict[str, FeatureResult] = {}
    for fid, fs in e.features.items():
        merged: dict[str, float] = {}
        by_region: dict[str, Counts] = {}
        for r, acc in fs.acc.items():
            by_region[r] = Counts(**_counts(acc))
            for k, v in acc.items():
                merged[k] = merged.get(k, 0) + v
        for k, v in merged.items():
            totals[k] = totals.get(k, 0) + v
        features[fid] = FeatureResult(
            kind=fs.spec.kind,
            by_region=by_region,
            policy_timeline=[PolicySpan(t=t, region=r, policy=p) for t, r, p in fs.policy_timeline],
            **_counts(merged),
        )
    o = e.obs
    metrics, feature_series = o.series()
    return RunResult(
        scenario=e.scenario.id,
        title=e.scenario.title,
        seed=e.seed,
        policy=e.policy_mode if not e.actions else f"{e.policy_mode}+actions",
        duration_s=e.duration,
        tick_s=e.tick_s,
        totals=Counts(**_counts(totals)),
        features=features,
        tickets=TicketSummary(
            total=o.tickets_total,
            by_symptom=dict(sorted(o.ticket_counts.items())),
            items=list(o.tickets),
        ),
        alerts=[a.model_copy() for a in o.alerts],
        timeline=sorted(e.timeline, key=lambda x: x.t),
        actions=list(e.actions),
        operations=e.ops.model_copy(deep=True),
        partition_windows=[(a, b) for a, b in e.partition_windows],
        page_t=e.page_t,
        series=Series(t=list(o.series_t), metrics=metrics, features=feature_series),
        logs_total=o.logs_total,
        difficulty=e.difficulty,
        diagnosis=e.faults.diagnosis(),
    )
