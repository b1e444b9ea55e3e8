"""The course screens in the browser's terms: who may do what, and the one-screen flows."""

import datetime
import re

import pytest
from django.utils import timezone

from rehabplan.courses.models import (
    AttendanceStatus,
    ClinicalNote,
    CourseStatus,
    OutcomeMeasurement,
    SessionKind,
)
from rehabplan.courses.services.goals import goal_create
from rehabplan.courses.services.sessions import session_book
from tests.course.conftest import at

MONDAY = datetime.date(2026, 11, 9)


@pytest.fixture
def team(demo_unit):
    courses = [demo_unit.course("SEL86-1", received_on=MONDAY, team=True) for _ in range(2)]
    for course in courses:
        session = session_book(
            user=demo_unit.therapist_user,
            course=course,
            kind=SessionKind.TEAM,
            starts_at=at(MONDAY),
            confirmed=True,
        )
    return session, courses


def test_course_page_shows_the_course_to_therapist_and_leader(client, demo_unit, team):
    _session, (course, _other) = team
    client.force_login(demo_unit.therapist_user)
    content = client.get(f"/forloeb/{course.pk}/").content.decode()
    assert "I gang" in content and "Book aftale" in content and "Ret notat" in content
    client.force_login(demo_unit.leader)
    response = client.get(f"/forloeb/{course.pk}/")
    assert response.status_code == 200
    assert "Book aftale" not in response.content.decode()


def test_a_visitator_cannot_document_sessions_and_a_leader_cannot_write(client, demo_unit, team):
    session, (course, _other) = team
    attendance = course.attendances.get()
    data = {"phase": "during", f"a{attendance.pk}_status": "attended"}
    for user in (demo_unit.visitator, demo_unit.leader):
        client.force_login(user)
        assert client.post(f"/aftaler/{session.pk}/", data).status_code == 403
        assert client.post(f"/forloeb/{course.pk}/mal/", {"text": "x"}).status_code == 403
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.BOOKED


def test_other_municipality_gets_404(client, demo_unit, make_unit, team):
    session, (course, _other) = team
    other = make_unit("naestved", 370, "Næstved Kommune")
    client.force_login(other.therapist_user)
    assert client.get(f"/forloeb/{course.pk}/").status_code == 404
    assert client.get(f"/aftaler/{session.pk}/").status_code == 404
    assert client.post(f"/forloeb/{course.pk}/mal/", {"text": "x"}).status_code == 404


def test_team_screen_saves_every_participant_at_once(client, demo_unit, team):
    session, courses = team
    client.force_login(demo_unit.therapist_user)
    page = client.get(f"/aftaler/{session.pk}/").content.decode()
    assert courses[0].citizen.full_name in page and courses[1].citizen.full_name in page
    data = {"test_code": "berg_balance", "phase": "start"}
    for number, course in enumerate(courses):
        prefix = f"a{course.attendances.get().pk}"
        data |= {
            f"{prefix}_status": "attended",
            f"{prefix}_note": f"Notat {number}",
            f"{prefix}_value": str(40 + number),
        }
    response = client.post(f"/aftaler/{session.pk}/", data)
    assert response.status_code == 302
    for number, course in enumerate(courses):
        assert course.attendances.get().status == AttendanceStatus.ATTENDED
        assert ClinicalNote.objects.get(course=course, session=session).text == f"Notat {number}"
        assert OutcomeMeasurement.objects.get(course=course).value == 40 + number


def test_team_screen_shows_errors_in_danish_and_saves_nothing(client, demo_unit, team):
    session, (course, other) = team
    client.force_login(demo_unit.therapist_user)
    prefix = f"a{course.attendances.get().pk}"
    response = client.post(
        f"/aftaler/{session.pk}/",
        {
            "phase": "during",
            "test_code": "chair_stand_30s",
            f"{prefix}_status": "no_show",
            f"{prefix}_value": "12",
            f"a{other.attendances.get().pk}_status": "attended",
        },
    )
    assert response.status_code == 400
    assert "et testresultat kræver, at borgeren er mødt" in response.content.decode()
    assert course.attendances.get().status == AttendanceStatus.BOOKED


def test_booking_a_warning_needs_an_explicit_confirmation(client, naestved):
    course = naestved.course("SEL86-1", received_on=MONDAY)
    client.force_login(naestved.therapist_user)
    base = {"kind": "individual", "time": "10:00", "duration_minutes": "45"}
    assert (
        client.post(f"/forloeb/{course.pk}/book/", base | {"day": "2026-11-09"}).status_code == 302
    )
    late = base | {"day": "2027-02-15"}
    response = client.post(f"/forloeb/{course.pk}/book/", late)
    content = response.content.decode()
    assert "et typisk forløb er 12 uger" in content
    assert course.attendances.count() == 1
    response = client.post(f"/forloeb/{course.pk}/book/", late | {"confirmed": "on"})
    assert response.status_code == 302
    assert course.attendances.count() == 2


