"""What the builder makes of a course: its interventions, encounters and conditions."""

from __future__ import annotations

import datetime

from rehabplan.courses.models import (
    Assessment,
    AssessmentItem,
    AssessmentPhase,
    Attendance,
    AttendanceStatus,
    ContactType,
    Session,
    SessionKind,
    SessionStatus,
)
from rehabplan.reporting.klgateway import codes
from rehabplan.reporting.klgateway.facts import Period
from rehabplan.reporting.klgateway.services import build_and_check
from tests.reporting.klgateway.conftest import NOVEMBER, gop_course

MOBILITY = "dd41df82-3c13-4523-b9c5-e83676425299"
SENSES = "3c685f14-5d48-4b1c-a451-9da780e2b41c"


def _resources(bundle, profile):
    return [
        entry["resource"]
        for entry in bundle["entry"]
        if entry["resource"]["meta"]["profile"] == [codes.profile_url(profile)]
    ]


def _training_code(bundle):
    plans = [plan for plan in _resources(bundle, codes.PLANNED_INTERVENTION) if plan.get("basedOn")]
    assert len(plans) == 1
    return plans[0]["activity"][0]["detail"]["code"]["coding"][0]["code"]


def test_the_training_intervention_follows_the_therapist_s_profession(kl_unit):
    physio = gop_course(kl_unit)
    occupational = gop_course(kl_unit)
    occupational.therapist = kl_unit.ot
    occupational.save(update_fields=["therapist"])

    built = {
        item.citizen_id: item.bundle
        for item in build_and_check(municipality=kl_unit.municipality, period=Period(2026, 11))
    }

    assert _training_code(built[physio.citizen_id]) == "2abe20c7-c0b4-41c1-b397-52acf36499ef"
    assert _training_code(built[occupational.citizen_id]) == "58293f63-00d7-4730-8dbc-c784d40f9e23"
    # The intake's assessment stands alone, outside the care plan.
    for bundle in built.values():
        assessment = [
            plan
            for plan in _resources(bundle, codes.PLANNED_INTERVENTION)
            if not plan.get("basedOn")
        ]
        assert assessment[0]["activity"][0]["detail"]["code"]["coding"][0]["code"] == (
            "1130ad70-6553-490d-87f8-5e8941687a0c"
        )


def test_an_attended_session_is_an_encounter_and_a_limited_condition_is_reported(kl_unit):
    course = gop_course(kl_unit)
    starts = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=datetime.UTC)
    for moment, status in (
        (starts, AttendanceStatus.ATTENDED),
        (starts + datetime.timedelta(days=2), AttendanceStatus.NO_SHOW),
        (starts + datetime.timedelta(days=20), AttendanceStatus.ATTENDED),  # December
    ):
        session = Session.objects.create(
            municipality=kl_unit.municipality,
            kind=SessionKind.INDIVIDUAL,
            contact_type=ContactType.CENTRE,
            therapist=kl_unit.pt,
            starts_at=moment,
            duration_minutes=60,
            status=SessionStatus.HELD,
        )
        Attendance.objects.create(session=session, course=course, status=status)
    assessment = Assessment.objects.create(
        citizen=course.citizen,
        referral=course.referral,
        course=course,
        phase=AssessmentPhase.START,
        assessed_on=NOVEMBER,
        assessed_by=kl_unit.therapist_user,
    )
    AssessmentItem.objects.create(
        assessment=assessment, code=MOBILITY, label="Mobilitet og bevægelse", level=2
    )
    AssessmentItem.objects.create(
        assessment=assessment, code=SENSES, label="Sanser og smerter", level=0
    )

    (built,) = build_and_check(municipality=kl_unit.municipality, period=Period(2026, 11))

    # Only the session attended in November: not the no-show, not December's.
    (encounter,) = _resources(built.bundle, codes.ENCOUNTER)
    assert encounter["period"] == {"start": "2026-11-16T10:00:00Z", "end": "2026-11-16T11:00:00Z"}
    assert encounter["class"]["code"] == "AMB"
    (condition,) = _resources(built.bundle, codes.CONDITION)
    assert condition["code"]["coding"][0]["code"] == MOBILITY  # level 0 is no limitation
    assert condition["recordedDate"] == NOVEMBER.isoformat()
    training = [
        plan for plan in _resources(built.bundle, codes.PLANNED_INTERVENTION) if plan.get("basedOn")
    ]
    reasons = training[0]["activity"][0]["detail"]["reasonReference"]
    urls = {entry["fullUrl"] for entry in built.bundle["entry"] if entry["resource"] is condition}
    assert {reason["reference"] for reason in reasons} == urls
