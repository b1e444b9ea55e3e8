"""Jobs the task workers run on a clock: each is a function without arguments, named here by
its dotted path with the seconds between two runs.

Every `rehabplan worker` runs them from a thread beside its task loop (`Beat`), so with several
workers a job runs in several processes: each job must be safe to run at the same time as
itself (claim its rows with a lock that skips rows another process holds, or a unique key).
`rehabplan periodic --once` runs each job once, for a cron-driven installation and the tests.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable

from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

# name -> (dotted path of the job, seconds between runs)
PERIODIC_JOBS: dict[str, tuple[str, int]] = {
    "sms-paamindelser": ("rehabplan.messaging.reminders.planning.plan_reminders", 60),
    "udbakke": ("rehabplan.outbox.dispatch.dispatcher.dispatch_outbox", 15),
}


def job_function(name: str) -> Callable[[], object]:
    module_name, _, function_name = PERIODIC_JOBS[name][0].rpartition(".")
    return getattr(importlib.import_module(module_name), function_name)


def run_job(name: str) -> bool:
    """Run one job; a failure is logged (English) and never stops the others."""
    try:
        job_function(name)()
    except Exception:
        logger.exception("Periodic job %s failed", name)
        return False
    finally:
        close_old_connections()
    return True


def run_all_once() -> dict[str, bool]:
    return {name: run_job(name) for name in PERIODIC_JOBS}


class Beat(threading.Thread):
    """Runs each job when its interval has passed, until `stop()`."""

    def __init__(self, tick_seconds: float = 1.0) -> None:
        super().__init__(name="rehabplan-periodic", daemon=True)
        self.tick_seconds = tick_seconds
        self._stopping = threading.Event()
        self._next_run = dict.fromkeys(PERIODIC_JOBS, 0.0)

    def stop(self) -> None:
        self._stopping.set()

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                now = time.monotonic()
                for name, due in self._next_run.items():
                    if now >= due:
                        run_job(name)
                        self._next_run[name] = time.monotonic() + PERIODIC_JOBS[name][1]
                self._stopping.wait(self.tick_seconds)
        finally:
            connection.close()
