"""Many staff book the same therapist at the same time for different citizens."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError

from rehabplan.courses.models import Session, SessionKind
from rehabplan.courses.services.sessions import session_book
from tests.concurrency.contenders import run_together, unexpected
from tests.course.conftest import at

MONDAY = datetime.date(2026, 8, 3)
CONTENDERS = 50
HOLD_S = 1.0

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
    assert {message.split(" (kl.")[0].rstrip(".") for message in refusals} <= {
        "Borgeren har allerede en aftale på det tidspunkt",
        "Borgeren er allerede tilmeldt holdet den dag",
    }
    assert course.attendances.count() == 1


@pytest.mark.parametrize("first", ["team", "individual"])
def test_bookings_of_a_citizen_wait_for_the_citizens_booking_in_progress(
    demo_unit, monkeypatch, first
):
    """Contender 0 books the citizen and waits before committing; the others book the same
    citizen the other way at the same time, each with a free therapist."""
    from rehabplan.courses.services import sessions
    from rehabplan.organisation.models import Therapist

    course = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    therapists = [
        Therapist.objects.create(
            municipality=demo_unit.municipality, name=f"Terapeut {index}", profession="PT"
        )
        for index in range(10)
    ]
    written = threading.Event()
    audit_record = sessions.audit_record

    def audit_then_pause(**arguments):
        audit_record(**arguments)
        if not written.is_set():
            written.set()
            time.sleep(HOLD_S)

    monkeypatch.setattr(sessions, "audit_record", audit_then_pause)

    def book(index, team):
        return session_book(
            user=demo_unit.therapist_user,
            course=course,
            kind=SessionKind.TEAM if team else SessionKind.INDIVIDUAL,
            starts_at=at(MONDAY),
            therapist=None if team else therapists[index],
            team_class=demo_unit.team_class if team else None,
            confirmed=True,
        )

    def contend(index):
        if index == 0:
            return book(index, first == "team")
        assert written.wait(timeout=60)
        return book(index, first != "team")

    outcomes = run_together(len(therapists), contend)

    assert unexpected(outcomes, ValidationError) == []
    assert outcomes[0].ok, outcomes[0].error
    assert [outcome for outcome in outcomes[1:] if outcome.ok] == []
    assert course.attendances.count() == 1
