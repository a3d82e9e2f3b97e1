"""The debrief's "what you saw, what was true, what you believed" section, played to the end."""

from __future__ import annotations

from support.tui import wait_debrief

from wargame.tui.screens.console import ConsoleScreen
from wargame.tui.screens.modals import ChoiceModal


async def test_debrief_shows_saw_true_believed_with_marks(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        console.advance_sim(170)  # the split of asia began at 02:30
        await pilot.press("d")
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("down", "down", "enter")  # one-way
        await pilot.pause()
        await pilot.press("down", "enter")  # west sends
        await pilot.pause()
        await pilot.press("down", "enter")  # to east
        await pilot.pause()
        await pilot.press("enter")  # done
        await pilot.pause()
        assert app.drill.engine.actions[-1].args == ("one-way", "west", "east")
        assert console.act("set orders ap")
        console.advance_sim(30)
        assert console.act("diagnose split asia")
        console.advance_sim(10_000)
        debrief = await wait_debrief(app, pilot)
        text = debrief.query_one("#beliefs").render().plain
        lines = text.splitlines()
        assert any(
            line.startswith("02:50 belief you said: diagnose one-way west east ✗ wrong")
            for line in lines
        ), text
        assert any(
            line.startswith("02:50 acted  you did 'set orders ap' while believing")
            for line in lines
        ), text
        assert any(
            line.startswith("03:20 belief you said: diagnose split asia ✓ right") for line in lines
        ), text
        assert any(line.startswith("02:30 true   full cut (split)") for line in lines), text
        assert any(line.startswith("00:00 saw    you were paged") for line in lines), text
        flat = " ".join(text.split())
        assert flat.endswith(
            "First correct diagnosis at 03:20, 01:50 after the first fault began (01:30). "
            "Never named right while it lasted: congestion: slow links between asia and east."
        )
        # the section shows the engine's truth, span by span
        truth = [x for x in lines if x[6:10] == "true"]
        assert len(truth) == len(debrief.data.player.diagnosis.truth) == 2
        # at 80 columns long lines wrap under their text and are never cut
        width = debrief.query_one("#beliefs").content_region.width
        assert 60 < width <= 80
        assert all(len(line) <= width for line in lines)
        assert "…" not in text
        assert "(wrong then)" in flat
        wrapped = [x for x in lines if x[:1] == " "]
        assert wrapped and all(x.startswith(" " * 13) and x[13] != " " for x in wrapped)
