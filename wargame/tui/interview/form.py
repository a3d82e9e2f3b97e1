"""The design form of one feature: which questions it asks and the choices each offers.

No widgets here: :func:`questions` lists, for a feature, the policy (only
those its kind supports), the conflict resolution, the knobs that matter for
its kind (client retries for all; the queue TTL under ``queued``; dedup and
indicators for messaging; safe mode for a rate limiter) and the four reasons.
Choices are words of the lever grammar (``ap``, ``crdt``, ``2 home``...), and
their labels are the console's lever dialogs' (:mod:`wargame.tui.levers`), so
the design phase and the drill speak the same language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wargame.engine import POLICY_LABELS
from wargame.model.action import RESOLUTIONS
from wargame.model.scenario import KIND_KNOBS, KIND_POLICIES, POLICIES, Feature, Scenario
from wargame.tui.levers import (
    DEDUP_CHOICES,
    INDICATOR_CHOICES,
    RESOLVE_HINTS,
    RETRY_CHOICES,
    TTL_CHOICES,
    safe_mode_choices,
)


@dataclass(frozen=True)
class Question:
    """One choice the candidate makes for a feature."""

    key: str
    """``policy``, ``resolve``, ``retry``, ``ttl``, ``dedup``, ``indicators``,
    ``safe-mode`` or ``reason``."""
    title: str
    """The question as the screen asks it."""
    options: list[tuple[str, str]]
    """(value, label) pairs; values are lever-grammar words (a reason's id for ``reason``)."""
    hint: str = ""
    """One muted line under the title."""
    policies: frozenset[str] = field(default_factory=frozenset)
    """Asked only under these policies (empty: always)."""

    def applies(self, policy: str) -> bool:
        """Whether the question is asked when the feature's policy is ``policy``."""
        return not self.policies or policy in self.policies


def _options(
    options: list[tuple[str, str]], built: str | None, extra: str = "{}"
) -> list[tuple[str, str]]:
    """``options`` with the as-built value marked (added, labelled ``extra``, if missing)."""
    if built is None:
        return options
    if not any(v == built for v, _ in options):
        options = [*options, (built, extra.format(built))]
    return [(v, f"{label}  (as built)" if v == built else label) for v, label in options]


def questions(
    scenario: Scenario,
    feature: Feature,
    reasons: list[tuple[str, str]],
    built: dict[str, str] | None = None,
) -> list[Question]:
    """The questions for ``feature``, in screen order.

    ``reasons``: its four statements as (key, text); ``built``: the as-built
    answers as lever words (marked in the lists, added where a list lacks them).
    """
    built = built or {}
    kind_knobs = KIND_KNOBS.get(feature.kind, frozenset())
    supported = [p for p in POLICIES if p in KIND_POLICIES[feature.kind]]
    qs = [
        Question(
            "policy",
            "During a partition, this feature is",
            _options([(p, f"{p:<8} {POLICY_LABELS[p]}") for p in supported], built.get("policy")),
        ),
        Question(
            "resolve",
            "At the heal, conflicting writes are resolved by",
            _options(
                [(r, f"{r:<6} {RESOLVE_HINTS[r]}") for r in RESOLUTIONS], built.get("resolve")
            ),
        ),
    ]
    if "dedup" in kind_knobs:
        qs.append(
            Question(
                "dedup",
                "De-duplicate retried messages",
                _options(DEDUP_CHOICES, built.get("dedup")),
            )
        )
    if "indicators" in kind_knobs:
        qs.append(
            Question(
                "indicators",
                "Delivery indicators",
                _options(INDICATOR_CHOICES, built.get("indicators")),
                hint="What the sender's screen says before the other region confirms.",
            )
        )
    if "safe_factor" in kind_knobs:
        n = len(feature.knobs.replicas or scenario.regions)
        limit = feature.knobs.limit_per_min
        qs.append(
            Question(
                "safe-mode",
                "Safe mode while the counters cannot sync",
                _options(safe_mode_choices(limit, n), built.get("safe-mode")),
                hint=f"Each region allows limit / regions / factor ({limit}/{n}/k).",
            )
        )
    qs.append(
        Question(
            "retry",
            "Client retries per refused request",
            _options(RETRY_CHOICES, built.get("retry"), "{0}: {0} retries per refused request"),
            hint="Past the leader's capacity, retries become a storm.",
        )
    )
    qs.append(
        Question(
            "ttl",
            "Queued writes are dropped when older than",
            _options(TTL_CHOICES, built.get("ttl"), "{} s"),
            policies=frozenset({"queued"}),
        )
    )
    qs.append(
        Question(
            "reason",
            "Why? Pick the statement that holds for this feature",
            [(key, f"{key}) {text}") for key, text in reasons],
            hint="One holds; the other three are common mistakes.",
        )
    )
    return qs
