"""The quiz bank, grading and the ``wargame quiz`` command (headless)."""

from __future__ import annotations

import json
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.cli import main as cli_main
from wargame.interview.quiz import AnswerError, Bank, grade, load_bank, public
from wargame.paths import assets_dir


def _strict(text: str):
    def bad(name):
        raise ValueError(name)

    return json.loads(text, parse_constant=bad)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def test_every_question_has_one_right_answer_and_every_choice_an_explanation(bank) -> None:
    for q in bank.questions:
        assert [c.key for c in q.choices].count(q.answer) == 1, q.id
        assert len(q.choices) == 4, q.id
        for c in q.choices:
            assert len(c.why) >= 20, (q.id, c.key)
            assert c.text.strip() and c.text != q.prompt


def test_the_chapter_brainstorming_questions_are_all_there(bank) -> None:
    ids = {q.id for q in bank.questions}
    systems = ["bank-transfer", "timeline", "leaderboard", "email", "ride-location",
               "patient-records", "recommendations", "stock-trading"]  # fmt: skip
    assert {f"sacrifice-{s}" for s in systems} <= ids
    for s in ["checkout", "read-receipts", "blocking", "rate-limit", "password-reset"]:
        assert {f"symptoms-{s}-cp", f"symptoms-{s}-ap"} <= ids
    assert len(bank.select("evolution")) == 4
    assert {"misconception-ca", "misconception-cp-slower", "misconception-acid-cp"} <= ids
    assert len(bank.select("exactly-once")) >= 2


def test_the_right_answer_cannot_be_guessed_by_position_or_length(bank) -> None:
    n = len(bank.questions)
    longest = sum(len(q.right.text) >= max(len(c.text) for c in q.choices) for q in bank.questions)
    assert longest <= 0.4 * n
    positions = [q.answer for q in bank.questions]
    for key in "abcd":
        assert positions.count(key) <= 0.4 * n


def test_a_bank_with_a_wrong_answer_key_or_unknown_topic_is_refused(bank) -> None:
    raw = tomllib.loads((assets_dir() / "quiz.toml").read_text())
    raw["questions"][0]["answer"] = "z"
    with pytest.raises(ValueError, match="not one of the choices"):
        Bank.model_validate(raw)
    raw = tomllib.loads((assets_dir() / "quiz.toml").read_text())
    raw["questions"][1]["topic"] = "nope"
    with pytest.raises(ValueError, match="unknown topic"):
        Bank.model_validate(raw)
    raw = tomllib.loads((assets_dir() / "quiz.toml").read_text())
    raw["questions"][2]["id"] = raw["questions"][3]["id"]
    with pytest.raises(ValueError, match="ids repeat"):
        Bank.model_validate(raw)


def test_grading(bank) -> None:
    right = {q.id: q.answer for q in bank.questions}
    full = grade(bank, right)
    assert (full.score, full.total, full.percent) == (len(right), len(right), 100.0)
    none = grade(bank, {}, "misconceptions")
    assert (none.score, none.answered, none.total) == (0, 0, 5)
    q = bank.select("symptoms")[0]
    wrong = next(c.key for c in q.choices if c.key != q.answer)
    g = grade(bank, {q.id: wrong}, "symptoms")
    first = g.results[0]
    assert not first.correct and first.feedback == q.choice(wrong).why
    assert first.explanation == q.right.why
    with pytest.raises(AnswerError, match="no such question"):
        grade(bank, {q.id: q.answer}, "misconceptions")
    with pytest.raises(AnswerError, match="not one of the choices"):
        grade(bank, {q.id: "z"})


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_score_counts_exactly_the_right_answers(bank, data) -> None:
    qs = data.draw(st.lists(st.sampled_from(bank.questions), unique_by=lambda q: q.id))
    answers = {q.id: data.draw(st.sampled_from([c.key for c in q.choices])) for q in qs}
    g = grade(bank, answers)
    assert g.score == sum(answers[q.id] == q.answer for q in qs)
    assert g.answered == len(answers) and g.total == len(bank.questions)


def test_json_lists_questions_without_answers(capsys, bank) -> None:
    assert cli_main(["quiz", "--json"]) == 0
    out = _strict(capsys.readouterr().out)
    assert len(out["questions"]) == len(bank.questions)
    text = json.dumps(out)
    assert '"answer"' not in text and '"why"' not in text
    assert out == json.loads(json.dumps(public(bank)))
    assert cli_main(["quiz", "exactly-once", "--json"]) == 0
    out = _strict(capsys.readouterr().out)
    assert {q["topic"] for q in out["questions"]} == {"exactly-once"}


def test_answers_file_is_graded(tmp_path, capsys, bank) -> None:
    qs = bank.select("misconceptions")
    answers = {q.id: q.answer for q in qs[:3]}
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": answers}))
    assert cli_main(["quiz", "misconceptions", "--answers", str(path), "--json"]) == 0
    out = _strict(capsys.readouterr().out)
    assert (out["score"], out["total"], out["answered"]) == (3, 5, 3)
    assert cli_main(["quiz", "misconceptions", "--answers", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Score: 3/5" in text and "skipped" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2]", "expected an object"),
        ("{", "not JSON"),
        ('{\n  "misconception-ca": "b",\n  "nope": "a"\n}', ":3: answers.nope: no such question"),
        ('{\n  "misconception-ca": "z"\n}', ":2: answers.misconception-ca: 'z' is not one"),
        ('{"misconception-ca": 3}', "one letter"),
        ('{"misconception-ca": NaN}', "not a number JSON allows"),
        ("[" * 500 + "]" * 500, "nested more than"),
    ],
)
def test_bad_answers_files_exit_2_with_file_and_line(tmp_path, capsys, content, message) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert cli_main(["quiz", "--answers", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err and "Traceback" not in err


def test_bad_topic_and_special_files(tmp_path, capsys) -> None:
    assert cli_main(["quiz", "nope"]) == 2
    assert "unknown topic 'nope'" in capsys.readouterr().err
    assert cli_main(["quiz", "--answers", str(tmp_path)]) == 2
    assert "directory" in capsys.readouterr().err
    assert cli_main(["quiz", "--answers", str(tmp_path / "missing.json")]) == 2


def test_without_a_terminal_the_questions_are_printed(capsys, bank) -> None:
    assert cli_main(["quiz", "evolution"]) == 0
    out = capsys.readouterr().out
    for q in bank.select("evolution"):
        assert q.prompt in out
    assert "--answers" in out
