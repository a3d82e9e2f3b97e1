"""Scale benchmark of ``wargame serve``: N browser sessions at once, each a game at 4x.

For each N of a ladder (``--sessions 1,2,4,8``) the benchmark starts a fresh
``wargame serve`` on a free local port with a game-day session of N teams
(flash-sale, standard difficulty: no auto-pause, 4x by default), then opens N
sessions the way a browser tab does (a websocket speaking textual-serve's
protocol: a terminal size, then keys), each joining with its own team's code
and starting the drill. Once every console shows its clock, it watches them
for ``--seconds`` of wall time and reports:

- memory per session: RSS and PSS of each game process (PSS shares the pages
  processes have in common fairly, so it is what a session really costs);
- CPU per session over the window (share of one core);
- each session's clock rate: sim seconds advanced / (speed x wall seconds);
  a session *falls behind* when that is below 0.9 (more than 10% slow).

The ladder stops at the first N where a session falls behind. The browsers
themselves run on the players' machines, so no browser runs here: what the
server's machine carries is the game processes, which this measures. The
clock is read from the bytes each game sends (its header's ``T+mm:ss``).

    .venv/bin/python tools/bench_serve.py [--sessions 1,2,4,8,12,16] [--seconds 60] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CLOCK = re.compile(rb"T\+(\d+):(\d\d)")
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Session:
    """One simulated browser tab."""

    code: str
    clock: int = -1
    """Highest sim clock seen on its screen (seconds); -1 before the console."""
    seen: bytearray = field(default_factory=bytearray)
    error: str = ""

    ready: bool = False
    """The drill runs at the speed measured (the clock counts from then on)."""

    def feed(self, data: bytes) -> None:
        found = CLOCK.findall(data)
        if found and self.ready:
            self.clock = max(self.clock, *(int(m) * 60 + int(s) for m, s in found))
        if not self.ready:
            self.seen += data
            del self.seen[:-20000]


async def wait_text(ws, session: Session, text: bytes, timeout: float) -> None:
    import aiohttp

    deadline = time.monotonic() + timeout
    while text not in session.seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"never saw {text!r}")
        msg = await ws.receive(timeout=left)
        if msg.type == aiohttp.WSMsgType.BINARY:
            session.feed(msg.data)
        elif msg.type != aiohttp.WSMsgType.TEXT:
            raise ConnectionError(f"websocket {msg.type.name}")


LADDER = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
"""The game's speeds (``wargame.tui.drill.SPEEDS``); a drill of flash-sale starts at 4x."""
START_SPEED = 4.0


def speed_keys(speed: float) -> str:
    """The keys that take a drill from 4x to ``speed`` (``+`` faster, ``-`` slower)."""
    steps = LADDER.index(speed) - LADDER.index(START_SPEED)
    return "+" * steps if steps > 0 else "-" * -steps


async def play(
    url: str, session: Session, stop: asyncio.Event, timeout: float, speed: float
) -> None:
    """Join with the code, start the drill, then keep reading the screen until ``stop``."""
    import aiohttp

    try:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(url + "ws?width=120&height=40", max_msg_size=0) as ws:
                await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
                await wait_text(ws, session, b"join code", timeout)
                await ws.send_str(json.dumps(["stdin", session.code + "\r"]))
                await wait_text(ws, session, b"Briefing", timeout)
                await ws.send_str(json.dumps(["stdin", "\r"]))
                if speed != START_SPEED:
                    session.seen.clear()
                    await wait_text(ws, session, b"T+", timeout)
                    await ws.send_str(json.dumps(["stdin", speed_keys(speed)]))
                    session.seen.clear()
                    await wait_text(ws, session, f" {speed:g}x ".encode(), timeout)
                else:
                    await wait_text(ws, session, b"T+", timeout)
                session.ready = True
                while not stop.is_set():
                    try:
                        msg = await ws.receive(timeout=0.5)
                    except TimeoutError:
                        continue
                    if msg.type == aiohttp.WSMsgType.BINARY:
                        session.feed(msg.data)
                    elif msg.type != aiohttp.WSMsgType.TEXT:
                        raise ConnectionError(f"websocket {msg.type.name}")
    except Exception as exc:  # noqa: BLE001 - reported per session
        session.error = f"{type(exc).__name__}: {exc}"


