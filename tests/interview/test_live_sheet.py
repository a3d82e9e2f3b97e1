"""The live design file and the interviewer's sheet, headless; ``wargame interview`` arguments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.cli import main
from wargame.interview.contract import Contract
from wargame.interview.live import FORMAT, LiveError, live_path, read_live, write_live
from wargame.interview.reasons import statements
from wargame.interview.sheet import RUBRIC, follow_ups, sheet_markdown
from wargame.model.journal import header
from wargame.model.loader import list_scenarios, load_scenario
from wargame.scoring.contract import users_see
from wargame.scoring.verdicts import LEVELS

SCENARIOS = list_scenarios()


def test_live_file_round_trips_the_contract(tmp_path: Path) -> None:
    sc = load_scenario("flash-sale")
    contract = Contract.from_model(sc)
    path = live_path(tmp_path, sc.id)
    assert path == tmp_path / "interview" / "flash-sale.live.json"
    write_live(path, contract, seed=11, current="cart")  # creates the folder
    live = read_live(path)
    assert (live.contract, live.seed, live.current) == (contract, 11, "cart")
    assert not list(path.parent.glob(".*.tmp"))  # nothing left of the atomic write


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "no such file"),
        ("{", "not JSON"),
        ('{"format": "other"}', "not a live design file"),
        (json.dumps({"format": FORMAT, "contract": {"scenario": "x"}}), "does not read"),
        (json.dumps({"format": FORMAT, "contract": 3}), "does not read"),
    ],
)
def test_a_bad_live_file_is_one_line(tmp_path: Path, text, message) -> None:
    path = tmp_path / "live.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(LiveError, match=message) as info:
        read_live(path)
    assert "\n" not in str(info.value)


def test_live_file_is_not_written_over_a_directory(tmp_path: Path) -> None:
    sc = load_scenario("flash-sale")
    (tmp_path / "live.json").mkdir()
    with pytest.raises(OSError):
        write_live(tmp_path / "live.json", Contract.from_as_built(sc))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_sheet_before_the_candidate_starts_has_rubric_model_and_questions(scenario) -> None:
    text = sheet_markdown(scenario)
    assert "The candidate has not started yet" in text
    assert LEVELS in text  # said once, where the sheet first names the levels
    for name, _, _ in RUBRIC:
        assert name.capitalize() in text
    for f in scenario.features:
        assert f"## {f.name}" in text
        assert " ".join(f.model.why.split())[:60] in text
        assert "**candidate**" not in text
    for question in (
        "What does the user see during the partition?",
        "What does this cost per minute?",
        "What happens at the heal?",
    ):
        assert text.count(question) == len(scenario.features)


def test_sheet_shows_the_candidates_choices_reasons_and_words() -> None:
    sc = load_scenario("transatlantic-cut")
    contract = Contract.from_as_built(sc)
    first, second = sc.features[0], sc.features[1]
    wrong = next(s for s in statements(sc, first) if not s.correct)
    right = next(s for s in statements(sc, second) if s.correct)
    flipped = "ap" if first.model.policy != "ap" else "cp"
    contract.features[first.id] = contract.features[first.id].model_copy(
        update={"policy": flipped, "reason": wrong.key, "justification": "users  first"}
    )
    contract.features[second.id] = contract.features[second.id].model_copy(
        update={"policy": second.model.policy, "reason": right.key}
    )
    text = sheet_markdown(sc, contract, current=second.id, seed=5)
    assert "Seed 5." in text
    assert f"1 of {len(sc.features)} features reasoned" not in text
    assert f"2 of {len(sc.features)} features reasoned" in text
    assert f"## {second.name} ({second.kind.replace('_', ' ')}) ◀ on the candidate's screen" in text
    assert f"reason {wrong.key}) {wrong.text} (**mistake: {wrong.label}**)" in text
    assert f"reason {right.key}) {right.text} (**holds**)" in text
    assert "in their words: users first" in text
    assert "**differs from the model**" in text
    # the follow-up on what users see follows the candidate's policy, not the model's
    assert users_see(first.kind, flipped) in text


def test_the_rubric_names_the_design_debriefs_signals() -> None:
    from wargame.interview.design import evaluate

    sc = load_scenario("flash-sale")
    names = [s.name for s in evaluate(sc, Contract.from_model(sc)).signals]
    assert names == [name for name, _, _ in RUBRIC]


def test_sheet_flags_one_policy_for_every_feature() -> None:
    sc = load_scenario("news-feed")
    contract = Contract.from_as_built(sc)
    for fid, choice in contract.features.items():
        contract.features[fid] = choice.model_copy(update={"policy": "cp"})
    assert "every feature has the same policy" in sheet_markdown(sc, contract)


def test_follow_ups_name_the_money_at_stake() -> None:
    sc = load_scenario("flash-sale")
    inventory = next(f for f in sc.features if f.kind == "inventory")
    cost = next(q for q in follow_ups(sc, inventory, None) if "cost per minute" in q)
    per_min = 60 * (
        inventory.writes_per_s * inventory.revenue_per_write
        + inventory.reads_per_s * inventory.revenue_per_read
    )
    assert f"${per_min:,.0f}" in cost


@settings(max_examples=25, deadline=None)
@given(
    policy=st.sampled_from(["cp", "cp-reads", "queued", "ap"]),
    reason=st.sampled_from([None, "a", "b", "c", "d"]),
    words=st.text(max_size=200),
)
def test_sheet_renders_any_choice(policy, reason, words) -> None:
    sc = load_scenario("flash-sale")
    contract = Contract.from_as_built(sc)
    fid = sc.features[0].id
    contract.features[fid] = contract.features[fid].model_copy(
        update={"policy": policy, "reason": reason, "justification": words}
    )
    text = sheet_markdown(sc, contract, current=fid)
    assert f"`{policy}`" in text


# -- the command ---------------------------------------------------------------------------


def test_interviewer_export_writes_the_sheet(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("WARGAME_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "sheet.md"
    assert main(["interview", "flash-sale", "--interviewer", "--export", str(out)]) == 0
    assert "has not started yet" in out.read_text()
    sc = load_scenario("flash-sale")
    write_live(live_path(tmp_path / "data", sc.id), Contract.from_model(sc), current="cart")
    assert main(["interview", "flash-sale", "--interviewer", "--export", str(out)]) == 0
    assert "◀ on the candidate's screen" in out.read_text()
    # --live names another file, on both sides
    other = tmp_path / "other.json"
    write_live(other, Contract.from_as_built(sc))
    args = ["interview", "flash-sale", "--interviewer", "--live", str(other), "--export", str(out)]
    assert main(args) == 0
    assert "0 of" in out.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--export", "x.md"], "--export needs --interviewer"),
        (["--interviewer", "--export", "/nonexistent/dir/x.md"], "--export"),
        (["--journal-dir", "FILE"], "--journal-dir"),
        ([], "interview mode needs a terminal"),
    ],
)
def test_bad_interview_arguments_exit_2(tmp_path: Path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    Path("FILE").write_text("")
    assert main(["interview", "flash-sale", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wargame: ") and message in err
    assert "Traceback" not in err


def test_export_refuses_a_live_file_of_another_scenario(tmp_path: Path, capsys) -> None:
    other = tmp_path / "live.json"
    write_live(other, Contract.from_as_built(load_scenario("news-feed")))
    args = ["interview", "flash-sale", "--interviewer", "--live", str(other)]
    assert main([*args, "--export", str(tmp_path / "s.md")]) == 2
    assert "a design for 'news-feed'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("design", "message"),
    [
        ('"set inventory ap"', "design: must be a list"),
        ('["set inventory"]', "design.0: usage: set FEATURE"),
        ('["set nothing ap"]', "design: unknown feature"),
        ('["shed us 10"]', "design: "),
    ],
)
def test_a_bad_design_in_a_journal_exits_2(tmp_path: Path, capsys, design, message) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text(
        '{"journal": 1, "scenario": "flash-sale", "seed": 1, "policy": "as-built", '
        f'"design": {design}}}\n'
    )
    assert main(["run", "--actions", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_journal_with_a_design_replays_on_it(tmp_path: Path, capsys) -> None:
    sc = load_scenario("flash-sale")
    design = Contract.from_model(sc).levers(sc)
    path = tmp_path / "j.jsonl"
    path.write_text(json.dumps(header(sc.id, 3, design=design)) + "\n")
    out = tmp_path / "again.jsonl"
    assert main(["run", "--actions", str(path), "--json", "--journal-out", str(out)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["run", "flash-sale", "--seed", "3", "--policy", "model", "--json"]) == 0
    model = json.loads(capsys.readouterr().out)
    skip = ("policy", "debrief")
    assert {k: v for k, v in first.items() if k not in skip} == {
        k: v for k, v in model.items() if k not in skip
    }
    assert json.loads(out.read_text().splitlines()[0])["design"] == design
