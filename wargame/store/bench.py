"""Benchmark of the store: how long one recorded decision takes to commit.

Run ``python -m wargame.store.bench [--actions N] [--db PATH]``: it records
N actions into a fresh drill (each its own synced transaction, as the game
does), then reads them back, and prints the median and worst commit time.
The default file is a temporary one, deleted afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from wargame.model.action import parse_action
from wargame.store.recorder import Store


def measure(path: Path, count: int) -> dict:
    """Commit times (ms) of ``count`` actions and the time to read them back."""
    with Store(path) as store:
        drill = store.start_drill("flash-sale", 1, "standard")
        times = []
        for i in range(count):
            action = parse_action(f"{(60 + i) // 60:02d}:{(60 + i) % 60:02d} severity SEV2")
            start = time.perf_counter()
            store.record_action(drill, action)
            times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        assert len(store.actions(drill)) == count
        read_ms = (time.perf_counter() - start) * 1000
    return {
        "actions": count,
        "median_ms": round(statistics.median(times), 3),
        "p99_ms": round(sorted(times)[int(0.99 * (count - 1))], 3),
        "max_ms": round(max(times), 3),
        "read_all_ms": round(read_ms, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wargame.store.bench")
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--db", help="store file (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.db:
        print(measure(Path(args.db), args.actions))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        print(measure(Path(folder) / "bench.db", args.actions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
