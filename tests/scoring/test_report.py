"""The post-incident report: a golden file for a fixed seed and play, and its structure.

Regenerate the golden file deliberately (after an intended change to the
report, the scoring or the engine) with::

    WARGAME_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/scoring/test_report.py

and review the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from scoring.helpers import GOOD_PLAY, play

from wargame.scoring import build_report, compare, report_markdown

GOLDEN = Path(__file__).parent / "golden" / "mini-social.md"
DATE = "2025-01-31"
SECTIONS = [
    "## Timeline",
    "## What you saw, what was true, what you believed",
    "## Root cause",
    "## User impact",
    "## Resolution",
    "## What went well",
    "## What went wrong",
    "## Scores",
    "## Incident metrics",
    "## Lessons learned",
    "## Action items",
    "## Consistency contract",
]


@pytest.fixture(scope="module")
def good(mini):
    result = play(mini, GOOD_PLAY)
    return compare(mini, mini.seed, result), result


def test_golden_report(mini, good) -> None:
    debrief, result = good
    text = report_markdown(debrief, result, mini, date=DATE)
    if os.environ.get("WARGAME_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run with WARGAME_UPDATE_GOLDEN=1"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the report changed; if intended, regenerate with WARGAME_UPDATE_GOLDEN=1 and review"
    )


def test_sections_in_order_and_contract_last(mini, good) -> None:
    debrief, result = good
    text = report_markdown(debrief, result, mini, date=DATE)
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    tail = text[text.index("## Consistency contract") :].strip().splitlines()
    rows = [line for line in tail if line.startswith("| ")][1:]  # skip the header
    assert len(rows) == len(mini.features)
    assert text.rstrip().endswith("|")  # the contract table ends the report
    for label in ("**Date:** 2025-01-31", "**Duration:**", "**Severity:**", "**Users affected:**"):
        assert label in text
    for metric in ("MTTD", "MTTA", "MTTR"):
        assert re.search(rf"\| {metric} \| [^|]+ \| mean time to", text)
    assert "- [ ] Make Block list CP" in text


def test_report_mentions_actions_and_root_cause(mini, good) -> None:
    debrief, result = good
    report = build_report(debrief, result, mini, DATE)
    kinds = {line.kind for line in report.timeline}
    assert {"partition", "event", "alert", "action", "inject"} <= kinds
    assert any("set posts ap" in line.text for line in report.timeline)
    assert [x.t for x in report.timeline] == sorted(x.t for x in report.timeline)
    assert any("split into East | West" in p for p in report.root_cause)
    contract = {row.feature: row for row in report.contract}
    assert contract["blocks"].choice.startswith("CP")
    assert contract["posts"].choice.startswith("AP")
    assert "platform" in contract["blocks"].paged and "security" in contract["blocks"].paged


def test_no_date_means_not_recorded(mini, good) -> None:
    debrief, result = good
    assert "**Date:** not recorded" in report_markdown(debrief, result, mini)
