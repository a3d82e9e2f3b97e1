"""``q`` in the scenario picker: the quiz's topics, its questions, its score, then the picker."""

from __future__ import annotations

from wargame.interview.quiz import load_bank
from wargame.tui.quiz import QuizScreen, ScoreScreen, TopicScreen
from wargame.tui.screens.picker import PickerScreen


async def test_q_plays_the_quiz_and_returns_to_the_picker(make_app, test_scenario) -> None:
    bank = load_bank()
    topic = bank.topics[0]
    questions = bank.select(topic.id)
    app = make_app(scenarios=[test_scenario])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert "q: quiz" in str(picker.query_one("#picker-keys").render())
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        await pilot.press("down", "enter")  # the first topic (after "all")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.topic == topic.id
        for q in questions:
            assert app.screen is quiz and quiz.question.id == q.id
            for _ in range(ord(q.answer) - ord("a")):
                await pilot.press("down")
            await pilot.press("enter", "n")
            await pilot.pause()
        assert isinstance(app.screen, ScoreScreen)
        assert app.screen.result.score == len(questions)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is picker
        # Escape on the topic list also comes back
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is picker
        # and the picker still opens a briefing
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "BriefingScreen", app.screen


async def test_q_in_the_seed_field_is_not_the_quiz(make_app, test_scenario) -> None:
    app = make_app(scenarios=[test_scenario])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s", "q", "4", "2")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.query_one("#seed").value == "42"
