"""The debrief screen's text agrees with itself and fits (issue 11, item 5), played through."""

from __future__ import annotations

from support.tui import wait_debrief
from textual.geometry import Region

from wargame.export import text
from wargame.scoring import rules
from wargame.tui.screens.briefing import BriefingScreen


def shown(widget) -> str:
    """The text a widget shows, its lines joined with single spaces."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join(s.text.split()) for s in strips).strip()


async def play_to_debrief(app, pilot):
    await pilot.press("enter")
    console = app.screen
    console.advance_sim(225)
    console.act("set orders ap")
    console.advance_sim(15)
    app.notify("a toast from the console")
    console.advance_sim(10_000)
    return await wait_debrief(app, pilot)


async def test_debrief_text_at_80x24(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        debrief = await play_to_debrief(app, pilot)
        data = debrief.data
        s = data.debrief.scores
        # no console toast left over the debrief
        assert len(app._notifications) == 0
        # the key sentence is wrapped, not cut, and L5/L6 are explained once
        grade = shown(debrief.query_one("#grade"))
        assert " ".join(s.verdict.split()) in grade
        assert grade.count("L5/L6 =") == 1
        # both comparison tables fit the width: nothing cut at "refun"
        for table in debrief.query("#debrief DataTable"):
            assert table.virtual_size.width <= table.size.width, table.id
        out = debrief.query_one("#outcomes")
        labels = [c.label.plain for c in out.columns.values()]
        assert "refunds" in labels and labels[-1] == "viol."
        # the 0 mark is labelled, with as-built's own cost where it differs
        axes = shown(debrief.query_one("#axes"))
        assert "worst" not in axes
        refs = data.refs
        own = rules.run_costs(refs.runs["as-built"], data.scenario, refs.baseline)
        for a in (s.revenue, s.trust, s.safety):
            line = text.axis_costs(a, own.total(a.axis), data.debrief.currency)
            assert " ".join(line.split()) in axes


async def test_verdict_and_incident_times_are_on_the_drill_clock(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        debrief = await play_to_debrief(app, pilot)
        d = debrief.data.debrief
        start = d.incident_metrics.incident_start_s
        orders = next(v for v in d.verdicts if v.feature == "orders")
        # set at 03:45 on the clock, 01:15 after the cut at 02:30
        assert orders.first_correct_change_s == 225 - start
        verdicts = " ".join(shown(w) for w in debrief.query(".verdict"))
        assert "first correct change: at 03:45 (cut +01:15)" in verdicts
        assert "after the start" not in verdicts
        incident = shown(debrief.query_one("#incident"))
        assert "after the start" not in incident
        assert "never (by" not in incident
        # stars only where the run cost less than the responder, costs on both sides
        grade = shown(debrief.query_one("#grade"))
        for a in (d.scores.revenue, d.scores.trust, d.scores.safety):
            starred = f"★ {a.axis}:" in grade
            assert starred == (a.bonus >= 0.1 and a.cost < a.model_cost), a


async def test_replay_opens_the_briefing_with_the_clock_stopped(make_app, test_scenario) -> None:
    app = make_app(test_scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_to_debrief(app, pilot)
        finished = app.drill
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.seed == finished.seed
        assert app.drill is finished  # no new drill (and no clock) until the player starts


async def test_every_decision_has_a_judgment_and_each_feature_a_moment(make_app, test_scenario):
    app = make_app(test_scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        debrief = await play_to_debrief(app, pilot)
        data = debrief.data
        judged = debrief.query_one("#judgments").render().plain.splitlines()
        for action in data.player.actions:
            hits = [x for x in judged if action.describe() in x]
            assert hits, (action, judged)
            assert any(w in hits[0] for w in ("✓ good", "~ questionable", "✗ BAD")), hits
        assert len(judged) == len(data.judgments) >= len(data.player.actions)
        moments = debrief.query_one("#moments").render().plain.splitlines()
        assert [m.split(":")[0] for m in moments] == [m.name for m in data.moments]
        assert data.moments, "the test drill's model changes features from as-built"
        # r writes the report with the same judgments and moments
        await pilot.press("r")
        await pilot.pause()
        report = debrief.exported[-1].read_text(encoding="utf-8")
        assert "## Every decision judged" in report and "## The moment to act" in report
