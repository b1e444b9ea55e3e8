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

    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    therapists = [
        Therapist.objects.create(
            municipality=demo_unit.municipality, name=f"Terapeut {index}", profession="PT"
        )
        for index in range(20)
    ]

    outcomes = run_together(
        len(therapists),
        lambda index: session_book(
            user=demo_unit.therapist_user,
            course=course,
            kind=SessionKind.INDIVIDUAL,
            starts_at=at(MONDAY),
            therapist=therapists[index],
            confirmed=True,
        ),
    )

    assert unexpected(outcomes, ValidationError) == []
    assert len([outcome for outcome in outcomes if outcome.ok]) == 1
    refusals = [outcome.error.message_dict for outcome in outcomes if not outcome.ok]
    assert refusals == [{"starts_at": ["Borgeren har allerede en aftale på det tidspunkt."]}] * 19
    assert course.attendances.count() == 1
