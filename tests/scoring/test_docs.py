"""The players' rules text matches the constants, and scoring stays headless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wargame.scoring import rules, rules_text
from wargame.scoring.verdicts import IN_TIME_S

README = Path(__file__).resolve().parents[2] / "README.md"


def test_rules_text_quotes_the_constants() -> None:
    text = rules_text()
    assert f"at {rules.VIOLATION_CAP:g}" in text
    assert f"{rules.ONLINE_SHARE:.0%} of daily users" in text
    assert f"{rules.STALE_WEIGHT:g} point per user-minute" in text
    assert f"{rules.TICKET_WEIGHT:g} points" in text
    assert f"{rules.VISIBLE_GRACE_S / 60:g} minutes" in text
    assert f"{rules.BACKLASH_FACTOR:.0%} extra" in text
    assert f"{rules.EVENT_WEIGHTS['false_indicators']:g} points" in text
    assert f"{rules.EVENT_WEIGHTS['lost_writes']:g} points" in text
    assert (
        f"{rules.SAFETY_MIN_SPAN:g}\n  violations" in text
        or f"{rules.SAFETY_MIN_SPAN:g} violations" in text
    )
    assert f"{rules.MIN_SPAN_SHARE:.0%} of the larger" in text
    assert f"within {IN_TIME_S / 60:g} minutes" in text
    for low, letter in rules.GRADES:
        assert f"**{letter}** {low:g}" in text


def test_readme_has_the_scoring_section() -> None:
    text = README.read_text(encoding="utf-8")
    assert "## Scoring" in text
    section = text[text.index("## Scoring") :]
    assert "assets/scoring.md" in section
    assert f"caps it at {rules.VIOLATION_CAP:g}" in section


def test_scoring_never_imports_textual() -> None:
    code = (
        "import sys, wargame.scoring, wargame.scoring.markdown, wargame.cli.report; "
        "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
