"""Console defects found by playing: each test failed before its fix."""

from __future__ import annotations

from textual import events

from wargame.tui.screens.console import ConsoleScreen
from wargame.tui.widgets.spark import spark_rows


def _type_ahead(app, text: str) -> None:
    """Queue keys the way a fast typist (or a terminal paste) sends them: all at once."""
    for ch in text:
        key = "space" if ch == " " else ch
        app.post_message(events.Key(key, ch))
    app.post_message(events.Key("enter", "\r"))


async def test_typed_actions_sent_before_the_dialog_has_focus_are_not_lost(
    make_app, test_scenario
) -> None:
    # Keys typed right after ':' reached the dialog before its input had focus and were
    # dropped; the Enter then submitted an empty line, which closed the dialog silently.
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)
        for text in ("set feed cp", "set likes cp"):
            app.post_message(events.Key("colon", ":"))
            _type_ahead(app, text)
            await pilot.pause()
            await pilot.pause()
            screen.advance_sim(0.6)
        await pilot.pause()
        assert [(a.verb, a.args) for a in app.drill.engine.actions] == [
            ("set", ("feed", "cp")),
            ("set", ("likes", "cp")),
        ]


def test_sparkline_empty_draws_nothing_and_flat_draws_a_low_line() -> None:
    assert spark_rows([], 6) == ["      "]
    assert spark_rows([0, 0, 0], 3) == ["▁▁▁"]
    flat = spark_rows([103.0] * 6, 6, top=525.0)[0]
    assert set(flat) <= set("▁▂") and "█" not in flat
    # flat with no threshold above it: a middle line, not a wall of full bars
    assert set(spark_rows([1.0] * 4, 4)[0]) == {"▄"}


def test_sparkline_scales_from_zero_and_handles_negative_and_huge_values() -> None:
    assert spark_rows([0, 1, 2, 3, 4, 5, 6, 7], 8) == ["▁▂▃▄▅▆▇█"]
    assert spark_rows([-5.0, 0.0, 5.0], 3) == ["▁▅█"]
    assert spark_rows([1e300, 0.0], 2) == ["█▁"]
    # newest values are kept when there are more than the width
    assert spark_rows(list(range(100)), 4)[0][-1] == "█"
    two = spark_rows([0, 5, 10], 3, height=2)
    assert two == [" ▁█", "▁██"]


async def test_the_command_dialog_lists_every_verb(make_app, test_scenario) -> None:
    from textual.widgets import Label

    from wargame.model.action import NOT_PLAYER_VERBS, USAGE
    from wargame.tui.screens.modals import TextModal

    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "colon")
        assert isinstance(app.screen, TextModal)
        hint = str(app.screen.query_one(".dialog-hint", Label).render())
        for verb, usage in USAGE.items():
            assert (usage in hint) == (verb not in NOT_PLAYER_VERBS), verb


async def test_picker_lists_intro_first_and_keeps_its_cursor_after_going_back(make_app) -> None:
    from textual.widgets import OptionList

    from wargame.model.loader import list_scenarios
    from wargame.tui.screens.briefing import BriefingScreen
    from wargame.tui.screens.picker import DIFFICULTY_ORDER, PickerScreen

    scenarios = list_scenarios()
    app = make_app(scenarios=scenarios)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#scenarios", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        by_id = {sc.id: sc for sc in scenarios}
        ranks = [DIFFICULTY_ORDER.index(by_id[i].difficulty) for i in ids]
        assert ranks == sorted(ranks)
        assert by_id[ids[0]].difficulty == "intro"
        within = [by_id[i].title.lower() for i in ids if by_id[i].difficulty == "standard"]
        assert within == sorted(within)
        await pilot.press("down", "down", "down", "enter")
        assert isinstance(app.screen, BriefingScreen)
        chosen = app.screen.scenario.id
        assert chosen == ids[3]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        options = app.screen.query_one("#scenarios", OptionList)
        assert options.get_option_at_index(options.highlighted).id == chosen


