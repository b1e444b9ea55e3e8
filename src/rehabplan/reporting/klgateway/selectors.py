"""Read the §140 facts of a municipality's citizens for a period, scoped to the municipality."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import (
    Assessment,
    Attendance,
    AttendanceStatus,
    Course,
    Referral,
    ReferralSource,
)
from rehabplan.organisation.models import HospitalUnit, Municipality
from rehabplan.reporting.klgateway import mapping
from rehabplan.reporting.klgateway.facts import (
    CitizenFacts,
    ConditionFacts,
    CourseFacts,
    DiagnosisFacts,
    EncounterFacts,
    OrganisationFacts,
    Period,
    ReferralFacts,
)
from rehabplan.reporting.klgateway.rules import rule_book

# The service the report covers: training after a hospital stay (Sundhedsloven § 140).
SERVICE_CODE = "SUL140"
# "Hoftebrud, opereret (DS720)": a diagnosis the product kept as text, with its SKS code.
SKS_IN_TEXT = re.compile(r"\((D[A-Z][0-9A-Z]{2,6})\)")
CONDITION_CODES = frozenset(code for _system, code in rule_book().value_sets["Conditions140"])


def municipality_organisation(municipality: Municipality) -> OrganisationFacts:
    return OrganisationFacts(
        key=f"organisation-{municipality.code}",
        name=municipality.unit_name or municipality.name,
        sor_code=municipality.sor_code,
    )


def _period_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.first_day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        period.last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def active_referrals(*, municipality: Municipality, period: Period) -> list[Referral]:
    """The §140 GOP referrals with something to report in the period: received, a session
    held, or the course started or ended."""
    start, end = _period_bounds(period)
    held = Attendance.objects.of_municipality(municipality).filter(
        status=AttendanceStatus.ATTENDED,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
        course__referral__isnull=False,
    )
    in_period = Q(received_on__range=(period.first_day, period.last_day))
    in_period |= Q(course__start_on__range=(period.first_day, period.last_day))
    in_period |= Q(course__ended_on__range=(period.first_day, period.last_day))
    in_period |= Q(pk__in=held.values("course__referral_id"))
    return list(
        Referral.objects.of_municipality(municipality)
        .filter(service_code=SERVICE_CODE, source=ReferralSource.HOSPITAL_GOP)
        .filter(in_period)
        .select_related("citizen", "course__therapist")
        .order_by("citizen_id", "received_on", "id")
    )


def _diagnoses(referral: Referral) -> tuple[DiagnosisFacts, ...]:
    listed = (referral.gop_content or {}).get("diagnoses") or []
    found = [
        DiagnosisFacts(code=str(item["code"]).strip(), text=str(item.get("text", "")).strip())
        for item in listed
        if str(item.get("code", "")).strip()
    ]
    if found:
        return tuple(found)
    # Referrals registered by hand keep the diagnosis as text, "Hoftebrud, opereret (DS720)".
    return tuple(
        DiagnosisFacts(code=match.group(1), text=referral.diagnosis_text.split(" (")[0].strip())
        for match in SKS_IN_TEXT.finditer(referral.diagnosis_text)
    )


def _authored_on(referral: Referral) -> datetime.date:
    authorised = (referral.gop_content or {}).get("authorised_at")
    if authorised:
        return datetime.datetime.fromisoformat(authorised).date()
    return referral.received_on


def _conditions(referral: Referral, course: Course | None) -> tuple[ConditionFacts, ...]:
    """The FSIII §140 conditions of the referral's newest assessment that show a limitation."""
    scope = Q(referral=referral)
    if course is not None:
        scope |= Q(course=course)
    assessment = (
        Assessment.objects.of_municipality(referral.municipality_id)
        .filter(scope)
        .prefetch_related("items")
        .order_by("-assessed_on", "-id")
        .first()
    )
    if assessment is None:
        return ()
    return tuple(
        ConditionFacts(code=item.code, display=item.label, recorded_on=assessment.assessed_on)
        for item in sorted(assessment.items.all(), key=lambda item: item.code)
        if item.code in CONDITION_CODES and item.level in mapping.LIMITATION_LEVELS
    )


