"""Plain-text lines of the debrief, shared by the screen and the exported pages.

Every number is labelled with what it is: the 100 mark is the responder's
cost, the 0 mark is the cost the placement uses (as-built's own cost, or a
floor above the responder when doing nothing was not clearly worse), and
clock times are given on the drill clock with the offset from the cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.model.timefmt import format_clock
from wargame.scoring import AxisScore, IncidentMetrics
from wargame.tui import fmt

LEVELS_NOTE = "(L5/L6 = senior/staff: one CAP choice for everything vs one per feature)"
"""One line explaining the chapter's level labels, shown where they first appear."""

AXIS_UNITS = {"revenue": "", "trust": "user-minutes", "safety": "weighted violations"}


def cost_text(axis: str, value: float, currency: str) -> str:
    """A cost on one axis, in its unit's short form."""
    return fmt.money(value, currency) if axis == "revenue" else fmt.count(value)


def axis_costs(a: AxisScore, zero_own: float | None, currency: str) -> str:
    """What the axis numbers are: your cost, the 100 mark, the 0 mark (and whose run it is)."""

    def c(v: float) -> str:
        return cost_text(a.axis, v, currency)

    zero = f"0 mark {c(a.worst_cost)}"
    if zero_own is not None and abs(zero_own - a.worst_cost) > 0.005:
        zero += f" (a floor; {a.worst_policy} {c(zero_own)})"
    elif zero_own is not None:
        zero += f" = {a.worst_policy}"
    return f"you {c(a.cost)} · responder (100) {c(a.model_cost)} · {zero}"


def stars(axes: Sequence[AxisScore], live: Sequence[str], currency: str) -> list[str]:
    """One line per axis where the run cost less than the responder, in the same unit.

    ``live`` names the axes scoring says were beaten (its bonus lines); a line
    is shown only when the costs agree, so the star never contradicts them.
    """
    out = []
    for a in axes:
        if a.axis not in live or a.bonus < 0.1 or not a.cost < a.model_cost:
            continue
        unit = f" {AXIS_UNITS[a.axis]}" if AXIS_UNITS[a.axis] else ""
        out.append(
            f"{a.axis}: {cost_text(a.axis, a.cost, currency)}{unit} against the responder's "
            f"{cost_text(a.axis, a.model_cost, currency)} (past its 100 mark)"
        )
    return out


def live_axes(bonus_lines: Sequence[str]) -> list[str]:
    """The axes scoring's bonus lines name (``"trust: beat the responder ..."``)."""
    return [line.split(":", 1)[0] for line in bonus_lines]


def at_clock(offset: float | None, start: float, none: str = "never") -> str:
    """A time measured from the cut, on the drill clock with the offset: ``07:32 (cut +05:02)``."""
    if offset is None:
        return none
    return f"{format_clock(start + offset)} (cut +{format_clock(offset)})"


def first_change(first: float | None, ok: bool, start: float) -> str:
    """When the player first set the model's policy."""
    if first is None:
        return "not needed" if ok else "never"
    if first <= 0:
        return "before the cut"
    return f"at {at_clock(first, start)}"


def partition_errors(
    times: Sequence[float], errors: Sequence[float], start: float, end: float
) -> tuple[float, float] | None:
    """Peak and last error rate (1-minute averages) inside the partition, or ``None``."""
    inside = [i for i, t in enumerate(times) if start < t <= end + 1e-9]
    if not inside:
        return None
    tick = times[1] - times[0] if len(times) > 1 else 1.0
    n = max(1, round(60 / tick)) if tick > 0 else 1

    def avg(i: int) -> float:
        window = errors[max(0, i - n + 1) : i + 1]
        return sum(window) / len(window) if window else 0.0

    return max(avg(i) for i in inside), avg(inside[-1])


