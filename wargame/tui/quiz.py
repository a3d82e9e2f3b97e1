"""The quiz screens: pick a topic, answer one question at a time, read why, see the score.

The questions, their explanations and the grading come from the headless
:mod:`wargame.interview.quiz`; these screens only show them. ``wargame quiz``
opens :class:`QuizApp`; the game's own app can push :class:`QuizScreen` too.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.interview.quiz import Bank, Grade, Question, grade, load_bank


class TopicScreen(Screen[str | None]):
    """Choose a topic (or all of them); dismisses with the topic id or ``None``."""

    DEFAULT_CSS = """
    TopicScreen { padding: 0 1; }
    TopicScreen #quiz-title { text-style: bold; background: $panel; width: 100%; }
    TopicScreen #topics { height: auto; max-height: 1fr; border: none; margin-top: 1; }
    TopicScreen #topic-intro { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "leave", "Back")]
    AUTO_FOCUS = "#topics"

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank

    def compose(self) -> ComposeResult:
        yield Label("CAP quiz: interview practice", id="quiz-title")
        counts = {t.id: len(self.bank.select(t.id)) for t in self.bank.topics}
        options = [Option(f"All topics ({len(self.bank.questions)} questions)", id="all")]
        options += [Option(f"{t.title} ({counts[t.id]})", id=t.id) for t in self.bank.topics]
        yield OptionList(*options, id="topics")
        yield Static("", id="topic-intro", markup=False)
        yield Footer()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        tid = event.option.id
        text = (
            "Every question, topic by topic." if tid == "all" else self.bank.topic(tid or "").intro
        )
        self.query_one("#topic-intro", Static).update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_leave(self) -> None:
        self.dismiss(None)


