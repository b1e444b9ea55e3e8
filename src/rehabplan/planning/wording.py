"""How the planner names things in its Danish messages: people, classes and days by name."""

from __future__ import annotations

from datetime import date

MONTH_NAMES = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
PROFESSION_NAMES = {"PT": "fysioterapeut", "OT": "ergoterapeut"}


def danish_date(day: date) -> str:
    """A day as the users write it: "2. december 2026"."""
    return f"{day.day}. {MONTH_NAMES[day.month - 1]} {day.year}"


def profession_name(profession: str) -> str:
    return PROFESSION_NAMES.get(str(profession), str(profession))
