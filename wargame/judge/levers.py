"""Judging the levers: policies, settings, safe mode, failovers, fences and shedding."""

from __future__ import annotations

from wargame.judge.context import AP_SIDE, RECENT_S, RunView, judgment
from wargame.judge.models import Judgment
from wargame.model.action import Action
from wargame.model.timefmt import format_clock
from wargame.scoring.verdicts import IN_TIME_S, lever_done, settings_levers


def judge_policy(run: RunView, a: Action) -> Judgment:
    fid, policy = a.args[0], a.args[1]
    spec = run.specs[fid]
    model = spec.model.policy
    if not run.spans:
        return judgment(
            a, "policy", "questionable", "The network never split: no change was needed.", fid
        )
    if policy == model:
        v = run.verdicts[fid]
        start = run.spans[0][0]
        if v.status == "fixed late" and a.t > start:
            why = (
                f"in time is within {format_clock(IN_TIME_S)}"
                if a.t - start > IN_TIME_S
                else f"it ran {v.partition_policy} for most of the partition"
            )
            return judgment(
                a,
                "policy",
                "questionable",
                f"The model's choice for {spec.name}, but late: {format_clock(a.t - start)} "
                f"after the cut ({why}).",
                fid,
            )
        return judgment(a, "policy", "good", f"{spec.name} to {policy} is the model's choice.", fid)
    if policy == "queued" and spec.kind == "payment" and model != "ap":
        if not spec.knobs.authorize_hold:  # a scenario setting, no lever
            return judgment(
                a,
                "policy",
                "bad",
                f"Queuing {spec.name} without holding the funds is AP with a delay: each "
                "charge settles after the heal against the balance it saw and may go "
                f"through twice. The model runs it {model}.",
                fid,
            )
    same_side = (policy in AP_SIDE) == (model in AP_SIDE)
    if same_side:
        return judgment(
            a,
            "policy",
            "questionable",
            f"Right side of the trade-off for {spec.name}, but the model uses {model}.",
            fid,
        )
    side = "available (AP)" if model in AP_SIDE else "consistent (CP)"
    return judgment(
        a, "policy", "bad", f"{spec.name} needs to stay {side}: the model runs it {model}.", fid
    )


def judge_setting(run: RunView, a: Action) -> Judgment:
    fid = a.args[0]
    spec = run.specs[fid]
    same = [lever for lever in settings_levers(spec) if lever.split()[0] == a.verb]
    if a.verb == "indicators" and a.args[1] == "optimistic":
        return judgment(
            a,
            "setting",
            "bad",
            "Optimistic indicators show delivered or done before it is true: users are lied to.",
            fid,
        )
    if any(lever_done(a, lever) for lever in same):
        return judgment(a, "setting", "good", f"Applies the model's setting for {spec.name}.", fid)
    if same:
        return judgment(a, "setting", "bad", f"The model needs '{same[0]}' for {spec.name}.", fid)
    return judgment(
        a,
        "setting",
        "questionable",
        f"The model keeps this setting of {spec.name} as built; the change buys nothing.",
        fid,
    )


def judge_safe_mode(run: RunView, a: Action) -> Judgment:
    fid = a.args[0]
    spec = run.specs[fid]
    wanted = spec.model_knobs().safe_factor
    if a.args[1] == "off":
        if wanted is not None and run.in_partition(a.t):
            return judgment(
                a,
                "safe mode",
                "bad",
                "Safe mode turned off while the regions still could not share counts.",
                fid,
            )
        return judgment(
            a, "safe mode", "good", "Back to normal limits once the network was whole.", fid
        )
    if wanted is None:
        return judgment(
            a,
            "safe mode",
            "questionable",
            f"The model keeps {spec.name} out of safe mode: the lower limits block legitimate "
            "users.",
            fid,
        )
    if float(a.args[1]) == float(wanted):
        return judgment(
            a, "safe mode", "good", f"Safe mode as the model sets it for {spec.name}.", fid
        )
    return judgment(
        a,
        "safe mode",
        "questionable",
        f"Safe mode is the model's choice, with a factor of {wanted:g} rather than {a.args[1]}.",
        fid,
    )


