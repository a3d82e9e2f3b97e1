"""Every decision of a drill judged: good, questionable or bad, with one sentence why.

:func:`judge_decisions` walks the player's journal and judges each action from
the run's own outcomes, reusing the rules that already decide these things:
the per-feature verdicts (model policy and settings, split brain and fences,
:mod:`wargame.scoring.verdicts`), the incident metrics (severity warranted,
teams the impact called for, :mod:`wargame.scoring.incident`), the handling
ramps (:mod:`wargame.scoring.handling`), the diagnosis judged against the fault
log (:mod:`wargame.scoring.belief`) and the visible-error ticks and all-clear
detection the trust axis uses. Then it adds what was never done where it
mattered (never declared, never paged, never posted, never fenced, a model
change never made).
"""

from __future__ import annotations

from wargame.judge.models import Judgment, Mark
from wargame.model.action import Action
from wargame.model.result import RunResult
from wargame.model.scenario import Feature, Scenario
from wargame.model.status import all_clear
from wargame.model.timefmt import format_clock
from wargame.scoring.belief import describe_fault
from wargame.scoring.handling import ACK_GOOD_S, ACK_NONE_S
from wargame.scoring.models import Debrief, FeatureVerdict, IncidentMetrics
from wargame.scoring.narrative import STATUS_PAGE_S
from wargame.scoring.rules import incident_start, tick_lengths, visible_ticks
from wargame.scoring.verdicts import IN_TIME_S, lever_done, settings_levers, windows

AP_SIDE = frozenset({"ap"})
"""Policies on the available side of the trade-off (the rest refuse or hold writes)."""
RECENT_S = 60.0
"""A symptom counts as on screen when it showed within this many seconds before an action."""
SETTING_VERBS = frozenset({"resolve", "dedup", "retry", "indicators", "ttl"})
"""Setting levers judged against the model's settings."""


class _Run:
    """What the judge reads about one run, computed once."""

    def __init__(self, result: RunResult, scenario: Scenario, debrief: Debrief) -> None:
        self.result = result
        self.scenario = scenario
        self.m: IncidentMetrics = debrief.incident_metrics
        self.verdicts: dict[str, FeatureVerdict] = {v.feature: v for v in debrief.verdicts}
        self.specs: dict[str, Feature] = {f.id: f for f in scenario.features}
        self.spans = windows(result)
        self.flags = visible_ticks(result, scenario, list(self.specs))
        self.lengths = tick_lengths(result)
        self.start = incident_start(result, self.flags)

    def errors_seen(self, t: float) -> bool:
        """Users saw errors in the minute up to ``t``."""
        for i, tick in enumerate(self.result.series.t):
            if self.flags[i] and t - RECENT_S <= tick and tick - self.lengths[i] <= t:
                return True
        return False

    def in_partition(self, t: float) -> bool:
        return any(a <= t < b for a, b in self.spans)

    def healed(self, t: float) -> bool:
        return bool(self.spans) and t >= self.spans[-1][1]

    def leader_at(self, feature: str, t: float) -> str:
        """The feature's leader at ``t`` from the failovers that completed by then."""
        spec = self.specs[feature]
        replicas = spec.knobs.replicas or self.scenario.region_ids()
        leader = spec.knobs.leader or self.scenario.primary_region()
        leader = leader if leader in replicas else replicas[0]
        ops = self.result.operations
        done = sorted(
            (ft, region) for ft, f, region, _ in ops.failovers + ops.auto_failovers if f == feature
        )
        for ft, region in done:
            if ft <= t:
                leader = region
        return leader


def _j(a: Action, topic: str, mark: Mark, text: str, feature: str | None = None) -> Judgment:
    return Judgment(
        t=a.t,
        action=a.describe(),
        topic=topic,  # type: ignore[arg-type]
        mark=mark,
        text=text,
        feature=feature,
    )


