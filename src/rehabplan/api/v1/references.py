"""The municipality's own people and places as course answers name them: id and name."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class TherapistRef(Schema):
    id: int
    name: str
    profession: str


class TeamClassRef(Schema):
    id: int
    name: str


class LocationRef(Schema):
    id: int
    name: str


def therapist_ref(therapist: Any) -> dict[str, Any] | None:
    if therapist is None:
        return None
    return {"id": therapist.pk, "name": therapist.name, "profession": therapist.profession}


def named_ref(item: Any) -> dict[str, Any] | None:
    return None if item is None else {"id": item.pk, "name": item.name}
