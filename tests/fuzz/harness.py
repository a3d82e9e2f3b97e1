"""Running the command line in-process for the fuzz tests, and the promises checked.

Every case calls :func:`wargame.cli.main` with stdout and stderr captured
and checks what the program promises about bad input: exit code 0 or 2,
no traceback, strict JSON whenever ``--json`` (or ``--format json``) was
asked for and the command succeeded, and no case slower than
``CASE_BUDGET_S``. Counts go to :data:`STATS` for the session summary.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import time
from collections import Counter
from dataclasses import dataclass

from wargame.cli import main

CASE_BUDGET_S = float(os.environ.get("WARGAME_FUZZ_BUDGET_S", "30"))
"""Most CPU time a single command may take (a ``run --json`` of the largest scenario
allowed takes about 10 s; CPU time, not wall time, so a busy shared machine does not
make a case fail)."""

STATS: dict[str, Counter] = {}
"""Per fuzz test: exit codes seen, cases and the slowest case (ms)."""


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float


def _reject_constant(name: str) -> object:
    raise ValueError(f"not strict JSON: {name}")


def strict_loads(text: str) -> object:
    """``json.loads`` that refuses NaN, Infinity and -Infinity."""
    return json.loads(text, parse_constant=_reject_constant)


def call(argv: list[str], kind: str = "cli") -> Outcome:
    """Run ``wargame ARGV`` in-process and check every promise; the outcome."""
    out, err = io.StringIO(), io.StringIO()
    start = time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    seconds = time.process_time() - start
    outcome = Outcome(code, out.getvalue(), err.getvalue(), seconds)
    stats = STATS.setdefault(kind, Counter())
    stats["cases"] += 1
    stats[f"exit {code}"] += 1
    stats["slowest_cpu_ms"] = max(stats["slowest_cpu_ms"], int(seconds * 1000))
    check(argv, outcome)
    return outcome


def check(argv: list[str], o: Outcome) -> None:
    """The promises: exit 0 or 2, no traceback, strict JSON, bounded time, short lines."""
    shown = " ".join(repr(a)[:60] for a in argv)[:400]
    assert o.code in (0, 2), f"exit {o.code} for {shown}\n{o.err[-2000:]}"
    for stream in (o.out, o.err):
        assert "Traceback (most recent call last)" not in stream, f"traceback for {shown}"
    assert o.seconds < CASE_BUDGET_S, f"{o.seconds:.1f} CPU-s for {shown}"
    if o.code == 2:
        assert o.err.strip(), f"exit 2 without a message for {shown}"
        for line in o.err.splitlines():
            assert len(line) < 1000, f"an error line of {len(line)} characters for {shown}"
    wants_json = "--json" in argv or ("--format" in argv and "json" in argv)
    if o.code == 0 and wants_json and argv and argv[0] in ("run", "report", "bench"):
        if "--help" in argv or "-h" in argv or "-o" in argv or "--output" in argv:
            return
        strict_loads(o.out)
