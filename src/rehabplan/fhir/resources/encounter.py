"""Encounters: each attended session (from its Attendance) and the intake and closing talks
of a course (dates on the course).

Ids: an attended session's Encounter has its Appointment's id ("12"); a course's talks are
"intake-<course id>" and "closing-<course id>"."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from fhir.resources.R4B.encounter import Encounter, EncounterParticipant
from fhir.resources.R4B.period import Period

from rehabplan.courses.models import ContactType
from rehabplan.fhir import codes
from rehabplan.fhir.resources.common import (
    coding,
    concept,
    display_only,
    minutes_later,
    reference,
    subject,
)

if TYPE_CHECKING:
    from fhir.resources.R4B.codeableconcept import CodeableConcept
    from fhir.resources.R4B.coding import Coding
    from fhir.resources.R4B.reference import Reference

    from rehabplan.courses.models import Attendance, Course
    from rehabplan.organisation.models import Therapist

INTAKE = "intake"
CLOSING = "closing"
SESSION = "session"
KIND_DISPLAY = {
    SESSION: "Træning",
    INTAKE: "Opstartssamtale",
    CLOSING: "Afslutningssamtale",
}
# Session.contact_type -> Encounter.class (v3 ActEncounterCode): a home visit is home health,
# video and phone are virtual, the training centre is ambulatory.
CONTACT_CLASS = {
    ContactType.CENTRE: ("AMB", "ambulatory"),
    ContactType.HOME: ("HH", "home health"),
    ContactType.VIDEO: ("VR", "virtual"),
    ContactType.PHONE: ("VR", "virtual"),
}


def _class(contact_type: str) -> Coding:
    code, display = CONTACT_CLASS.get(contact_type, CONTACT_CLASS[ContactType.CENTRE])
    return coding(codes.ACT_CODE, code, display)


def _type(kind: str) -> list[CodeableConcept]:
    return [concept(coding(codes.ENCOUNTER_KIND_SYSTEM, kind, KIND_DISPLAY[kind]))]


def _therapist(therapist: Therapist | None) -> list[EncounterParticipant] | None:
    if therapist is None:
        return None
    found = display_only(therapist.name, "Practitioner")
    return [EncounterParticipant(individual=found)] if found else None


def _based_on(course: Course) -> list[Reference] | None:
    return [reference("ServiceRequest", course.referral_id)] if course.referral_id else None


def session_encounter(attendance: Attendance) -> Encounter:
    session = attendance.session
    course = attendance.course
    return Encounter(
        id=str(attendance.pk),
        status="finished",
        class_fhir=_class(session.contact_type),
        type=_type(SESSION),
        subject=subject(course.citizen),
        basedOn=_based_on(course),
        participant=_therapist(session.therapist),
        appointment=[reference("Appointment", attendance.pk)],
        period=Period(
            start=session.starts_at,
            end=minutes_later(session.starts_at, session.duration_minutes),
        ),
    )


def talk_encounter(course: Course, kind: str, day: datetime.date) -> Encounter:
    """The intake or closing talk held on `day` (the product keeps the day only)."""
    return Encounter(
        id=f"{kind}-{course.pk}",
        status="finished",
        class_fhir=_class(ContactType.CENTRE),
        type=_type(kind),
        subject=subject(course.citizen),
        basedOn=_based_on(course),
        participant=_therapist(course.therapist if course.therapist_id else None),
        period=Period(start=day, end=day),
    )
