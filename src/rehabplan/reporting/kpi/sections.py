"""The dashboard's sections in the order of their tabs. Each section is one module with one
concept (deadlines, waiting time, attendance, ...) and is listed here once."""

from __future__ import annotations

from rehabplan.reporting.kpi import attendance, capacity, deadlines, outcomes, waiting
from rehabplan.reporting.kpi.figures import Section

SECTIONS: tuple[Section, ...] = (
    deadlines.SECTION,
    waiting.SECTION,
    attendance.SECTION,
    capacity.SECTION,
    outcomes.SECTION,
)


def section_by_key(key: str) -> Section | None:
    return next((section for section in SECTIONS if section.key == key), None)
