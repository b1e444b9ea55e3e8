"""A leader accepts a week's plan while staff book the same seat or therapist by hand."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError

from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    Course,
    DeliveryType,
    ReferralSource,
    Session,
)
from rehabplan.courses.services.referrals import referral_register
from rehabplan.courses.services.sessions import session_book
from rehabplan.organisation.models import WorkingHours
from rehabplan.scheduling import services
from rehabplan.scheduling.models import ProposalState
from rehabplan.scheduling.serialization import starts_from_json
from rehabplan.scheduling.services import proposal_request
from tests.concurrency.contenders import run_together, unexpected
from tests.course.conftest import COPENHAGEN

WEEK = "2026-W49"  # Monday 30 November 2026
DISCHARGE = datetime.date(2026, 11, 27)
HAND_BOOKERS = 20
HOLD_S = 1.0  # long enough for every hand booking to reach the database

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def unit(make_unit):
    unit = make_unit("fredericia", 607, "Fredericia Kommune")
    for therapist in (unit.pt, unit.ot):
        for weekday in range(5):
            WorkingHours.objects.create(
                therapist=therapist,
                weekday=weekday,
                starts_at=datetime.time(7, 30),
                ends_at=datetime.time(15, 0),
            )
    return unit


def _waiting_course(unit, delivery_type):
    citizen = unit.citizen()
    referral = referral_register(
        user=unit.visitator,
        citizen=citizen,
        service_code="SUL140",
        source=ReferralSource.HOSPITAL_GOP,
        received_on=DISCHARGE,
        discharge_on=DISCHARGE,
        gop_level="basal",
    )
    return Course.objects.create(
        municipality=unit.municipality,
        citizen=citizen,
        referral=referral,
        service_code="SUL140",
        delivery_type=delivery_type,
        level="basal",
    )


def _ready_proposal(unit):
    proposal = proposal_request(user=unit.leader, week=WEEK)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.READY, proposal.error
    return proposal


def _accept_while_booking_by_hand(unit, proposal, book, monkeypatch):
    """Contender 0 accepts the plan and, with its sessions written but not committed, waits;
    meanwhile the others book the same seat or therapist by hand."""
    plan_written = threading.Event()
    offer_free_choice = services._offer_free_choice

    def pause_before_commit(*args):
        plan_written.set()
        time.sleep(HOLD_S)
        return offer_free_choice(*args)

    monkeypatch.setattr(services, "_offer_free_choice", pause_before_commit)

    def contend(index):
        if index == 0:
            return services.proposal_accept(user=unit.leader, proposal=proposal)
        assert plan_written.wait(timeout=60)
        return book(index)

    outcomes = run_together(HAND_BOOKERS + 1, contend)
    assert unexpected(outcomes, ValidationError) == []
    return outcomes[0], outcomes[1:]


def test_a_plan_being_accepted_keeps_the_last_seat_from_hand_bookings(unit, monkeypatch):
    team = unit.team_class
    team.capacity = team.minimum_to_run = 1
    team.save()
    _waiting_course(unit, DeliveryType.TEAM)
    proposal = _ready_proposal(unit)
    (planned,) = starts_from_json(proposal.result)
    assert planned.class_id == str(team.pk)
    first = planned.sessions[0]
    starts_at = datetime.datetime.combine(first.day, first.start, tzinfo=COPENHAGEN)
    # Courses booked into the class date by hand, not enrolled in the class as a whole.
    hand = [unit.course("SUL140", received_on=DISCHARGE) for _ in range(HAND_BOOKERS + 1)]
    # The occurrence exists already: a participant took the seat and gave it back in time.
    session_book(
        user=unit.therapist_user,
        course=hand[0],
        kind="team",
        team_class=team,
        starts_at=starts_at,
        confirmed=True,
    ).attendances.update(status=AttendanceStatus.CANCELLED_IN_TIME)

    accepted, hand_booked = _accept_while_booking_by_hand(
        unit,
        proposal,
        lambda index: session_book(
            user=unit.therapist_user,
            course=hand[index],
            kind="team",
            team_class=team,
            starts_at=starts_at,
            confirmed=True,
        ),
        monkeypatch,
    )

    assert accepted.ok, accepted.error
    assert [outcome for outcome in hand_booked if outcome.ok] == []
    occurrence = Session.objects.get(team_class=team, starts_at=starts_at)
    assert occurrence.attendances.filter(status=AttendanceStatus.BOOKED).count() == 1
    refusals = [outcome.error for outcome in hand_booked if not outcome.ok]
    assert {error.code for error in refusals} == {"full"}


def test_a_plan_being_accepted_keeps_the_therapist_slot_from_hand_bookings(unit, monkeypatch):
    team = unit.team_class
    team.active = False
    team.save()
    _waiting_course(unit, DeliveryType.INDIVIDUAL)
    proposal = _ready_proposal(unit)
    (planned,) = starts_from_json(proposal.result)
    first = planned.sessions[0]
    therapist = {str(unit.pt.pk): unit.pt, str(unit.ot.pk): unit.ot}[first.therapist_id]
    starts_at = datetime.datetime.combine(first.day, first.start, tzinfo=COPENHAGEN)
    hand = [unit.course("SUL140", received_on=DISCHARGE) for _ in range(HAND_BOOKERS + 1)]

    accepted, hand_booked = _accept_while_booking_by_hand(
        unit,
        proposal,
        lambda index: session_book(
            user=unit.therapist_user,
            course=hand[index],
            kind="individual",
            therapist=therapist,
            starts_at=starts_at,
            duration_minutes=first.minutes,
            confirmed=True,
        ),
        monkeypatch,
    )

    assert accepted.ok, accepted.error
    assert [outcome for outcome in hand_booked if outcome.ok] == []
    at_that_time = Session.objects.filter(therapist=therapist, starts_at=starts_at)
    assert at_that_time.count() == 1
    assert Attendance.objects.filter(session__in=at_that_time).count() == 1
    refusals = [outcome.error for outcome in hand_booked if not outcome.ok]
    assert all(list(error.message_dict) == ["therapist"] for error in refusals)


def test_a_class_date_filled_by_hand_since_the_proposal_stops_the_acceptance(unit):
    team = unit.team_class
    team.capacity = team.minimum_to_run = 1
    team.save()
    waiting = _waiting_course(unit, DeliveryType.TEAM)
    proposal = _ready_proposal(unit)
    (planned,) = starts_from_json(proposal.result)
    first = planned.sessions[0]
    # Someone books a course that is not enrolled in the class into its first date.
    session_book(
        user=unit.therapist_user,
        course=unit.course("SUL140", received_on=DISCHARGE),
        kind="team",
        team_class=team,
        starts_at=datetime.datetime.combine(first.day, first.start, tzinfo=COPENHAGEN),
        confirmed=True,
    )

    with pytest.raises(ValidationError) as error:
        services.proposal_accept(user=unit.leader, proposal=proposal)

    assert error.value.messages == [f"{waiting.citizen.full_name}: Holdet er fuldt (1 plads)."]
    assert not waiting.attendances.exists()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.READY


def test_a_plan_being_accepted_keeps_its_citizens_from_hand_bookings(unit, monkeypatch):
    from rehabplan.organisation.models import Therapist

    unit.team_class.active = False
    unit.team_class.save()
    waiting = _waiting_course(unit, DeliveryType.INDIVIDUAL)
    proposal = _ready_proposal(unit)
    (planned,) = starts_from_json(proposal.result)
    first = planned.sessions[0]
    starts_at = datetime.datetime.combine(first.day, first.start, tzinfo=COPENHAGEN)
    free = [
        Therapist.objects.create(municipality=unit.municipality, name=f"T{index}", profession="PT")
        for index in range(HAND_BOOKERS + 1)
    ]

    accepted, hand_booked = _accept_while_booking_by_hand(
        unit,
        proposal,
        lambda index: session_book(
            user=unit.therapist_user,
            course=waiting,
            kind="home",
            therapist=free[index],
            starts_at=starts_at,
            confirmed=True,
        ),
        monkeypatch,
    )

    assert accepted.ok, accepted.error
    assert [outcome for outcome in hand_booked if outcome.ok] == []
    assert waiting.attendances.filter(session__starts_at=starts_at).count() == 1
