"""The debrief's words agree with its numbers (issue 11, item 5): unit tests of export.text."""

from __future__ import annotations

from wargame.export import text
from wargame.scoring import AxisScore, IncidentMetrics


def axis(name: str = "safety", **kw: float) -> AxisScore:
    values = dict(score=40.0, raw=40.0, bonus=0.0, cost=3.0, model_cost=0.0, worst_cost=4.0)
    values.update(kw)
    return AxisScore(axis=name, worst_policy="as-built", unit="violations", **values)


def metrics(by: str, mitigate: float | None = None) -> IncidentMetrics:
    return IncidentMetrics(
        incident_start_s=150.0,
        incident_end_s=420.0,
        time_to_mitigate_s=mitigate,
        mitigated_by=by,
        severity_warranted="SEV1",
        severity_reason="test",
        severity_verdict="right",
        right_team_paged=True,
        users_seeing_errors=0,
        users_harmed=0,
    )


def test_the_zero_mark_is_labelled_as_a_mark_not_as_the_run() -> None:
    # as-built had 1 violation; the 0 mark is a floor of 4 above the responder
    line = text.axis_costs(axis(cost=3, worst_cost=4), 1.0, "USD")
    assert line == "you 3 · responder (100) 0 · 0 mark 4 (a floor; as-built 1)"
    assert "worst" not in line


def test_the_zero_mark_names_the_run_when_it_is_that_runs_cost() -> None:
    line = text.axis_costs(axis("revenue", cost=0, model_cost=50, worst_cost=100), 100.0, "USD")
    assert line == "you $0 · responder (100) $50 · 0 mark $100 = as-built"


def test_first_change_is_on_the_drill_clock_with_the_offset_from_the_cut() -> None:
    # the cut at 02:30, the change 05:02 later: 07:32 on the clock the player saw
    assert text.first_change(302.0, True, 150.0) == "at 07:32 (cut +05:02)"
    assert text.first_change(0.0, True, 150.0) == "before the cut"
    assert text.first_change(None, True, 150.0) == "not needed"
    assert text.first_change(None, False, 150.0) == "never"


def test_a_star_compares_costs_with_costs_and_only_when_the_run_cost_less() -> None:
    beat = axis("trust", score=100, raw=140, bonus=40, cost=11_000, model_cost=67_000)
    assert text.stars([beat], ["trust"], "USD") == [
        "trust: 11k user-minutes against the responder's 67k (past its 100 mark)"
    ]
    # a bonus the costs do not bear out, or an axis scoring did not name: no star
    tie = axis("trust", score=100, raw=140, bonus=40, cost=67_000, model_cost=67_000)
    assert text.stars([tie], ["trust"], "USD") == []
    assert text.stars([beat], ["revenue"], "USD") == []
    assert text.live_axes(["trust: beat the responder by 40 points"]) == ["trust"]


def test_mitigation_by_the_heal_reports_the_fall_it_did_see() -> None:
    line = text.mitigated(metrics("heal"), 0.01, (0.64, 0.02))
    assert line.startswith("not before the heal: errors fell from 64% to 2%, but")
    assert "1%" in line and "never" not in line


def test_mitigation_by_the_player_is_on_the_drill_clock() -> None:
    assert text.mitigated(metrics("player", 60.0), 0.01, None) == (
        "03:30 (cut +01:00), by your changes"
    )


def test_partition_errors_are_one_minute_averages_inside_the_partition() -> None:
    times = [float(t) for t in range(10, 601, 10)]
    errors = [0.64 if 150 < t <= 300 else (0.02 if 300 < t <= 420 else 0.0) for t in times]
    peak, last = text.partition_errors(times, errors, 150.0, 420.0)
    assert peak == 0.64
    assert last == 0.02
    assert text.partition_errors(times, errors, 700.0, 800.0) is None


def test_the_levels_note_fits_one_line_at_80_columns() -> None:
    assert len(text.LEVELS_NOTE) <= 78
    assert "L5" in text.LEVELS_NOTE and "L6" in text.LEVELS_NOTE
