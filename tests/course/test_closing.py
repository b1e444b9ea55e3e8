"""Closing in one step: end values, end reason, and a status report only where consent allows."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from rehabplan.citizens.services import consent_record
from rehabplan.courses.models import ClinicalNote, CourseStatus, NoteKind
from rehabplan.courses.services.closing import course_closing
from rehabplan.courses.services.goals import goal_create, goal_evaluate
from rehabplan.courses.services.measurements import measurement_record
from rehabplan.outbox.models import OutboxMessage

START = datetime.date(2026, 10, 5)
END = datetime.date(2026, 11, 16)


@pytest.fixture
def fredericia_course(fredericia):
    course = fredericia.course(
        "SUL140", received_on=START, referring_unit="Sygehus Lillebælt, Ortopædkirurgi"
    )
    user = fredericia.therapist_user
    goal = goal_create(
        user=user,
        course=course,
        text="Jeg vil kunne gå til købmanden",
        set_on=START,
        copm_performance=3,
        copm_satisfaction=2,
    )
    goal_evaluate(
        user=user,
        goal=goal,
        evaluated_on=END,
        status="achieved",
        text="Går selv til købmanden",
        copm_performance=8,
    )
    measurement_record(
        user=user,
        course=course,
        test_code="timed_up_and_go",
        value="18.4",
        phase="start",
        measured_on=START,
    )
    return course


def _close(unit, course, **options):
    return course_closing(
        user=unit.therapist_user,
        course=course,
        closing_talk_on=END,
        end_reason="goals_reached",
        self_training_programme="Rejse-sætte-sig 3 x 10 dagligt",
        continue_training_at="Idræt i dagtimerne",
        equipment_returned=True,
        end_values={"timed_up_and_go": "12.1"},
        **options,
    )


def test_status_report_to_the_gp_is_blocked_without_consent(fredericia, fredericia_course):
    with pytest.raises(ValidationError) as error:
        _close(fredericia, fredericia_course, send_to_citizen=True, send_to_gp=True)
    message = error.value.message_dict["send_to_gp"][0]
    assert "ikke et gyldigt samtykke" in message
    fredericia_course.refresh_from_db()
    assert fredericia_course.status == CourseStatus.ACTIVE
    assert not OutboxMessage.objects.exists()


def test_withdrawn_consent_blocks_as_well(fredericia, fredericia_course):
    from rehabplan.citizens.services import consent_withdraw

    consent = consent_record(
        user=fredericia.therapist_user,
        citizen=fredericia_course.citizen,
        scope="share_status",
        given_on=START,
    )
    consent_withdraw(user=fredericia.therapist_user, consent=consent, withdrawn_on=END)
    with pytest.raises(ValidationError, match="ikke et gyldigt samtykke"):
        _close(fredericia, fredericia_course, send_to_hospital=True)


def test_closing_with_consent_sends_the_status_with_the_test_change(fredericia, fredericia_course):
    consent_record(
        user=fredericia.therapist_user,
        citizen=fredericia_course.citizen,
        scope="share_status",
        given_on=START,
    )
    result = _close(
        fredericia, fredericia_course, send_to_citizen=True, send_to_gp=True, send_to_hospital=True
    )
    course = result.course
    course.refresh_from_db()
    assert course.status == CourseStatus.CLOSED
    assert (course.ended_on, course.end_reason, course.closing_talk_on) == (
        END,
        "goals_reached",
        END,
    )
    assert course.equipment_returned is True
    channels = {(m.recipient_kind, m.channel) for m in result.messages}
    assert channels == {("citizen", "digital_post"), ("gp", "medcom"), ("hospital", "medcom")}
    hospital = next(m for m in result.messages if m.recipient_kind == "hospital")
    assert hospital.recipient_name == "Sygehus Lillebælt, Ortopædkirurgi"
    pdf = PdfReader(io.BytesIO(bytes(result.messages[0].document)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Timed Up and Go: fra 18,4 s til 12,1 s, forbedret med 6,3 s" in " ".join(text.split())
    assert "Jeg vil kunne gå til købmanden" in text
    assert "Idræt i dagtimerne" in text
    assert ClinicalNote.objects.filter(course=course, kind=NoteKind.CLOSING).exists()


def test_hospital_only_for_sul140(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=START)
    consent_record(
        user=demo_unit.therapist_user, citizen=course.citizen, scope="share_status", given_on=START
    )
    with pytest.raises(ValidationError) as error:
        _close(demo_unit, course, send_to_hospital=True)
    assert "§ 140" in error.value.message_dict["send_to_hospital"][0]


def test_end_value_outside_the_test_range_is_refused(fredericia, fredericia_course):
    with pytest.raises(ValidationError) as error:
        course_closing(
            user=fredericia.therapist_user,
            course=fredericia_course,
            closing_talk_on=END,
            end_reason="goals_reached",
            end_values={"berg_balance": "70"},
        )
    assert "Bergs Balanceskala" in error.value.message_dict["end_berg_balance"][0]


def test_raad_closes_under_the_same_rules(varde):
    course = varde.course("RAAD", received_on=START)
    result = course_closing(
        user=varde.therapist_user,
        course=course,
        closing_talk_on=END,
        end_reason="goals_reached",
        send_to_citizen=True,
    )
    assert result.course.status == CourseStatus.CLOSED
    assert len(result.messages) == 1


def test_fsiii_levels_at_closing_are_stored_and_shown_beside_the_earlier_level(
    fredericia, fredericia_course
):
    from rehabplan.courses.models import Assessment, AssessmentItem

    mobility = "462f9352-0129-4d8e-8c75-a6dfed78ddcf"
    earlier = Assessment.objects.create(
        citizen=fredericia_course.citizen,
        referral=fredericia_course.referral,
        phase="visitation",
        assessed_on=START,
        assessed_by=fredericia.visitator,
    )
    AssessmentItem.objects.create(assessment=earlier, code=mobility, label="Mobilitet", level=3)
    result = _close(fredericia, fredericia_course, send_to_citizen=True, fsiii_levels={mobility: 1})
    closing = fredericia_course.assessments.get(phase="closing")
    assert closing.items.get().level == 1
    text = result.messages[0].body_text
    assert "Funktionsniveau (Fællessprog III)" in text
    assert "Svære begrænsninger" in text and "Lette begrænsninger" in text


def test_status_can_be_sent_to_the_gp_after_closing_once_consent_is_given(
    client, fredericia, fredericia_course
):
    _close(fredericia, fredericia_course)
    client.force_login(fredericia.therapist_user)
    url = f"/forloeb/{fredericia_course.pk}/status/"
    response = client.post(url, {"send_to_gp": "on"})
    assert response.status_code == 400
    assert "ikke et gyldigt samtykke" in response.content.decode()
    consent_record(
        user=fredericia.therapist_user,
        citizen=fredericia_course.citizen,
        scope="share_status",
        given_on=END,
    )
    assert client.post(url, {"send_to_gp": "on"}).status_code == 302
    message = OutboxMessage.objects.get(recipient_kind="gp")
    assert message.channel == "medcom"
    response = client.get(f"/status/{message.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_closing_with_goals_reached_marks_the_open_goals_reached(fredericia, fredericia_course):
    from rehabplan.courses.models import GoalStatus
    from rehabplan.courses.services.closing import status_report_letter
    from rehabplan.letters import Recipient

    open_goal = goal_create(
        user=fredericia.therapist_user,
        course=fredericia_course,
        text="Jeg vil kunne gå på trapper",
        set_on=START,
    )
    _close(fredericia, fredericia_course)
    open_goal.refresh_from_db()
    assert open_goal.status == GoalStatus.ACHIEVED
    assert open_goal.evaluations.get().text == "Nået ved afslutningen af forløbet."
    letter = status_report_letter(
        course=fredericia_course, recipient=Recipient("Borger", ()), on=END
    )
    goals = next(section for section in letter.sections if section.heading == "Mål")
    statuses = {row[0]: row[1] for row in goals.table.rows}
    assert statuses["Jeg vil kunne gå på trapper"] == "Nået"


def test_closing_for_another_reason_leaves_open_goals_for_the_therapist(
    fredericia, fredericia_course
):
    from rehabplan.courses.models import GoalStatus

    open_goal = goal_create(
        user=fredericia.therapist_user,
        course=fredericia_course,
        text="Jeg vil kunne gå på trapper",
        set_on=START,
    )
    course_closing(
        user=fredericia.therapist_user,
        course=fredericia_course,
        closing_talk_on=END,
        end_reason="can_self_train",
        end_reason_note="Træner selv videre",
    )
    open_goal.refresh_from_db()
    assert open_goal.status == GoalStatus.ACTIVE
