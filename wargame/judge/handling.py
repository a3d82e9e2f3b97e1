"""Judging incident handling: status-page posts, severity, pages, acknowledgements and
hypotheses."""

from __future__ import annotations

from wargame.judge.context import RunView, judgment
from wargame.judge.models import Judgment, Mark
from wargame.model.action import Action
from wargame.model.status import all_clear
from wargame.model.timefmt import format_clock
from wargame.scoring.belief import describe_fault
from wargame.scoring.handling import ACK_GOOD_S, ACK_NONE_S
from wargame.scoring.narrative import STATUS_PAGE_S


def judge_status(run: RunView, a: Action, first_honest: bool) -> Judgment:
    text = " ".join(a.args)
    if all_clear(text):
        if run.errors_seen(a.t) or run.in_partition(a.t):
            return judgment(
                a,
                "status page",
                "bad",
                "Misleading: it says all is well while users were seeing errors.",
            )
        return judgment(a, "status page", "good", "An all-clear once users no longer saw trouble.")
    if run.start is None or a.t < run.start:
        return judgment(
            a,
            "status page",
            "questionable",
            "Posted before anything had gone wrong: users were warned of trouble they could "
            "not see.",
        )
    late = a.t - run.start
    if first_honest and late > STATUS_PAGE_S:
        return judgment(
            a,
            "status page",
            "questionable",
            f"Honest but late: {format_clock(late)} after the trouble began.",
        )
    return judgment(a, "status page", "good", "Honest and in time: users knew what was going on.")


def judge_severity(run: RunView, a: Action) -> Judgment:
    m = run.m
    off = int(a.args[0].removeprefix("SEV")) - int(m.severity_warranted.removeprefix("SEV"))
    why = f"{m.severity_warranted} was warranted: {m.severity_reason}."
    if off == 0:
        return judgment(a, "severity", "good", f"Right level. {why}")
    word = "too low" if off > 0 else "too high"
    return judgment(
        a, "severity", "questionable" if abs(off) == 1 else "bad", f"{word.capitalize()}. {why}"
    )


def judge_page(run: RunView, a: Action, earlier: set[str]) -> Judgment:
    team = a.args[0]
    expected = {p.team: p for p in run.m.teams_expected}
    if team in earlier:
        return judgment(a, "paging", "questionable", f"{team} had already been paged.")
    if team not in expected:
        return judgment(a, "paging", "bad", f"Nothing in this incident called for the {team} team.")
    page = expected[team]
    if page.paged_at == a.t:
        return judgment(a, "paging", "good", f"The right team ({page.reason}).")
    return judgment(
        a,
        "paging",
        "questionable",
        f"The right team at the wrong time ({page.reason}).",
    )


def judge_ack(run: RunView, a: Action, first: bool) -> Judgment:
    raised = [al.t for al in run.result.alerts if al.t <= a.t]
    if not raised:
        return judgment(a, "acknowledging", "questionable", "Nothing had fired yet to acknowledge.")
    if not first:
        return judgment(a, "acknowledging", "good", "Kept up with the alerts as they came.")
    wait = a.t - min(raised)
    if wait <= ACK_GOOD_S:
        return judgment(
            a, "acknowledging", "good", f"Acknowledged {format_clock(wait)} after the first alert."
        )
    mark: Mark = "questionable" if wait <= ACK_NONE_S else "bad"
    return judgment(
        a, "acknowledging", mark, f"The first alert waited {format_clock(wait)} for an answer."
    )


def judge_diagnose(run: RunView, a: Action) -> Judgment:
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
        return judgment(a, "diagnosis", "questionable", "This hypothesis was not recorded.")
    if h.correct:
        return judgment(a, "diagnosis", "good", f"Right: {true_text}.")
    if h.kind_correct:
        return judgment(a, "diagnosis", "questionable", f"Right kind, wrong regions: {true_text}.")
    return judgment(a, "diagnosis", "bad", f"Wrong: it was {true_text}.")
