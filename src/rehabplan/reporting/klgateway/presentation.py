"""The check's problems as Danish lines for the leader: which citizen, which element, what."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rehabplan.reporting.klgateway.services import CitizenProblems


def problem_lines(failures: Iterable[CitizenProblems]) -> list[str]:
    lines = []
    for failure in failures:
        seen: set[str] = set()
        for problem in failure.problems:
            text = f"{failure.citizen_name}: {problem.message_da}"
            if text not in seen:
                seen.add(text)
                lines.append(text)
    return lines
