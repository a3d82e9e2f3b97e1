"""Hypothesis profiles of the fuzz suite: a few hundred cases in ``make test``, many more
in ``make fuzz`` (``WARGAME_FUZZ=1``; counts set by ``WARGAME_FUZZ_SCENARIOS`` and
``WARGAME_FUZZ_COMMANDS``). A summary of the cases run is printed at the end."""

from __future__ import annotations

import os

from fuzz.harness import STATS
from hypothesis import HealthCheck, settings

FUZZ = bool(os.environ.get("WARGAME_FUZZ"))
SCENARIO_EXAMPLES = int(os.environ.get("WARGAME_FUZZ_SCENARIOS", "10000")) if FUZZ else 60
"""Mutated scenario files per run of the suite."""
COMMAND_EXAMPLES = int(os.environ.get("WARGAME_FUZZ_COMMANDS", "2000")) if FUZZ else 50
"""Command lines per command-line fuzz test (journals, actions, argument lists)."""
RESULT_EXAMPLES = max(10, COMMAND_EXAMPLES // 4) if FUZZ else 12
"""Mutated result files (each costs a replay, so fewer)."""

settings.register_profile(
    "wargame-fuzz",
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
    derandomize=not FUZZ,
    database=None,
)


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: D103
    if not STATS:
        return
    terminalreporter.write_sep("-", "fuzz cases")
    for kind, counts in sorted(STATS.items()):
        rest = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k != "cases")
        terminalreporter.write_line(f"{kind}: {counts['cases']} cases ({rest})")
