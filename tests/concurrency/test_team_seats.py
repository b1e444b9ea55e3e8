"""Many staff book the last seats of a team class at the same moment."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rehabplan.courses.models import Attendance, Session, SessionKind
from rehabplan.courses.services.booking.occurrences import team_occurrence
from rehabplan.courses.services.sessions import session_book
from tests.concurrency.contenders import run_together, unexpected
from tests.course.conftest import at

MONDAY = datetime.date(2026, 8, 3)
CONTENDERS = 50
HOLD_S = 0.5

pytestmark = pytest.mark.django_db(transaction=True)


def _team_courses(unit, count):
    return [unit.course("SEL86-1", received_on=MONDAY, team=True) for _ in range(count)]


def _book_team(unit, course):
    return session_book(
        user=unit.therapist_user,
        course=course,
        kind=SessionKind.TEAM,
        starts_at=at(MONDAY),
        confirmed=True,
    )


def test_fifty_contenders_for_the_last_seat_book_exactly_one(demo_unit):
    team = demo_unit.team_class
    assert team.capacity == 8
    for course in _team_courses(demo_unit, 7):
        _book_team(demo_unit, course)
    contenders = _team_courses(demo_unit, CONTENDERS)

    outcomes = run_together(CONTENDERS, lambda index: _book_team(demo_unit, contenders[index]))

    assert unexpected(outcomes, ValidationError) == []
    booked = [outcome for outcome in outcomes if outcome.ok]
    refused = [outcome.error for outcome in outcomes if not outcome.ok]
    assert len(booked) == 1
    assert len(refused) == CONTENDERS - 1
    assert {error.code for error in refused} == {"full"}
    assert {error.messages[0] for error in refused} == {"Holdet er fuldt (8 pladser)."}
    assert Session.objects.filter(team_class=team).count() == 1
    assert Attendance.objects.filter(session__team_class=team).count() == 8


def test_fifty_contenders_on_a_class_date_without_a_session_create_one_session(demo_unit):
    team = demo_unit.team_class
    contenders = _team_courses(demo_unit, CONTENDERS)
    assert not Session.objects.exists()

    outcomes = run_together(CONTENDERS, lambda index: _book_team(demo_unit, contenders[index]))

    assert unexpected(outcomes, ValidationError) == []
    assert Session.objects.filter(team_class=team).count() == 1
    session = Session.objects.get(team_class=team)
    assert session.attendances.count() == team.capacity == 8
    assert len([outcome for outcome in outcomes if outcome.ok]) == 8
    assert {outcome.error.code for outcome in outcomes if not outcome.ok} == {"full"}


def test_the_database_allows_one_session_per_class_occurrence(demo_unit):
    team = demo_unit.team_class
    fields = {
        "municipality": demo_unit.municipality,
        "kind": SessionKind.TEAM,
        "contact_type": "centre",
        "team_class": team,
        "therapist": team.therapist,
        "starts_at": at(MONDAY),
    }
    first = Session.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(**fields)
    # A replacement for a cancelled occurrence may take the same class and time.
    Session.objects.create(**fields, replaces=first)
    assert Session.objects.filter(team_class=team).count() == 2


def test_a_racing_creation_of_an_occurrence_joins_the_row_that_won(demo_unit):
    """A writer without the class lock: the constraint stops its insert, and it joins."""
    team = demo_unit.team_class
    created = threading.Event()

    def create(index):
        if index == 1:
            assert created.wait(timeout=30)
        with transaction.atomic():
            session, new = team_occurrence(team_class=team, day=MONDAY)
            if index == 0:
                created.set()
                # Keep the new row uncommitted while the other writer inserts its own.
                time.sleep(HOLD_S)
            return session.pk, new

    outcomes = run_together(2, create)

    assert [outcome.error for outcome in outcomes] == [None, None]
    (winner, winner_new), (joined, joined_new) = outcomes[0].result, outcomes[1].result
    assert winner_new and not joined_new
    assert joined == winner
    assert Session.objects.filter(team_class=team).count() == 1
