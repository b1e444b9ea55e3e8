"""The web servers compared: the product's own `rehabplan serve` (waitress, threads in one
process) and two multi-process servers, gunicorn and granian. Each runs as a subprocess on a free
port of 127.0.0.1 with production settings (DEBUG off) against the benchmark's database."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .client import Browser

# Read only by the product's URL configuration: it adds the bare view the throughput is compared
# with. Production never sets it.
BARE_VIEW_FLAG = "REHABPLAN_BENCHMARK_BARE_VIEW"


@dataclass(frozen=True)
class ServerSpec:
    name: str
    kind: str  # waitress, gunicorn or granian
    workers: int
    threads: int

    def command(self, port: int) -> list[str]:
        if self.kind == "waitress":
            # Exactly what production runs: the product's serve command and its settings.
            return [sys.executable, "-m", "rehabplan.cli", "serve", "--port", str(port)] + [
                "--threads",
                str(self.threads),
            ]
        if self.kind == "gunicorn":
            return [
                sys.executable,
                "-m",
                "gunicorn",
                "rehabplan.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                f"--workers={self.workers}",
                "--worker-class=gthread",
                f"--threads={self.threads}",
                "--log-level=warning",
            ]
        if self.kind == "granian":
            return [
                sys.executable,
                "-m",
                "granian",
                "--interface=wsgi",
                "--host=127.0.0.1",
                f"--port={port}",
                f"--workers={self.workers}",
                f"--blocking-threads={self.threads}",
                "--no-ws",
                "--log-level=warning",
                "rehabplan.wsgi:application",
            ]
        raise ValueError(self.kind)


WAITRESS = ServerSpec("waitress, 1 process x 8 threads (rehabplan serve)", "waitress", 1, 8)
SERVERS = {
    "waitress": (WAITRESS,),
    "gunicorn": (
        ServerSpec("gunicorn gthread, 2 workers x 4 threads", "gunicorn", 2, 4),
        ServerSpec("gunicorn gthread, 3 workers x 4 threads", "gunicorn", 3, 4),
    ),
    "granian": (
        ServerSpec("granian wsgi, 2 workers x 4 threads", "granian", 2, 4),
        ServerSpec("granian wsgi, 3 workers x 4 threads", "granian", 3, 4),
    ),
}


def production_environment(database_url: str) -> dict[str, str]:
    """What settings.py needs with DEBUG off. Plain HTTP on 127.0.0.1: no TLS proxy in front,
    so no HTTPS redirect and no secure-only cookies (SECURE_COOKIES=0); everything else is as in
    production."""
    return {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "rehabplan.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        # testserver: the in-process query count uses Django's test client on the same settings.
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "LOG_LEVEL": "WARNING",
        BARE_VIEW_FLAG: "1",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux /proc): a server's workers."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(child) for child in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
        found.append(current)
    return found


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and its descendants."""
    total = 0
    for member in process_tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def tree_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its descendants have used so far. Unlike wall
    time it hardly changes with what else the shared machine runs."""
    ticks = 0
    for member in process_tree(pid):
        try:
            stat = Path(f"/proc/{member}/stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = stat[stat.rindex(")") + 2 :].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


class RunningServer:
    """A started server: its port and process; stop it with `stop()` (or use it in `with`)."""

    def __init__(self, spec: ServerSpec, environment: dict[str, str]) -> None:
        self.spec = spec
        self.port = free_port()
        # A file, not a pipe: a server that logs under load must never block on a full pipe.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            spec.command(self.port),
            env={**os.environ, **environment},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise

    def _wait_until_serving(self, limit: float = 60.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.spec.name} stopped at start:\n{self.log_tail()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            except OSError:
                time.sleep(0.1)
                continue
            browser = Browser(self.port)
            try:
                if browser.request("GET", "/log-ind/").status == 200:
                    return
            except OSError:
                pass
            finally:
                browser.close()
            time.sleep(0.1)
        raise RuntimeError(f"{self.spec.name} did not answer within {limit:.0f} s")

    def log_tail(self, characters: int = 2000) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-characters:]

    def rss(self) -> int:
        return tree_rss(self.process.pid)

    def cpu_seconds(self) -> float:
        return tree_cpu_seconds(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            # The server's own process group only (started in a session of its own): its
            # workers stop with it.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
