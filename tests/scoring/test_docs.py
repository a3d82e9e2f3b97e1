"""The players' rules text matches the constants, and scoring stays headless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wargame.respond import AGREE, REACTION_S
from wargame.scoring import handling, rules, rules_text
from wargame.scoring.verdicts import IN_TIME_S

README = Path(__file__).resolve().parents[2] / "README.md"


def test_rules_text_quotes_the_constants() -> None:
    text = " ".join(rules_text().split())
    w = rules.VIOLATION_WEIGHTS
    assert f"{AGREE} different kinds of alert" in text
    assert f"**{REACTION_S:g} seconds** after they agree" in text
    assert f"{rules.ONLINE_SHARE:.0%} of daily users" in text
    assert f"Stale reads: {rules.STALE_WEIGHT:g} point per user-minute" in text
    assert f"Pending writes: {rules.PENDING_WEIGHT:g} point per user-minute" in text
    assert "three times a stale read" in text
    assert rules.PENDING_WEIGHT == pytest.approx(3 * rules.STALE_WEIGHT)
    assert f"{rules.TICKET_WEIGHT:g} points" in text
    assert f"{rules.VISIBLE_GRACE_S / 60:g} minutes" in text
    assert f"{rules.BACKLASH_FACTOR:.0%} extra" in text
    assert f"costs {rules.LIE_WEIGHT:g} point more" in text
    assert f"{rules.EVENT_WEIGHTS['false_indicators']:g} points" in text
    assert f"{rules.EVENT_WEIGHTS['lost_writes']:g} points" in text
    assert f"**{w['safety']:g}** for exposing" in text
    assert f"**{w['compliance']:g}** for a legal breach" in text
    assert f"**{w['financial']:g}** for a money error" in text
    assert f"at least {rules.SAFETY_MIN_SPAN:g} weighted violations" in text
    assert f"in units of {rules.SAFETY_UNIT:g}: the first few" in text
    assert f"costs **{rules.EXPOSURE_WEIGHT:g}** of a violation of its kind" in text
    assert f"{1 / rules.EXPOSURE_WEIGHT:g} harassment exposures weigh" in text
    assert rules.ZERO_MARK == "as-built" and "**doing nothing is 0**" in text
    assert f"at most {rules.MAX_POINTS_PER_VIOLATION:g} points" in text
    assert f"{rules.MIN_SPAN_SHARE:.0%} of the larger" in text
    assert f"points above 100 (at most {rules.BONUS_MAX:g})" in text
    assert f"share {1 - rules.HANDLING_WEIGHT:.0%} of the overall" in text
    assert f"Incident handling ({rules.HANDLING_WEIGHT:.0%} of the score)" in text
    assert f"1 - {rules.HARM_SHARE:.0%} x (1 - safety / 100)" in text
    assert f"at most **{rules.BEST_WITH_VIOLATIONS}**" in text
    assert f"within {handling.ACK_GOOD_S / 60:g} minutes, nothing after " in text
    assert f"nothing after {handling.ACK_NONE_S / 60:g} minutes" in text
    assert f"within {handling.DIAGNOSE_GOOD_S / 60:g} minutes of its start" in text
    assert f"nothing after {handling.DIAGNOSE_NONE_S / 60:g} minutes" in text
    assert handling.SEVERITY_ONE_OFF == 0.5 and "too high: half" in text
    assert handling.WRONG_TEAM_SHARE == 0.25 and "less a quarter for each team" in text
    assert handling.WRONG_ACT_SHARE == 0.2 and "less a fifth" in text
    assert f"within {IN_TIME_S / 60:g} minutes" in text
    for low, letter in rules.GRADES:
        assert f"**{letter}** {low:g}" in text


def test_readme_has_the_scoring_section() -> None:
    text = README.read_text(encoding="utf-8")
    assert "## Scoring" in text
    section = " ".join(text[text.index("## Scoring") :].split())
    assert "assets/scoring.md" in section
    assert "responder" in section and "page_t" in section
    assert f"at most {rules.MAX_POINTS_PER_VIOLATION:g} points" in section
    assert "wargame balance" in section


def test_scoring_never_imports_textual() -> None:
    code = (
        "import sys, wargame.scoring, wargame.scoring.markdown, wargame.cli.report; "
        "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
