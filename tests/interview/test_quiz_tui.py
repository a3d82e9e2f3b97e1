"""The quiz screens, played with Pilot, and their snapshots at 80x24 and 120x40."""

from __future__ import annotations

import asyncio
import os

import pytest

from wargame.interview.quiz import load_bank
from wargame.tui.quiz import QuizApp, QuizScreen, ScoreScreen, TopicScreen

os.environ["TEXTUAL_ANIMATIONS"] = "none"
SIZES = [(80, 24), (120, 40)]


async def _answer(pilot, key: str) -> None:
    """Move the highlight to ``key`` and press Enter."""
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    for _ in range(ord(key) - ord("a")):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


def test_playing_a_topic_to_the_score() -> None:
    bank = load_bank()
    questions = bank.select("misconceptions")

    async def play() -> None:
        app = QuizApp("misconceptions", bank=bank)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for i, q in enumerate(questions):
                screen = app.screen
                assert isinstance(screen, QuizScreen) and screen.question.id == q.id
                # the first question is answered wrongly, the rest rightly
                key = q.answer if i else next(c.key for c in q.choices if c.key != q.answer)
                await _answer(pilot, key)
                verdict = str(screen.query_one("#verdict").render())
                assert verdict.startswith("Right" if i else "Not quite")
                explain = str(screen.query_one("#explain").render())
                assert q.right.why[:40] in explain
                # answering again does nothing until the next question
                await pilot.press("enter")
                assert screen.answers[q.id] == key
                await pilot.press("n")
                await pilot.pause()
            assert isinstance(app.screen, ScoreScreen)
            assert app.screen.result.score == len(questions) - 1
            await pilot.press("enter")
            await pilot.pause()
        assert app.return_value is not None and app.return_value.score == len(questions) - 1

    asyncio.run(play())


def test_topic_screen_then_escape_grades_what_was_answered() -> None:
    async def play() -> None:
        app = QuizApp()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TopicScreen)
            await pilot.press("down", "enter")  # the first topic after "All topics"
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuizScreen) and screen.topic == "sacrifice"
            q = screen.question
            await _answer(pilot, q.answer)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ScoreScreen)
            assert (app.screen.result.score, app.screen.result.answered) == (1, 1)

    asyncio.run(play())


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_question_answered_wrongly(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await pilot.pause()
        q = pilot.app.screen.question
        wrong = next(c.key for c in q.choices if c.key != q.answer)
        await _answer(pilot, wrong)

    assert snap_compare(QuizApp("symptoms"), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_topics(snap_compare, size) -> None:
    assert snap_compare(QuizApp(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_score(snap_compare, size) -> None:
    """The score page: one question right, one wrong, the rest skipped, each to review."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        questions = pilot.app.screen.questions
        await _answer(pilot, questions[0].answer)
        await pilot.press("n")
        await pilot.pause()
        q = pilot.app.screen.question
        await _answer(pilot, next(c.key for c in q.choices if c.key != q.answer))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ScoreScreen)

    assert snap_compare(QuizApp("misconceptions"), run_before=run_before, terminal_size=size)
