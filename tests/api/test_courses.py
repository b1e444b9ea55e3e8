"""GET /api/v1/courses and /courses/{id}: the municipality's courses, audited as the web."""

from __future__ import annotations

from rehabplan.audit.models import AuditEntry
from tests.api import course_support as support
from tests.api.course_support import MONDAY, book, views

# The shared fixtures, bound here so that pytest finds them for this module's tests.
call, demo, make_unit, naestved = support.call, support.demo, support.make_unit, support.naestved


def test_the_list_shows_the_own_municipality_and_names_every_citizen(call, demo, naestved):
    own = [demo.course("SEL86-1", received_on=MONDAY) for _ in range(3)]
    naestved.course("SEL86-1", received_on=MONDAY)
    response = call(demo.therapist_user).get("/api/v1/courses?limit=2")
    assert response.status_code == 200
    page = response.json()
    assert [item["id"] for item in page["items"]] == [own[0].pk, own[1].pk]
    assert page["items"][0]["citizen_id"] == own[0].citizen_id
    assert page["items"][0]["status"] == "active"
    assert page["items"][0]["therapist"]["name"] == "Pia Fys"
    (entry,) = views("Forløbsliste hentet via API (2)")
    assert entry.shown_citizen_ids == sorted([own[0].citizen_id, own[1].citizen_id])
    rest = call(demo.therapist_user).get(f"/api/v1/courses?cursor={page['next_cursor']}").json()
    assert [item["id"] for item in rest["items"]] == [own[2].pk]
    assert rest["next_cursor"] is None


def test_the_list_filters_by_citizen_and_status(call, demo):
    first = demo.course("SEL86-1", received_on=MONDAY)
    waiting = demo.course("SEL86-1", received_on=MONDAY, start=False)
    client = call(demo.leader)
    by_citizen = client.get(f"/api/v1/courses?citizen_id={first.citizen_id}").json()
    assert [item["id"] for item in by_citizen["items"]] == [first.pk]
    by_status = client.get("/api/v1/courses?status=awaiting_start").json()
    assert [item["id"] for item in by_status["items"]] == [waiting.pk]


def test_bad_filters_and_cursors_are_refused_in_danish(call, demo):
    client = call(demo.therapist_user)
    response = client.get("/api/v1/courses?status=open&citizen_id=0")
    assert response.status_code == 422
    assert "status" in response.json()["detail"] and "citizen_id" in response.json()["detail"]
    response = client.get("/api/v1/courses?cursor=made-up")
    assert response.status_code == 400
    assert "markør" in response.json()["detail"]


def test_one_course_gives_extent_and_use_and_is_audited(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY, team=True)
    book(demo, course)
    response = call(demo.visitator).get(f"/api/v1/courses/{course.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["citizen_id"] == course.citizen_id
    assert body["service_code"] == "SEL86-1" and body["service_name"]
    assert body["team_class"]["name"] == "Balancehold"
    assert body["start_on"] == MONDAY.isoformat()
    assert body["sessions_used"] == 1
    assert body["sessions_granted"] == body["extent"]["max_sessions"]
    assert body["extent"]["text"]
    entry = AuditEntry.objects.get(summary="Forløb vist via API")
    assert (entry.citizen_id, entry.object_id, entry.action) == (
        course.citizen_id,
        str(course.pk),
        "view",
    )


def test_another_municipality_course_is_404_and_shows_nothing(call, demo, naestved):
    theirs = naestved.course("SEL86-1", received_on=MONDAY)
    response = call(demo.therapist_user).get(f"/api/v1/courses/{theirs.pk}")
    assert response.status_code == 404
    assert theirs.citizen.last_name not in response.content.decode()
    assert not AuditEntry.objects.filter(citizen_id=theirs.citizen_id, action="view").exists()


def test_an_administrator_may_not_read_courses(call, demo, administrator):
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(administrator)
    assert client.get("/api/v1/courses").status_code == 403
    assert client.get(f"/api/v1/courses/{course.pk}").status_code == 403
