"""``wargame design``: template, text and JSON debriefs, export, bad input (exit 2)."""

from __future__ import annotations

import json
import os

import pytest

from wargame.cli import main
from wargame.interview.contract import Contract, parse_contract
from wargame.interview.dump import dump_json
from wargame.model.loader import load_scenario


def refused(capsys, argv: list[str]) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, (code, captured.err)
    assert "Traceback" not in captured.err + captured.out
    return captured.err.strip()


def test_template_round_trips_and_scores_as_built(tmp_path, capsys) -> None:
    out = tmp_path / "c.toml"
    assert main(["design", "price-cache", "--template", "--out", str(out)]) == 0
    scenario = load_scenario("price-cache")
    assert parse_contract(out.read_text(), str(out)) == Contract.from_as_built(scenario)
    assert "# reason a: " in out.read_text()
    assert main(["design", "price-cache", "--template"]) == 0
    assert capsys.readouterr().out == out.read_text()
    assert main(["design", "price-cache", "--contract", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    as_built = next(r for r in data["debrief"]["comparison"] if r["run"] == "as-built")
    assert data["score"] == as_built["overall"] < data["model_score"] == 100.0
    assert {s["id"] for s in data["signals"]} == {
        "per-feature",
        "user-visible",
        "business-cost",
        "failure-modes",
    }


def test_model_contract_text_and_export(tmp_path, capsys) -> None:
    scenario = load_scenario("price-cache")
    path = tmp_path / "model.json"
    path.write_text(dump_json(Contract.from_model(scenario)))
    md = tmp_path / "contract.md"
    assert main(["design", "price-cache", "--contract", str(path), "--export", str(md)]) == 0
    text = capsys.readouterr().out
    assert "Score 100 (A); the model's own design scores 100" in text
    assert "L5 and L6 are interview levels" in text
    assert "Reasons that hold: 2 of 2." in text
    assert md.read_text().startswith("# Consistency contract: ")
    assert "| Feature | During a partition | What users see |" in md.read_text()


def test_seed_changes_the_incident(tmp_path, capsys) -> None:
    scenario = load_scenario("price-cache")
    path = tmp_path / "c.json"
    path.write_text(dump_json(Contract.from_as_built(scenario)))
    assert main(["design", "price-cache", "--contract", str(path), "--json", "--seed", "5"]) == 0
    assert json.loads(capsys.readouterr().out)["seed"] == 5


BAD_TOML = """scenario = "price-cache"

[features.prices]
policy = "ap"

[features.checkout]
policy = "cp-reads"
[features.checkout.knobs]
retry = 11
"""


def test_bad_contracts_exit_2_with_file_line_and_path(tmp_path, capsys) -> None:
    path = tmp_path / "c.toml"
    path.write_text(BAD_TOML)
    err = refused(capsys, ["design", "price-cache", "--contract", str(path)])
    assert err == (
        f"wargame: error: {path}:9: features.checkout.knobs.retry: "
        "retry factor must be between 0 and 10"
    )
    path.write_text(BAD_TOML.replace('"ap"', '"maybe"'))
    err = refused(capsys, ["design", "price-cache", "--contract", str(path)])
    assert err.startswith(f"wargame: error: {path}:4: features.prices.policy: ")
    path.write_text(BAD_TOML.replace("11", "1"))
    err = refused(capsys, ["design", "flash-sale", "--contract", str(path)])
    assert err.splitlines()[0] == (
        f"wargame: error: {path}:1: scenario: the contract is for 'price-cache', not 'flash-sale'"
    )
    err = refused(capsys, ["design", "price-cache", "--contract", str(tmp_path)])
    assert "is a directory" in err
    err = refused(capsys, ["design", "nope", "--template"])
    assert "unknown scenario" in err


def test_option_misuse_is_a_usage_error(tmp_path, capsys) -> None:
    assert "--template takes only --out" in refused(
        capsys, ["design", "price-cache", "--template", "--json"]
    )
    assert "--out goes with --template" in refused(
        capsys, ["design", "price-cache", "--contract", "x.toml", "--out", "y"]
    )
    refused(capsys, ["design", "price-cache"])  # neither --contract nor --template
    refused(capsys, ["design", "price-cache", "--template", "--contract", "x"])


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_never_writes_over_a_device(tmp_path, capsys) -> None:
    err = refused(capsys, ["design", "price-cache", "--template", "--out", "/dev/null"])
    assert "--out '/dev/null': cannot write" in err
