"""The join screen (first screen of every browser tab): codes checked, clear errors, solo."""

from __future__ import annotations

import pytest

from wargame.gameday import new_session
from wargame.store import Store


@pytest.fixture
def session(tmp_path):
    db = tmp_path / "gd.db"
    with Store(db) as store:
        made = new_session(store, "flash-sale", teams=2, seed=4242, difficulty="hard")
    return str(db), made


async def _type(pilot, app, text: str) -> None:
    from textual.widgets import Input

    field = app.screen.query_one("#join-code", Input)
    field.value = ""
    field.focus()
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def _error(app) -> str:
    from textual.widgets import Label

    return str(app.screen.query_one("#join-error", Label).render())


async def test_a_valid_code_opens_that_teams_briefing(make_app, session):
    from wargame.tui.screens.briefing import BriefingScreen
    from wargame.tui.screens.join import JoinScreen

    db, made = session
    _, team_name, code = made.teams[1]
    app = make_app(join_screen=True, store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen)
        await _type(pilot, app, code.lower().replace("-", " "))  # forgiving: case, spaces
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario.id == "flash-sale"
        assert app.screen.seed == 4242
        assert app.difficulty == "hard"
        assert app.joined is not None
        assert (app.joined.session, app.joined.team_name) == (made.id, team_name)


async def test_bad_codes_say_why_and_allow_a_retry(make_app, session):
    from wargame.tui.screens.briefing import BriefingScreen
    from wargame.tui.screens.join import JoinScreen

    db, made = session
    app = make_app(join_screen=True, store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert "Type the join code first" in _error(app)
        await _type(pilot, app, "ABC")
        assert "8 characters" in _error(app)
        await _type(pilot, app, "AAAA0AAA")  # a look-alike digit is named, not guessed
        assert "'0'" in _error(app)
        unused = "ZZZZ-ZZZZ" if all(c != "ZZZZ-ZZZZ" for *_, c in made.teams) else "YYYY-YYYY"
        await _type(pilot, app, unused)
        assert f"no session has the join code {unused}" in _error(app)
        assert isinstance(app.screen, JoinScreen) and app.joined is None
        await _type(pilot, app, made.teams[0][2])  # the retry works
        assert isinstance(app.screen, BriefingScreen)


async def test_no_store_yet_is_an_error_on_screen_not_a_crash(make_app, tmp_path):
    from wargame.tui.screens.join import JoinScreen

    app = make_app(join_screen=True, store_path=str(tmp_path / "missing.db"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _type(pilot, app, "ABCD-EFGH")
        assert isinstance(app.screen, JoinScreen)
        assert "no store yet" in _error(app)


async def test_solo_opens_the_picker(make_app, session):
    from wargame.tui.screens.picker import PickerScreen

    db, _ = session
    app = make_app(join_screen=True, store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.joined is None


async def test_the_solo_button_too(make_app, session):
    from wargame.tui.screens.picker import PickerScreen

    db, _ = session
    app = make_app(join_screen=True, store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#solo")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_leaving_a_teams_briefing_returns_to_the_join_screen(make_app, session):
    from wargame.tui.screens.join import JoinScreen
    from wargame.tui.screens.picker import PickerScreen

    db, made = session
    app = make_app(join_screen=True, store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _type(pilot, app, made.teams[0][2])
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen)
        assert app.joined is None and app.difficulty is None
        await pilot.press("ctrl+o")  # solo from there: the whole catalogue
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
