"""A ``wargame serve`` child process on a free local port (for the tests and the benchmark)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalServer:
    """``wargame serve --port P [--token T] --db DB`` running until :meth:`stop`."""

    def __init__(
        self,
        db: Path,
        token: str | None = None,
        env: dict[str, str] | None = None,
        log: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.token = token
        self.url = f"http://127.0.0.1:{self.port}/"
        cmd = [sys.executable, "-m", "wargame", "serve", "--port", str(self.port), "--db", str(db)]
        if token:
            cmd += ["--token", token]
        self._log = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            cmd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            start_new_session=True,  # stop() ends the server and every game it started
        )

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until the server answers HTTP (``RuntimeError`` if it died or never did)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"wargame serve exited with {self.process.returncode}")
            try:
                urllib.request.urlopen(self.url, timeout=2).close()
                return
            except urllib.error.HTTPError:
                return  # 403 without the token: it is up
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"wargame serve did not answer on {self.url} in {timeout:g} s")

    def games(self) -> list[int]:
        """Process ids of the games (``play --join-screen``) this server started (Linux)."""
        parent: dict[int, int] = {}
        command: dict[int, list[bytes]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                command[int(entry.name)] = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            parent[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])

        def ours(pid: int) -> bool:
            while pid > 1:
                pid = parent.get(pid, 0)
                if pid == self.process.pid:
                    return True
            return False

        return sorted(p for p, cmd in command.items() if b"--join-screen" in cmd and ours(p))

    def stop(self) -> None:
        """Stop the server and the game processes it started."""
        if self.process.poll() is None:
            import signal

            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        if self._log is not subprocess.DEVNULL:
            self._log.close()

    def __enter__(self) -> LocalServer:
        self.wait_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