def test_booking_beyond_the_cap_is_refused_with_the_reason(client, varde):
    course = varde.course("RAAD", received_on=MONDAY)
    client.force_login(varde.therapist_user)
    for week in range(4):
        day = MONDAY + datetime.timedelta(weeks=week)
        response = client.post(
            f"/forloeb/{course.pk}/book/",
            {
                "kind": "individual",
                "day": day.isoformat(),
                "time": "10:00",
                "duration_minutes": "45",
                "confirmed": "on",
            },
        )
    assert response.status_code == 400
    assert "standarden tillader højst 3" in response.content.decode()
    assert course.attendances.count() == 3


def test_closing_screen_says_why_the_gp_cannot_get_the_status(client, fredericia):
    course = fredericia.course("SUL140", received_on=MONDAY, referring_unit="OUH")
    client.force_login(fredericia.therapist_user)
    page = client.get(f"/forloeb/{course.pk}/afslut/").content.decode()
    assert "Kan ikke sendes til egen læge:" in page
    assert "ikke et gyldigt samtykke" in page
    response = client.post(
        f"/forloeb/{course.pk}/afslut/",
        {
            "closing_talk_on": "2026-11-20",
            "end_reason": "goals_reached",
            "equipment": "none",
            "send_to_gp": "on",
        },
    )
    assert response.status_code == 400
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE
    response = client.post(
        f"/forloeb/{course.pk}/afslut/",
        {
            "closing_talk_on": "2026-11-20",
            "end_reason": "goals_reached",
            "equipment": "yes",
            "send_to_citizen": "on",
        },
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.CLOSED
    page = client.get(f"/forloeb/{course.pk}/").content.decode()
    assert "Målet er nået" in page and "Status efter træningsforløb (PDF)" in page


def test_min_dag_lists_todays_sessions_with_address_and_goals(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    goal_create(
        user=demo_unit.therapist_user,
        course=course,
        text="Gå på trapper uden gelænder",
        set_on=MONDAY,
    )
    today = timezone.localdate()
    session_book(
        user=demo_unit.therapist_user,
        course=course,
        kind=SessionKind.HOME,
        starts_at=at(today, 9),
        confirmed=True,
    )
    client.force_login(demo_unit.therapist_user)
    content = client.get("/").content.decode()
    assert "Min dag: aftaler i dag" in content
    assert "Kirkevej 4, 7000 Byen" in content
    assert "Gå på trapper uden gelænder" in content


def test_citizen_page_links_to_the_course_and_offers_one_for_a_grant(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    client.force_login(demo_unit.therapist_user)
    content = client.get(f"/borgere/{course.citizen.pk}/").content.decode()
    assert f"/forloeb/{course.pk}/" in content


def test_intake_form_starts_the_course(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY, start=False)
    client.force_login(demo_unit.therapist_user)
    response = client.post(
        f"/forloeb/{course.pk}/opstart/",
        {"intake_on": "2026-11-10", "note": "Forundersøgelse", "plan_text": "Hold"},
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE


def test_note_correction_in_the_browser_keeps_both(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    note = ClinicalNote.objects.get(course=course)
    client.force_login(demo_unit.therapist_user)
    response = client.post(f"/notater/{note.pk}/ret/", {"text": "Rettet: går uden rollator."})
    assert response.status_code == 302
    content = client.get(f"/forloeb/{course.pk}/").content.decode()
    assert "Forundersøgelse: går med rollator." in content
    assert "Rettet: går uden rollator." in content
    assert "Rettelse af notat fra" in content


def test_opening_the_closing_screen_is_audited(client, demo_unit):
    from rehabplan.audit.models import AuditEntry

    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    client.force_login(demo_unit.therapist_user)
    client.get(f"/forloeb/{course.pk}/afslut/")
    entry = AuditEntry.objects.filter(action="view").latest("id")
    assert (entry.summary, entry.citizen_id) == ("Afslutning åbnet", course.citizen_id)


def test_a_granted_referral_gets_its_course_from_the_citizen_page(client, demo_unit):
    from rehabplan.courses.models import Course, ReferralStatus
    from rehabplan.courses.services.referrals import referral_register

    citizen = demo_unit.citizen()
    referral = referral_register(
        user=demo_unit.visitator,
        citizen=citizen,
        service_code="SEL86-2",
        source="citizen",
        received_on=MONDAY,
    )
    referral.status = ReferralStatus.GRANTED
    referral.save()
    client.force_login(demo_unit.therapist_user)
    content = client.get(f"/borgere/{citizen.pk}/").content.decode()
    assert f"/henvisninger/{referral.pk}/forloeb/" in content
    response = client.post(
        f"/henvisninger/{referral.pk}/forloeb/", {"team_class": demo_unit.team_class.pk}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    course = Course.objects.get(referral=referral)
    assert response["Location"] == f"/forloeb/{course.pk}/"
    assert (course.status, course.therapist, course.delivery_type) == (
        CourseStatus.AWAITING_START,
        demo_unit.pt,
        "team",
    )
    response = client.post(f"/henvisninger/{referral.pk}/forloeb/", {})
    assert "Henvisningen har allerede et forløb." in response.content.decode()


def test_therapist_cancellation_of_an_individual_session_leads_to_booking_a_replacement(
    client, naestved
):
    course = naestved.course("SEL86-1", received_on=MONDAY)
    session = session_book(
        user=naestved.therapist_user,
        course=course,
        kind=SessionKind.INDIVIDUAL,
        starts_at=at(MONDAY + datetime.timedelta(days=1)),
        confirmed=True,
    )
    client.force_login(naestved.therapist_user)
    response = client.post(f"/aftaler/{session.pk}/aflys/", {"reason": "Terapeut syg"})
    assert response["Location"] == f"/forloeb/{course.pk}/book/?erstatter={session.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "erstatningstid for en aflyst aftale" in page
    response = client.post(
        f"/forloeb/{course.pk}/book/",
        {
            "kind": "individual",
            "day": "2026-11-12",
            "time": "13:00",
            "duration_minutes": "45",
            "replaces": str(session.pk),
        },
    )
    assert response.status_code == 302
    assert session.replacements.get().attendances.get().course_id == course.pk


def test_the_therapist_records_the_weekdays_the_citizen_cannot_train(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    client.force_login(demo_unit.therapist_user)
    response = client.post(f"/forloeb/{course.pk}/ugedage/", {"weekdays": ["0", "4"]})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.blocked_weekdays == [0, 4]
    content = client.get(f"/forloeb/{course.pk}/").content.decode()
    import re

    checkbox = r'<input type="checkbox" name="weekdays" value="(\d)"[^>]*checked'
    checked = re.findall(checkbox, content)
    assert checked == ["0", "4"]


def test_before_the_start_the_screens_offer_only_cancellations(client, demo_unit, team):
    session, (course, other) = team
    session.starts_at = timezone.now() + datetime.timedelta(hours=2)
    session.save(update_fields=["starts_at"])
    client.force_login(demo_unit.therapist_user)
    page = client.get(f"/aftaler/{session.pk}/").content.decode()
    assert "Aftalen er ikke begyndt" in page
    assert 'value="attended"' not in page and 'value="no_show"' not in page
    assert 'value="cancelled_by_citizen"' in page
    course_page = client.get(f"/forloeb/{course.pk}/").content.decode()
    assert "Se aftalen" in course_page and ">Dokumentér<" not in course_page
    prefix = f"a{course.attendances.get().pk}"
    response = client.post(f"/aftaler/{session.pk}/", {f"{prefix}_status": "attended"})
    assert response.status_code == 400
    assert course.attendances.get().status == AttendanceStatus.BOOKED


def test_from_the_start_the_screen_offers_attendance(client, demo_unit, team):
    session, (course, other) = team
    session.starts_at = timezone.now() - datetime.timedelta(minutes=1)
    session.save(update_fields=["starts_at"])
    client.force_login(demo_unit.therapist_user)
    page = client.get(f"/aftaler/{session.pk}/").content.decode()
    assert "Aftalen er ikke begyndt" not in page
    assert 'value="attended"' in page and 'value="no_show"' in page
    assert ">Dokumentér<" in client.get(f"/forloeb/{course.pk}/").content.decode()


def test_each_reason_form_on_the_course_page_has_its_own_ids(client, demo_unit, team):
    _session, (course, _other) = team
    client.force_login(demo_unit.therapist_user)
    content = client.get(f"/forloeb/{course.pk}/").content.decode()
    ids = re.findall(r'id="(id_[a-z_]*reason)"', content)
    assert len(ids) >= 2 and len(ids) == len(set(ids))

    # An empty reason: the error is on the form of the move that was tried, and nothing moves.
    response = client.post(f"/forloeb/{course.pk}/annuller/", {"reason": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#id_cancel_form_reason"' in content
    assert 'id="id_cancel_form_reason-error"' in content
    assert "id_ending_form_reason-error" not in content
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE
