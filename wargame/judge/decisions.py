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

from wargame.judge.context import SETTING_VERBS, RunView
from wargame.judge.handling import (
    judge_ack,
    judge_diagnose,
    judge_page,
    judge_severity,
    judge_status,
)
from wargame.judge.levers import (
    judge_failover,
    judge_fence,
    judge_policy,
    judge_safe_mode,
    judge_setting,
    judge_shed,
)
from wargame.judge.models import Judgment, Mark
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.model.status import all_clear
from wargame.scoring.models import Debrief


def _omissions(run: RunView) -> list[Judgment]:
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
    run = RunView(result, scenario, debrief)
    out: list[Judgment] = []
    paged: set[str] = set()
    acked = honest = False
    for a in result.actions:
        verb = a.verb
        if verb == "set":
            out.append(judge_policy(run, a))
        elif verb in SETTING_VERBS:
            out.append(judge_setting(run, a))
        elif verb == "safe-mode":
            out.append(judge_safe_mode(run, a))
        elif verb == "failover":
            out += judge_failover(run, a)
        elif verb == "fence":
            out.append(judge_fence(run, a))
        elif verb == "shed":
            out.append(judge_shed(run, a))
        elif verb == "status-page":
            text = " ".join(a.args)
            out.append(judge_status(run, a, first_honest=not honest and not all_clear(text)))
            honest = honest or not all_clear(text)
        elif verb == "severity":
            out.append(judge_severity(run, a))
        elif verb == "page":
            out.append(judge_page(run, a, paged))
            paged.add(a.args[0])
        elif verb == "ack":
            out.append(judge_ack(run, a, first=not acked))
            acked = acked or any(al.t <= a.t for al in result.alerts)
        elif verb == "diagnose":
            out.append(judge_diagnose(run, a))
    return out + _omissions(run)


def tally(judgments: list[Judgment]) -> dict[str, int]:
    """How many judgments got each mark."""
    out = {"good": 0, "questionable": 0, "bad": 0}
    for j in judgments:
        out[j.mark] += 1
    return out
