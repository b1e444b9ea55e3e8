"""Many staff book the same therapist at the same time for different citizens."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.courses.models import Session, SessionKind
from rehabplan.courses.services.sessions import session_book
from tests.concurrency.contenders import run_together, unexpected
from tests.course.conftest import at

MONDAY = datetime.date(2026, 8, 3)
CONTENDERS = 50

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_contenders_for_one_therapist_slot_book_exactly_one(demo_unit):
    courses = [demo_unit.course("SEL86-1", received_on=MONDAY) for _ in range(CONTENDERS)]

    def book(index):
        return session_book(
            user=demo_unit.therapist_user,
            course=courses[index],
            # Different kinds and start times that all overlap 10:00-10:45.
            kind=(SessionKind.INDIVIDUAL, SessionKind.HOME, SessionKind.VIDEO)[index % 3],
            starts_at=at(MONDAY, 10, index % 30),
            therapist=demo_unit.pt,
            duration_minutes=45,
            confirmed=True,
        )

    outcomes = run_together(CONTENDERS, book)

    assert unexpected(outcomes, ValidationError) == []
    assert len([outcome for outcome in outcomes if outcome.ok]) == 1
    refusals = [outcome.error.message_dict for outcome in outcomes if not outcome.ok]
    assert len(refusals) == CONTENDERS - 1
    assert all(list(refusal) == ["therapist"] for refusal in refusals)
    assert all("Pia Fys har allerede en aftale" in r["therapist"][0] for r in refusals)
    assert Session.objects.filter(therapist=demo_unit.pt).count() == 1


def test_one_citizen_booked_from_twenty_places_at_once_gets_one_session(demo_unit):
    from rehabplan.organisation.models import Therapist

    course = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    therapists = [
        Therapist.objects.create(
            municipality=demo_unit.municipality, name=f"Terapeut {index}", profession="PT"
        )
        for index in range(20)
    ]

    def book(index):
        # Half into the class at 10:00, half alone with a free therapist at 10:00.
        team = index % 2 == 0
        return session_book(
            user=demo_unit.therapist_user,
            course=course,
            kind=SessionKind.TEAM if team else SessionKind.INDIVIDUAL,
            starts_at=at(MONDAY),
            therapist=None if team else therapists[index],
            team_class=demo_unit.team_class if team else None,
            confirmed=True,
        )

    outcomes = run_together(len(therapists), book)

    assert unexpected(outcomes, ValidationError) == []
    assert len([outcome for outcome in outcomes if outcome.ok]) == 1
    refusals = {message for o in outcomes if not o.ok for message in o.error.messages}
    assert refusals <= {
        "Borgeren har allerede en aftale på det tidspunkt.",
        "Borgeren er allerede tilmeldt holdet den dag.",
    }
    assert course.attendances.count() == 1
