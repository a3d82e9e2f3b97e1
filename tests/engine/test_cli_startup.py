"""``wargame`` and ``wargame play`` alone open the picker without loading the command line.

The subcommands' parsers pull in pydantic and the scenario models; the picker
needs neither before its first frame, so the bare commands skip them.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import wargame.tui as tui
tui.run = lambda *a, **k: 7
from wargame.cli import main
codes = [main([]), main(["play"])]
heavy = [m for m in ("pydantic", "wargame.model.scenario", "wargame.engine") if m in sys.modules]
print(codes, heavy)
"""


def test_bare_commands_open_the_game_without_the_parsers() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[7, 7] []"


def test_play_with_arguments_still_goes_through_the_parser(capsys) -> None:
    from wargame.cli import main

    assert main(["play", "--speed", "3"]) == 2
    assert "--speed" in capsys.readouterr().err
