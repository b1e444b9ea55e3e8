"""Counts and test timings in the words a therapist reads: "1 notat", "undervejs"."""

import datetime

from rehabplan.courses.models import SessionKind
from rehabplan.courses.selectors.course import measurement_changes
from rehabplan.courses.services.measurements import measurement_record
from rehabplan.courses.services.sessions import session_book
from tests.course.conftest import at

MONDAY = datetime.date(2026, 11, 9)


def test_a_value_saved_as_during_is_described_as_during(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    measurement_record(
        user=demo_unit.therapist_user,
        course=course,
        test_code="timed_up_and_go",
        value="15.2",
        phase="during",
        measured_on=MONDAY,
    )
    (change,) = measurement_changes(course)
    assert "undervejs" in change.text
    assert "ved start" not in change.text


def test_saving_one_participant_says_one_note_in_the_singular(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    session = session_book(
        user=demo_unit.therapist_user,
        course=course,
        kind=SessionKind.TEAM,
        starts_at=at(MONDAY),
        confirmed=True,
    )
    client.force_login(demo_unit.therapist_user)
    prefix = f"a{course.attendances.get().pk}"
    response = client.post(
        f"/aftaler/{session.pk}/",
        {"phase": "during", f"{prefix}_status": "attended", f"{prefix}_note": "Gik godt"},
        follow=True,
    )
    page = response.content.decode()
    assert "Gemt: fremmøde for 1 deltager, 1 notat, 0 testresultater." in page
    assert "1 notater" not in page
