"""Incident metrics: detection, acknowledgement, mitigation, severity and paging."""

from __future__ import annotations

import pytest
from scoring.helpers import GOOD_PLAY, play

from wargame.scoring.incident import incident_metrics


def test_handled_incident(mini) -> None:
    result = play(mini, GOOD_PLAY)
    m = incident_metrics(result, mini)
    assert m.incident_start_s == 120 and m.incident_end_s == 480
    assert m.time_to_detect_s == pytest.approx(20)  # the ack at 02:20
    first_alert = min(a.t for a in result.alerts)
    assert m.time_to_acknowledge_s == pytest.approx(140 - first_alert)
    assert m.severity_declared == "SEV1" and m.severity_declared_at == 160
    assert m.status_page_at == 180
    teams = {p.team: p for p in m.teams_expected}
    assert teams["platform"].paged_at == 170
    assert teams["data"].paged_at == 510
    assert m.teams_paged == ["platform", "data"]
    assert m.time_to_recover_s is not None and m.time_to_recover_s >= 480 - 120


def test_ignored_incident(mini) -> None:
    m = incident_metrics(play(mini, []), mini)
    assert m.time_to_detect_s is None and m.time_to_acknowledge_s is None
    assert m.severity_verdict == "not declared"
    assert m.severity_warranted == "SEV1"  # a safety violation, and the shop was down
    assert not m.right_team_paged
    assert m.mitigated_by == "heal"
    # the block list's owner must look at its violations
    assert "security" in {p.team for p in m.teams_expected}
    assert m.users_seeing_errors > 0 and m.users_harmed > 0


def test_player_mitigation_and_wrong_severity(mini) -> None:
    actions = ["02:30 set posts ap", "02:30 set shop ap", "02:40 severity SEV3"]
    m = incident_metrics(play(mini, actions), mini)
    assert m.mitigated_by == "player"
    assert m.time_to_mitigate_s is not None and 30 <= m.time_to_mitigate_s < 360
    assert m.severity_verdict == "too low"
    assert m.time_to_detect_s == pytest.approx(30)


def test_model_run_warrants_less_than_sev1_without_violations(mini) -> None:
    m = incident_metrics(play(mini, [], policy="model"), mini)
    # the model's block list refuses new blocks (visible errors) but the shop stays up
    assert m.severity_warranted in ("SEV2", "SEV3")
