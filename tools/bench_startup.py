"""Start-up benchmark: the game's first frame against a minimal Textual app.

Each sample is a whole process (interpreter start, imports, the first screen
composed and rendered headless, exit), run ``--runs`` times alternately; the
report is the median wall time of each and their ratio. The game's samples
open the scenario picker and exit once the app is ready (the first frame is
on screen): ``wargame app`` builds the app directly, ``wargame play`` goes
through the command line as a player does (headless too, for a fair
comparison).

    .venv/bin/python tools/bench_startup.py [--runs 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

BARE = """
from textual.app import App
class Bare(App):
    def on_ready(self):
        self.exit()
Bare().run(headless=True)
"""

GAME = """
from wargame.tui.app import WargameApp
WargameApp.on_ready = lambda self: self.exit()
WargameApp().run(headless=True)
"""

CLI = """
import sys
from functools import partialmethod
from wargame.tui.app import WargameApp
WargameApp.on_ready = lambda self: self.exit()
WargameApp.run = partialmethod(WargameApp.run, headless=True)
from wargame.cli import main
sys.exit(main(["play"]))
"""


def sample(code: str) -> float:
    """Wall seconds of one whole process running ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="processes per variant")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    variants = {"bare textual app": BARE, "wargame app (picker)": GAME, "wargame play": CLI}
    times: dict[str, list[float]] = {name: [] for name in variants}
    for code in variants.values():  # warm the file cache once
        sample(code)
    for _ in range(args.runs):
        for name, code in variants.items():
            times[name].append(sample(code))
    med = {name: statistics.median(v) for name, v in times.items()}
    base = med["bare textual app"]
    out = {name: {"median_s": round(m, 4), "ratio": round(m / base, 2)} for name, m in med.items()}
    if args.json:
        print(json.dumps({"runs": args.runs, "variants": out}, sort_keys=True))
    else:
        print(f"first frame, whole-process medians of {args.runs} runs:")
        for name, row in out.items():
            print(f"  {name:<22} {row['median_s'] * 1000:7.0f} ms  {row['ratio']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
