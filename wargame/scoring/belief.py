"""What the player saw, what was true and what they believed, on one timeline.

Built from the engine's outcomes only: the page time and the first raise of
each alert rule (what the console showed), the diagnosis section's fault spans
(the engine's event log, classified), and the player's ``diagnose`` hypotheses
with the levers they pulled while a wrong one stood. The debrief screen and the
Markdown report both render :func:`belief_timeline`.
"""

from __future__ import annotations

from typing import Literal

from wargame.model.result import FaultSpan, RunResult
from wargame.model.timefmt import format_clock
from wargame.scoring.models import Strict

Strand = Literal["true", "saw", "believed", "acted"]
"""Which thread of the story a line belongs to."""

STRAND_ORDER: dict[str, int] = {"true": 0, "saw": 1, "believed": 2, "acted": 3}
"""At the same second: the fault first, then what showed, then what the player did."""


class BeliefLine(Strict):
    """One entry of the saw / true / believed timeline."""

    t: float
    """Sim time in seconds."""
    strand: Strand
    """``saw`` (page, alert), ``true`` (a fault), ``believed`` (a hypothesis) or ``acted``."""
    text: str
    """What happened, in plain words."""
    mark: Literal["right", "wrong", "kind only"] | None = None
    """For a hypothesis: right, wrong, or the kind right but not the regions."""
    span: FaultSpan | None = None
    """For a ``true`` line: the fault as the engine logged it."""


class BeliefTimeline(Strict):
    """The lines in time order and the closing sentence."""

    lines: list[BeliefLine]
    """Every line, in time order."""
    summary: str
    """Time to the first correct hypothesis, or what the truth was if none was said."""


def _names(regions: list[str]) -> str:
    if len(regions) <= 1:
        return "".join(regions)
    return ", ".join(regions[:-1]) + " and " + regions[-1]


def _among(regions: list[str]) -> str:
    return ("between " if len(regions) == 2 else "among ") + _names(regions)


def describe_fault(kind: str, regions: list[str]) -> str:
    """A fault in plain words, e.g. ``links cut both ways between a and b``."""
    if kind == "region-down":
        return f"region {_names(regions)} down" if len(regions) == 1 else (
            f"regions {_names(regions)} down"
        )  # fmt: skip
    if kind == "split":
        return f"full cut (split): links down both ways {_among(regions)}"
    if kind == "one-way":
        return f"one-way cut: what {regions[0]} sends does not reach {_names(regions[1:])}"
    if kind == "partial":
        return f"partial partition: lossy links {_among(regions)}"
    if kind == "congestion":
        return f"congestion: slow links {_among(regions)}"
    return f"{kind} {' '.join(regions)}".strip()


def _span_text(s: FaultSpan, duration: float) -> str:
    until = "the end of the drill" if s.end >= duration else format_clock(s.end)
    return f"{describe_fault(s.kind, s.regions)}, from {format_clock(s.start)} to {until}"


def _truth_words(result: RunResult) -> str:
    spans = result.diagnosis.truth
    if not spans:
        return "there was no network fault"
    return "; ".join(_span_text(s, result.duration_s) for s in spans)


def belief_timeline(result: RunResult) -> BeliefTimeline:
    """The three strands of the run merged in time order, and the closing sentence."""
    lines: list[BeliefLine] = []
    if result.page_t is not None:
        lines.append(BeliefLine(t=result.page_t, strand="saw", text="you were paged"))
    first: dict[str, float] = {}
    alert_of = {}
    for a in sorted(result.alerts, key=lambda a: a.t):
        if a.rule not in first:
            first[a.rule] = a.t
            alert_of[a.rule] = a
    for rule, t in first.items():
        a = alert_of[rule]
        lines.append(
            BeliefLine(
                t=t, strand="saw", text=f"alert {rule} first fired ({a.severity}): {a.message}"
            )
        )
    d = result.diagnosis
    for s in d.truth:
        lines.append(
            BeliefLine(t=s.start, strand="true", text=_span_text(s, result.duration_s), span=s)
        )
    for h in d.hypotheses:
        mark = "right" if h.correct else ("kind only" if h.kind_correct else "wrong")
        said = " ".join(["diagnose", h.kind, *h.regions])
        lines.append(BeliefLine(t=h.t, strand="believed", text=f"you said: {said}", mark=mark))
    for w in d.acted_while_wrong:
        lines.append(
            BeliefLine(
                t=w.t,
                strand="acted",
                text=f"you did '{w.action}' while believing '{w.hypothesis}' (wrong then)",
            )
        )
    lines.sort(key=lambda x: (x.t, STRAND_ORDER[x.strand]))
    return BeliefTimeline(lines=lines, summary=summary(result))


def summary(result: RunResult) -> str:
    """The closing sentence: time to the first correct hypothesis, or the truth."""
    d = result.diagnosis
    if not d.hypotheses:
        return (
            "You never said what you thought it was (no diagnose). "
            f"The truth: {_truth_words(result)}."
        )
    if not d.truth:
        right = any(h.correct for h in d.hypotheses)
        return "There was no network fault; " + (
            "you said so." if right else "your hypotheses named one that was not there."
        )
    if d.time_to_correct_s is None:
        return (
            f"None of your hypotheses named a fault correctly. The truth: {_truth_words(result)}."
        )
    start = d.truth[0].start
    text = (
        f"First correct diagnosis at {format_clock(start + d.time_to_correct_s)}, "
        f"{format_clock(d.time_to_correct_s)} after the first fault began "
        f"({format_clock(start)})."
    )
    missed = [s for s in d.truth if s.time_to_correct_s is None]
    if missed:
        text += (
            " Never named right while it lasted: "
            + "; ".join(describe_fault(s.kind, s.regions) for s in missed)
            + "."
        )
    return text
