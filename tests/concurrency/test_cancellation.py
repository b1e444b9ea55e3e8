"""A therapist cancels a session with a replacement time while others book or cancel too."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError

from rehabplan.courses.models import Session, SessionKind, SessionStatus
from rehabplan.courses.services import sessions
from tests.concurrency.contenders import run_together, unexpected
from tests.course.conftest import at

MONDAY = datetime.date(2026, 8, 3)
TUESDAY_13 = at(MONDAY + datetime.timedelta(days=1), 13)
CONTENDERS = 20
HOLD_S = 1.0

pytestmark = pytest.mark.django_db(transaction=True)


def _individual(unit, course, starts_at):
    return sessions.session_book(
        user=unit.therapist_user,
        course=course,
        kind=SessionKind.INDIVIDUAL,
        starts_at=starts_at,
        confirmed=True,
    )


def test_twenty_simultaneous_cancellations_cancel_once_and_book_one_replacement(demo_unit):
    session = _individual(demo_unit, demo_unit.course("SEL86-1", received_on=MONDAY), at(MONDAY))

    outcomes = run_together(
        CONTENDERS,
        lambda index: sessions.session_cancel_by_therapist(
            user=demo_unit.therapist_user,
            session=Session.objects.get(pk=session.pk),
            reason="Terapeut syg",
            replacement_starts_at=TUESDAY_13,
        ),
    )

    assert unexpected(outcomes, ValidationError) == []
    assert len([outcome for outcome in outcomes if outcome.ok]) == 1
    refusals = [outcome.error.messages for outcome in outcomes if not outcome.ok]
    assert refusals == [["Aftalen er allerede aflyst."]] * (CONTENDERS - 1)
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CANCELLED
    assert Session.objects.filter(replaces=session).count() == 1


def test_hand_bookings_wait_for_a_cancellation_that_books_the_therapist(demo_unit, monkeypatch):
    session = _individual(demo_unit, demo_unit.course("SEL86-1", received_on=MONDAY), at(MONDAY))
    hand = [demo_unit.course("SEL86-1", received_on=MONDAY) for _ in range(CONTENDERS + 1)]
    replacement_written = threading.Event()
    rebook = sessions.session_rebook

    def rebook_then_pause(**arguments):
        replacement = rebook(**arguments)
        replacement_written.set()
        time.sleep(HOLD_S)  # uncommitted: the hand bookings try now
        return replacement

    monkeypatch.setattr(sessions, "session_rebook", rebook_then_pause)

    def contend(index):
        if index == 0:
            return sessions.session_cancel_by_therapist(
                user=demo_unit.therapist_user,
                session=session,
                reason="Terapeut syg",
                replacement_starts_at=TUESDAY_13,
            )
        assert replacement_written.wait(timeout=60)
        return _individual(demo_unit, hand[index], TUESDAY_13)

    outcomes = run_together(CONTENDERS + 1, contend)

    assert unexpected(outcomes, ValidationError) == []
    assert outcomes[0].ok, outcomes[0].error
    assert [outcome for outcome in outcomes[1:] if outcome.ok] == []
    assert Session.objects.filter(therapist=demo_unit.pt, starts_at=TUESDAY_13).count() == 1
