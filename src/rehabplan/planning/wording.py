"""How the planner names things in its Danish messages: people, classes and days by name."""

from __future__ import annotations

from rehabplan.rules.danish import day_text as danish_date

PROFESSION_NAMES = {"PT": "fysioterapeut", "OT": "ergoterapeut"}

__all__ = ["danish_date", "profession_name"]


def profession_name(profession: str) -> str:
    return PROFESSION_NAMES.get(str(profession), str(profession))
