"""Plan results as JSON for storing a proposal, and back."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from rehabplan import planning


def result_to_json(result: planning.PlanResult) -> dict[str, Any]:
    return _plain(dataclasses.asdict(result))


def starts_from_json(data: dict[str, Any]) -> list[planning.PlannedStart]:
    return [
        planning.PlannedStart(
            course_id=start["course_id"],
            start_date=datetime.date.fromisoformat(start["start_date"]),
            therapist_id=start["therapist_id"],
            class_id=start.get("class_id"),
            on_time=start.get("on_time", True),
            days_late=start.get("days_late", 0),
            free_choice_offer=start.get("free_choice_offer", False),
            note=start.get("note", ""),
            sessions=tuple(
                planning.Session(
                    day=datetime.date.fromisoformat(session["day"]),
                    start=datetime.time.fromisoformat(session["start"]),
                    minutes=session["minutes"],
                    therapist_id=session["therapist_id"],
                    class_id=session.get("class_id"),
                )
                for session in start["sessions"]
            ),
        )
        for start in data.get("starts", [])
    ]


def result_from_json(data: dict[str, Any]) -> planning.PlanResult:
    return planning.PlanResult(
        method=data["method"],
        starts=tuple(starts_from_json(data)),
        unplanned=tuple(planning.Unplanned(**item) for item in data.get("unplanned", [])),
        kpis=planning.Kpis(**data["kpis"]),
        objective=data["objective"],
        bound=data.get("bound"),
        gap=data.get("gap"),
        explanation=data.get("explanation", ""),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(_plain(item) for item in value)
    return value