def _encounters(course: Course, period: Period) -> tuple[EncounterFacts, ...]:
    start, end = _period_bounds(period)
    held = (
        Attendance.objects.of_municipality(course.municipality_id)
        .filter(
            course=course,
            status=AttendanceStatus.ATTENDED,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
        )
        .select_related("session")
        .order_by("session__starts_at", "id")
    )
    return tuple(
        EncounterFacts(
            key=f"attendance-{attendance.pk}",
            contact_type=attendance.session.contact_type,
            starts_at=attendance.session.starts_at,
            ends_at=attendance.session.starts_at
            + datetime.timedelta(minutes=attendance.session.duration_minutes),
        )
        for attendance in held
    )


def _course(referral: Referral, period: Period) -> CourseFacts | None:
    course = getattr(referral, "course", None)
    if course is None:
        return None
    return CourseFacts(
        key=f"course-{course.pk}",
        status=course.status,
        end_reason=course.end_reason,
        granted_on=referral.decided_on or course.start_on or referral.received_on,
        intake_on=course.intake_on,
        start_on=course.start_on,
        ended_on=course.ended_on,
        delivery_type=course.delivery_type,
        profession=course.therapist.profession if course.therapist_id else "",
        encounters=_encounters(course, period),
    )


def citizen_facts(
    *,
    municipality: Municipality,
    period: Period,
    citizen_ids: Iterable[int] | None = None,
) -> list[CitizenFacts]:
    """One `CitizenFacts` per citizen with §140 activity in the period (optionally only the
    citizens named), in a stable order."""
    referrals = active_referrals(municipality=municipality, period=period)
    wanted = set(citizen_ids) if citizen_ids is not None else None
    units = {unit.ean: unit for unit in HospitalUnit.objects.of_municipality(municipality)}
    managing = municipality_organisation(municipality)
    by_citizen: dict[int, list[Referral]] = defaultdict(list)
    for referral in referrals:
        if wanted is None or referral.citizen_id in wanted:
            by_citizen[referral.citizen_id].append(referral)
    citizens = {
        citizen.pk: citizen
        for citizen in Citizen.objects.of_municipality(municipality).filter(pk__in=by_citizen)
    }
    result = []
    for citizen_id in sorted(by_citizen):
        citizen = citizens[citizen_id]
        keys = {referral.pk for referral in by_citizen[citizen_id]}
        facts = []
        for referral in by_citizen[citizen_id]:
            unit = units.get(referral.gop_sender_ean)
            facts.append(
                ReferralFacts(
                    key=f"referral-{referral.pk}",
                    status=referral.status,
                    plan_type=referral.plan_type,
                    gop_level=referral.gop_level,
                    received_on=referral.received_on,
                    authored_on=_authored_on(referral),
                    discharge_on=referral.discharge_on,
                    first_contact_offered_on=referral.first_contact_offered_on,
                    free_choice=referral.free_choice,
                    requester=OrganisationFacts(
                        key=f"hospital-unit-{unit.pk}", name=unit.name, sor_code=unit.sor_code
                    )
                    if unit is not None
                    else None,
                    replaces_key=f"referral-{referral.replaces_id}"
                    if referral.replaces_id in keys
                    else None,
                    diagnoses=_diagnoses(referral),
                    conditions=_conditions(referral, getattr(referral, "course", None)),
                    course=_course(referral, period),
                )
            )
        result.append(
            CitizenFacts(
                key=f"citizen-{citizen.pk}",
                citizen_id=citizen.pk,
                cpr=citizen.cpr,
                # The product records no deaths; a citizen in training is alive.
                deceased=False,
                managing_organisation=managing,
                referrals=tuple(facts),
            )
        )
    return result
