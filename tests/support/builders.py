"""Small scenarios built in code, so engine tests do not depend on shipped content."""

from __future__ import annotations

from typing import Any

from wargame.model.scenario import Scenario

WHY = "Chosen for the test: this sentence only has to be long enough to validate."


def feature(fid: str, kind: str, policy: str = "cp", **extra: Any) -> dict[str, Any]:
    """A feature table with sensible traffic and the given as-built policy."""
    base: dict[str, Any] = {
        "id": fid,
        "name": fid.title(),
        "kind": kind,
        "reads_per_s": 50.0,
        "writes_per_s": 10.0,
        "as_built": policy,
        "model": {"policy": extra.pop("model_policy", "ap"), "why": WHY},
    }
    base.update(extra)
    return base


def scenario(
    features: list[dict[str, Any]] | None = None,
    regions: int = 2,
    events: list[dict[str, Any]] | None = None,
    duration: float = 600,
    tick: float = 5,
    **extra: Any,
) -> Scenario:
    """A valid scenario: ``regions`` equal regions, a full split at 60 s healed at 360 s."""
    ids = ["east", "west", "asia", "eu", "south"][:regions]
    share = round(1 / regions, 6)
    region_list = [
        {"id": r, "name": r.title(), "user_share": share, "primary": i == 0}
        for i, r in enumerate(ids)
    ]
    region_list[-1]["user_share"] = round(1 - share * (regions - 1), 6)
    if events is None:
        events = [
            {"at": 60, "kind": "partition", "groups": [[ids[0]], ids[1:]]},
            {"at": 360, "kind": "heal"},
        ]
    data: dict[str, Any] = {
        "id": "test",
        "title": "Test",
        "summary": "A test scenario.",
        "briefing": "Nothing to see.",
        "duration": duration,
        "tick": tick,
        "seed": 3,
        "business": {"daily_users": 1000},
        "regions": region_list,
        "features": features or [feature("thing", "feed")],
        "events": events,
        # engine tests set levers before the fault: the engineer is on call from 00:00
        "control": {"policy_rollout_s": 10, "failover_s": 20, "reconcile_s": 60, "page_at": 0},
    }
    data.update(extra)
    return Scenario.model_validate(data)


def designed(sc: Scenario) -> Scenario:
    """``sc`` with its levers unlocked from 00:00 (design mode: settings in place before the
    fault), for tests comparing designs rather than plays."""
    control = sc.control.model_copy(update={"page_at": 0.0})
    return sc.model_copy(update={"control": control})


def lossy_west(loss: float, heal_at: float = 400) -> list[dict[str, Any]]:
    """Events for a three-region ``scenario``: west's links to east and asia turn lossy at
    60 s (``loss`` of the messages dropped) and heal at ``heal_at``."""
    return [
        {
            "at": 60,
            "kind": "partition",
            "groups": [["west"], ["east", "asia"]],
            "mode": "lossy",
            "loss": loss,
        },
        {"at": heal_at, "kind": "heal"},
    ]
