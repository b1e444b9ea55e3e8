""" "Planlæg" as the leader lives it: the button POSTs a week, the browser lands on the proposal
page, which polls until the task worker has computed the proposal. Times it from the button to
the finished page and reads the worker's resident memory (VmRSS in /proc/<pid>/status)."""

from __future__ import annotations

import datetime
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from rehabplan.scheduling.weeks import iso_week_of

from .client import Browser

POLL_SECONDS = 0.2
PROGRESS_TEMPLATE = (
    Path(__file__).resolve().parents[2] / "src/rehabplan/web/templates/planning/_progress.html"
)


def page_poll_seconds() -> float:
    """The proposal page's own htmx poll, read from its template so the two never disagree."""
    found = re.search(r'hx-trigger="every (\d+)(ms|s)"', PROGRESS_TEMPLATE.read_text("utf-8"))
    if found is None:
        raise LookupError(f"no htmx poll in {PROGRESS_TEMPLATE}")
    value = int(found.group(1))
    return value / 1000 if found.group(2) == "ms" else float(value)


PAGE_POLL_SECONDS = page_poll_seconds()


@dataclass(frozen=True)
class PlanRun:
    ready_seconds: float  # from the button to the finished proposal page, polling every 0.2 s
    browser_seconds: float  # when a browser polling as the page does would show it


@dataclass(frozen=True)
class PlannerTiming:
    runs: list[PlanRun]
    rss_idle: int
    rss_after_one: int
    rss_after_all: int


def vm_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise LookupError("VmRSS")


def next_week() -> str:
    """The week the start page proposes: the one after today's."""
    return iso_week_of(timezone.localdate() + datetime.timedelta(days=7))


def plan_once(leader: Browser, week: str, *, limit: float = 300.0) -> PlanRun:
    start = time.perf_counter()
    answer = leader.request("POST", "/planlaeg/", {"week": week, "method": "optimiser"})
    location = answer.headers.get("Location", "")
    if answer.status != 302 or "/planlaeg/" not in location:
        raise RuntimeError(f"the plan button answered HTTP {answer.status}")
    first = leader.request("GET", location)
    first_page_at = time.perf_counter() - start
    computing = b'id="planning-progress"' in first.body
    while computing:
        if time.perf_counter() - start > limit:
            raise RuntimeError(f"no proposal after {limit:.0f} s: is the worker running?")
        time.sleep(POLL_SECONDS)
        poll = leader.request("GET", location, headers={"HX-Request": "true"})
        computing = poll.status == 200
    ready_at = time.perf_counter() - start
    final = leader.request("GET", location)
    if final.status != 200 or b'id="planning-progress"' in final.body:
        raise RuntimeError("the finished proposal page did not load")
    ready_seconds = time.perf_counter() - start
    polls = math.ceil(max(0.0, ready_at - first_page_at) / PAGE_POLL_SECONDS)
    browser_seconds = first_page_at + polls * PAGE_POLL_SECONDS + (ready_seconds - ready_at)
    return PlanRun(ready_seconds, browser_seconds)


def time_planning(
    leader: Browser, environment: dict[str, str], *, runs: int = 3, idle_wait: float = 5.0
) -> PlannerTiming:
    """Start `rehabplan worker`, let it settle, plan the next week `runs` times."""
    with tempfile.TemporaryFile() as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "rehabplan.cli", "worker"],
            env={**os.environ, **environment},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            time.sleep(idle_wait)
            if worker.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"the worker stopped:\n{log.read().decode()[-2000:]}")
            rss_idle = vm_rss(worker.pid)
            done = [plan_once(leader, next_week())]
            rss_after_one = vm_rss(worker.pid)
            done += [plan_once(leader, next_week()) for _run in range(runs - 1)]
            return PlannerTiming(done, rss_idle, rss_after_one, vm_rss(worker.pid))
        finally:
            _stop(worker)


def _stop(process: subprocess.Popen) -> None:
    """Stop the worker's own process group (it was started in a session of its own)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
