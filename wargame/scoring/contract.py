"""The consistency contract: per feature, what it does when the network splits.

One row per feature, from the scenario's per-feature model: its CAP choice
during a partition, what users see, who gets paged, and the recovery work
after the heal. The paging follows the chapter's rule of thumb: CP pain is
visible at once and goes to platform/SRE during the partition; AP pain shows
up at reconciliation and goes to the data team after the heal.
"""

from __future__ import annotations

from collections.abc import Mapping

from wargame.model.scenario import Feature, Scenario
from wargame.scoring.models import Strict

POLICY_NAMES: dict[str, str] = {
    "cp": "CP (refuse without quorum)",
    "cp-reads": "partial CP (reads local, writes refused)",
    "queued": "degraded CP (writes queued as pending)",
    "ap": "AP (serve and accept locally)",
}
"""How the contract names each policy."""

RESOLUTION_NAMES: dict[str, str] = {
    "lww": "last writer wins",
    "merge": "merge both sides",
    "crdt": "CRDT merge",
    "app": "the application compensates",
}

_REVOCATION = {
    "cp": "new changes are refused until the regions meet again; what is already in force "
    "stays in force",
    "cp-reads": "new changes are refused; checks use the last list every region agreed on",
    "queued": "new changes wait as pending; the other side keeps the old state meanwhile",
    "ap": "a change takes effect where it was made; the other side acts on the old state "
    "until the heal",
}

USERS_SEE: dict[str, dict[str, str]] = {
    "inventory": {
        "cp": "checkout fails with an error",
        "cp-reads": "stock pages load; placing an order fails",
        "queued": "orders are taken as pending and confirmed after the heal",
        "ap": "checkout works; a few orders for the last units are cancelled later",
    },
    "counter": {
        "cp": "the button fails and counts freeze",
        "ap": "the button works; counts from the other side arrive late",
    },
    "rate_limiter": {
        "cp": "requests are refused: the shared counter is out of reach",
        "cp-reads": "requests are refused: the shared counter is out of reach",
        "ap": "requests are counted locally; someone hopping regions gets more than the limit",
    },
    "feed": {
        "cp": "posting fails; the feed may not load",
        "cp-reads": "the feed loads; posting fails",
        "ap": "posting works; posts from the other side show up late",
    },
    "messaging": {
        "cp": "sending fails with an error",
        "queued": "messages wait as 'sending' and go out after the heal",
        "ap": "messages are accepted; those crossing the cut wait, shown as sent, not delivered",
    },
    "payment": {
        "cp": "payments fail; customers retry later",
        "cp-reads": "balances show; new payments fail",
        "queued": "customers see 'payment processing'; the charge is taken after the heal",
        "ap": "payments are approved locally, with a risk of double charges and overdrafts",
    },
    "catalog": {
        "cp": "product pages fail to load",
        "cp-reads": "pages load from the local copy; edits are refused",
        "ap": "pages load from the local copy, perhaps a few minutes old",
    },
    "cart": {
        "cp": "adding to or removing from the cart fails",
        "cp-reads": "the cart shows; edits fail",
        "ap": "cart edits work and are merged after the heal",
    },
    "audit_log": {
        "cp": "actions that need an audit entry are refused",
        "ap": "entries are written locally and merged later",
    },
}
for _kind in ("block_list", "moderation", "access_control", "erasure", "session"):
    USERS_SEE[_kind] = _REVOCATION

GENERIC_SEE: dict[str, str] = {
    "cp": "requests that need the other side fail with an error",
    "cp-reads": "reads work from the local copy; changes are refused",
    "queued": "changes are accepted as pending and applied after the heal",
    "ap": "everything works on local data, which may be out of date",
}

RECOVERY: dict[str, str] = {
    "inventory": "reconcile stock; cancel and refund oversold orders, and tell those customers",
    "rate_limiter": "counters resync on their own; nothing to repair",
    "feed": "backfill the late posts in order",
    "messaging": "deliver what waited; drop duplicates by message id; correct any indicator",
    "payment": "capture queued charges with idempotency keys; refund double charges; "
    "review overdrafts",
    "catalog": "caches refresh on their own; nothing to repair",
    "cart": "merge each cart so removals stay removed",
    "audit_log": "merge the entries and check the log has no gaps",
    "counter": "merge the per-region counts",
}
for _kind in ("block_list", "moderation", "access_control", "erasure", "session"):
    RECOVERY[_kind] = "apply every change everywhere; audit what was exposed while stale"

NOTHING_TO_RECONCILE: frozenset[str] = frozenset({"rate_limiter", "catalog"})
"""Kinds whose divergence heals by itself: nobody needs paging after the heal."""


class ContractRow(Strict):
    """One feature's line of the consistency contract."""

    feature: str
    """Feature id."""
    name: str
    """Display name."""
    choice: str
    """Its CAP choice during a partition (the model's policy, or the design's)."""
    users_see: str
    """What its users see while the network is split."""
    paged: str
    """Who is paged, and when."""
    recovery: str
    """Work after the heal."""


def users_see(kind: str, policy: str) -> str:
    """What users of a feature of this kind see under a policy during a partition."""
    return USERS_SEE.get(kind, {}).get(policy) or GENERIC_SEE[policy]


def paged(feature: Feature, policy: str) -> str:
    """Who is paged for this feature under a policy, and when."""
    owner = feature.team
    if policy in ("cp", "cp-reads"):
        who = "platform/SRE during the partition (errors are visible at once)"
    elif policy == "queued":
        return f"nobody during the partition; {owner} (owner) after the heal, as the queue drains"
    elif feature.kind in NOTHING_TO_RECONCILE:
        who = "nobody: the divergence heals by itself"
    else:
        who = "nobody during the partition; the data team after the heal (reconciliation)"
    if owner not in ("platform", "data"):
        who += f"; {owner} (owner) if anything goes wrong"
    return who


def recovery(feature: Feature, policy: str, resolution: str) -> str:
    """Work after the heal for this feature under a policy and resolution."""
    if policy == "cp":
        return "nothing to reconcile; clients retry what failed"
    text = RECOVERY.get(feature.kind, "reconcile the two sides")
    if feature.kind in NOTHING_TO_RECONCILE:
        return text
    return f"{text} ({RESOLUTION_NAMES[resolution]})"


def contract(
    scenario: Scenario, design: Mapping[str, tuple[str, str]] | None = None
) -> list[ContractRow]:
    """The product's consistency contract, from the per-feature model, or from ``design``
    (feature id -> (policy, resolution): a candidate's contract, see
    :mod:`wargame.interview.export`)."""
    rows = []
    for f in scenario.features:
        policy = f.model.policy
        resolution = f.model.resolution or f.resolution
        if design is not None:
            policy, resolution = design[f.id]
        rows.append(
            ContractRow(
                feature=f.id,
                name=f.name,
                choice=POLICY_NAMES[policy],
                users_see=users_see(f.kind, policy),
                paged=paged(f, policy),
                recovery=recovery(f, policy, resolution),
            )
        )
    return rows
