"""The debrief's rewind cursor and branches (issue 11, items 1 and 2), by keyboard and mouse.

Every moment and branch the screen shows is checked against the headless core
(:func:`wargame.rewind.state_at`, :func:`wargame.rewind.branch`) for the same
scenario, seed and journal.
"""

from __future__ import annotations

import pytest
from support.tui import wait_debrief

from wargame.model.action import parse_action
from wargame.rewind import branch, state_at
from wargame.tui.screens.debrief import DEBOUNCE_S, DebriefScreen
from wargame.tui.screens.modals import TextModal
from wargame.tui.widgets.chart import LineChart
from wargame.tui.widgets.features import FeatureTable
from wargame.tui.widgets.timeline import TimelineBar, time_of


async def settle(app, pilot) -> None:
    """Wait out the scrubbing debounce and every worker."""
    await pilot.pause(DEBOUNCE_S * 3)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def debrief_after(app, pilot, actions: list[tuple[float, str]]) -> DebriefScreen:
    await pilot.press("enter")
    console = app.screen
    now = 0.0
    for t, text in actions:
        console.advance_sim(t - now)
        now = t
        assert console.act(text)
    console.advance_sim(10_000)
    screen = await wait_debrief(app, pilot)
    await settle(app, pilot)
    return screen


def same_moment(shown, expected) -> None:
    assert shown.t == expected.t
    assert shown.view == expected.view
    assert shown.alerts == expected.alerts
    assert shown.so_far.totals == expected.so_far.totals
    assert shown.beliefs == expected.beliefs


PLAY = [(170.0, "diagnose split asia"), (225.0, "set orders ap"), (300.0, "severity SEV1")]


async def test_cursor_keys_rebuild_the_console_at_that_moment(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await debrief_after(app, pilot, PLAY)
        data = screen.data
        start = data.debrief.incident_metrics.incident_start_s
        actions = data.player.actions

        def expected(t: float):
            return state_at(test_scenario, 7, actions, t, screen.drill.difficulty)

        # the cursor opens where the partition begins
        assert screen.cursor == start
        same_moment(screen.moment, expected(start))
        await pilot.press("right", "right")
        await settle(app, pilot)
        assert screen.cursor == start + 20
        same_moment(screen.moment, expected(start + 20))
        await pilot.press("shift+right")
        await settle(app, pilot)
        assert screen.cursor == start + 80
        # backwards replays from zero and agrees
        await pilot.press("shift+left", "left")
        await settle(app, pilot)
        assert screen.cursor == start + 10
        same_moment(screen.moment, expected(start + 10))
        assert screen.moment.beliefs == ()  # nothing said yet at 02:40
        # the belief said at 02:50 shows from then on
        await pilot.press("right", "right")
        await settle(app, pilot)
        assert screen.cursor == 180.0
        assert [h.kind for h in screen.moment.beliefs] == ["split"]
        text = screen.query_one("#moment-lines").render().plain
        assert "you believed split asia at 02:50 (right)" in " ".join(text.split())
        # the console's own feature table draws the moment
        table = screen.query_one("#moment-features", FeatureTable)
        assert table.row_count == len(test_scenario.features)
        await pilot.press("home")
        await settle(app, pilot)
        assert screen.cursor == 0.0 and screen.moment.t == 0.0
        await pilot.press("end")
        await settle(app, pilot)
        assert screen.cursor == data.player.duration_s
        same_moment(screen.moment, expected(data.player.duration_s))


async def test_scrubbing_shows_only_the_moment_it_stops_on(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await debrief_after(app, pilot, PLAY)
        start = screen.cursor
        replays = screen._rewinder.replays
        await pilot.press(*["right"] * 8)
        await settle(app, pilot)
        assert screen.cursor == start + 80 and screen.moment.t == start + 80
        # debounced: the burst ran the engine on once, without replaying from zero
        assert screen._rewinder.replays == replays


async def test_clicks_on_the_strip_and_a_chart_move_the_cursor(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await debrief_after(app, pilot, PLAY)
        bar = screen.query_one(TimelineBar)
        screen._reveal()
        await pilot.pause()
        await pilot.click(bar, offset=(30, 0))
        await settle(app, pilot)
        want = round(time_of(30, 0.0, 600.0, bar.size.width))
        assert screen.cursor == want and screen.moment.t == want
        chart = screen.query_one("#chart-errors", LineChart)
        chart.scroll_visible(animate=False)
        await pilot.pause()
        left, cols = chart._plot
        await pilot.click(chart, offset=(left + cols // 2, 3))
        await settle(app, pilot)
        times = chart.times
        assert screen.cursor == round(time_of(cols // 2, times[0], times[-1], cols))
        assert chart.cursor == screen.cursor


async def test_undo_a_decision_re_runs_without_it(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await debrief_after(app, pilot, PLAY)
        await pilot.press("u")  # the cursor (02:30) is on no decision
        await pilot.pause()
        assert screen.branch is None
        await pilot.press("right_square_bracket")  # to 02:50, the diagnosis
        await settle(app, pilot)
        assert screen.cursor == 170.0
        await pilot.press("right_square_bracket")  # to 03:45, set orders ap
        await settle(app, pilot)
        assert screen.cursor == 225.0
        await pilot.press("u")
        await settle(app, pilot)
        actions = screen.data.player.actions
        keep = [a for a in actions if a.t > 225.0]
        want = branch(test_scenario, 7, actions, 225.0, keep, screen.drill.difficulty)
        assert screen.branch.difference == want.difference
        assert screen.branch.branch_totals == want.branch_totals
        assert [a.describe() for a in screen.branch.branched.actions] == [
            "diagnose split asia",
            "severity SEV1",
        ]
        head = screen.query_one("#branch-head").render().plain
        assert "without your 'set orders ap' at 03:45" in head
        # a third line on each chart
        for chart in screen.query(LineChart):
            assert [s.name for s in chart.series] == ["you", "model", "branch"]
        assert screen.query_one("#branch-table").row_count == 9
        assert screen.branch_elapsed_s is not None and screen.branch_elapsed_s > 0


async def test_the_responder_takes_over_from_the_cursor(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await debrief_after(app, pilot, PLAY)
        await pilot.press("t")
        await settle(app, pilot)
        at = screen.data.debrief.incident_metrics.incident_start_s
        want = branch(test_scenario, 7, screen.data.player.actions, at, "respond", "standard")
        assert screen.branch.then == "respond" and screen.branch.at_t == at
        assert screen.branch.difference == want.difference
        assert "the responder took over" in screen.query_one("#branch-head").render().plain


@pytest.mark.parametrize(
    ("typed", "ok"), [("set blocks cp", True), ("set nothing cp", False), ("fly away", False)]
)
async def test_try_an_action_at_the_cursor(make_app, test_scenario, typed, ok) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await debrief_after(app, pilot, PLAY)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TextModal)
        await pilot.press(*typed, "enter")
        await settle(app, pilot)
        assert app.screen is screen
        if ok:
            at = screen.cursor
            tried = parse_action(typed, t=at)
            want = branch(test_scenario, 7, screen.data.player.actions, at, [tried], "standard")
            assert screen.branch.tried == [tried]
            assert screen.branch.difference == want.difference
        else:
            assert screen.branch is None
            assert len(app._notifications) == 1