def mitigated(m: IncidentMetrics, threshold: float, peak_last: tuple[float, float] | None) -> str:
    """What ended the user-visible errors, in words that agree with the error chart."""
    start = m.incident_start_s
    if m.mitigated_by == "player":
        return f"{at_clock(m.time_to_mitigate_s, start)}, by your changes"
    if m.mitigated_by == "nothing to mitigate":
        return "nothing to mitigate: no feature failed more than " + fmt.pct(threshold)
    trend = ""
    if peak_last is not None:
        peak, last = peak_last
        verb = "fell" if last < peak else "stood"
        trend = f"errors {verb} from {fmt.pct(peak)} to {fmt.pct(last)}, but "
    if m.mitigated_by == "heal":
        return (
            f"not before the heal: {trend}some feature still failed more than "
            f"{fmt.pct(threshold)} of its requests until the network healed"
        )
    return (
        f"not in the drill: {trend}some feature still failed more than "
        f"{fmt.pct(threshold)} of its requests at the end"
    )


BRANCH_ROWS: tuple[tuple[str, str, bool], ...] = (
    ("overall", "overall score", True),
    ("revenue", "revenue score", True),
    ("trust", "trust score", True),
    ("safety", "safety score", True),
    ("handling", "handling score", True),
    ("money", "money lost", False),
    ("user_minutes", "user-minutes of harm", False),
    ("violations", "violations", False),
    ("tickets", "tickets", False),
)
"""(key of ``Branch.difference``, label, higher is better) in display order."""

THEN_TEXT = {
    "respond": "the responder took over",
    "none": "nobody acted any more",
    "actions": "you tried",
}


def branch_title(at_t: float, then: str, tried: Sequence[str], dropped: int) -> str:
    """One line: where the branch starts and who acted after it."""
    who = THEN_TEXT.get(then, then)
    if then == "actions":
        who += " " + "; ".join(f"'{a}'" for a in tried)
    return (
        f"Branch at {format_clock(at_t)}: {who}; {dropped} of your decision(s) from there on"
        " dropped"
        if dropped
        else f"Branch at {format_clock(at_t)}: {who}"
    )


def branch_rows(
    original: dict[str, float], branch: dict[str, float], currency: str
) -> list[tuple[str, str, str, str]]:
    """Per axis: (label, yours, the branch's, the difference in words)."""
    out = []
    for key, label, higher_better in BRANCH_ROWS:
        a, b = float(original[key]), float(branch[key])

        def show(v: float, key: str = key) -> str:
            if key == "money":
                return fmt.money(v, currency)
            if key in ("user_minutes", "tickets", "violations"):
                return fmt.count(v)
            return f"{v:.1f}"

        d = b - a
        if abs(d) < 0.05:
            word = "same"
        else:
            better = (d > 0) == higher_better
            word = f"{'+' if d > 0 else '-'}{show(abs(d))} ({'better' if better else 'worse'})"
        out.append((label, show(a), show(b), word))
    return out


def incident_rows(
    m: IncidentMetrics,
    threshold: float,
    peak_last: tuple[float, float] | None,
) -> list[tuple[str, str]]:
    """Detection, acknowledgement, mitigation, recovery, severity, paging, status page, users."""
    start = m.incident_start_s
    ack = (
        "nothing acknowledged"
        if m.time_to_acknowledge_s is None
        else f"{format_clock(m.time_to_acknowledge_s)} after the first alert"
    )
    teams = ", ".join(
        f"{tp.team} ({'paged' if tp.paged_at is not None else 'NOT paged'}: {tp.reason})"
        for tp in m.teams_expected
    )
    return [
        ("incident", f"{format_clock(start)} to {format_clock(m.incident_end_s)}"),
        ("detected", at_clock(m.time_to_detect_s, start)),
        ("acknowledged", ack),
        ("mitigated", mitigated(m, threshold, peak_last)),
        ("recovered", at_clock(m.time_to_recover_s, start)),
        (
            "severity",
            f"declared {m.severity_declared or 'none'}, warranted {m.severity_warranted}"
            f" ({m.severity_reason}): {m.severity_verdict.upper()}",
        ),
        ("teams", teams or "none needed"),
        ("paged", ", ".join(m.teams_paged) or "nobody"),
        ("status page", "never" if m.status_page_at is None else format_clock(m.status_page_at)),
        (
            "users",
            f"{fmt.count(m.users_seeing_errors)} saw errors · "
            f"{fmt.count(m.users_harmed)} harmed one by one",
        ),
    ]
