"""Outcome measurements through the API: the catalogue, a course's results, recording one."""

from __future__ import annotations

from rehabplan.courses.models import OutcomeMeasurement
from rehabplan.courses.services.measurements import measurement_record
from tests.api import course_support as support
from tests.api.course_support import MONDAY, post, problem_fields, views

# The shared fixtures, bound here so that pytest finds them for this module's tests.
call, demo, make_unit, naestved = support.call, support.demo, support.make_unit, support.naestved


def test_the_catalogue_lists_the_tests(call, demo):
    tests = call(demo.therapist_user).get("/api/v1/outcome-tests").json()
    berg = next(test for test in tests if test["code"] == "berg_balance")
    assert berg["unit"] and berg["maximum"] > berg["minimum"]


def test_recording_and_reading_a_measurement(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(demo.therapist_user)
    body = {"test_code": "berg_balance", "value": 42, "phase": "start", "measured_on": "2026-11-10"}
    response = post(client, f"/api/v1/courses/{course.pk}/measurements", body)
    assert response.status_code == 201, response.content
    recorded = OutcomeMeasurement.objects.get(pk=response.json()["id"])
    assert (recorded.course, float(recorded.value), recorded.phase) == (course, 42, "start")
    listed = call(demo.leader).get(f"/api/v1/courses/{course.pk}/measurements")
    assert listed.status_code == 200
    (item,) = listed.json()["items"]
    assert item["value"] == 42 and item["phase"] == "start" and item["unit"] == recorded.unit
    (entry,) = views("Forløbets testresultater vist via API")
    assert entry.citizen_id == course.citizen_id


def test_impossible_values_are_refused_in_danish(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(demo.therapist_user)
    path = f"/api/v1/courses/{course.pk}/measurements"
    body = {"test_code": "berg_balance", "value": 42, "phase": "start", "measured_on": "2026-11-10"}
    out_of_range = post(client, path, {**body, "value": 99})
    assert out_of_range.status_code == 422
    assert "ligger uden for det mulige interval" in out_of_range.json()["detail"]
    unknown = post(client, path, {**body, "test_code": "nope"})
    assert unknown.status_code == 422 and problem_fields(unknown) == {"test_code"}
    for bad in (
        {"value": 1e300},
        {"value": "NaN"},
        {"phase": "later"},
        {"measured_on": "0001-01-01"},
    ):
        assert post(client, path, {**body, **bad}).status_code == 422, bad
    assert not course.measurements.exists()


def test_roles_and_municipalities(call, demo, naestved):
    course = demo.course("SEL86-1", received_on=MONDAY)
    theirs = naestved.course("SEL86-1", received_on=MONDAY)
    measurement_record(
        user=naestved.therapist_user,
        course=theirs,
        test_code="berg_balance",
        value=30,
        phase="start",
        measured_on=MONDAY,
    )
    body = {"test_code": "berg_balance", "value": 42, "phase": "start", "measured_on": "2026-11-10"}
    for user in (demo.visitator, demo.leader):
        assert (
            post(call(user), f"/api/v1/courses/{course.pk}/measurements", body).status_code == 403
        )
    client = call(demo.therapist_user)
    assert client.get(f"/api/v1/courses/{theirs.pk}/measurements").status_code == 404
    assert post(client, f"/api/v1/courses/{theirs.pk}/measurements", body).status_code == 404
    assert theirs.measurements.count() == 1
