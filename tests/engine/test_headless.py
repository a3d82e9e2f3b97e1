"""The core never imports the UI toolkit."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_running_a_scenario_headless_leaves_textual_unimported():
    code = (
        "import sys\n"
        "from wargame.engine import Engine, load_scenario\n"
        "import wargame.model, wargame.engine\n"
        "try:\n"
        "    import wargame.scoring\n"
        "except ImportError:\n"
        "    pass\n"
        "Engine(load_scenario('flash-sale')).result()\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_core_packages_have_no_textual_import():
    pattern = re.compile(r"^\s*(import textual|from textual)", re.M)
    offenders = [
        str(p.relative_to(ROOT))
        for pkg in ("model", "engine", "scoring")
        for p in (ROOT / "wargame" / pkg).rglob("*.py")
        if pattern.search(p.read_text())
    ]
    assert offenders == []
