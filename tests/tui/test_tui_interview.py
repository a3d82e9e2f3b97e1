"""Interview mode on screen: picker → briefing → design → summary → the incident on the design.

Pilot tests drive the design screen with the keyboard and the mouse; the live
file the interviewer's sheet follows is checked after each step; snapshots of
the design and summary screens at 80x24 and 120x40.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.tui import wait_debrief

from wargame.interview.contract import Contract
from wargame.interview.live import read_live
from wargame.interview.reasons import correct_key, statements
from wargame.model.loader import list_scenarios, load_scenario
from wargame.scoring.verdicts import LEVELS
from wargame.tui.interview.briefing import InterviewBriefingScreen
from wargame.tui.interview.debrief import DesignDebriefScreen
from wargame.tui.interview.design import DesignScreen
from wargame.tui.interview.summary import SummaryScreen
from wargame.tui.screens.console import ConsoleScreen
from wargame.tui.screens.picker import PickerScreen

SIZES = [(80, 24), (120, 40)]


async def _pick(pilot, key: str, value: str) -> None:
    """Focus question ``key`` of the design screen and choose ``value`` with the keyboard."""
    screen = pilot.app.screen
    options = screen.query_one(f"#q-{key}")
    options.focus()
    await pilot.pause()
    index = options.get_option_index(value)
    options.highlighted = 0
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def _design_like_the_model(pilot, scenario, words: str = "") -> None:
    """Answer every feature as the model would, with the reason that holds."""
    screen = pilot.app.screen
    assert isinstance(screen, DesignScreen)
    for f in scenario.features:
        assert screen.feature.id == f.id
        await _pick(pilot, "policy", f.model.policy)
        await _pick(pilot, "resolve", f.model.resolution or f.resolution)
        await _pick(pilot, "reason", correct_key(scenario, f))
        # choosing the reason moved on to the justification; Enter there: the next feature
        assert pilot.app.focused is screen.query_one("#justification")
        await pilot.press(*words, "enter")
        await pilot.pause()


async def test_picker_i_opens_the_interview_briefing_then_the_design(
    make_app, test_scenario
) -> None:
    app = make_app(scenarios=[test_scenario])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "i: interview" in str(app.screen.query_one("#picker-keys").render())
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InterviewBriefingScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DesignScreen)
        assert screen.draft.contract == Contract.from_as_built(test_scenario)
        assert app.focused is screen.query_one("#q-policy")
        # Escape goes back to the briefing, keeping the design; Enter returns to it
        await _pick(pilot, "policy", "ap")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewBriefingScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.draft.values("orders")["policy"] == "ap"


async def test_design_every_feature_then_live_through_it(
    make_app, test_scenario, tmp_path: Path
) -> None:
    live = tmp_path / "live.json"
    app = make_app(test_scenario, interview=True, live=live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DesignScreen)
        assert read_live(live).contract == Contract.from_as_built(test_scenario)
        await _design_like_the_model(pilot, test_scenario, words="users")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        text = summary.query_one("#summary-text").source
        assert "Still without a reason" not in text
        for f in test_scenario.features:
            assert f"## {f.name}" in text
        # the live file holds the candidate's whole design, reasons and words included
        state = read_live(live)
        model = Contract.from_model(test_scenario)
        for fid, choice in state.contract.features.items():
            assert choice.policy == model.features[fid].policy
            assert choice.reason == model.features[fid].reason
            assert choice.justification == "users"
        await pilot.press("enter")
        await pilot.pause()
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        drill = app.drill
        assert drill.design == tuple(screen.draft.levers())
        for f in test_scenario.features:  # the design is in force from the first second
            fs = drill.engine.features[f.id]
            assert set(fs.policy.values()) == {f.model.policy}


async def test_picker_to_debrief_names_the_l5_l6_signals(make_app, test_scenario) -> None:
    """The whole path: picker, interview, a design with one flip, the incident, the debrief."""
    app = make_app(scenarios=[test_scenario])
    flipped = test_scenario.features[1]  # the block list: the model keeps it CP
    assert flipped.model.policy == "cp"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        for f in test_scenario.features:
            policy = "ap" if f.id == flipped.id else f.model.policy
            await _pick(pilot, "policy", policy)
            await _pick(pilot, "reason", correct_key(test_scenario, f))
            await pilot.press("enter")  # from the justification: the next feature
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("x")  # the contract, exported from the summary
        await pilot.pause()
        (exported,) = app.screen.exported
        assert f"{flipped.name}" in exported.read_text()
        await pilot.press("enter")
        await pilot.pause()
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        assert app.drill.design == tuple(screen.draft.levers())
        console.advance_sim(60)
        await pilot.press("e", "y")
        debrief = await wait_debrief(app, pilot)
        assert isinstance(debrief, DesignDebriefScreen)
        design = debrief.design
        assert design is not None
        assert [s.id for s in design.signals] == [
            "per-feature",
            "user-visible",
            "business-cost",
            "failure-modes",
        ]
        review = next(f for f in design.features if f.feature == flipped.id)
        assert not review.matches_model and review.reason.correct
        # on screen: the one line on L5/L6, every signal with its level, the flipped feature
        texts = [str(w.render()) for w in debrief.query("#debrief Static, #debrief Label")]
        body = "\n".join(texts)
        assert LEVELS in body
        assert body.index(LEVELS) < body.index("L5/L6 signals in your design")
        for s in design.signals:
            assert f"{s.name}: {s.evidence}" in body
        assert f"{flipped.name} (block list): yours ap · model cp" in body
        assert "How the incident went on your design" in body
        # c writes the contract next to the journal; n lives through the same design again
        await pilot.press("c")
        await pilot.pause()
        journal = app.drill.journal_path
        assert journal.with_name(journal.stem + ".contract.md").exists()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert app.drill.design == tuple(screen.draft.levers())


async def test_summary_refuses_to_start_without_every_reason(make_app, test_scenario) -> None:
    app = make_app(test_scenario, interview=True, live=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        first = test_scenario.features[0]
        await _pick(pilot, "reason", correct_key(test_scenario, first))
        assert app.focused is app.screen.query_one("#justification")  # Enter moved on
        await pilot.press("shift+tab", "s")  # back on the reasons, s opens the summary
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        text = summary.query_one("#summary-text").source
        others = ", ".join(f.name for f in test_scenario.features[1:])
        assert f"Still without a reason:** {others}" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is summary and app.drill is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DesignScreen)


async def test_mouse_only_design(make_app, test_scenario, tmp_path: Path) -> None:
    live = tmp_path / "live.json"
    app = make_app(test_scenario, interview=True, live=live)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        # the second feature, from the list on the left
        second = test_scenario.features[1]
        await pilot.click("#design-features", offset=(3, 1))
        await pilot.pause()
        assert screen.feature.id == second.id
        # choose its reason with a click on the first statement
        reasons = screen.query_one("#q-reason")
        screen.query_one("#design-form").scroll_to_widget(reasons, top=True, animate=False)
        await pilot.pause()
        key = reasons.get_option_at_index(0).id
        await pilot.click("#q-reason", offset=(4, 0))
        await pilot.pause()
        assert screen.draft.reason(second.id) == key
        assert read_live(live).contract.features[second.id].reason == key
        await pilot.click("#next")
        await pilot.pause()
        assert screen.feature.id == test_scenario.features[2].id
        form = screen.query_one("#design-form")
        form.scroll_to_widget(screen.query_one("#previous"), animate=False)  # the wheel, say
        await pilot.pause()
        await pilot.click("#previous")
        await pilot.pause()
        assert screen.feature.id == second.id


def test_queue_ttl_is_asked_only_under_queued(make_app, test_scenario) -> None:
    import asyncio

    async def run() -> None:
        app = make_app(test_scenario, interview=True, live=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert not screen.query_one("#group-ttl").display
            await _pick(pilot, "policy", "queued")
            assert screen.query_one("#group-ttl").display
            await _pick(pilot, "ttl", "300")
            assert screen.draft.choice("orders").knobs.ttl == 300
            assert "ttl orders 300" in screen.draft.levers()

    asyncio.run(run())


# -- snapshots -------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_design(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario, interview=True, live=None)

    async def run_before(pilot) -> None:
        await pilot.press("enter")
        await pilot.pause()
        await _pick(pilot, "policy", "ap")
        pilot.app.screen.query_one("#q-policy").focus()
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_design_reasons(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario, interview=True, live=None)
    key = correct_key(test_scenario, test_scenario.features[1])

    async def run_before(pilot) -> None:
        await pilot.press("enter", "right_square_bracket")
        await pilot.pause()
        await _pick(pilot, "reason", key)
        pilot.app.screen.query_one("#q-reason").focus()
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_summary(snap_compare, make_app, test_scenario, size) -> None:
    app = make_app(test_scenario, interview=True, live=None)

    async def run_before(pilot) -> None:
        await pilot.press("enter")
        await pilot.pause()
        await _design_like_the_model(pilot, test_scenario)

    assert snap_compare(app, run_before=run_before, terminal_size=size)


def test_reasons_on_screen_are_the_cores_statements(test_scenario) -> None:
    from wargame.tui.interview.draft import Draft

    draft = Draft(test_scenario, 7)
    for f in test_scenario.features:
        assert draft.reasons(f.id) == [(s.key, s.text) for s in statements(test_scenario, f)]
    assert json.loads(json.dumps(draft.levers()))  # plain strings


def test_a_design_drills_journal_replays_exactly(test_scenario, tmp_path: Path) -> None:
    """The journal header carries the design, so ``wargame run --actions`` replays the drill."""
    from wargame.cli.run import execute
    from wargame.model.journal import read_journal
    from wargame.tui.drill import Drill
    from wargame.tui.interview.draft import Draft

    draft = Draft(test_scenario, 7, contract=Contract.from_model(test_scenario))
    path = tmp_path / "drill.jsonl"
    drill = Drill(test_scenario, 7, path, paused=True, design=draft.levers())
    drill.advance(60)
    while drill.page_t is None or drill.now < drill.page_t:
        drill.advance(30)
    drill.act("set blocks ap")
    played = drill.finish()
    journal = read_journal(path)
    assert journal.design == tuple(draft.levers())
    replay = execute(
        test_scenario,
        journal.seed,
        journal.policy,
        journal.actions,
        journal.difficulty,
        journal.design,
    )
    assert replay.model_dump_json() == played.model_dump_json()
    without = execute(test_scenario, journal.seed, journal.policy, journal.actions)
    assert without.model_dump_json() != played.model_dump_json()


@pytest.mark.parametrize("sid", [s.id for s in list_scenarios()])
def test_the_form_can_build_the_models_design(sid) -> None:
    """Every setting the model uses is offered, and answering with it builds the model."""
    from wargame.tui.interview.draft import Draft, choice_words
    from wargame.tui.interview.form import questions

    sc = load_scenario(sid)
    draft = Draft(sc, sc.seed)
    model = Contract.from_model(sc)
    for f in sc.features:
        asked = {q.key: q for q in questions(sc, f, draft.reasons(f.id), draft.built_values(f.id))}
        built = draft.built_values(f.id)
        for key, value in choice_words(model.features[f.id]).items():
            offered = [v for v, _ in asked[key].options]
            assert value in offered, (f.id, key, value)
            assert sum(built.get(key) == v for v in offered) <= 1  # one "(as built)"
            draft.set_value(f.id, key, value)
        draft.set_reason(f.id, correct_key(sc, f))
    assert draft.levers() == model.levers(sc)
    assert draft.missing() == []
    kinds = {f.kind for f in sc.features}
    keys = {q.key for f in sc.features for q in questions(sc, f, draft.reasons(f.id))}
    assert ("dedup" in keys) == ("messaging" in kinds)
    assert ("safe-mode" in keys) == ("rate_limiter" in kinds)
