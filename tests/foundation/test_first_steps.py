"""A newcomer's first commands: seed the demo, use local commands in its folder, stop it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _environment(tmp_path: Path) -> dict[str, str]:
    """The machine's environment as a user's shell has it: no test settings, a database of its
    own under the folder."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEBUG", "REHABPLAN_TASK_BACKEND"}
    }
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'var' / 'rehabplan.sqlite3'}"
    return environment


def _rehabplan(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rehabplan.cli", *args],
        cwd=tmp_path,
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def seeded_folder(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A newcomer's folder after `rehabplan seed-demo` on a fresh database. Seeding takes many
    seconds: the demo started later in the same folder finds it seeded, as the newcomer's does."""
    folder = tmp_path_factory.mktemp("demo-folder")
    return folder, _rehabplan(folder, "seed-demo")


def test_seed_demo_creates_its_tables_on_a_fresh_database(seeded_folder):
    _folder, result = seeded_folder
    assert result.returncode == 0, result.stderr
    assert "oprettet med 80 borgere" in result.stdout


def test_local_commands_in_the_demo_folder_use_the_demo_key(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "secret_key").write_text("the-demo-generated-key-" + "x" * 40)
    result = _rehabplan(tmp_path, "manage", "check")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_secret_key_is_one_danish_line(tmp_path):
    result = _rehabplan(tmp_path, "import-gop", "plan.xml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("rehabplan: opsætningen mangler eller er forkert: SECRET_KEY")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _process_is_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return True
    return state == "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_stopping_the_demo_with_sigterm_stops_its_worker(seeded_folder):
    folder, _seeding = seeded_folder
    demo = subprocess.Popen(
        [sys.executable, "-m", "rehabplan.cli", "demo", "--port", str(_free_port())],
        cwd=folder,
        env=_environment(folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    worker_pid = None
    try:
        for line in demo.stdout:
            if line.startswith("Task-worker startet (pid "):
                worker_pid = int(line.split("pid ")[1].rstrip(").\n"))
                break
        assert worker_pid is not None
        time.sleep(2)
        assert not _process_is_gone(worker_pid)
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30)
        deadline = time.monotonic() + 15
        while not _process_is_gone(worker_pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _process_is_gone(worker_pid)
    finally:
        demo.kill()
        demo.wait()
        if worker_pid is not None and not _process_is_gone(worker_pid):
            os.kill(worker_pid, signal.SIGKILL)