def _policy(run: _Run, a: Action) -> Judgment:
    fid, policy = a.args[0], a.args[1]
    spec = run.specs[fid]
    model = spec.model.policy
    if not run.spans:
        return _j(
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
            return _j(
                a,
                "policy",
                "questionable",
                f"The model's choice for {spec.name}, but late: {format_clock(a.t - start)} "
                f"after the cut ({why}).",
                fid,
            )
        return _j(a, "policy", "good", f"{spec.name} to {policy} is the model's choice.", fid)
    same_side = (policy in AP_SIDE) == (model in AP_SIDE)
    if same_side:
        return _j(
            a,
            "policy",
            "questionable",
            f"Right side of the trade-off for {spec.name}, but the model uses {model}.",
            fid,
        )
    side = "available (AP)" if model in AP_SIDE else "consistent (CP)"
    return _j(
        a, "policy", "bad", f"{spec.name} needs to stay {side}: the model runs it {model}.", fid
    )


def _setting(run: _Run, a: Action) -> Judgment:
    fid = a.args[0]
    spec = run.specs[fid]
    same = [lever for lever in settings_levers(spec) if lever.split()[0] == a.verb]
    if a.verb == "indicators" and a.args[1] == "optimistic":
        return _j(
            a,
            "setting",
            "bad",
            "Optimistic indicators show delivered or done before it is true: users are lied to.",
            fid,
        )
    if any(lever_done(a, lever) for lever in same):
        return _j(a, "setting", "good", f"Applies the model's setting for {spec.name}.", fid)
    if same:
        return _j(a, "setting", "bad", f"The model needs '{same[0]}' for {spec.name}.", fid)
    return _j(
        a,
        "setting",
        "questionable",
        f"The model keeps this setting of {spec.name} as built; the change buys nothing.",
        fid,
    )


def _safe_mode(run: _Run, a: Action) -> Judgment:
    fid = a.args[0]
    spec = run.specs[fid]
    wanted = spec.model_knobs().safe_factor
    if a.args[1] == "off":
        if wanted is not None and run.in_partition(a.t):
            return _j(
                a,
                "safe mode",
                "bad",
                "Safe mode turned off while the regions still could not share counts.",
                fid,
            )
        return _j(a, "safe mode", "good", "Back to normal limits once the network was whole.", fid)
    if wanted is None:
        return _j(
            a,
            "safe mode",
            "questionable",
            f"The model keeps {spec.name} out of safe mode: the lower limits block legitimate "
            "users.",
            fid,
        )
    if float(a.args[1]) == float(wanted):
        return _j(a, "safe mode", "good", f"Safe mode as the model sets it for {spec.name}.", fid)
    return _j(
        a,
        "safe mode",
        "questionable",
        f"Safe mode is the model's choice, with a factor of {wanted:g} rather than {a.args[1]}.",
        fid,
    )


def _failover(run: _Run, a: Action) -> list[Judgment]:
    region = a.args[1]
    if a.args[0] == "all-cp":
        fids = [
            fid
            for fid, v in run.verdicts.items()
            if any(f == fid and ft >= a.t for ft, f, _, _ in run.result.operations.failovers)
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
                _j(
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
                _j(
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
                _j(
                    a,
                    "failover",
                    "questionable",
                    "No partition: the leader moved for nothing.",
                    fid,
                )
            )
        else:
            out.append(
                _j(
                    a,
                    "failover",
                    "good",
                    f"{region} leads {name} with no split brain: the old leader had lost its "
                    "majority or was fenced first.",
                    fid,
                )
            )
    return out


def _fence(run: _Run, a: Action) -> Judgment:
    fid, region = a.args[0], a.args[1]
    name = run.specs[fid].name
    ops = run.result.operations
    took = next((ft for ft, f, r in ops.fences if f == fid and r == region and ft >= a.t), None)
    at = took if took is not None else a.t
    split = [(ft, r) for ft, f, r, bad in ops.failovers if f == fid and bad and ft <= at]
    if split and region != run.leader_at(fid, at):
        return _j(a, "fence", "good", f"Fenced the old leader of {name}: one leader again.", fid)
    later = [(ft, bad) for ft, f, r, bad in ops.failovers if f == fid and ft > at and r != region]
    if later and region == run.leader_at(fid, at) and not any(bad for _, bad in later):
        return _j(
            a,
            "fence",
            "good",
            f"Fenced {name}'s leader before promoting another: no split brain.",
            fid,
        )
    if region == run.leader_at(fid, at) and not later:
        return _j(
            a,
            "fence",
            "bad",
            f"Fenced the only leader of {name}: no region took its writes until the heal.",
            fid,
        )
    return _j(
        a,
        "fence",
        "questionable",
        f"Refuses {name}'s writes in {region} until the heal, with no second leader to "
        "guard against.",
        fid,
    )


def _shed(run: _Run, a: Action) -> Judgment:
    region, pct = a.args[0], float(a.args[1].rstrip("%"))
    if pct == 0:
        return _j(a, "shed", "good", f"Stopped turning users away in {region}.")
    hot = any(
        e.type == "engine" and "overloaded" in e.text and a.t - 2 * RECENT_S <= e.t <= a.t
        for e in run.result.timeline
    )
    if hot:
        return _j(a, "shed", "good", "Shedding relieved a leader overloaded by client retries.")
    if not run.spans:
        return _j(a, "shed", "bad", f"Turned away {pct:g}% of {region}'s users with no incident.")
    return _j(
        a,
        "shed",
        "questionable",
        f"Turns away {pct:g}% of {region}'s users on purpose, and no leader was overloaded.",
    )


def _status(run: _Run, a: Action, first_honest: bool) -> Judgment:
    text = " ".join(a.args)
    if all_clear(text):
        if run.errors_seen(a.t) or run.in_partition(a.t):
            return _j(
                a,
                "status page",
                "bad",
                "Misleading: it says all is well while users were seeing errors.",
            )
        return _j(a, "status page", "good", "An all-clear once users no longer saw trouble.")
    if run.start is None or a.t < run.start:
        return _j(
            a,
            "status page",
            "questionable",
            "Posted before anything had gone wrong: users were warned of trouble they could "
            "not see.",
        )
    late = a.t - run.start
    if first_honest and late > STATUS_PAGE_S:
        return _j(
            a,
            "status page",
            "questionable",
            f"Honest but late: {format_clock(late)} after the trouble began.",
        )
    return _j(a, "status page", "good", "Honest and in time: users knew what was going on.")


def _severity(run: _Run, a: Action) -> Judgment:
    m = run.m
    off = int(a.args[0].removeprefix("SEV")) - int(m.severity_warranted.removeprefix("SEV"))
    why = f"{m.severity_warranted} was warranted: {m.severity_reason}."
    if off == 0:
        return _j(a, "severity", "good", f"Right level. {why}")
    word = "too low" if off > 0 else "too high"
    return _j(
        a, "severity", "questionable" if abs(off) == 1 else "bad", f"{word.capitalize()}. {why}"
    )


def _page(run: _Run, a: Action, earlier: set[str]) -> Judgment:
    team = a.args[0]
    expected = {p.team: p for p in run.m.teams_expected}
    if team in earlier:
        return _j(a, "paging", "questionable", f"{team} had already been paged.")
    if team not in expected:
        return _j(a, "paging", "bad", f"Nothing in this incident called for the {team} team.")
    page = expected[team]
    if page.paged_at == a.t:
        return _j(a, "paging", "good", f"The right team ({page.reason}).")
    return _j(
        a,
        "paging",
        "questionable",
        f"The right team at the wrong time ({page.reason}).",
    )


def _ack(run: _Run, a: Action, first: bool) -> Judgment:
    raised = [al.t for al in run.result.alerts if al.t <= a.t]
    if not raised:
        return _j(a, "acknowledging", "questionable", "Nothing had fired yet to acknowledge.")
    if not first:
        return _j(a, "acknowledging", "good", "Kept up with the alerts as they came.")
    wait = a.t - min(raised)
    if wait <= ACK_GOOD_S:
        return _j(
            a, "acknowledging", "good", f"Acknowledged {format_clock(wait)} after the first alert."
        )
    mark: Mark = "questionable" if wait <= ACK_NONE_S else "bad"
    return _j(
        a, "acknowledging", mark, f"The first alert waited {format_clock(wait)} for an answer."
    )


def _diagnose(run: _Run, a: Action) -> Judgment:
    d = run.result.diagnosis
    h = next(
        (
            h
            for h in d.hypotheses
            if h.t == a.t and h.kind == a.args[0] and h.regions == list(a.args[1:])
        ),
        None,
    )
    truth = [s for s in d.truth if s.start <= a.t < s.end]
    true_text = "; ".join(describe_fault(s.kind, s.regions) for s in truth) or "no fault"
    if h is None:  # pragma: no cover - every diagnose is recorded as a hypothesis
        return _j(a, "diagnosis", "questionable", "This hypothesis was not recorded.")
    if h.correct:
        return _j(a, "diagnosis", "good", f"Right: {true_text}.")
    if h.kind_correct:
        return _j(a, "diagnosis", "questionable", f"Right kind, wrong regions: {true_text}.")
    return _j(a, "diagnosis", "bad", f"Wrong: it was {true_text}.")


def _omissions(run: _Run) -> list[Judgment]:
    m, result = run.m, run.result
    out: list[Judgment] = []

    def miss(topic: str, mark: Mark, text: str, feature: str | None = None) -> None:
        out.append(
            Judgment(
                t=None,
                action="",
                topic=topic,  # type: ignore[arg-type]
                mark=mark,
                text=text,
                feature=feature,
                omission=True,
            )
        )

    if m.severity_declared is None and m.severity_warranted != "SEV4":
        miss(
            "severity",
            "bad",
            f"No severity was declared; {m.severity_warranted} was warranted "
            f"({m.severity_reason}).",
        )
    for page in m.teams_expected:
        if page.team not in m.teams_paged:
            miss("paging", "bad", f"The {page.team} team was never paged ({page.reason}).")
    if not result.operations.status_posts and m.users_seeing_errors:
        miss("status page", "bad", "Users saw errors and the status page never said a word.")
    if result.alerts and not any(a.acked_at is not None for a in result.alerts):
        miss("acknowledging", "bad", "No alert was ever acknowledged.")
    if result.diagnosis.truth and not result.diagnosis.hypotheses:
        miss("diagnosis", "questionable", "You never said what you thought the fault was.")
    for v in run.verdicts.values():
        spec = run.specs[v.feature]
        if v.status == "never fixed":
            change = (
                [f"set {spec.id} {spec.model.policy}"] if v.start_policy != v.model_policy else []
            )
            change += v.model_levers
            miss(
                "policy" if v.start_policy != v.model_policy else "setting",
                "bad",
                f"{v.name} never got the model's change ({'; '.join(change)}).",
                v.feature,
            )
        if v.split_brain_at is not None and v.fenced_at is None:
            miss("fence", "bad", f"{v.name}'s old leader was never fenced after the split brain.",
                 v.feature)  # fmt: skip
    return out


def judge_decisions(result: RunResult, scenario: Scenario, debrief: Debrief) -> list[Judgment]:
    """A judgment for every action of the run, in time order, then the omissions."""
    run = _Run(result, scenario, debrief)
    out: list[Judgment] = []
    paged: set[str] = set()
    acked = honest = False
    for a in result.actions:
        verb = a.verb
        if verb == "set":
            out.append(_policy(run, a))
        elif verb in SETTING_VERBS:
            out.append(_setting(run, a))
        elif verb == "safe-mode":
            out.append(_safe_mode(run, a))
        elif verb == "failover":
            out += _failover(run, a)
        elif verb == "fence":
            out.append(_fence(run, a))
        elif verb == "shed":
            out.append(_shed(run, a))
        elif verb == "status-page":
            text = " ".join(a.args)
            out.append(_status(run, a, first_honest=not honest and not all_clear(text)))
            honest = honest or not all_clear(text)
        elif verb == "severity":
            out.append(_severity(run, a))
        elif verb == "page":
            out.append(_page(run, a, paged))
            paged.add(a.args[0])
        elif verb == "ack":
            out.append(_ack(run, a, first=not acked))
            acked = acked or any(al.t <= a.t for al in result.alerts)
        elif verb == "diagnose":
            out.append(_diagnose(run, a))
    return out + _omissions(run)


def tally(judgments: list[Judgment]) -> dict[str, int]:
    """How many judgments got each mark."""
    out = {"good": 0, "questionable": 0, "bad": 0}
    for j in judgments:
        out[j.mark] += 1
    return out
