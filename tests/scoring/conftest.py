"""Fixtures for the scoring tests."""

from __future__ import annotations

import pytest
from scoring.helpers import mini_scenario

from wargame.model.scenario import Scenario


@pytest.fixture(scope="session")
def mini() -> Scenario:
    """The self-contained test scenario (posts AP, block list CP, a shop)."""
    return mini_scenario()
