"""Setting levers: the player's way to change how a feature is built, mid-incident.

``resolve``, ``dedup``, ``retry``, ``indicators``, ``safe-mode`` and ``ttl``
change one of a feature's settings (its conflict resolution or a knob). Like a
policy change they take time: configuration reaches every region after
``[control] policy_rollout_s``; a change that needs new code (conflict
resolution, receiver-side dedup) after ``[control] deploy_s``. A later change of
the same setting supersedes one still under way. ``fence`` revokes a leader's
lease after ``[control] fence_s``: the way out of split brain.

:func:`model_levers` lists the levers that take a feature from its as-built
settings to its model's, so the responder (and a test) can reach the model with
player actions only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.model.action import Action
from wargame.model.scenario import KNOB_LEVERS, Feature

if TYPE_CHECKING:
    from wargame.engine.engine import Engine
    from wargame.engine.state import FeatureState

DEPLOY_VERBS = frozenset({"resolve", "dedup"})
"""Levers whose change needs a code deploy (``deploy_s``); the others are configuration."""

KNOB_VERB: dict[str, str] = KNOB_LEVERS
"""Knob -> the lever that changes it during a drill."""


def delay(e: Engine, verb: str) -> float:
    """Seconds until a setting lever takes effect everywhere."""
    control = e.scenario.control
    return control.deploy_s if verb in DEPLOY_VERBS else control.policy_rollout_s


def apply(e: Engine, fs: FeatureState, action: Action) -> str:
    """Start a setting lever; return what the player is told."""
    verb, args = action.verb, action.args
    if verb == "fence":
        e.env.process(_fence(e, fs, args[1]))
        return (
            f"fencing {fs.spec.id}'s leader in {args[1]} (takes {e.scenario.control.fence_s:g} s)"
        )
    change, resolution = setting_change(verb, args)
    if verb == "resolve":
        text = f"conflict resolution {args[1]}"
    elif verb == "dedup":
        text = f"dedup {args[1]}"
    elif verb == "retry":
        text = f"clients retry x{float(args[1]):g}"
    elif verb == "indicators":
        text = f"{args[1]} indicators"
    elif verb == "ttl":
        text = f"queue TTL {float(args[1]):g} s"
    elif args[1] == "off":
        text = "safe mode off"
    else:
        home = len(args) == 3
        n = len(fs.replicas)
        cap = fs.knobs.limit_per_min / n / float(args[1])
        text = f"safe mode: {cap:g} requests/min per region while counters cannot sync"
        if home:
            text += " (full limit in the user's home region)"
    wait = delay(e, verb)
    fs.setting_gen[verb] = fs.setting_gen.get(verb, 0) + 1
    e.env.process(_settle(e, fs, verb, fs.setting_gen[verb], change, resolution, text, wait))
    how = "deploying" if verb in DEPLOY_VERBS else "rolling out"
    return f"{how} {text} for {fs.spec.id} (takes {wait:g} s)"


def setting_change(verb: str, args: tuple[str, ...]) -> tuple[dict[str, object], str | None]:
    """What a setting lever changes: (knob -> new value, new conflict resolution or None)."""
    if verb == "resolve":
        return {}, args[1]
    if verb == "dedup":
        return {"dedup": args[1] == "on"}, None
    if verb == "retry":
        return {"retry_factor": float(args[1])}, None
    if verb == "indicators":
        return {"indicators": args[1]}, None
    if verb == "ttl":
        return {"pending_ttl_s": float(args[1])}, None
    if verb == "safe-mode":
        if args[1] == "off":
            return {"safe_factor": None, "home_region": False}, None
        return {"safe_factor": float(args[1]), "home_region": len(args) == 3}, None
    raise ValueError(f"{verb!r} is not a setting lever")


DESIGN_VERBS: frozenset[str] = frozenset(
    {"set", "resolve", "dedup", "retry", "indicators", "ttl", "safe-mode"}
)
"""Levers a design sets before the incident (see :func:`preset`); the others act on a
running incident (failover, fence, shed, ...) and have no meaning before it."""


def preset(fs: FeatureState, action: Action) -> None:
    """Build ``fs`` with a lever already in effect, before the run starts.

    A design is in place before the incident: no rollout, no deploy, no page gate.
    Called by the engine before the feature's kind sets itself up.
    """
    verb, args = action.verb, action.args
    if verb not in DESIGN_VERBS:
        raise ValueError(f"{verb!r} is not a design setting ({', '.join(sorted(DESIGN_VERBS))})")
    if verb == "set":
        fs.policy = {r: args[1] for r in fs.policy}
        fs.target = dict(fs.policy)
        fs.policy_timeline = [(0.0, r, args[1]) for r in fs.policy]
        return
    change, resolution = setting_change(verb, args)
    if change:
        fs.knobs = fs.knobs.model_copy(update=change)
    if resolution is not None:
        fs.resolution = resolution


def _settle(
    e: Engine,
    fs: FeatureState,
    verb: str,
    generation: int,
    change: dict[str, object],
    resolution: str | None,
    text: str,
    wait: float,
):
    if wait > 0:
        yield e.env.timeout(wait)
    if fs.setting_gen.get(verb) != generation:
        return  # a newer change of the same setting supersedes this one
    if change:
        fs.knobs = fs.knobs.model_copy(update=change)
        if "safe_factor" in change:
            fs.safe_factor = change["safe_factor"]  # type: ignore[assignment]
    if resolution is not None:
        fs.resolution = resolution
    e.obs.log("INFO", e.scenario.primary_region(), fs, f"now in effect: {text}")
    e._note("engine", f"{fs.spec.name}: {text} in effect")


def _fence(e: Engine, fs: FeatureState, region: str):
    yield e.env.timeout(e.scenario.control.fence_s)
    fs.fenced.add(region)
    if fs.old_leader == region:
        fs.old_leader = None
        text = (
            f"{region}'s old leader fenced: one leader again; writes there refused until it rejoins"
        )
    elif fs.leader == region and fs.old_leader and fs.old_leader not in fs.fenced:
        text = _reinstate_old_leader(e, fs, region)
    elif fs.leader == region:
        text = f"the leader in {region} is fenced: no leader takes writes until a failover"
    else:
        text = f"{region} fenced: its writes are refused until it rejoins"
    e.ops.fences.append((e.now, fs.spec.id, region))
    e.obs.log("WARN", region, fs, text)
    e._note("engine", f"{fs.spec.name}: {text}")


def _reinstate_old_leader(e: Engine, fs: FeatureState, region: str) -> str:
    """Fencing the new leader of a split brain: the old one, still writing, leads alone again.

    The writes the fenced leader took since its promotion are the ones the heal will
    find lost or in conflict; the old leader's writes in the meantime are the surviving
    history, no longer counted as split brain.
    """
    old = fs.old_leader
    assert old is not None
    mine = max(0, fs.leader_writes - fs.promoted_at_writes)
    survived = sum(fs.split_brain_writes.values())
    # with nothing written on the old side meanwhile, the fenced side's writes simply
    # replicate at the heal: nothing diverged, nothing to lose
    fs.split_brain_writes = {region: mine} if mine and survived else {}
    fs.local_writes[region] = fs.local_writes.get(region, 0) + mine
    fs.leader_writes += survived - mine
    net = e.network
    fs.leader, fs.old_leader = old, None
    fs.members = tuple(q for q in fs.replicas if q == old or net.connected(old, q))
    fs.members_need = len(fs.members) // 2 + 1
    return (
        f"the leader in {region} is fenced: {old} leads alone again; writes in {region} "
        "refused until it rejoins"
    )


def model_levers(spec: Feature) -> list[str]:
    """Lever actions (without times) that take ``spec`` from as-built to its model.

    Raises ``ValueError`` naming a model knob that no lever can change.
    """
    out: list[str] = []
    fid = spec.id
    if spec.model.policy != spec.as_built:
        out.append(f"set {fid} {spec.model.policy}")
    target = spec.model.resolution or spec.resolution
    if target != spec.resolution:
        out.append(f"resolve {fid} {target}")
    built, model = spec.knobs, spec.model_knobs()
    changed = [k for k in type(built).model_fields if getattr(built, k) != getattr(model, k)]
    for knob in changed:
        if knob not in KNOB_VERB:
            raise ValueError(f"{fid}: model knob {knob!r} has no lever")
    done: set[str] = set()
    for knob in changed:
        verb = KNOB_VERB[knob]
        if verb in done:
            continue
        done.add(verb)
        if verb == "retry":
            out.append(f"retry {fid} {model.retry_factor:g}")
        elif verb == "dedup":
            out.append(f"dedup {fid} {'on' if model.dedup else 'off'}")
        elif verb == "indicators":
            out.append(f"indicators {fid} {model.indicators}")
        elif verb == "ttl":
            out.append(f"ttl {fid} {model.pending_ttl_s:g}")
        elif verb == "safe-mode":
            if model.safe_factor is None and model.home_region:
                raise ValueError(f"{fid}: home-region limits without safe mode have no lever")
            if model.safe_factor is None:
                out.append(f"safe-mode {fid} off")
            else:
                home = " home" if model.home_region else ""
                out.append(f"safe-mode {fid} {model.safe_factor:g}{home}")
    return out