class QuizScreen(Screen[Grade]):
    """One question at a time: choose, read why each answer is right or wrong, go on.

    Dismisses with the :class:`~wargame.interview.quiz.Grade` when the player
    leaves the score page (or presses Escape, grading what was answered).
    """

    DEFAULT_CSS = """
    QuizScreen { padding: 0 1; }
    QuizScreen #quiz-head { background: $panel; width: 100%; text-style: bold; }
    QuizScreen #quiz-body { height: 1fr; }
    QuizScreen #prompt { margin: 1 0; text-style: bold; }
    QuizScreen #choices { height: auto; border: none; }
    QuizScreen #feedback { margin-top: 1; height: auto; }
    QuizScreen .right { color: $success; text-style: bold; }
    QuizScreen .wrong { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("n", "next", "Next question", show=True),
        Binding("escape", "finish", "End quiz", show=True),
    ]
    AUTO_FOCUS = "#choices"

    def __init__(self, bank: Bank, topic: str | None = None) -> None:
        super().__init__()
        self.bank = bank
        self.topic = topic
        self.questions: list[Question] = bank.select(topic)
        self.answers: dict[str, str] = {}
        """Question id -> the key the player chose."""
        self.index = 0
        """Position of the question on screen in the quiz's list."""
        self.answered = False
        """Whether the question on screen has been answered (its explanations shown)."""

    @property
    def question(self) -> Question:
        """The question on screen."""
        return self.questions[self.index]

    def compose(self) -> ComposeResult:
        yield Label("", id="quiz-head")
        with VerticalScroll(id="quiz-body"):
            yield Static("", id="prompt", markup=False)
            yield OptionList(id="choices")
            with Vertical(id="feedback"):
                yield Static("", id="verdict")
                yield Static("", id="explain", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        q = self.question
        self._show_head()
        self.query_one("#prompt", Static).update(q.prompt)
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        options.add_options([Option(Text(f"{c.key}) {c.text}"), id=c.key) for c in q.choices])
        options.highlighted = 0
        options.disabled = False
        options.focus()
        self.query_one("#verdict", Static).update("")
        self.query_one("#explain", Static).update(
            "↑↓ choose · Enter answer · n skip · Esc end the quiz"
        )
        self.answered = False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.answered or event.option.id is None:
            return
        self.answer(event.option.id)

    def answer(self, key: str) -> None:
        """Record ``key`` for the question on screen and show the explanations."""
        q = self.question
        self.answers[q.id] = key
        picked = q.choice(key)
        right = key == q.answer
        verdict = self.query_one("#verdict", Static)
        verdict.set_classes("right" if right else "wrong")
        verdict.update("Right." if right else f"Not quite: the answer is {q.answer}).")
        lines = []
        if not right and picked is not None:
            lines.append(f"You chose {key}): {picked.why}")
            lines.append("")
        lines.append(f"{q.answer}) {q.right.text}")
        lines.append(q.right.why)
        others = [c for c in q.choices if c.key not in (q.answer, key)]
        if others:
            lines.append("")
            lines += [f"{c.key}) {c.why}" for c in others]
        last = self.index + 1 == len(self.questions)
        lines.append("")
        lines.append("Press n for the score." if last else "Press n for the next question.")
        self.query_one("#explain", Static).update("\n".join(lines))
        self.query_one("#choices", OptionList).disabled = True
        self.answered = True
        self._show_head()

    def _show_head(self) -> None:
        q = self.question
        score = sum(self.answers.get(x.id) == x.answer for x in self.questions)
        title = self.bank.topic(q.topic).title
        self.query_one("#quiz-head", Label).update(
            f"Question {self.index + 1} of {len(self.questions)} · {title} · "
            f"score {score}/{len(self.answers)}"
        )

    def action_next(self) -> None:
        if self.index + 1 < len(self.questions):
            self.index += 1
            self._show()
        else:
            self.action_finish()

    def action_finish(self) -> None:
        result = grade(self.bank, self.answers, self.topic)
        self.app.push_screen(ScoreScreen(self.bank, result), lambda _: self.dismiss(result))


class ScoreScreen(Screen[None]):
    """The score, and every missed or skipped question with its right answer."""

    DEFAULT_CSS = """
    ScoreScreen { padding: 0 1; }
    ScoreScreen #score-head { background: $panel; width: 100%; text-style: bold; }
    ScoreScreen #score-body { height: 1fr; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,q,enter", "close", "Done")]

    def __init__(self, bank: Bank, result: Grade) -> None:
        super().__init__()
        self.bank = bank
        self.result = result

    def compose(self) -> ComposeResult:
        r = self.result
        yield Label(
            f"Score {r.score}/{r.total} ({r.percent:g}%) · {r.answered} answered",
            id="score-head",
        )
        by_id = {q.id: q for q in self.bank.questions}
        missed = [g for g in r.results if not g.correct]
        if not missed:
            text = "Every answer right."
        else:
            parts = ["To review:"]
            for g in missed:
                q = by_id[g.id]
                status = f"you said {g.given})" if g.given else "skipped"
                parts += ["", q.prompt, f"  {status}; answer {q.answer}) {q.right.text}"]
                parts.append(f"  {g.explanation}")
            text = "\n".join(parts)
        with VerticalScroll(id="score-body"):
            yield Static(text, markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)


class QuizApp(App[Grade | None]):
    """``wargame quiz``: the topic list (unless a topic is given), the questions, the score."""

    TITLE = "CAP quiz"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, topic: str | None = None, bank: Bank | None = None) -> None:
        super().__init__()
        self.bank = bank or load_bank()
        self.topic = topic

    def on_mount(self) -> None:
        if self.topic is None:
            self.push_screen(TopicScreen(self.bank), self._picked)
        else:
            self._start(self.topic)

    def _picked(self, topic: str | None) -> None:
        if topic is None:
            self.exit(None)
        else:
            self._start(None if topic == "all" else topic)

    def _start(self, topic: str | None) -> None:
        self.push_screen(QuizScreen(self.bank, topic), self.exit)


def run_quiz(topic: str | None = None) -> int:
    """Open the quiz in the terminal; the exit code."""
    QuizApp(topic).run()
    return 0
