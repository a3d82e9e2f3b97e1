"""Each scenario defect the outside test found has its own test: refused, with a path
and a line, exit 2 and no traceback."""

from __future__ import annotations

import json
import tomllib

import pytest

from wargame.cli import main
from wargame.model.extremes import SHAPES, largest_data, largest_scenario
from wargame.model.loader import ScenarioError, parse_scenario, shipped
from wargame.model.scenario import MAX_WORK, Scenario

FLASH = shipped()["flash-sale"].read_text(encoding="utf-8")
MESSAGING = shipped()["messaging"].read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(text, "s.toml")
    return [str(p) for p in exc.value.problems]


def with_event(text: str, event: str) -> str:
    return text + "\n[[events]]\n" + event + "\n"


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    "event",
    [
        'at = "06:00"\nkind = "link"\nlinks = [["us-east", "us-east"]]\nstate = "down"',
        'at = "06:00"\nkind = "heal"\nlinks = [["us-west", "us-west"]]',
        'at = "06:00"\nkind = "partition"\nlinks = [["us-east", "us-east"]]',
    ],
)
def test_self_links_in_events_are_refused(event: str) -> None:
    found = problems(with_event(FLASH, event))
    assert any(".links.0: a link joins two different regions" in p for p in found), found


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("reads_per_s = 20", "reads_per_s = inf", "features.0.reads_per_s"),
        ("reads_per_s = 20", "reads_per_s = nan", "features.0.reads_per_s"),
        ("reads_per_s = 20", "reads_per_s = 1e308", "features.0.reads_per_s"),
        ("per_event = 0.0006", "per_event = 1e308", "tickets.errors.per_event"),
        ("delay_s = 60", "delay_s = inf", "tickets.errors.delay_s"),
        ('duration = "30:00"', "duration = nan", "duration"),
        ('duration = "30:00"', "duration = 1e20", "duration"),
        ('duration = "30:00"', 'duration = "168:00:00"', "duration"),
        ("hot_skus = 12", "hot_skus = 100000000", "features.0.knobs.hot_skus"),
        ("latency_ms = 70", "latency_ms = inf", "links.0.latency_ms"),
        ("daily_users = 2_000_000", "daily_users = " + "9" * 40, "business.daily_users"),
        ("status_page_trust = 0.5", "status_page_trust = nan", "business.status_page_trust"),
    ],
)
def test_non_finite_and_unbounded_numbers_are_refused(old: str, new: str, path: str) -> None:
    assert old in FLASH
    text = FLASH.replace(old, new, 1)
    found = problems(text)
    line = line_of(text, new.split(" = ")[0] + " = " + new.split(" = ")[1][:6])
    assert any(p.startswith(f"s.toml:{line}: {path}: ") for p in found), (line, found)


def test_weights_and_defaults_latency_are_bounded() -> None:
    found = problems(FLASH + "\ndefault_latency_ms = inf\n[weights]\nrevenue = inf\n")
    assert any("default_latency_ms" in p for p in found), found
    found = problems(FLASH + "\n[weights]\nrevenue = 0\ntrust = 0\nsafety = 0\n")
    assert any("weights: at least one weight" in p for p in found), found


def test_model_knob_regions_are_checked_at_their_path_and_line() -> None:
    old = "knobs = { dedup = true }"
    assert old in MESSAGING
    text = MESSAGING.replace(old, 'knobs = { replicas = ["us-east", "mars"] }', 1)
    line = line_of(text, '"mars"')
    found = problems(text)
    assert any(
        p.startswith(f"s.toml:{line}: features.0.model.knobs.replicas: unknown region 'mars'")
        for p in found
    ), found


@pytest.mark.parametrize(
    ("knob", "message"),
    [
        ('dedup = "no"', "must be true or false"),
        ("retry_factor = -1", "greater than or equal to 0"),
        ("retry_factor = inf", "finite number"),
        ("hot_skus = 5", "does not apply to kind 'messaging'"),
        ('leader = ""', "at least 1 character"),
    ],
)
def test_model_knobs_are_validated_as_knobs(knob: str, message: str) -> None:
    text = MESSAGING.replace("knobs = { dedup = true }", f"knobs = {{ {knob} }}", 1)
    line = line_of(text, knob)
    name = knob.split(" =")[0]
    found = problems(text)
    want = f"s.toml:{line}: features.0.model.knobs.{name}: "
    assert any(p.startswith(want) and message in p for p in found), found


@pytest.mark.parametrize("name", ['""', '"   "', '"\\t"'])
def test_empty_or_blank_names_are_refused(name: str) -> None:
    text = FLASH.replace('name = "Checkout & stock"', f"name = {name}", 1)
    assert any("features.0.name" in p for p in problems(text))
    text = FLASH.replace('name = "US-East"', f"name = {name}", 1)
    assert any("regions.0.name" in p for p in problems(text))


def test_unknown_names_anywhere_are_refused() -> None:
    found = problems(
        with_event(FLASH, 'at = "06:00"\nkind = "surge"\nfeatures = ["ghost"]\nfactor = 2')
    )
    assert any("unknown feature 'ghost'" in p for p in found), found
    found = problems(with_event(FLASH, 'at = "06:00"\nkind = "outage"\nregion = "mars"'))
    assert any("unknown region 'mars'" in p for p in found), found


def test_deep_nesting_and_huge_integers_are_refused_with_a_line() -> None:
    text = FLASH.replace("seed = 12", "seed = " + "[" * 5000 + "]" * 5000, 1)
    found = problems(text)
    assert found[0].startswith(f"s.toml:{line_of(text, 'seed = [')}: ") and "nested" in found[0]
    text = FLASH.replace("seed = 12", "seed = " + "9" * 5000, 1)
    found = problems(text)
    assert found[0].startswith(f"s.toml:{line_of(text, 'seed = 999')}: "), found


def test_long_values_are_quoted_short() -> None:
    text = FLASH.replace('kind = "inventory"', 'kind = "' + "x" * 1_000_000 + '"', 1)
    found = problems(text)
    assert found and all(len(p) < 400 for p in found), [len(p) for p in found]


def test_the_largest_scenarios_allowed_validate_and_one_more_step_does_not() -> None:
    for shape in SHAPES:
        scenario = largest_scenario(shape)
        assert MAX_WORK * 0.9 < scenario.work() <= MAX_WORK
    data = largest_data(*SHAPES["wide"])
    data["duration"] = data["duration"] * 1.2
    data["events"] = []
    with pytest.raises(ValueError, match="work units"):
        Scenario.model_validate(data)


def test_shipped_scenarios_stay_well_inside_the_bounds() -> None:
    for path in shipped().values():
        scenario = Scenario.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
        assert scenario.work() < MAX_WORK / 4, scenario.id


def test_validate_exit_codes_and_messages(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(FLASH.replace('duration = "30:00"', "duration = inf"), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:7: duration: ") and "Traceback" not in err


def test_schema_has_field_descriptions(capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    feature = schema["$defs"]["Feature"]["properties"]
    assert "Reads per second" in feature["reads_per_s"]["description"]
