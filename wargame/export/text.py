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
