"""The app's edge: an unexpected error in a screen saves the journal, explains, exits 1."""

from __future__ import annotations

import pytest

from wargame.model.journal import read_journal
from wargame.tui.screens.console import ConsoleScreen


async def test_a_failing_screen_flushes_the_journal_and_exits_non_zero(
    make_app, test_scenario, tmp_path
) -> None:
    app = make_app(test_scenario)

    def boom() -> None:
        raise RuntimeError("injected failure")

    with pytest.raises(RuntimeError, match="injected failure"):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")
            assert isinstance(app.screen, ConsoleScreen)
            app.drill.paused = False
            await pilot.pause()
            app.screen.set_timer(0.01, boom)
            await pilot.pause(0.2)
    assert app.return_code == 1
    journal = app.drill.journal_path
    message = app.crash_message or ""
    assert "RuntimeError" in message and "injected failure" in message
    assert f"journal {journal}" in message
    assert f"wargame run --actions {journal}" in message
    assert read_journal(journal).scenario == test_scenario.id  # whole and readable
    crash = journal.with_name(journal.stem + ".crash.txt")
    assert crash.exists() and "injected failure" in crash.read_text(encoding="utf-8")
    assert str(crash) in message


def test_play_returns_the_apps_exit_code(monkeypatch) -> None:
    import wargame.tui as tui
    from wargame.cli import main

    monkeypatch.setattr(tui, "run", lambda *a, **k: 1)
    assert main(["play", "flash-sale"]) == 1