def memory(pid: int) -> tuple[float, float]:
    """RSS and PSS of a process in MiB."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss / 1024, pss / 1024


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def measure(n: int, seconds: float, speed: float, timeout: float) -> dict:
    """One rung of the ladder: ``n`` sessions at once."""
    from wargame.gameday import new_session
    from wargame.serve.local import LocalServer
    from wargame.store import Store

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        db = Path(tmp) / "store.db"
        codes: list[str] = []
        with Store(db) as store:
            left = n
            while left > 0:  # a session holds at most 50 teams
                made = new_session(store, "flash-sale", teams=min(left, 50), seed=7)
                codes += [code for *_, code in made.teams]
                left -= 50
        env = {"WARGAME_DATA_DIR": tmp, "TEXTUAL_ANIMATIONS": "none"}
        with LocalServer(db, env=env, log=Path(tmp) / "serve.log") as server:
            return asyncio.run(_rung(server, codes, seconds, speed, timeout))


async def _rung(server, codes: list[str], seconds: float, speed: float, timeout: float) -> dict:
    sessions = [Session(code) for code in codes]
    stop = asyncio.Event()
    started = time.monotonic()
    tasks = [asyncio.create_task(play(server.url, s, stop, timeout, speed)) for s in sessions]
    while any(s.clock < 0 and not s.error for s in sessions):
        if time.monotonic() - started > timeout:
            break
        await asyncio.sleep(0.2)
    ready_s = time.monotonic() - started
    live = [s for s in sessions if s.clock >= 0 and not s.error]
    pids = server.games()
    cpu0 = {p: cpu_seconds(p) for p in pids}
    w0, c0 = time.monotonic(), {id(s): s.clock for s in live}
    await asyncio.sleep(seconds)
    w1, c1 = time.monotonic(), {id(s): s.clock for s in live}
    cpu1 = {}
    mem = []
    server_rss = memory(server.process.pid)[0]
    for p in pids:
        try:
            cpu1[p] = cpu_seconds(p)
            mem.append(memory(p))
        except OSError:
            pass
    stop.set()
    await asyncio.gather(*tasks)
    wall = w1 - w0
    rates = [(c1[id(s)] - c0[id(s)]) / (speed * wall) for s in live]
    cpu = [(cpu1[p] - cpu0[p]) / wall for p in cpu1 if p in cpu0]
    failed = [s.error or "no clock on screen" for s in sessions if s not in live]
    return {
        "sessions": len(codes),
        "running": len(live),
        "failed": failed[:3],
        "ready_s": round(ready_s, 1),
        "game_processes": len(pids),
        "rss_mib_mean": round(statistics.mean(m[0] for m in mem), 1) if mem else None,
        "rss_mib_max": round(max(m[0] for m in mem), 1) if mem else None,
        "pss_mib_mean": round(statistics.mean(m[1] for m in mem), 1) if mem else None,
        "cpu_per_session": round(statistics.mean(cpu), 3) if cpu else None,
        "server_rss_mib": round(server_rss, 1),
        "clock_rate_min": round(min(rates), 3) if rates else None,
        "clock_rate_median": round(statistics.median(rates), 3) if rates else None,
        "window_s": round(wall, 1),
        "loadavg_before": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sessions", default="1,2,4,8,12,16", help="the ladder of N (comma list)")
    p.add_argument("--seconds", type=float, default=60.0, help="measuring window per N")
    p.add_argument("--timeout", type=float, default=180.0, help="longest wait for N consoles")
    p.add_argument("--max-lag", type=float, default=0.10, help="behind by more than this fails")
    p.add_argument("--speed", type=float, default=4.0, choices=LADDER, help="drill speed")
    p.add_argument("--json", action="store_true", help="one JSON document instead of a table")
    args = p.parse_args(argv)
    ladder = [int(x) for x in args.sessions.split(",") if x.strip()]
    speed = args.speed
    rows = []
    behind_at = None
    if not args.json:
        print(
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start;"
            f" drills at {speed:g}x"
        )
        print(
            f"{'N':>4} {'up':>4} {'ready s':>8} {'RSS MiB':>8} {'max':>6} {'PSS MiB':>8}"
            f" {'CPU/sess':>9} {'rate min':>9} {'median':>7} {'load':>5}"
        )
    for n in ladder:
        row = measure(n, args.seconds, speed, args.timeout)
        rows.append(row)
        if not args.json:
            print(
                f"{row['sessions']:>4} {row['running']:>4} {row['ready_s']:>8} "
                f"{row['rss_mib_mean']!s:>8} {row['rss_mib_max']!s:>6} "
                f"{row['pss_mib_mean']!s:>8} {row['cpu_per_session']!s:>9} "
                f"{row['clock_rate_min']!s:>9} {row['clock_rate_median']!s:>7} "
                f"{row['loadavg_before']:>5.1f}",
                flush=True,
            )
            for why in row["failed"]:
                print(f"     a session failed: {why}")
        slow = row["clock_rate_min"] is None or row["clock_rate_min"] < 1 - args.max_lag
        if slow or row["running"] < row["sessions"]:
            behind_at = n
            break
    if args.json:
        print(json.dumps({"speed": speed, "rows": rows, "behind_at": behind_at}, indent=2))
        return 0
    print(f"the server itself: {rows[-1]['server_rss_mib']} MiB RSS")
    if behind_at is None:
        print(f"no session fell behind by more than {args.max_lag:.0%} up to N = {ladder[-1]}")
    else:
        print(f"a session fell behind by more than {args.max_lag:.0%} at N = {behind_at}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
