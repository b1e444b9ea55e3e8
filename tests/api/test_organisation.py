"""The municipality's therapists, classes and places through the API: the ids a booking names,
of the caller's own municipality only."""

from __future__ import annotations

from rehabplan.organisation.models import Therapist
from tests.api import course_support as support
from tests.api.course_support import MONDAY, post, problem_fields

call, demo, make_unit, naestved = (
    support.call,
    support.demo,
    support.make_unit,
    support.naestved,
)


def test_every_role_reads_its_own_municipalitys_therapists_classes_and_places(call, demo, naestved):
    Therapist.objects.create(
        municipality=demo.municipality, name="Tidligere Terapeut", profession="PT", active=False
    )
    for user in (demo.visitator, demo.therapist_user, demo.leader):
        response = call(user).get("/api/v1/organisation")
        assert response.status_code == 200, response.content
        assert "Træningscentret".encode() in response.content  # UTF-8, not \u escapes
        body = response.json()
        assert {item["id"] for item in body["therapists"]} == {demo.pt.pk, demo.ot.pk}
        assert body["locations"] == [
            {
                "id": demo.location.pk,
                "name": "Træningscentret",
                "address": "Sundvej 1",
                "postcode": "7000",
                "city": "Byen",
            }
        ]
        (team_class,) = body["team_classes"]
        assert team_class["id"] == demo.team_class.pk
        assert team_class["weekdays"] == [0]
        assert team_class["starts_at"] == "10:00"
        assert team_class["therapist"]["id"] == demo.pt.pk
        assert team_class["location"] == {"id": demo.location.pk, "name": "Træningscentret"}

    other = call(naestved.leader).get("/api/v1/organisation").json()
    assert {item["id"] for item in other["therapists"]} == {naestved.pt.pk, naestved.ot.pk}
    assert [item["id"] for item in other["team_classes"]] == [naestved.team_class.pk]


def test_a_booking_names_the_field_to_correct_as_the_request_does(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    course.therapist = None
    course.save(update_fields=["therapist"])
    body = {"kind": "individual", "starts_at": "2026-11-10T09:30:00+01:00"}

    response = post(call(demo.therapist_user), f"/api/v1/courses/{course.pk}/sessions", body)

    assert response.status_code == 422
    assert problem_fields(response) == {"therapist_id"}
    assert course.attendances.count() == 0