async def test_opening_a_briefing_writes_no_journal_until_the_drill_starts(
    make_app, test_scenario, tmp_path
) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not list(tmp_path.rglob("*.jsonl"))
        await pilot.press("escape")  # back to the picker, then into the briefing again
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not list(tmp_path.rglob("*.jsonl"))
        await pilot.press("enter")
        await pilot.pause()
        assert len(list(tmp_path.rglob("*.jsonl"))) == 1


def test_the_picker_starts_without_models_engine_or_scoring() -> None:
    # Start-up: the first frame (the picker) must not pay for pydantic, the scenario
    # models, the engine or scoring. Measured by tools/bench_startup.py; this pins
    # the mechanism (what is imported), not a time.
    import subprocess
    import sys

    code = """
import sys, asyncio
from wargame.tui.app import WargameApp
async def main():
    app = WargameApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen", app.screen
        heavy = [m for m in ("pydantic", "simpy", "wargame.engine", "wargame.scoring",
                             "wargame.model.scenario", "wargame.tui.drill") if m in sys.modules]
        print(",".join(heavy))
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


async def test_keys_typed_ahead_through_a_chain_of_dialogs_stay_in_the_chain(
    make_app, test_scenario
) -> None:
    # Played in tmux: 'd', three downs and Enter, then Enter at once. The next dialog
    # opened only after a refresh, so the second Enter fell onto the console's feature
    # table and opened the policy dialog under the region dialog. The next dialog must
    # be on top as soon as the previous one is dismissed.
    from wargame.tui.screens.modals import ChoiceModal

    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "d")
        first = app.screen
        assert isinstance(first, ChoiceModal)
        await first.dismiss("split")
        assert isinstance(app.screen, ChoiceModal) and app.screen is not first
        assert "split" in app.screen.title_text


async def test_two_quick_enters_answer_a_dialog_once(make_app, test_scenario) -> None:
    # Played in tmux: 'd', downs and two Enters in one burst crashed the game with
    # ScreenStackError: both Enters selected in the same list, the second dismissal
    # popped the next dialog, and a later one popped past the bottom of the stack.
    from textual.widgets import OptionList

    from wargame.tui.screens.modals import ChoiceModal

    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "d")
        first = app.screen
        assert isinstance(first, ChoiceModal)
        options = first.query_one(OptionList)
        option = options.get_option("split")
        index = options.get_option_index("split")
        for _ in range(2):
            first.post_message(OptionList.OptionSelected(options, option, index))
        for _ in range(3):
            await pilot.pause()
        second = app.screen
        assert isinstance(second, ChoiceModal) and second is not first
        assert "split" in second.title_text
        assert len(app.screen_stack) == 3  # default, console, the region dialog: no more, no less


async def test_a_fast_diagnose_burst_picks_the_kind(make_app, test_scenario) -> None:
    # Played in tmux: 'd' then three downs and Enter in one burst. Keys that reach a
    # dialog before its list has focus went to the dialog itself and were dropped, so
    # the Enter (or nothing) picked the wrong kind. The state "list not focused yet"
    # is set up here by taking the focus away, then the burst arrives.
    from textual.widgets import OptionList

    from wargame.tui.screens.modals import ChoiceModal

    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "d")
        dialog = app.screen
        assert isinstance(dialog, ChoiceModal)
        dialog.set_focus(None)
        await pilot.pause()
        assert not dialog.query_one(OptionList).has_focus
        await pilot.press("down", "down", "down", "enter")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, ChoiceModal) and app.screen is not dialog
        assert app.screen.title_text.startswith("split:"), app.screen.title_text


async def test_two_actions_typed_in_one_burst_are_both_applied(make_app, test_scenario) -> None:
    # A burst such as ':set feed cp⏎:set likes cp⏎' (fast typing, a paste, tmux send-keys)
    # reaches the first dialog before it has focus: the keys after its Enter belong to the
    # console, not to the first line (they used to be glued onto it and the whole line failed).
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)
        for text in ("set feed cp", "set likes cp", "severity SEV2"):
            app.post_message(events.Key("colon", ":"))
            _type_ahead(app, text)
        for _ in range(6):
            await pilot.pause()
        assert [(a.verb, a.args) for a in app.drill.engine.actions] == [
            ("set", ("feed", "cp")),
            ("set", ("likes", "cp")),
            ("severity", ("SEV2",)),
        ]
        assert app.screen is screen
