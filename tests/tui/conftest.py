"""Fixtures for the TUI tests: deterministic settings, a frozen test scenario, an app factory."""

from __future__ import annotations

import asyncio
import inspect
import os
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ["TEXTUAL_ANIMATIONS"] = "none"

DATA = Path(__file__).parent / "data"
TEST_SCENARIO = DATA / "drill-test.toml"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin is installed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names}))
    return True


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursors anywhere: snapshots must not depend on when they are taken."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)


@pytest.fixture
def test_scenario():
    """The frozen three-region scenario under tests/tui/data."""
    from wargame.model.loader import load_path

    return load_path(TEST_SCENARIO)


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """Build a paused, toast-free app whose journals go to ``./journals`` in a temp folder."""
    from wargame.tui.app import WargameApp

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WARGAME_DATA_DIR", str(tmp_path / "data"))

    def factory(scenario=None, **kw) -> WargameApp:
        kw.setdefault("paused", True)
        kw.setdefault("toasts", False)
        kw.setdefault("journal_dir", "journals")
        kw.setdefault("stamp", lambda: "TEST")
        return WargameApp(scenario, **kw)

    return factory
