"""Small builders shared by the resource mappings."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.reference import Reference

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


def coding(system: str, code: str, display: str = "") -> Coding:
    return Coding(system=system, code=code, display=display or None)


def concept(*codings: Coding, text: str = "") -> CodeableConcept:
    return CodeableConcept(coding=list(codings) or None, text=text or None)


def reference(resource_type: str, resource_id: object, display: str = "") -> Reference:
    return Reference(reference=f"{resource_type}/{resource_id}", display=display or None)


def display_only(display: str, resource_type: str | None = None) -> Reference | None:
    """A reference that names someone the product keeps no resource for (a hospital unit, a GP,
    a therapist): the name only, or None when there is no name."""
    display = display.strip()
    if not display:
        return None
    return Reference(display=display, type=resource_type)


def subject(citizen: Citizen) -> Reference:
    return reference("Patient", citizen.pk, citizen.full_name)


def meta(profile: str | None) -> Meta | None:
    return Meta(profile=[profile]) if profile else None


def minutes_later(moment: datetime.datetime, minutes: int) -> datetime.datetime:
    return moment + datetime.timedelta(minutes=minutes)
