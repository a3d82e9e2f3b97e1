"""The quiz: a question bank read from ``assets/quiz.toml``, and grading.

Every question has one right choice and an explanation for each choice, so a
candidate learns from a miss as much as from a hit. The bank is data: the
loader validates it (unique ids, known topics, exactly one answer that is one
of the choices) and a test keeps the shipped bank valid.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from wargame.paths import assets_dir

Key = Annotated[str, StringConstraints(pattern=r"^[a-z]$")]
"""A choice's key: one lower-case letter."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Topic(_Strict):
    """A group of questions."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """What the player types to pick the topic (``wargame quiz ID``)."""
    title: str = Field(min_length=1)
    """A short heading."""
    intro: str = Field(min_length=1)
    """One sentence saying what the questions ask."""


class Choice(_Strict):
    """One possible answer."""

    key: Key
    """The letter the player answers with."""
    text: str = Field(min_length=1)
    """The answer as shown."""
    why: str = Field(min_length=1)
    """Why this answer is right, or why it is not."""


class Question(_Strict):
    """A multiple-choice question with exactly one right answer."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Stable id, used in answer files."""
    topic: str
    """The topic id it belongs to."""
    prompt: str = Field(min_length=1)
    """The question."""
    answer: Key
    """The key of the right choice."""
    choices: list[Choice] = Field(min_length=2, max_length=6)
    """The choices, in the order shown."""

    @model_validator(mode="after")
    def _one_answer(self) -> Question:
        keys = [c.key for c in self.choices]
        if len(set(keys)) != len(keys):
            raise ValueError(f"choice keys repeat: {', '.join(keys)}")
        if self.answer not in keys:
            raise ValueError(
                f"answer {self.answer!r} is not one of the choices ({', '.join(keys)})"
            )
        return self

    def choice(self, key: str) -> Choice | None:
        """The choice with ``key``, if any."""
        return next((c for c in self.choices if c.key == key), None)

    @property
    def right(self) -> Choice:
        """The right choice."""
        found = self.choice(self.answer)
        assert found is not None  # checked by the validator
        return found


class Bank(_Strict):
    """Every topic and question."""

    topics: list[Topic] = Field(min_length=1)
    """Topics in display order."""
    questions: list[Question] = Field(min_length=1)
    """Questions in display order."""

    @model_validator(mode="after")
    def _references(self) -> Bank:
        topics = [t.id for t in self.topics]
        if len(set(topics)) != len(topics):
            raise ValueError("topic ids repeat")
        ids = [q.id for q in self.questions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"question ids repeat: {', '.join(dupes)}")
        for q in self.questions:
            if q.topic not in topics:
                raise ValueError(f"question {q.id!r} names unknown topic {q.topic!r}")
        return self

    def select(self, topic: str | None = None) -> list[Question]:
        """The questions of ``topic`` (all of them for ``None`` or ``"all"``)."""
        if topic in (None, "all"):
            return list(self.questions)
        if topic not in {t.id for t in self.topics}:
            known = ", ".join(["all", *(t.id for t in self.topics)])
            raise KeyError(f"unknown topic {topic!r} (known: {known})")
        return [q for q in self.questions if q.topic == topic]

    def topic(self, topic_id: str) -> Topic:
        """The topic with ``topic_id``."""
        return next(t for t in self.topics if t.id == topic_id)


def load_bank(path: Path | None = None) -> Bank:
    """Read and validate a question bank (the shipped one by default)."""
    if path is None:
        return _shipped()
    return Bank.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))


@cache
def _shipped() -> Bank:
    path = assets_dir() / "quiz.toml"
    return Bank.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))


class Graded(BaseModel):
    """One answered (or skipped) question."""

    id: str
    """The question's id."""
    topic: str
    """Its topic."""
    given: str | None
    """The key the player gave (``None``: not answered)."""
    answer: str
    """The right key."""
    correct: bool
    """Whether the given key is the right one."""
    explanation: str
    """Why the right answer is right."""
    feedback: str | None
    """Why the given answer is right or wrong (``None`` when not answered)."""


class Grade(BaseModel):
    """The result of grading a set of answers."""

    topic: str
    """The topic graded, or ``all``."""
    score: int
    """Right answers."""
    total: int
    """Questions asked."""
    answered: int
    """Questions with an answer."""
    percent: float
    """Score as a percentage of the questions asked (0 when none)."""
    results: list[Graded]
    """Per question, in the bank's order."""


class AnswerError(ValueError):
    """An answer that names no question of the selection, or no choice of its question."""

    def __init__(self, question: str, message: str) -> None:
        super().__init__(message)
        self.question = question
        """The question id the answer was given for."""


def grade(bank: Bank, answers: dict[str, str], topic: str | None = None) -> Grade:
    """Grade ``answers`` (question id -> choice key) over the questions of ``topic``.

    Raises :class:`AnswerError` for an answer to a question that is not in the
    selection or with a key that is not one of its choices.
    """
    asked = bank.select(topic)
    by_id = {q.id: q for q in asked}
    for qid, key in answers.items():
        if qid not in by_id:
            where = f"topic {topic!r}" if topic else "the quiz"
            raise AnswerError(qid, f"no such question in {where}")
        if by_id[qid].choice(key) is None:
            keys = ", ".join(c.key for c in by_id[qid].choices)
            raise AnswerError(qid, f"{key!r} is not one of the choices ({keys})")
    results = []
    for q in asked:
        given = answers.get(q.id)
        picked = q.choice(given) if given is not None else None
        results.append(
            Graded(
                id=q.id,
                topic=q.topic,
                given=given,
                answer=q.answer,
                correct=given == q.answer,
                explanation=q.right.why,
                feedback=picked.why if picked else None,
            )
        )
    score = sum(r.correct for r in results)
    total = len(results)
    return Grade(
        topic=topic or "all",
        score=score,
        total=total,
        answered=sum(r.given is not None for r in results),
        percent=round(100.0 * score / total, 1) if total else 0.0,
        results=results,
    )


def public(bank: Bank, topic: str | None = None) -> dict:
    """The questions and their choices with the answers withheld (``--json``)."""
    asked = bank.select(topic)
    used = {q.topic for q in asked}
    return {
        "topics": [t.model_dump() for t in bank.topics if t.id in used],
        "questions": [
            {
                "id": q.id,
                "topic": q.topic,
                "prompt": q.prompt,
                "choices": [{"key": c.key, "text": c.text} for c in q.choices],
            }
            for q in asked
        ],
    }
