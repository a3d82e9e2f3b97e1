"""The console shows what monitoring sees: no truth at standard, the truth at intro.

Also the acts that go with diagnosis: the ``d`` dialog, the page lock, auto-pause
and the difficulty choice.
"""

from __future__ import annotations

import pytest

from wargame.model.loader import load_scenario
from wargame.tui.screens.console import ConsoleScreen

TRUTH_WORDS = ("DOWN", "LOSSY", "SLOW", "ONE-WAY", "x x x", "-x-x-", "full cut", "network:")
"""What the old Network panel and timeline printed from the true link state."""

PARTITIONED = [("flash-sale", 2), ("transatlantic-cut", 3), ("global-rate-limiter", 5)]


def screen_text(app) -> str:
    """Every character on the screen, line by line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def partition_start(scenario) -> float:
    return min(e.at for e in scenario.events if e.kind == "partition")


@pytest.mark.parametrize(("scenario_id", "regions"), PARTITIONED)
async def test_no_truth_on_screen_at_standard_during_a_partition(
    make_app, scenario_id, regions
) -> None:
    sc = load_scenario(scenario_id)
    assert len(sc.regions) == regions
    app = make_app(sc, difficulty="standard")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        console.advance_sim(partition_start(sc) + 120)
        await pilot.pause()
        text = screen_text(app)
        for word in TRUTH_WORDS:
            assert word not in text, f"{word!r} on the screen:\n{text}"
        # what it shows instead: failing probes and missing heartbeats
        assert "✗" in console.query_one("#topology").render().plain
        assert "heartbeats missing" in text


async def test_intro_shows_the_truth_and_a_hint(make_app) -> None:
    sc = load_scenario("flash-sale")
    app = make_app(sc, difficulty="intro")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        app.screen.advance_sim(partition_start(sc) + 60)
        await pilot.pause()
        text = screen_text(app)
        assert "truth (intro)" in text and "DOWN" in text
        assert any(e.type == "hint" for e in app.drill.timeline)


async def test_hard_marks_what_is_late_or_missing(make_app) -> None:
    sc = load_scenario("transatlantic-cut")
    app = make_app(sc, difficulty="hard")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        app.screen.advance_sim(partition_start(sc) + 120)
        await pilot.pause()
        view = app.drill.view
        panel = app.screen.query_one("#topology").render().plain
        assert view.late and view.missing  # hard always has a late metric and a missing RTT
        assert "late" in panel
        assert "?/?" in panel
        assert app.drill.difficulty == "hard"


async def test_diagnose_dialog_records_kind_and_regions_in_order(make_app, test_scenario) -> None:
    from wargame.tui.screens.modals import ChoiceModal

    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "d")
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("down", "down", "enter")  # congestion, partial, one-way
        await pilot.pause()
        assert "sending end" in app.screen.title_text
        await pilot.press("down", "enter")  # west sends (east, west, asia)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("down", "enter")  # done first, then east
        await pilot.pause()
        await pilot.press("enter")  # done
        await pilot.pause()
        last = app.drill.engine.actions[-1]
        assert (last.verb, last.args) == ("diagnose", ("one-way", "west", "east"))
        # none needs no regions
        await pilot.press("d", "end", "enter")
        await pilot.pause()
        assert app.drill.engine.actions[-1].args == ("none",)


async def test_levers_are_locked_until_the_page(make_app, test_scenario) -> None:
    from wargame.tui.screens.modals import ChoiceModal, PolicyModal

    control = test_scenario.control.model_copy(update={"page_at": None})
    sc = test_scenario.model_copy(update={"control": control})
    app = make_app(sc)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        assert app.drill.page_t is None
        header = str(console.query_one("#header").render())
        assert "levers locked" in header
        for key in ("p", "f", "d", "r", "x", "s"):
            await pilot.press(key)
            assert app.screen is console, key
        while app.drill.page_t is None and not app.drill.finished:
            console.advance_sim(5)
        await pilot.pause()
        assert "paged" in str(console.query_one("#header").render())
        await pilot.press("p")
        assert isinstance(app.screen, PolicyModal)
        await pilot.press("escape", "d")
        assert isinstance(app.screen, ChoiceModal)


async def test_auto_pause_on_the_page_at_intro_and_its_toggle(make_app) -> None:
    sc = load_scenario("flash-sale")
    app = make_app(sc, difficulty="intro", paused=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        drill = app.drill
        assert drill.autopause and not drill.paused
        while drill.page_t is None:
            app.screen.advance_sim(5)
        assert drill.paused, "the page pauses the clock at intro"
        await pilot.press("z")
        assert not drill.autopause
        assert "auto-pause" not in str(app.screen.query_one("#header").render())


async def test_standard_does_not_auto_pause_by_default(make_app) -> None:
    sc = load_scenario("flash-sale")
    app = make_app(sc, difficulty="standard", paused=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        app.drill.paused = False
        app.screen.advance_sim(partition_start(sc) + 60)
        assert app.drill.page_t is not None and not app.drill.paused


async def test_enter_on_a_feed_line_reads_it_in_full(make_app) -> None:
    from textual.widgets import Static

    from wargame.tui.screens.modals import ReadModal
    from wargame.tui.widgets import TicketQueue

    sc = load_scenario("transatlantic-cut")
    app = make_app(sc, difficulty="standard")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        app.screen.advance_sim(partition_start(sc) + 300)
        await pilot.pause()
        tickets = app.screen.query_one(TicketQueue)
        tickets.focus()
        await pilot.press("down", "enter")  # the first ticket's text line
        assert isinstance(app.screen, ReadModal)
        text = str(app.screen.query_one("#read-text", Static).render())
        newest = app.drill.tickets[0]
        assert newest.text in text and newest.region in text
        await pilot.press("escape")
        for feed in ("#alerts", "#logs", "#timeline"):
            app.screen.query_one(feed).focus()
            await pilot.press("enter")
            assert isinstance(app.screen, ReadModal), feed
            await pilot.press("enter")
            assert isinstance(app.screen, ConsoleScreen)


async def test_difficulty_chosen_in_the_picker_reaches_the_drill(make_app) -> None:
    from wargame.model.loader import list_scenarios

    app = make_app(scenarios=list_scenarios())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "down", "down")  # default, intro, standard, hard
        await pilot.pause()
        assert "hard" in str(app.screen.query_one("#facts").render())
        app.screen.query_one("#scenarios").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Difficulty **hard**" in app.screen.query_one("Markdown")._markdown
        await pilot.press("enter")
        assert app.drill.difficulty == "hard"
        assert app.drill.scenario.difficulty == "intro"  # the first drill listed


def test_play_accepts_a_difficulty_and_rejects_others(capsys) -> None:
    from wargame.cli import main

    assert main(["play", "flash-sale", "--difficulty", "easy"]) == 2
    assert "--difficulty" in capsys.readouterr().err


def test_play_passes_the_difficulty_to_the_game(monkeypatch) -> None:
    import wargame.tui
    from wargame.cli import main

    seen = {}
    monkeypatch.setattr(wargame.tui, "run", lambda *a, **kw: seen.update(kw))
    assert main(["play", "flash-sale", "--difficulty", "hard"]) == 0
    assert seen["difficulty"] == "hard"
    assert main(["play", "flash-sale"]) == 0
    assert seen["difficulty"] is None  # the scenario's own


async def test_lever_keys_issue_the_journal_verbs(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        actions = app.drill.engine.actions
        await pilot.press("r", "enter", "down", "down", "enter")  # orders, crdt
        await pilot.pause()
        assert (actions[-1].verb, actions[-1].args) == ("resolve", ("orders", "crdt"))
        await pilot.press("y", "enter", "down", "down", "enter")  # orders, factor 2
        await pilot.pause()
        assert (actions[-1].verb, actions[-1].args) == ("retry", ("orders", "2"))
        await pilot.press("x", "enter", "down", "enter")  # orders, fence west
        await pilot.pause()
        assert (actions[-1].verb, actions[-1].args) == ("fence", ("orders", "west"))
        before = len(actions)
        await pilot.press("k")  # no messaging feature here: a message, no dialog
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen) and len(actions) == before


async def test_messaging_levers_dedup_and_indicators(make_app) -> None:
    sc = load_scenario("messaging")
    app = make_app(sc, difficulty="standard")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        while app.drill.page_t is None:
            console.advance_sim(5)
        await pilot.pause()
        actions = app.drill.engine.actions
        # two messaging features (send, receipts): pick the second, then "on"
        await pilot.press("k", "down", "enter", "enter")
        await pilot.pause()
        assert (actions[-1].verb, actions[-1].args) == ("dedup", ("receipts", "on"))
        await pilot.press("i", "enter", "enter")  # send, honest
        await pilot.pause()
        assert (actions[-1].verb, actions[-1].args) == ("indicators", ("send", "honest"))


async def _queued_line(make_app, scenario_id: str, features: list[str]) -> list[str]:
    """The policy dialog's ``queued`` line for each feature, once paged."""
    from textual.widgets import OptionList

    from wargame.tui.screens.modals import PolicyModal

    app = make_app(load_scenario(scenario_id))
    lines = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        console = app.screen
        while app.drill.page_t is None:
            console.advance_sim(10)
        await pilot.pause()
        for fid in features:
            console.action_policy(fid)
            await pilot.pause()
            assert isinstance(app.screen, PolicyModal)
            policies = app.screen.query_one("#policies", OptionList)
            lines.append(str(policies.get_option("queued").prompt))
            app.screen.action_cancel()
            await pilot.pause()
    return lines


async def test_the_policy_dialog_says_when_queued_money_is_not_held(make_app) -> None:
    money, confirmations = await _queued_line(
        make_app, "bank-transfer", ["transfers", "confirmations"]
    )
    assert "funds not held" in money
    assert "funds not held" not in confirmations  # not money
    # the card gateway holds the funds in the shop
    (held,) = await _queued_line(make_app, "flash-sale", ["payment"])
    assert "funds not held" not in held
