"""Run the same operation from many threads at once, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection

START_TIMEOUT_S = 60
FINISH_TIMEOUT_S = 180


@dataclass(frozen=True)
class Outcome:
    result: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def run_together(count: int, action: Callable[[int], Any]) -> list[Outcome]:
    """Call `action(index)` in `count` threads released together by a barrier.

    Each thread opens its own connection before the barrier, so the contenders reach the
    database at the same moment, and closes it afterwards.
    """
    barrier = threading.Barrier(count)
    outcomes: list[Outcome | None] = [None] * count

    def contender(index: int) -> None:
        try:
            connection.ensure_connection()
            barrier.wait(timeout=START_TIMEOUT_S)
            outcomes[index] = Outcome(result=action(index))
        except BaseException as error:  # the test inspects every outcome
            outcomes[index] = Outcome(error=error)
        finally:
            connection.close()

    threads = [threading.Thread(target=contender, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=FINISH_TIMEOUT_S)
    assert not any(thread.is_alive() for thread in threads), "a contender never finished"
    return [outcome for outcome in outcomes if outcome is not None]


def unexpected(outcomes: list[Outcome], expected: type[BaseException]) -> list[BaseException]:
    """Errors other than the expected refusal: these must be none."""
    return [
        outcome.error
        for outcome in outcomes
        if outcome.error is not None and not isinstance(outcome.error, expected)
    ]
