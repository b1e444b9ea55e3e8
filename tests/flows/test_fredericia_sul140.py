"""Fredericia, genoptræning efter sundhedsloven § 140: from the hospital's GOP to the status report.

Source: Fredericia Kommune, Træning & Forebyggelse kvalitetsstandarder, "Genoptræning efter
Sundhedslovens §140": contact by day 4 and start by day 7 after discharge (discharge day = day 0);
the status goes to the GP only with the citizen's consent.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from rehabplan import rules
from rehabplan.citizens.models import ConsentScope
from rehabplan.citizens.services import citizen_update, consent_record
from rehabplan.courses.models import Course, CourseStatus, ReferralStatus
from rehabplan.courses.services.closing import course_closing
from rehabplan.courses.services.course_state import course_start
from rehabplan.courses.services.decisions import decision_set_plan
from rehabplan.courses.services.goals import goal_create
from rehabplan.courses.services.gop_import import gop_import
from rehabplan.courses.services.measurements import measurement_record
from rehabplan.courses.services.sessions import ParticipantEntry, session_book, session_document
from rehabplan.gop import GopRejected
from rehabplan.gop.sample import build_gop_xml
from rehabplan.outbox.models import OutboxMessage

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DISCHARGE = datetime.datetime(2026, 11, 2, 11, 0)  # Monday 2 November 2026 = day 0


@pytest.fixture
def fredericia(unit_for):
    return unit_for("fredericia")


def _end_reason(code_hint: str = "") -> str:
    reasons = rules.termination_reasons(
        rules.default_registry(), "fredericia", "SUL140", on=datetime.date(2026, 11, 20)
    ).reasons
    return reasons[0].code


def _import(unit, **fields):
    fields.setdefault("hospital_contact_start", datetime.datetime(2026, 10, 28, 9, 30))
    data = build_gop_xml(discharge_at=DISCHARGE, **fields)
    return gop_import(user=unit["visitator"], data=data, received_on=datetime.date(2026, 11, 2))


def test_gop_to_status_report(fredericia):
    visitator, therapist_user = fredericia["visitator"], fredericia["therapist_user"]
    imported = _import(fredericia, encoding="iso-8859-1")
    referral = imported.referral
    assert imported.status == "imported"
    deadlines = {deadline.kind: deadline for deadline in referral.deadlines.all()}
    assert deadlines["contact"].due == datetime.date(2026, 11, 6)  # day 4
    assert deadlines["start"].due == datetime.date(2026, 11, 9)  # day 7
    assert deadlines["start"].standard_version.startswith("fredericia@")

    decision = decision_set_plan(
        user=visitator,
        referral=referral,
        level="basal",
        plan_text="Gangtræning og styrke i hold, 2 gange om ugen.",
        decided_on=datetime.date(2026, 11, 3),
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PLANNED
    assert decision.letter.kind == "plan_letter"
    course = Course.objects.get(referral=referral)
    assert course.status == CourseStatus.AWAITING_START

    course_start(
        user=therapist_user,
        course=course,
        intake_on=datetime.date(2026, 11, 4),
        note="Opstartssamtale: går med rollator, vil kunne gå til købmanden.",
    )
    goal_create(
        user=therapist_user,
        course=course,
        text="Jeg vil kunne gå til købmanden uden rollator.",
        set_on=datetime.date(2026, 11, 4),
    )
    measurement_record(
        user=therapist_user,
        course=course,
        test_code="timed_up_and_go",
        value="18.4",
        phase="start",
        measured_on=datetime.date(2026, 11, 4),
    )
    therapist = fredericia["therapists"][0]
    for day in (5, 6):
        session = session_book(
            user=therapist_user,
            course=course,
            kind="individual",
            starts_at=datetime.datetime(2026, 11, day, 10, 0, tzinfo=COPENHAGEN),
            therapist=therapist,
            confirmed=True,
        )
        attendance = session.attendances.get()
        session_document(
            user=therapist_user,
            session=session,
            entries=[
                ParticipantEntry(attendance_id=attendance.pk, status="attended", note="Godt.")
            ],
        )
    citizen = course.citizen
    citizen_update(user=visitator, citizen=citizen, gp_name="Læge Hansen", gp_clinic="Lægehuset")

    # Without consent the status report cannot go to the GP, and nothing is closed.
    with pytest.raises(ValidationError) as error:
        course_closing(
            user=therapist_user,
            course=course,
            closing_talk_on=datetime.date(2026, 11, 20),
            end_reason=_end_reason(),
            end_values={"timed_up_and_go": "12.1"},
            send_to_gp=True,
        )
    assert "samtykke" in " ".join(error.value.messages)
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE

    consent_record(
        user=visitator,
        citizen=citizen,
        scope=ConsentScope.SHARE_STATUS,
        given_on=datetime.date(2026, 11, 4),
    )
    result = course_closing(
        user=therapist_user,
        course=course,
        closing_talk_on=datetime.date(2026, 11, 20),
        end_reason=_end_reason(),
        self_training_programme="Rejse-sætte-sig 10 gange dagligt.",
        continue_training_at="Idræt i dagtimerne",
        end_values={"timed_up_and_go": "12.1"},
        send_to_citizen=True,
        send_to_gp=True,
        send_to_hospital=True,
    )
    course.refresh_from_db()
    assert course.status == CourseStatus.CLOSED
    kinds = {(message.recipient_kind, message.channel) for message in result.messages}
    assert kinds == {("citizen", "digital_post"), ("gp", "medcom"), ("hospital", "medcom")}
    report = OutboxMessage.objects.filter(kind="status_report", recipient_kind="gp").get()
    assert "Timed Up and Go" in report.body_text
    assert "12,1" in report.body_text


def test_the_same_gop_twice_is_one_referral_and_a_correction_replaces_it(fredericia):
    first = _import(fredericia)
    again = _import(fredericia)
    assert again.status == "already_imported"
    corrected = gop_import(
        user=fredericia["visitator"],
        data=build_gop_xml(
            letter_identifier="1001234999",
            discharge_at=datetime.datetime(2026, 11, 5, 10, 0),
            hospital_contact_start=datetime.datetime(2026, 10, 28, 9, 30),
        ),
        received_on=datetime.date(2026, 11, 5),
    )
    assert corrected.status == "replaced"
    assert corrected.referral.pk == first.referral.pk
    start = corrected.referral.deadlines.get(kind="start")
    assert start.due == datetime.date(2026, 11, 12)  # day 7 after the corrected discharge


def test_the_hospitals_own_start_time_replaces_day_seven(fredericia):
    imported = _import(fredericia, rehabilitation_deadline="Udskudt opstart: 15-12-2026")
    start = imported.referral.deadlines.get(kind="start")
    assert imported.referral.gop_start_on == datetime.date(2026, 12, 15)
    assert start.due == datetime.date(2026, 12, 15)
    assert start.basis == "gop"


def test_a_malformed_gop_is_rejected_and_nothing_is_stored(fredericia):
    from rehabplan.citizens.models import Citizen
    from rehabplan.courses.models import Referral

    with pytest.raises(GopRejected) as error:
        gop_import(user=fredericia["visitator"], data=b"<Emessage><RehabilitationPlan>")
    assert error.value.problems
    incomplete = build_gop_xml(omit=["Patient/CivilRegistrationNumber"])
    with pytest.raises(GopRejected) as error:
        gop_import(user=fredericia["visitator"], data=incomplete)
    assert any("CivilRegistrationNumber" in problem.element for problem in error.value.problems)
    assert not Referral.objects.exists()
    assert not Citizen.objects.exists()