def judge_failover(run: RunView, a: Action) -> list[Judgment]:
    region = a.args[1]
    if a.args[0] == "all-cp":
        # the features this failover moved: those whose failover to the region completed
        # after the order (before any later order of the same kind)
        later = [b.t for b in run.result.actions if b.verb == "failover" and b.t > a.t]
        until = min(later, default=float("inf"))
        fids = sorted(
            {
                f
                for ft, f, r, _ in run.result.operations.failovers
                if r == region and a.t <= ft and ft - run.scenario.control.failover_s < until
            },
            key=list(run.specs).index,
        )
        if not fids:
            return [
                judgment(
                    a,
                    "failover",
                    "questionable",
                    f"No CP feature moved to {region}: nothing was led from elsewhere.",
                )
            ]
    else:
        fids = [a.args[0]]
    out: list[Judgment] = []
    for fid in fids:
        name = run.specs[fid].name
        done = next(
            (
                (ft, split)
                for ft, f, r, split in run.result.operations.failovers
                if f == fid and r == region and ft >= a.t
            ),
            None,
        )
        if done is None:
            out.append(
                judgment(
                    a,
                    "failover",
                    "questionable",
                    f"The failover of {name} to {region} never completed (region down, already "
                    "leading, or overtaken).",
                    fid,
                )
            )
            continue
        ft, split = done
        if split:
            fence = run.verdicts[fid].fenced_at
            after = f"fenced only at {format_clock(fence)}" if fence is not None else "never fenced"
            out.append(
                judgment(
                    a,
                    "failover",
                    "bad",
                    f"Split brain: the old leader of {name} could still reach a majority and "
                    f"kept taking writes ({after}).",
                    fid,
                )
            )
        elif not run.spans:
            out.append(
                judgment(
                    a,
                    "failover",
                    "questionable",
                    "No partition: the leader moved for nothing.",
                    fid,
                )
            )
        else:
            out.append(
                judgment(
                    a,
                    "failover",
                    "good",
                    f"{region} leads {name} with no split brain: the old leader had lost its "
                    "majority or was fenced first.",
                    fid,
                )
            )
    return out


def judge_fence(run: RunView, a: Action) -> Judgment:
    fid, region = a.args[0], a.args[1]
    name = run.specs[fid].name
    ops = run.result.operations
    took = next((ft for ft, f, r in ops.fences if f == fid and r == region and ft >= a.t), None)
    at = took if took is not None else a.t
    split = [(ft, r) for ft, f, r, bad in ops.failovers if f == fid and bad and ft <= at]
    if split and region != run.leader_at(fid, at):
        return judgment(
            a, "fence", "good", f"Fenced the old leader of {name}: one leader again.", fid
        )
    if split and region == split[-1][1] and region == run.leader_at(fid, at):
        return judgment(
            a,
            "fence",
            "good",
            f"Fenced the leader your failover made for {name}: the old leader leads alone again.",
            fid,
        )
    later = [(ft, bad) for ft, f, r, bad in ops.failovers if f == fid and ft > at and r != region]
    if later and region == run.leader_at(fid, at) and not any(bad for _, bad in later):
        return judgment(
            a,
            "fence",
            "good",
            f"Fenced {name}'s leader before promoting another: no split brain.",
            fid,
        )
    if region == run.leader_at(fid, at) and not later:
        return judgment(
            a,
            "fence",
            "bad",
            f"Fenced the only leader of {name}: no region took its writes until the heal.",
            fid,
        )
    return judgment(
        a,
        "fence",
        "questionable",
        f"Refuses {name}'s writes in {region} until the heal, with no second leader to "
        "guard against.",
        fid,
    )


def judge_shed(run: RunView, a: Action) -> Judgment:
    region, pct = a.args[0], float(a.args[1].rstrip("%"))
    if pct == 0:
        return judgment(a, "shed", "good", f"Stopped turning users away in {region}.")
    hot = any(
        e.type == "engine" and "overloaded" in e.text and a.t - 2 * RECENT_S <= e.t <= a.t
        for e in run.result.timeline
    )
    if hot:
        return judgment(
            a, "shed", "good", "Shedding relieved a leader overloaded by client retries."
        )
    if not run.spans:
        return judgment(
            a, "shed", "bad", f"Turned away {pct:g}% of {region}'s users with no incident."
        )
    return judgment(
        a,
        "shed",
        "questionable",
        f"Turns away {pct:g}% of {region}'s users on purpose, and no leader was overloaded.",
    )
