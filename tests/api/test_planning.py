"""/api/v1/planning/: a week's proposal requested, computed by the task, read, listed, accepted."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from rehabplan.accounts.roles import LEADER
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import Course, Session
from rehabplan.organisation.models import (
    Location,
    Municipality,
    Profession,
    TeamClass,
    Therapist,
    WorkingHours,
)
from rehabplan.scheduling.models import PlanProposal, ProposalState
from rehabplan.scheduling.services import proposal_create
from tests.scheduling.test_planning_flow import _waiting_course

WEEK = "2026-W49"  # Monday 30 November 2026
DISCHARGE = datetime.date(2026, 11, 27)  # the Friday before: SUL140's start deadline is 4 Dec
PROPOSALS = "/api/v1/planning/proposals"


@pytest.fixture(autouse=True)
def planned_on_the_friday_before(monkeypatch):
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return DISCHARGE if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


def _unit(municipality: Municipality, make_user, prefix: str) -> dict:
    leader = make_user(f"{prefix}-leder", LEADER, municipality)
    location = Location.objects.create(
        municipality=municipality, name="Sundhedscenter", address="Vej 1", postcode="7000"
    )
    therapist = Therapist.objects.create(
        municipality=municipality, name="Maja Holm", profession=Profession.PHYSIOTHERAPIST
    )
    for weekday in range(5):
        WorkingHours.objects.create(
            therapist=therapist,
            weekday=weekday,
            starts_at=datetime.time(7, 30),
            ends_at=datetime.time(15, 0),
        )
    team = TeamClass.objects.create(
        municipality=municipality,
        name="Balance mandag",
        location=location,
        weekday=0,
        starts_at=datetime.time(9, 0),
        capacity=2,
        minimum_to_run=1,
        level="basal",
        profession=Profession.PHYSIOTHERAPIST,
        therapist=therapist,
    )
    courses = [_waiting_course(leader, number) for number in range(3)]
    return {"leader": leader, "team": team, "therapist": therapist, "courses": courses}


@pytest.fixture
def fredericia(db):
    return Municipality.objects.create(slug="fredericia", code=607, name="Fredericia Kommune")


@pytest.fixture
def unit(fredericia, make_user):
    return _unit(fredericia, make_user, "fredericia")


@pytest.fixture
def leader_client(unit, token_for, api_client):
    return api_client(token_for(unit["leader"]))


def _ready(client, django_capture_on_commit_callbacks) -> dict:
    # The test's transaction never commits: run the enqueued computation as a commit would.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROPOSALS, {"week": WEEK, "method": "edd"}, "application/json")
    assert response.status_code == 202, response.content
    return response.json()


def test_a_request_answers_202_and_the_task_computes_the_proposal(
    unit, leader_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = leader_client.post(PROPOSALS, {"week": WEEK}, "application/json")
    assert response.status_code == 202
    body = response.json()
    assert body["state"] == "queued" and body["week"] == WEEK and body["method"] == "optimiser"
    # The computation is handed to the worker once the request's transaction commits.
    assert len(callbacks) == 1
    proposal = PlanProposal.objects.get(pk=body["id"])
    assert proposal.created_by == unit["leader"]
    callbacks[0]()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.READY, proposal.error


def test_a_ready_proposal_shows_who_starts_where_and_when_and_is_audited(
    unit, leader_client, django_capture_on_commit_callbacks
):
    created = _ready(leader_client, django_capture_on_commit_callbacks)
    before = AuditEntry.objects.count()
    response = leader_client.get(f"{PROPOSALS}/{created['id']}")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "ready" and body["state_text"] == "Klar"
    # Two seats on Monday 30 November before the deadline; the third citizen cannot start.
    assert len(body["planned"]) == 2
    courses = {course.pk: course for course in unit["courses"]}
    for start in body["planned"]:
        assert start["citizen_id"] == courses[start["course_id"]].citizen_id
        assert start["start_date"] == "2026-11-30"
        assert start["class_id"] == unit["team"].pk
        assert start["therapist_id"] == unit["therapist"].pk
        assert start["on_time"] is True and start["days_late"] == 0
        first = start["sessions"][0]
        assert first["starts_at"] == "2026-11-30T09:00:00+01:00"
    assert body["figures"]["courses"] == 3
    assert body["figures"]["on_time"] == 2
    late = body["not_planned"] + [s for s in body["planned"] if not s["on_time"]]
    assert len(body["not_planned"]) == 1 and body["not_planned"][0]["reason"], late
    entries = AuditEntry.objects.order_by("pk")[before:]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.action == AuditAction.VIEW
    assert entry.summary == f"Planforslag {WEEK} vist"
    assert sorted(entry.shown_citizen_ids) == sorted(c.citizen_id for c in unit["courses"])


def test_a_queued_proposal_shows_no_citizens_and_writes_no_audit(unit, leader_client):
    proposal = proposal_create(user=unit["leader"], week=WEEK)
    before = AuditEntry.objects.count()
    body = leader_client.get(f"{PROPOSALS}/{proposal.pk}").json()
    assert body["state"] == "queued"
    assert body["planned"] == [] and body["not_planned"] == [] and body["figures"] is None
    assert AuditEntry.objects.count() == before


def test_accepting_books_the_plan_and_a_second_accept_is_a_conflict(
    unit, leader_client, django_capture_on_commit_callbacks
):
    created = _ready(leader_client, django_capture_on_commit_callbacks)
    response = leader_client.post(f"{PROPOSALS}/{created['id']}/accept")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["proposal"]["state"] == "accepted"
    assert body["proposal"]["accepted_at"] is not None
    assert body["courses_started"] == 2
    assert body["sessions_booked"] == Session.objects.filter(attendances__isnull=False).count()
    started = Course.objects.filter(start_on=datetime.date(2026, 11, 30))
    assert started.count() == 2
    # One change entry per started course, as the web writes.
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="course").count() >= 2
    again = leader_client.post(f"{PROPOSALS}/{created['id']}/accept")
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert "Godkendt" in again.json()["detail"]


def test_a_proposal_still_in_the_queue_cannot_be_accepted(unit, leader_client):
    proposal = proposal_create(user=unit["leader"], week=WEEK)
    response = leader_client.post(f"{PROPOSALS}/{proposal.pk}/accept")
    assert response.status_code == 409
    assert "I kø" in response.json()["detail"]
    assert not Course.objects.filter(start_on__isnull=False).exists()


def test_the_list_pages_through_the_municipalitys_own_proposals(
    unit, leader_client, make_user, other_municipality
):
    own = [proposal_create(user=unit["leader"], week=WEEK) for _ in range(3)]
    foreign_leader = make_user("varde-leder", LEADER, other_municipality)
    proposal_create(user=foreign_leader, week=WEEK)
    first = leader_client.get(PROPOSALS, {"limit": 2}).json()
    assert [item["id"] for item in first["items"]] == [own[0].pk, own[1].pk]
    assert first["next_cursor"]
    second = leader_client.get(PROPOSALS, {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [item["id"] for item in second["items"]] == [own[2].pk]
    assert second["next_cursor"] is None
    assert leader_client.get(PROPOSALS, {"cursor": "forged"}).status_code == 400


def test_another_municipalitys_proposal_is_not_found(
    unit, leader_client, make_user, other_municipality
):
    foreign_leader = make_user("varde-leder", LEADER, other_municipality)
    foreign = proposal_create(user=foreign_leader, week=WEEK)
    before = AuditEntry.objects.count()
    for response in (
        leader_client.get(f"{PROPOSALS}/{foreign.pk}"),
        leader_client.post(f"{PROPOSALS}/{foreign.pk}/accept"),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == "Planforslaget findes ikke."
        assert foreign.week not in response.content.decode().replace(
            response.json()["instance"], ""
        )
    foreign.refresh_from_db()
    assert foreign.state == ProposalState.QUEUED
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("role", ["visitator", "therapist_user", "administrator"])
def test_only_a_role_that_plans_may_use_planning(
    request, role, unit, token_for, api_client, municipality
):
    proposal = proposal_create(user=unit["leader"], week=WEEK)
    client = api_client(token_for(request.getfixturevalue(role)))
    answers = [
        client.post(PROPOSALS, {"week": WEEK}, "application/json"),
        client.get(PROPOSALS),
        client.get(f"{PROPOSALS}/{proposal.pk}"),
        client.post(f"{PROPOSALS}/{proposal.pk}/accept"),
    ]
    assert [answer.status_code for answer in answers] == [403] * 4
    assert PlanProposal.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"week": "2026-W60"}, "Har ikke den rigtige form."),
        ({"week": "2026-49"}, "Teksten er for kort."),
        ({"week": "2026W49x"}, "Har ikke den rigtige form."),
        ({"week": "2026-W00"}, "Har ikke den rigtige form."),
        ({"week": "2026-W4\u0000"}, "Teksten må ikke indeholde NUL-tegn."),
        ({"week": 202649}, "Skal være tekst."),
        ({}, "Feltet skal udfyldes."),
        ({"week": WEEK, "method": "magic"}, "Skal være en af de tilladte værdier."),
        # The form is right, the calendar is not: the service's own Danish refusals.
        ({"week": "2027-W53"}, "Uge 53 findes ikke i 2027."),
        ({"week": "2026-W47"}, "Uge 2026-W47 er forbi."),
    ],
)
def test_a_bad_week_is_a_danish_422(unit, leader_client, body, message):
    response = leader_client.post(PROPOSALS, body, "application/json")
    assert response.status_code == 422, response.content
    problem = response.json()
    texts = [problem["detail"], *(error["message"] for error in problem.get("errors") or [])]
    assert any(message in text for text in texts), problem
    assert not PlanProposal.objects.exists()


@pytest.mark.parametrize("proposal_id", ["0", "-1", "2147483648", "abc"])
def test_an_impossible_id_is_a_422(unit, leader_client, proposal_id):
    assert leader_client.get(f"{PROPOSALS}/{proposal_id}").status_code == 422
    assert leader_client.post(f"{PROPOSALS}/{proposal_id}/accept").status_code == 422
