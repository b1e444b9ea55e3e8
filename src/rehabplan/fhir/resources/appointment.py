"""A citizen's place in a session (Attendance) -> Appointment.

An attendance rather than the session is the Appointment: its status (booked, attended,
cancelled, no-show) is the citizen's own, and a team session's other participants are other
citizens, whom a read of this citizen's appointment must not show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fhir.resources.R4B.appointment import Appointment, AppointmentParticipant

from rehabplan.courses.models import AttendanceStatus, SessionStatus
from rehabplan.fhir.resources.common import (
    concept,
    display_only,
    minutes_later,
    reference,
    subject,
)

if TYPE_CHECKING:
    from fhir.resources.R4B.codeableconcept import CodeableConcept

    from rehabplan.courses.models import Attendance

STATUS = {
    AttendanceStatus.BOOKED: "booked",
    AttendanceStatus.ATTENDED: "fulfilled",
    AttendanceStatus.CANCELLED_IN_TIME: "cancelled",
    AttendanceStatus.CANCELLED_LATE: "cancelled",
    AttendanceStatus.CANCELLED_BY_THERAPIST: "cancelled",
    AttendanceStatus.NO_SHOW: "noshow",
}
CITIZEN_CANCELLED = frozenset({AttendanceStatus.CANCELLED_IN_TIME, AttendanceStatus.CANCELLED_LATE})


def appointment_status(attendance: Attendance) -> str:
    if attendance.session.status == SessionStatus.CANCELLED:
        return "cancelled"
    return STATUS.get(attendance.status, "booked")


def _participants(attendance: Attendance) -> list[AppointmentParticipant]:
    session = attendance.session
    citizen_status = "declined" if attendance.status in CITIZEN_CANCELLED else "accepted"
    participants = [
        AppointmentParticipant(actor=subject(attendance.course.citizen), status=citizen_status)
    ]
    therapist = display_only(session.therapist.name, "Practitioner")
    if therapist is not None:
        participants.append(AppointmentParticipant(actor=therapist, status="accepted"))
    if session.location_id:
        place = display_only(session.location.name, "Location")
        if place is not None:
            participants.append(AppointmentParticipant(actor=place, status="accepted"))
    return participants


def _cancellation_reason(attendance: Attendance) -> CodeableConcept:
    # Who cancelled: the whole session (the therapist) or the citizen's own place in it.
    if attendance.session.status == SessionStatus.CANCELLED:
        return concept(text=attendance.session.get_status_display())
    return concept(text=attendance.get_status_display())


def appointment(attendance: Attendance) -> Appointment:
    session = attendance.session
    status = appointment_status(attendance)
    return Appointment(
        id=str(attendance.pk),
        status=status,
        cancelationReason=_cancellation_reason(attendance) if status == "cancelled" else None,
        appointmentType=concept(text=session.get_kind_display()),
        description=f"{session.get_kind_display()}, {session.get_contact_type_display()}",
        start=session.starts_at,
        end=minutes_later(session.starts_at, session.duration_minutes),
        minutesDuration=session.duration_minutes,
        participant=_participants(attendance),
        basedOn=[reference("ServiceRequest", attendance.course.referral_id)]
        if attendance.course.referral_id
        else None,
    )
