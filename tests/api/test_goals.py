"""Goals through the API: set a goal, evaluate it, read the course's goals."""

from __future__ import annotations

from rehabplan.courses.models import Goal
from rehabplan.courses.services.goals import goal_create
from tests.api import course_support as support
from tests.api.course_support import MONDAY, post, problem_fields, views

# The shared fixtures, bound here so that pytest finds them for this module's tests.
call, demo, make_unit, naestved = support.call, support.demo, support.make_unit, support.naestved


def test_setting_evaluating_and_reading_goals(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(demo.therapist_user)
    body = {"text": "Gå til bageren selv", "set_on": "2026-11-10", "copm_performance": 3}
    created = post(client, f"/api/v1/courses/{course.pk}/goals", body)
    assert created.status_code == 201
    goal = Goal.objects.get(pk=created.json()["id"])
    assert goal.course == course and goal.copm_performance == 3
    evaluation = {"evaluated_on": "2026-12-01", "status": "achieved", "text": "Går selv"}
    response = post(client, f"/api/v1/goals/{goal.pk}/evaluations", evaluation)
    assert response.status_code == 201
    listed = call(demo.visitator).get(f"/api/v1/courses/{course.pk}/goals")
    (item,) = listed.json()
    assert item["status"] == "achieved" and item["evaluations"][0]["text"] == "Går selv"
    (entry,) = views("Forløbets mål vist via API")
    assert entry.citizen_id == course.citizen_id


def test_bad_goals_are_refused_in_danish(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(demo.therapist_user)
    goal = goal_create(user=demo.therapist_user, course=course, text="Gå", set_on=MONDAY)
    copm = post(
        client,
        f"/api/v1/courses/{course.pk}/goals",
        {"text": "x", "set_on": "2026-11-10", "copm_performance": 11},
    )
    assert copm.status_code == 422 and problem_fields(copm) == {"copm_performance"}
    early = post(
        client,
        f"/api/v1/goals/{goal.pk}/evaluations",
        {"evaluated_on": "2026-01-01", "status": "partly", "text": "Lidt"},
    )
    assert early.status_code == 422
    assert early.json()["detail"] == "Evalueringen kan ikke ligge før målet blev sat."


def test_roles_and_municipalities(call, demo, naestved):
    course = demo.course("SEL86-1", received_on=MONDAY)
    theirs = naestved.course("SEL86-1", received_on=MONDAY)
    goal = goal_create(user=naestved.therapist_user, course=theirs, text="Hemmeligt", set_on=MONDAY)
    body = {"text": "Gå", "set_on": "2026-11-10"}
    assert post(call(demo.leader), f"/api/v1/courses/{course.pk}/goals", body).status_code == 403
    client = call(demo.therapist_user)
    assert client.get(f"/api/v1/courses/{theirs.pk}/goals").status_code == 404
    evaluation = {"evaluated_on": "2026-12-01", "status": "achieved", "text": "x"}
    response = post(client, f"/api/v1/goals/{goal.pk}/evaluations", evaluation)
    assert response.status_code == 404 and "Hemmeligt" not in response.content.decode()
