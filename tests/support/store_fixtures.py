"""Store fixtures shared by the store and game-day tests: a private store file per test.

The user's real store is never touched: ``WARGAME_DB`` points into the test's
temporary folder for every test that loads these fixtures.
"""

from __future__ import annotations

import pytest

from wargame.store import Store


@pytest.fixture(autouse=True)
def _private_db(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_DB", str(tmp_path / "env.db"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "store.db"


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        yield s
