"""Sessions through the API: the course's sessions, booking, cancelling and documenting."""

from __future__ import annotations

import datetime

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ClinicalNote,
    OutcomeMeasurement,
    SessionKind,
    SessionStatus,
)
from tests.api import course_support as support
from tests.api.course_support import MONDAY, book, post, problem_fields, views
from tests.course import conftest as course_fixtures
from tests.course.conftest import at

TUESDAY = MONDAY + datetime.timedelta(days=1)

# The shared fixtures, bound here so that pytest finds them for this module's tests.
call, demo, make_unit, naestved, varde = (
    support.call,
    support.demo,
    support.make_unit,
    support.naestved,
    course_fixtures.varde,
)


def test_the_course_sessions_come_in_danish_time_and_are_audited(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    session = book(demo, course, MONDAY, 10)
    response = call(demo.leader).get(f"/api/v1/courses/{course.pk}/sessions")
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["attendance_id"] == course.attendances.get().pk
    assert item["attendance_status"] == "booked"
    assert item["session"]["id"] == session.pk
    assert item["session"]["starts_at"] == "2026-11-09T10:00:00+01:00"
    assert item["session"]["therapist"]["name"] == "Pia Fys"
    (entry,) = views("Forløbets aftaler vist via API")
    assert (entry.citizen_id, entry.object_id) == (course.citizen_id, str(course.pk))


def test_booking_a_session_with_the_web_service(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    body = {
        "kind": "individual",
        "starts_at": "2026-11-10T09:30:00+01:00",
        "duration_minutes": 60,
        "location_id": demo.location.pk,
    }
    response = post(call(demo.therapist_user), f"/api/v1/courses/{course.pk}/sessions", body)
    assert response.status_code == 201, response.content
    booked = response.json()
    attendance = Attendance.objects.get(pk=booked["attendance_id"])
    assert attendance.course == course and attendance.session.starts_at == at(TUESDAY, 9, 30)
    assert booked["session"]["location"] == {"id": demo.location.pk, "name": "Træningscentret"}
    assert booked["session"]["therapist"]["id"] == demo.pt.pk
    assert AuditEntry.objects.filter(action="create", object_type="session").count() == 1


def test_a_booking_on_a_busy_calendar_is_refused_in_danish(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    book(demo, course, TUESDAY, 9)
    body = {"kind": "individual", "starts_at": "2026-11-10T09:00:00+01:00"}
    response = post(call(demo.therapist_user), f"/api/v1/courses/{course.pk}/sessions", body)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert course.attendances.count() == 1


def test_a_warning_asks_for_confirmation_then_books(call, varde, token_for, api_client):
    course = varde.course("SEL86-2", received_on=MONDAY)
    for week in range(9):
        for offset in (0, 3):
            book(varde, course, MONDAY + datetime.timedelta(weeks=week, days=offset))
    path = f"/api/v1/courses/{course.pk}/sessions"
    body = {"kind": "individual", "starts_at": "2027-01-11T10:00:00+01:00"}
    client = api_client(token_for(varde.therapist_user))
    response = post(client, path, body)
    assert response.status_code == 409
    assert "Planen bruger 19 af højst 20 sessioner" in response.json()["detail"]
    assert "confirm" in response.json()["detail"]
    assert course.attendances.count() == 18
    response = post(client, path, {**body, "confirm": True})
    assert response.status_code == 201
    assert course.attendances.count() == 19


def test_booking_input_is_checked_at_the_edge(call, demo, naestved):
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(demo.therapist_user)
    path = f"/api/v1/courses/{course.pk}/sessions"
    naive = post(client, path, {"kind": "individual", "starts_at": "2026-11-10T09:30:00"})
    assert naive.status_code == 422 and problem_fields(naive) == {"starts_at"}
    assert naive.json()["errors"][0]["message"] == "Tidspunktet skal have en tidszone."
    far = post(client, path, {"kind": "individual", "starts_at": "9999-12-31T23:59:00-23:00"})
    assert far.status_code == 422
    wrong = post(client, path, {"kind": "yoga", "starts_at": "2026-11-10T09:30:00+01:00"})
    assert wrong.status_code == 422 and problem_fields(wrong) == {"kind"}
    short = post(
        client,
        path,
        {"kind": "individual", "starts_at": "2026-11-10T09:30:00+01:00", "duration_minutes": 5},
    )
    assert short.status_code == 422 and problem_fields(short) == {"duration_minutes"}
    theirs = post(
        client,
        path,
        {
            "kind": "individual",
            "starts_at": "2026-11-10T09:30:00+01:00",
            "therapist_id": naestved.pt.pk,
        },
    )
    assert theirs.status_code == 422 and problem_fields(theirs) == {"therapist_id"}
    assert course.attendances.count() == 0


def test_a_booking_names_only_active_therapists_classes_and_places(call, demo):
    """As the booking form offers: a therapist who has left or a closed place is no choice."""
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(demo.therapist_user)
    path = f"/api/v1/courses/{course.pk}/sessions"
    body = {"kind": "individual", "starts_at": "2026-11-10T09:30:00+01:00"}
    demo.pt.active = False
    demo.pt.save(update_fields=["active"])
    left = post(client, path, {**body, "therapist_id": demo.pt.pk})
    assert left.status_code == 422 and problem_fields(left) == {"therapist_id"}
    demo.location.active = False
    demo.location.save(update_fields=["active"])
    closed = post(client, path, {**body, "location_id": demo.location.pk})
    assert closed.status_code == 422 and problem_fields(closed) == {"location_id"}
    assert course.attendances.count() == 0


def test_booking_needs_document_course_and_the_own_municipality(call, demo, naestved):
    course = demo.course("SEL86-1", received_on=MONDAY)
    theirs = naestved.course("SEL86-1", received_on=MONDAY)
    body = {"kind": "individual", "starts_at": "2026-11-10T09:30:00+01:00"}
    for user in (demo.visitator, demo.leader):
        assert post(call(user), f"/api/v1/courses/{course.pk}/sessions", body).status_code == 403
    client = call(demo.therapist_user)
    assert post(client, f"/api/v1/courses/{theirs.pk}/sessions", body).status_code == 404
    assert client.get(f"/api/v1/courses/{theirs.pk}/sessions").status_code == 404
    assert theirs.attendances.count() == 0


def test_one_session_names_its_participants_and_audits_each(call, demo):
    courses = [demo.course("SEL86-1", received_on=MONDAY, team=True) for _ in range(2)]
    for course in courses:
        session = book(demo, course, kind=SessionKind.TEAM)
    response = call(demo.therapist_user).get(f"/api/v1/sessions/{session.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["team_class"]["name"] == "Balancehold"
    assert {p["citizen_id"] for p in body["participants"]} == {c.citizen_id for c in courses}
    entries = views("Aftale vist via API")
    assert {entry.citizen_id for entry in entries} == {c.citizen_id for c in courses}


def test_the_therapist_cancels_a_session_and_books_a_replacement(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    session = book(demo, course, TUESDAY, 9)
    client = call(demo.therapist_user)
    path = f"/api/v1/sessions/{session.pk}/cancel"
    assert post(call(demo.leader), path, {"reason": "Syg"}).status_code == 403
    assert post(client, path, {"reason": ""}).status_code == 422
    response = post(
        client,
        path,
        {"reason": "Terapeuten er syg", "replacement_starts_at": "2026-11-12T09:00+01:00"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["session"]["status"] == "cancelled"
    assert body["replacement"]["replaces_session_id"] == session.pk
    assert body["affected_attendance_ids"] == [course.attendances.get(session=session).pk]
    again = post(client, path, {"reason": "Igen"})
    assert again.status_code == 422 and again.json()["detail"] == "Aftalen er allerede aflyst."


def test_a_busy_replacement_time_names_the_field_to_correct(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    session = book(demo, course, TUESDAY, 9)
    other = demo.course("SEL86-1", received_on=MONDAY)
    book(demo, other, TUESDAY + datetime.timedelta(days=2), 9)
    body = {"reason": "Terapeuten er syg", "replacement_starts_at": "2026-11-12T09:00+01:00"}

    response = post(call(demo.therapist_user), f"/api/v1/sessions/{session.pk}/cancel", body)

    assert response.status_code == 422
    assert problem_fields(response) == {"replacement_starts_at"}
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_a_citizen_cancellation_is_in_time_or_late_by_the_standard(call, demo, naestved):
    course = demo.course("SEL86-1", received_on=MONDAY)
    book(demo, course, TUESDAY, 9)
    attendance = course.attendances.get()
    client = call(demo.therapist_user)
    path = f"/api/v1/attendances/{attendance.pk}/cancel"
    assert post(call(demo.visitator), path, {}).status_code == 403
    response = post(client, path, {"cancelled_at": "2026-11-10T10:00:00+01:00"})
    assert response.status_code == 200
    assert response.json()["status"] == AttendanceStatus.CANCELLED_LATE
    theirs = naestved.course("SEL86-1", received_on=MONDAY)
    book(naestved, theirs, TUESDAY, 9)
    other = f"/api/v1/attendances/{theirs.attendances.get().pk}/cancel"
    assert post(client, other, {}).status_code == 404
    assert theirs.attendances.get().status == AttendanceStatus.BOOKED


def test_documenting_attendance_a_note_and_a_test_value(call, demo):
    courses = [demo.course("SEL86-1", received_on=MONDAY, team=True) for _ in range(2)]
    for course in courses:
        session = book(demo, course, kind=SessionKind.TEAM)
    first, second = (course.attendances.get() for course in courses)
    body = {
        "test_code": "berg_balance",
        "phase": "start",
        "entries": [
            {
                "attendance_id": first.pk,
                "status": "attended",
                "note": "Godt fremmøde",
                "test_value": 41,
            },
            {"attendance_id": second.pk, "status": "no_show"},
        ],
    }
    path = f"/api/v1/sessions/{session.pk}/documentation"
    assert post(call(demo.leader), path, body).status_code == 403
    response = post(call(demo.therapist_user), path, body)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["session_status"] == SessionStatus.HELD
    assert sorted(result["changed_attendance_ids"]) == sorted([first.pk, second.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (AttendanceStatus.ATTENDED, AttendanceStatus.NO_SHOW)
    note = ClinicalNote.objects.get(pk=result["note_ids"][0])
    assert note.course == courses[0] and note.text == "Godt fremmøde"
    measurement = OutcomeMeasurement.objects.get(pk=result["measurement_ids"][0])
    assert float(measurement.value) == 41 and measurement.phase == "start"


def test_documentation_is_refused_where_the_service_or_the_edge_says_so(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    later = book(demo, course, datetime.date(2099, 6, 1), 10)
    attendance = course.attendances.get()
    client = call(demo.therapist_user)
    path = f"/api/v1/sessions/{later.pk}/documentation"
    early = post(
        client, path, {"entries": [{"attendance_id": attendance.pk, "status": "attended"}]}
    )
    assert early.status_code == 422
    assert "først registreres fra aftalens start" in early.json()["detail"]
    twice = post(
        client,
        path,
        {"entries": [{"attendance_id": attendance.pk, "status": "booked"}] * 2},
    )
    assert twice.status_code == 422
    assert twice.json()["errors"][0]["message"] == "Hver deltager må kun stå én gang."
    for bad in (
        {"entries": []},
        {"entries": [{"attendance_id": attendance.pk, "status": "maybe"}]},
        {"entries": [{"attendance_id": attendance.pk, "status": "booked", "note": "a\x00b"}]},
        {"entries": [{"attendance_id": 2**40, "status": "booked"}]},
    ):
        assert post(client, path, bad).status_code == 422, bad
    assert course.attendances.get().status == AttendanceStatus.BOOKED
