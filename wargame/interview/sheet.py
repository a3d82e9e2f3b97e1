"""The interviewer's sheet: the rubric, the model, the candidate's choices, follow-ups.

Headless: :func:`sheet_markdown` renders the sheet as Markdown from a
scenario and (when the candidate has started) the contract in progress read
from the live file (:mod:`wargame.interview.live`). The interviewer's screen
shows it and ``wargame interview SCENARIO --interviewer --export FILE.md``
writes it. Everything on it comes from the scenario (its per-feature model and
its business figures) and the candidate's own choices, so the interviewer can
see the model and the candidate cannot.
"""

from __future__ import annotations

from wargame.interview.contract import Contract, FeatureChoice
from wargame.model.scenario import Feature, Scenario
from wargame.scoring.contract import POLICY_NAMES, RESOLUTION_NAMES, recovery, users_see
from wargame.scoring.narrative import money
from wargame.scoring.verdicts import LEVELS

REVOCATION_KINDS = frozenset({"block_list", "moderation", "access_control", "erasure", "session"})
"""Kinds where a stale copy lets a revoked right be used."""

RUBRIC: list[tuple[str, str, str]] = [
    (
        "per feature, not system-wide",
        'one policy for the whole product ("we are CP")',
        "different features get different answers, each for its own users",
    ),
    (
        "user-visible symptom named",
        "talks about C, A and P in the abstract",
        "says what a user on each side of the cut sees while it lasts",
    ),
    (
        "business cost connected",
        '"correctness first" or "availability first" as a slogan',
        "weighs lost sales, tickets and refunds against wrong answers, in money",
    ),
    (
        "partial partitions and failover risk considered",
        "assumes a clean, total cut and an automatic failover that is always safe",
        "asks what a lossy or one-way link does, and who fences the old leader",
    ),
]
"""What to listen for: (signal, as the design debrief names it in
:mod:`wargame.interview.signals`; an L5 answer; an L6 answer)."""


def _knobs(choice: FeatureChoice, feature: Feature) -> str:
    k = choice.knobs
    parts = []
    if k.dedup is not None:
        parts.append(f"dedup {'on' if k.dedup else 'off'}")
    if k.indicators is not None:
        parts.append(f"{k.indicators} indicators")
    if k.safe_mode is not None:
        if k.safe_mode == "off":
            parts.append("no safe mode")
        else:
            home = ", home region keeps the full limit" if k.safe_home else ""
            parts.append(f"safe mode x{float(k.safe_mode):g}{home}")
    if k.retry is not None:
        parts.append(f"{k.retry:g} client retries")
    if k.ttl is not None and choice.policy == "queued":
        parts.append(f"queue TTL {k.ttl:g} s")
    return ", ".join(parts)


def _line(choice: FeatureChoice, feature: Feature) -> str:
    resolution = choice.resolution or feature.resolution
    knobs = _knobs(choice, feature)
    return (
        f"`{choice.policy}` ({POLICY_NAMES[choice.policy]}), conflicts: "
        f"{RESOLUTION_NAMES[resolution]}" + (f"; {knobs}" if knobs else "")
    )


def cost_per_minute(feature: Feature) -> float:
    """Revenue the feature brings per minute at normal traffic (what CP puts at risk)."""
    return 60 * (
        feature.writes_per_s * feature.revenue_per_write
        + feature.reads_per_s * feature.revenue_per_read
    )


def follow_ups(scenario: Scenario, feature: Feature, choice: FeatureChoice | None) -> list[str]:
    """Questions to ask about this feature; after a dash, what a good answer contains."""
    policy = choice.policy if choice else feature.model.policy
    resolution = (choice.resolution if choice else None) or feature.resolution
    currency = scenario.business.currency
    per_min = cost_per_minute(feature)
    cost = (
        f"about {money(per_min, currency)} of revenue per minute passes through it"
        if per_min > 0
        else "it carries no direct revenue: the cost is in tickets, trust or harm"
    )
    out = [
        f"What does the user see during the partition? — with `{policy}`: "
        f"{users_see(feature.kind, policy)}",
        f"What does this cost per minute? — {cost}; refunds "
        f"{money(feature.costs.refund_per_oversell, currency)} per oversold unit"
        if feature.kind == "inventory"
        else f"What does this cost per minute? — {cost}",
        f"What happens at the heal? — {recovery(feature, policy, resolution)}",
    ]
    if feature.kind in REVOCATION_KINDS:
        out.append(
            "How long may a revoked right stay usable on the far side, and who is harmed "
            "if it is used?"
        )
    if feature.kind == "messaging":
        out.append("Can the sender's screen say 'delivered' before the other region has it?")
    if feature.kind == "rate_limiter":
        out.append("Who gets through when each region counts alone: a user who hops regions?")
    if policy != "ap":
        out.append(
            "What if the link is lossy or one-way rather than cut: does the leader flap, "
            "and who fences the old one after a failover?"
        )
    return out


def _statement(scenario: Scenario, feature: Feature, key: str | None):
    from wargame.interview.reasons import statements

    return next((s for s in statements(scenario, feature) if s.key == key), None)


def sheet_markdown(
    scenario: Scenario,
    contract: Contract | None = None,
    current: str | None = None,
    seed: int | None = None,
) -> str:
    """The interviewer's sheet as Markdown (``contract``: the candidate's, if started)."""
    lines = [
        f"# Interviewer's sheet · {scenario.title}",
        "",
        f"Seed {seed if seed is not None else scenario.seed}. The candidate designs each "
        "feature before the incident, picks a reason among four statements (one holds, "
        "three are common mistakes) and may add their own words. Ask the follow-ups as "
        "their choices come in.",
        "",
        "## Rubric",
        "",
        LEVELS,
        "",
        *[f"- **{name.capitalize()}**: L5 {l5}; L6 {l6}." for name, l5, l6 in RUBRIC],
        "",
    ]
    if contract is None:
        lines += ["*The candidate has not started yet (no live design file).*", ""]
    else:
        done = sum(c.reason is not None for c in contract.features.values())
        policies = {c.policy for c in contract.features.values()}
        lines.append(
            f"**Candidate{': ' + contract.candidate if contract.candidate else ''}** · "
            f"{done} of {len(scenario.features)} features reasoned"
            + (
                " · every feature has the same policy: ask why (system-wide?)"
                if len(policies) == 1 and len(scenario.features) > 1
                else ""
            )
        )
        lines.append("")
    for f in scenario.features:
        choice = contract.features.get(f.id) if contract else None
        here = " ◀ on the candidate's screen" if current == f.id else ""
        lines += [f"## {f.name} ({f.kind.replace('_', ' ')}){here}", ""]
        model = FeatureChoice(policy=f.model.policy, resolution=f.model.resolution or f.resolution)
        lines.append(f"- **model**: {_line(model, f)}")
        lines.append(f"  - why: {' '.join(f.model.why.split())}")
        if choice is not None:
            same = choice.policy == f.model.policy
            mark = "same policy as the model" if same else "**differs from the model**"
            lines.append(f"- **candidate**: {_line(choice, f)} ({mark})")
            st = _statement(scenario, f, choice.reason)
            if st is None:
                lines.append("  - reason: not chosen yet")
            else:
                verdict = "holds" if st.correct else f"mistake: {st.label}"
                lines.append(f"  - reason {st.key}) {st.text} (**{verdict}**)")
            if choice.justification.strip():
                lines.append(f"  - in their words: {' '.join(choice.justification.split())}")
        lines.append("- ask:")
        lines += [f"  - {q}" for q in follow_ups(scenario, f, choice)]
        lines.append("")
    return "\n".join(lines)
