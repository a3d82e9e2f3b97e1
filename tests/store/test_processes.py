"""Other processes: kill -9 mid-drill loses no recorded decision; two writers at once in WAL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from wargame.store import Store

WRITER = textwrap.dedent(
    """
    import sys
    from wargame.model.action import parse_action
    from wargame.store import Store
    path, count = sys.argv[1], int(sys.argv[2])
    with Store(path) as store:
        drill = store.start_drill("flash-sale", 1, "standard")
        print("drill", drill, flush=True)
        for i in range(count):
            t = 60 + i
            store.record_action(drill, parse_action(f"{t // 60:02d}:{t % 60:02d} severity SEV2"))
            print("recorded", i, flush=True)
    """
)


def _writer(path, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(count)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def test_kill_9_loses_no_recorded_action(tmp_path):
    path = tmp_path / "crash.db"
    proc = _writer(path, 100_000)
    drill = int(proc.stdout.readline().split()[1])
    acknowledged = -1
    while acknowledged < 40:
        acknowledged = int(proc.stdout.readline().split()[1])
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store(path) as store:
        recorded = store.actions(drill)
        # Every action whose record_action returned is there; at most one more was in flight.
        assert acknowledged + 1 <= len(recorded) <= acknowledged + 2
        assert [a.t for a in recorded] == [60.0 + i for i in range(len(recorded))]
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"
        assert store.drill(drill)["finished"] is None


def test_two_writers_at_once(tmp_path):
    path = tmp_path / "shared.db"
    with Store(path):
        pass  # created and migrated before the race, as the game does on start
    procs = [_writer(path, 150) for _ in range(2)]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    drills = sorted(int(out.split()[1]) for out in outputs)
    with Store(path) as store:
        assert [len(store.actions(d)) for d in drills] == [150, 150]
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"


@pytest.mark.xfail(
    strict=False,
    reason="known race, not fixed yet: two processes creating a NEW store file at the same "
    "instant can leave one writer failing (seen once in 3 CI runs: [5, 0]); an existing store "
    "is not affected (test_kill_9 and the recorder tests)",
)
def test_two_processes_create_the_file_at_once(tmp_path):
    path = tmp_path / "fresh.db"
    procs = [_writer(path, 5) for _ in range(2)]
    assert [p.communicate(timeout=120)[0].count("recorded") for p in procs] == [5, 5]
    with Store(path) as store:
        assert len(store.query("SELECT * FROM drills")) == 2
