"""Deadlines of a referral, as the rules engine computes them from the municipality's standard."""

from __future__ import annotations

import datetime
from typing import Any

from rehabplan import rules
from rehabplan.courses.models import Referral, StoredDeadline
from rehabplan.organisation.standards import installation_registry


def compute_deadlines(referral: Referral) -> dict[str, Any]:
    """Ask the engine for this referral's deadlines; returns the engine's JSON-ready result."""
    events = referral.event_dates
    result = rules.deadlines(
        installation_registry(),
        referral.municipality.slug,
        referral.service_code,
        discharge=events["discharge"],
        received=events["received"],
        granted=events["granted"],
        decided=events["decided"],
        gop_start=events["gop_start"],
    )
    return result.to_dict()


def store_deadlines(referral: Referral) -> list[StoredDeadline]:
    """Recompute and store every deadline, keeping the dates on which earlier ones were met."""
    result = compute_deadlines(referral)
    stored = []
    for item in result["deadlines"]:
        due = datetime.date.fromisoformat(item["due"]) if item["due"] else None
        deadline, _created = StoredDeadline.objects.update_or_create(
            referral=referral,
            kind=item["kind"],
            defaults={
                "due": due,
                "basis": item["basis"] or "",
                "depends_on": item["depends_on"] or "",
                "falls_on_closed_day": bool(item["falls_on_closed_day"]),
                "explanation": item["explanation"],
                "standard_version": result["standard_version"],
            },
        )
        stored.append(deadline)
    kinds = [item["kind"] for item in result["deadlines"]]
    referral.deadlines.exclude(kind__in=kinds).delete()
    return stored
