"""Scenario validation: every problem reported as FILE:LINE: path: message, exit 2."""

import json
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.model.loader import ScenarioError, load_path, parse_scenario
from wargame.paths import scenarios_dir

SAMPLE = Path(__file__).parent / "data" / "sample.toml"
FLASH = SAMPLE.read_text()  # a frozen copy of an early flash sale, so tuning cannot break these


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "s.toml")
    return [str(p) for p in info.value.problems]


def test_shipped_scenarios_are_valid():
    for path in sorted(scenarios_dir().glob("*.toml")):
        scenario = load_path(path)
        assert scenario.id == path.stem


def test_unknown_key_names_its_path_and_line():
    text = FLASH.replace('difficulty = "intro"', 'difficulty = "intro"\ncolour = "red"')
    line = text.splitlines().index('colour = "red"') + 1
    assert problems(text) == [
        f"s.toml:{line}: colour: unknown key (check the spelling; see scenarios/README.md)"
    ]


def test_nested_problem_points_into_the_array_of_tables():
    text = FLASH.replace("writes_per_s = 8", "writes_per_s = -8")
    out = problems(text)
    line = text.splitlines().index("writes_per_s = -8") + 1
    assert out == [
        f"s.toml:{line}: features.1.writes_per_s: Input should be greater than or equal to 0"
    ]


def test_cross_references_are_all_reported():
    text = FLASH.replace(
        'groups = [["us-east"], ["us-west"]]', 'groups = [["us-east"], ["us-east", "mars"]]'
    )
    text = text.replace('at = "20:00"', 'at = "45:00"')
    out = problems(text)
    assert any("events.2.groups.1: unknown region 'mars'" in p for p in out)
    assert any("are in two groups" in p for p in out)
    assert any("events.6.at: 2700s is after the end (1800s)" in p for p in out)
    assert all(p.startswith("s.toml:") for p in out)


def test_model_policy_the_kind_cannot_have():
    text = FLASH.replace(
        '[features.model]\npolicy = "ap"\nwhy = """\nLimits are',
        '[features.model]\npolicy = "queued"\nwhy = """\nLimits are',
    )
    out = problems(text)
    assert any("features.3" in p and "not supported by kind 'rate_limiter'" in p for p in out)


def test_knob_for_another_kind_is_rejected():
    text = FLASH.replace("knobs = { checkout_verifies = true }", "knobs = { dedup = true }")
    assert any(".knobs.dedup: does not apply to kind 'catalog'" in p for p in problems(text)), (
        problems(text)
    )


def test_model_knob_no_lever_reaches_is_refused_at_its_line():
    # a model that changes a knob no lever can change would crash the responder at run time
    built = 'knobs = { checkout_verifies = true }\n\n[features.model]\npolicy = "ap"\n'
    model = built + "knobs = { checkout_verifies = false }\n"
    text = FLASH.replace(built, model)
    line = text.splitlines().index("knobs = { checkout_verifies = false }") + 1
    (out,) = problems(text)
    assert out.startswith(f"s.toml:{line}: features.2.model.knobs.checkout_verifies: no lever")
    # the same value as built needs no lever; a knob with a lever is fine
    assert parse_scenario(FLASH.replace(built, built + "knobs = { checkout_verifies = true }\n"))
    assert parse_scenario(FLASH.replace(built, built + "knobs = { retry_factor = 0.5 }\n"))


def test_model_home_region_without_safe_mode_is_refused():
    text = FLASH.replace(
        '[features.model]\npolicy = "ap"\nwhy = """\nLimits are',
        '[features.model]\npolicy = "ap"\nknobs = { home_region = true }\nwhy = """\nLimits are',
    )
    assert any("features.3.model.knobs.home_region: " in p for p in problems(text)), problems(text)


def test_toml_syntax_error_reports_line_and_column():
    text = FLASH.replace('title = "Flash Sale"', 'title = "Flash Sale')
    (out,) = problems(text)
    assert out.startswith("s.toml:4:") and "TOML syntax error" in out


def test_validate_command_exit_codes_and_messages(tmp_path, capsys):
    good = SAMPLE
    bad = tmp_path / "bad.toml"
    bad.write_text(FLASH.replace('[[regions]]\nid = "us-west"', '[[regions]]\nid = "US West"'))
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "regions.1.id" in err
    assert "Traceback" not in err
    assert main(["validate", str(tmp_path / "missing.toml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Scenario"
    assert schema["additionalProperties"] is False
    assert "Feature" in schema["$defs"]


def test_scenario_files_carry_no_code_or_paths():
    for path in Path(scenarios_dir()).glob("*.toml"):
        text = path.read_text()
        assert "import " not in text and "__" not in text


def test_the_documented_example_is_valid_and_runs():
    from wargame.engine import Engine

    doc = (scenarios_dir() / "README.md").read_text()
    block = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    scenario = parse_scenario(block, "README example")
    result = Engine(scenario).result()
    assert result.features["feed"].rejected > 0
    assert result.features["blocks"].requests > 0
