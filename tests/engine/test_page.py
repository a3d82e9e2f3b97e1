"""No clairvoyance: levers unlock at the page (first alert, or ``[control] page_at``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support.builders import feature, scenario

from wargame.engine import Engine
from wargame.model.action import ActionError
from wargame.model.loader import load_scenario


def _unpaged(**control):
    sc = scenario([feature("posts", "feed", "cp")])
    ctl = sc.control.model_copy(update={"page_at": None, **control})
    return sc.model_copy(update={"control": ctl})


def test_the_first_alert_pages_the_engineer() -> None:
    e = Engine(_unpaged())
    e.advance(55)
    assert e.page_t is None, "a calm network pages nobody"
    result = e.result()
    assert result.alerts, "the cut raises alerts"
    assert result.page_t == min(a.t for a in result.alerts)


def test_actions_before_the_page_are_refused_naming_it() -> None:
    e = Engine(_unpaged())
    with pytest.raises(ActionError, match="before the page"):
        e.apply("set posts ap")
    page = Engine(_unpaged()).result().page_t
    e.advance(page - e.now - 5)
    with pytest.raises(ActionError, match="before the page"):
        e.apply("status-page We are looking into it")
    e.advance(5)
    assert e.page_t == page
    e.apply("set posts ap")  # at the page: accepted
    assert [a.verb for a in e.actions] == ["set"]


def test_a_scenario_can_set_the_page_time() -> None:
    e = Engine(_unpaged(page_at=30.0))
    e.advance(25)
    with pytest.raises(ActionError, match="before the page"):
        e.apply("severity SEV3")
    e.advance(5)
    assert e.page_t == 30.0
    e.apply("severity SEV3")
    assert Engine(_unpaged(page_at=0.0)).page_t == 0.0


def test_cli_refuses_an_early_action_with_exit_2_and_the_page_time() -> None:
    cmd = [sys.executable, "-m", "wargame", "run", "flash-sale"]
    out = subprocess.run([*cmd, "--action", "01:00 set inventory ap"], capture_output=True,
                         text=True, check=False)  # fmt: skip
    assert out.returncode == 2
    page = Engine(load_scenario("flash-sale")).result().page_t
    assert f"paged at {int(page // 60):02d}:{int(page % 60):02d}" in out.stderr
    data = json.loads(subprocess.run([*cmd, "--json"], capture_output=True, text=True,
                                     check=True).stdout)  # fmt: skip
    assert data["page_t"] == page
