"""``wargame quiz``: multiple-choice questions from the chapter, with explanations.

In a terminal it opens the quiz screen. ``--json`` prints the questions with
their choices and the answers withheld; ``--answers FILE`` grades a JSON object
of ``{"question-id": "b", ...}`` (optionally under an ``"answers"`` key) and
prints the score with an explanation per question.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wargame.cli.common import UsageError
from wargame.model.journal import strict_json
from wargame.model.safeio import InputError, read_text
from wargame.model.text import printable, quote

MAX_ANSWERS_BYTES = 256 * 1024
"""Largest answers file read (far above any real one)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quiz",
        help="interview practice: CAP questions with explanations",
        description="Multiple-choice questions from the chapter's case studies: which "
        "property to give up, the worst user-visible symptoms, how choices evolve, common "
        "misconceptions and exactly-once. Opens the quiz screen in a terminal; --json lists "
        "the questions (answers withheld); --answers FILE grades a set of answers.",
    )
    p.add_argument(
        "topic",
        nargs="?",
        default="all",
        help="sacrifice, symptoms, evolution, misconceptions, exactly-once, or all (default)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument(
        "--answers",
        metavar="FILE",
        help='grade a JSON file of answers: {"question-id": "b", ...}',
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from wargame.interview.quiz import AnswerError, grade, load_bank, public

    bank = load_bank()
    try:
        bank.select(args.topic)
    except KeyError as exc:
        raise UsageError(f"argument topic: {exc.args[0]}") from None
    topic = None if args.topic == "all" else args.topic
    if args.answers is not None:
        answers = _read_answers(Path(args.answers))
        try:
            result = grade(bank, answers, topic)
        except AnswerError as exc:
            raise UsageError(_where(Path(args.answers), exc.question) + str(exc)) from None
        if args.json:
            print(json.dumps(result.model_dump(), indent=2, allow_nan=False))
        else:
            _print_grade(result, bank)
        return 0
    if args.json:
        print(json.dumps(public(bank, topic), indent=2, allow_nan=False))
        return 0
    if sys.stdin.isatty() and sys.stdout.isatty():
        from wargame.tui.quiz import run_quiz

        return run_quiz(topic)
    _print_questions(bank, topic)
    return 0


def _where(path: Path, qid: str | None) -> str:
    """``FILE:LINE: answers.ID: `` for a problem with one answer (the line if found)."""
    name = printable(str(path))
    if qid is None:
        return f"{name}: "
    try:
        lines = read_text(path, MAX_ANSWERS_BYTES).splitlines()
    except InputError:
        return f"{name}: answers.{quote(qid, 60)[1:-1]}: "
    needle = json.dumps(qid)
    line = next((i for i, text in enumerate(lines, 1) if needle in text), None)
    at = f"{name}:{line}" if line else name
    return f"{at}: answers.{quote(qid, 60)[1:-1]}: "


def _read_answers(path: Path) -> dict[str, str]:
    """The answers file as a mapping of question id to choice key (``UsageError`` if bad)."""
    name = printable(str(path))
    try:
        text = read_text(path, MAX_ANSWERS_BYTES)
    except InputError as exc:
        raise UsageError(f"{name}: {exc}") from None
    try:
        data = strict_json(text)
    except ValueError as exc:
        raise UsageError(f"{name}:1: {printable(str(exc))}") from None
    if isinstance(data, dict) and set(data) == {"answers"}:
        data = data["answers"]
    if not isinstance(data, dict):
        raise UsageError(f'{name}:1: expected an object like {{"question-id": "b"}}')
    answers: dict[str, str] = {}
    for qid, key in data.items():
        if not isinstance(key, str) or len(key) != 1 or not key.isalpha():
            raise UsageError(
                _where(path, qid) + f'an answer is one letter such as "b", not {quote(key)}'
            )
        answers[qid] = key.lower()
    return answers


def _print_grade(result, bank) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    by_id = {q.id: q for q in bank.questions}
    for r in result.results:
        q = by_id[r.id]
        mark = (
            "[green]right[/]"
            if r.correct
            else ("[red]wrong[/]" if r.given else "[yellow]skipped[/]")
        )
        console.print(f"[b]{escape(r.id)}[/b]: {mark}")
        console.print(f"  {escape(q.prompt)}")
        if r.given and not r.correct and r.feedback:
            console.print(f"  you said {r.given}: {escape(r.feedback)}")
        console.print(f"  answer {r.answer}: {escape(q.right.text)}")
        console.print(f"  [dim]{escape(r.explanation)}[/]")
    console.print(
        f"\n[b]Score: {result.score}/{result.total}[/b] ({result.percent:g}%), "
        f"{result.answered} answered."
    )


def _print_questions(bank, topic: str | None) -> None:
    print("Answer in a JSON file and grade it with: wargame quiz --answers FILE")
    print('  (for example {"sacrifice-bank-transfer": "c"})\n')
    for q in bank.select(topic):
        print(f"{q.id}: {q.prompt}")
        for c in q.choices:
            print(f"  {c.key}) {c.text}")
        print()
