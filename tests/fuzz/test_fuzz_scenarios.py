"""Fuzz: mutated shipped scenarios never crash ``validate`` or ``run``.

A file ``validate`` accepts must run to the end: ``run --json`` exits 0 with
strict JSON within the case budget; a file it refuses gets exit 2 and
``FILE:LINE: path: message`` lines.
"""

from __future__ import annotations

import re
import subprocess
import sys

from fuzz.conftest import SCENARIO_EXAMPLES
from fuzz.harness import call, strict_loads
from fuzz.mutate import hostile_scenario
from hypothesis import given, settings

LINE = re.compile(r"^\S.*?(:\d+(:\d+)?)?: .+")


@settings(settings.get_profile("wargame-fuzz"), max_examples=SCENARIO_EXAMPLES)
@given(text=hostile_scenario())
def test_mutated_scenarios_validate_or_are_refused_cleanly(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("s") / "scenario.toml"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    checked = call(["validate", str(path)], "scenario files")
    if checked.code == 2:
        for line in checked.err.splitlines():
            assert line.startswith(str(path)) and LINE.match(line), line
        return
    ran = call(["run", str(path), "--json"], "scenario runs")
    assert ran.code == 0, ran.err


@settings(settings.get_profile("wargame-fuzz"), max_examples=max(3, SCENARIO_EXAMPLES // 200))
@given(text=hostile_scenario())
def test_a_few_mutated_scenarios_in_a_real_process(tmp_path_factory, text: str) -> None:
    """The same promises from outside: a real ``python -m wargame`` process."""
    path = tmp_path_factory.mktemp("p") / "scenario.toml"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    for args in (["validate", str(path)], ["run", str(path), "--json"]):
        out = subprocess.run(
            [sys.executable, "-m", "wargame", *args], capture_output=True, text=True, timeout=300
        )
        assert out.returncode in (0, 2), out.stderr[-2000:]
        assert "Traceback" not in out.stderr
        if out.returncode == 0 and "--json" in args:
            strict_loads(out.stdout)
        if out.returncode == 2:
            break
