"""Booking sessions against the standard: caps block, typical lengths warn, 3 a week needs PT+OT."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.courses.models import Attendance, AttendanceStatus, Session, SessionKind
from rehabplan.courses.services.sessions import (
    BookingBlocked,
    BookingNeedsConfirmation,
    session_book,
)
from tests.course.conftest import at

MONDAY = datetime.date(2026, 8, 3)


def _book(unit, course, day, *, therapist=None, kind=SessionKind.INDIVIDUAL, confirmed=True):
    return session_book(
        user=unit.therapist_user,
        course=course,
        kind=kind,
        starts_at=at(day),
        therapist=therapist,
        confirmed=confirmed,
    )


def test_varde_sel86_2_blocks_the_21st_session(varde):
    course = varde.course("SEL86-2", received_on=MONDAY)
    for week in range(10):
        for offset in (0, 3):  # Monday and Thursday: 2 a week without an OT
            _book(varde, course, MONDAY + datetime.timedelta(weeks=week, days=offset))
    assert course.attendances.count() == 20
    with pytest.raises(BookingBlocked) as error:
        _book(varde, course, MONDAY + datetime.timedelta(weeks=10))
    assert error.value.messages == [
        "Planen har 21 sessioner; standarden tillader højst 20 "
        "(medregnet: opstartssamtale, træning, afsluttende konsultation)."
    ]
    assert course.attendances.count() == 20


def test_varde_warns_near_the_cap_and_needs_confirmation(varde):
    course = varde.course("SEL86-2", received_on=MONDAY)
    for week in range(9):
        for offset in (0, 3):
            _book(varde, course, MONDAY + datetime.timedelta(weeks=week, days=offset))
    with pytest.raises(BookingNeedsConfirmation) as error:
        _book(varde, course, MONDAY + datetime.timedelta(weeks=9), confirmed=False)
    assert "Planen bruger 19 af højst 20 sessioner" in error.value.messages[0]
    assert course.attendances.count() == 18


def test_varde_three_a_week_only_with_pt_and_ot(varde):
    course = varde.course("SEL86-2", received_on=MONDAY)
    _book(varde, course, MONDAY)
    _book(varde, course, MONDAY + datetime.timedelta(days=2))
    with pytest.raises(ValidationError) as error:
        _book(varde, course, MONDAY + datetime.timedelta(days=4))
    assert "Planen har 3 sessioner i en uge; standarden tillader højst 2." in error.value.messages
    # With an occupational therapist in the course as well, three a week is allowed.
    _book(varde, course, MONDAY + datetime.timedelta(days=4), therapist=varde.ot)
    assert course.attendances.count() == 3


def test_varde_raad_is_a_short_course_of_at_most_three_contacts(varde):
    course = varde.course("RAAD", received_on=MONDAY)
    for week in range(3):
        _book(varde, course, MONDAY + datetime.timedelta(weeks=week))
    with pytest.raises(ValidationError, match="standarden tillader højst 3"):
        _book(varde, course, MONDAY + datetime.timedelta(weeks=3))


def test_naestved_typical_twelve_weeks_warns_and_does_not_block(naestved):
    course = naestved.course("SEL86-1", received_on=MONDAY)
    _book(naestved, course, MONDAY)
    late = MONDAY + datetime.timedelta(weeks=13)
    with pytest.raises(BookingNeedsConfirmation) as error:
        _book(naestved, course, late, confirmed=False)
    assert error.value.messages == [
        "Forløbet varer 14 uger; et typisk forløb er 12 uger, så længden skal være fagligt "
        "begrundet."
    ]
    session = _book(naestved, course, late, confirmed=True)
    assert Attendance.objects.filter(session=session, course=course).exists()


def test_the_granted_extent_on_the_decision_caps_the_course(demo_unit):
    from rehabplan.courses.models import Decision

    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    Decision.objects.create(
        referral=course.referral,
        outcome="granted",
        decided_on=MONDAY,
        decided_by=demo_unit.visitator,
        standard_version="demo",
        legal_basis="Serviceloven § 86, stk. 1",
        granted_sessions=2,
    )
    _book(demo_unit, course, MONDAY)
    _book(demo_unit, course, MONDAY + datetime.timedelta(days=7))
    with pytest.raises(
        ValidationError, match="Bevillingen er på 2 gange; aftalen ville være nr. 3"
    ):
        _book(demo_unit, course, MONDAY + datetime.timedelta(days=14))


def test_team_booking_joins_the_class_occurrence_and_creates_it_once(demo_unit):
    first = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    second = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    one = _book(demo_unit, first, MONDAY, kind=SessionKind.TEAM)
    two = _book(demo_unit, second, MONDAY, kind=SessionKind.TEAM)
    assert one.pk == two.pk
    assert Session.objects.filter(team_class=demo_unit.team_class).count() == 1
    assert one.attendances.count() == 2
    with pytest.raises(ValidationError, match="træner mandag"):
        _book(demo_unit, first, MONDAY + datetime.timedelta(days=1), kind=SessionKind.TEAM)


def test_an_individual_session_has_one_participant(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    session = _book(demo_unit, course, MONDAY, kind=SessionKind.HOME)
    assert session.attendances.count() == 1
    assert session.contact_type == "home"


def test_a_citizen_cannot_be_booked_twice_at_the_same_time(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    _book(demo_unit, course, MONDAY)
    with pytest.raises(ValidationError, match="allerede en aftale på det tidspunkt"):
        _book(demo_unit, course, MONDAY, kind=SessionKind.VIDEO)


@pytest.mark.parametrize(
    ("second_start", "refused"),
    [
        ((10, 0), True),  # same start
        ((10, 30), True),  # starts inside the first 45 minutes
        ((9, 30), True),  # ends inside them
        ((10, 45), False),  # starts when the first ends
        ((9, 15), False),  # ends when the first starts
    ],
)
def test_a_citizen_cannot_have_two_overlapping_appointments(demo_unit, second_start, refused):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    session_book(
        user=demo_unit.therapist_user,
        course=course,
        kind=SessionKind.INDIVIDUAL,
        starts_at=at(MONDAY),
        therapist=demo_unit.pt,
        duration_minutes=45,
        confirmed=True,
    )

    def book_with_the_other_therapist():
        return session_book(
            user=demo_unit.therapist_user,
            course=course,
            kind=SessionKind.VIDEO,
            starts_at=at(MONDAY, *second_start),
            therapist=demo_unit.ot,
            duration_minutes=45,
            confirmed=True,
        )

    if refused:
        with pytest.raises(ValidationError, match="allerede en aftale på det tidspunkt"):
            book_with_the_other_therapist()
    else:
        assert book_with_the_other_therapist().therapist == demo_unit.ot


def test_an_appointment_cancelled_in_time_frees_the_citizens_time(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    first = _book(demo_unit, course, MONDAY, therapist=demo_unit.pt)
    Attendance.objects.filter(session=first).update(status=AttendanceStatus.CANCELLED_IN_TIME)
    second = _book(demo_unit, course, MONDAY, therapist=demo_unit.ot, kind=SessionKind.VIDEO)
    assert second.starts_at == first.starts_at


def test_varde_warns_when_a_team_would_exceed_the_standards_size(varde):
    varde.team_class.capacity = 12
    varde.team_class.save()
    for _ in range(8):
        _book(varde, varde.course("SEL86-2", received_on=MONDAY, team=True), MONDAY, kind="team")
    ninth = varde.course("SEL86-2", received_on=MONDAY, team=True)
    with pytest.raises(BookingNeedsConfirmation) as error:
        _book(varde, ninth, MONDAY, kind="team", confirmed=False)
    assert "Holdet får 9 deltagere; standarden beskriver hold med 3-8." in error.value.messages


def test_the_ninth_participant_of_a_class_of_eight_is_refused(demo_unit):
    for _ in range(8):
        _book(
            demo_unit,
            demo_unit.course("SEL86-1", received_on=MONDAY, team=True),
            MONDAY,
            kind="team",
        )
    ninth = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    with pytest.raises(ValidationError) as error:
        _book(demo_unit, ninth, MONDAY, kind="team")
    assert error.value.code == "full"
    assert error.value.messages == ["Holdet er fuldt (8 pladser)."]
    assert not ninth.attendances.exists()
    # A seat given back in time can be taken again.
    freed = Attendance.objects.filter(session__team_class=demo_unit.team_class).first()
    freed.status = "cancelled_in_time"
    freed.save()
    _book(demo_unit, ninth, MONDAY, kind="team")


def test_one_therapist_cannot_be_booked_for_two_citizens_at_the_same_time(demo_unit):
    first = demo_unit.course("SEL86-1", received_on=MONDAY)
    second = demo_unit.course("SEL86-1", received_on=MONDAY)
    _book(demo_unit, first, MONDAY)
    with pytest.raises(ValidationError) as error:
        _book(demo_unit, second, MONDAY, kind=SessionKind.HOME)
    assert error.value.message_dict == {
        "therapist": [
            "Pia Fys har allerede en aftale 3. august 2026 kl. 10.00-10.45 (individuel) "
            "og kan ikke bookes kl. 10.00."
        ]
    }
    assert not second.attendances.exists()
    # Another therapist is free at that time.
    _book(demo_unit, second, MONDAY, therapist=demo_unit.ot)


def test_overlapping_sessions_of_a_therapist_are_refused_and_adjacent_ones_allowed(demo_unit):
    first = demo_unit.course("SEL86-1", received_on=MONDAY)
    second = demo_unit.course("SEL86-1", received_on=MONDAY)
    _book(demo_unit, first, MONDAY)  # 10:00-10:45
    for starts_at in (at(MONDAY, 9, 30), at(MONDAY, 10, 30)):
        with pytest.raises(ValidationError, match="Pia Fys har allerede en aftale"):
            session_book(
                user=demo_unit.therapist_user,
                course=second,
                kind=SessionKind.INDIVIDUAL,
                starts_at=starts_at,
                duration_minutes=45,
                confirmed=True,
            )
    adjacent = session_book(
        user=demo_unit.therapist_user,
        course=second,
        kind=SessionKind.INDIVIDUAL,
        starts_at=at(MONDAY, 10, 45),
        confirmed=True,
    )
    assert adjacent.therapist == demo_unit.pt


def test_a_team_session_the_therapist_leads_takes_the_therapists_time(demo_unit):
    team_course = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    _book(demo_unit, team_course, MONDAY, kind="team")  # Pia leads the class 10:00-11:00
    other = demo_unit.course("SEL86-1", received_on=MONDAY)
    with pytest.raises(ValidationError, match=r"kl\. 10\.00-11\.00 \(hold\)"):
        session_book(
            user=demo_unit.therapist_user,
            course=other,
            kind=SessionKind.VIDEO,
            starts_at=at(MONDAY, 10, 30),
            confirmed=True,
        )
    # Joining the class is not a clash: the class is one slot of its therapist.
    _book(
        demo_unit, demo_unit.course("SEL86-1", received_on=MONDAY, team=True), MONDAY, kind="team"
    )
    assert Session.objects.filter(team_class=demo_unit.team_class).get().attendances.count() == 2


def test_a_new_class_occurrence_is_refused_when_its_therapist_is_busy(demo_unit):
    _book(demo_unit, demo_unit.course("SEL86-1", received_on=MONDAY), MONDAY)  # Pia 10:00
    team_course = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    with pytest.raises(ValidationError, match="Pia Fys har allerede en aftale"):
        _book(demo_unit, team_course, MONDAY, kind="team")
    assert not Session.objects.filter(team_class=demo_unit.team_class).exists()


def test_a_cancelled_session_frees_the_therapists_time(demo_unit):
    from rehabplan.courses.services.sessions import session_cancel_by_therapist

    first = demo_unit.course("SEL86-1", received_on=MONDAY)
    session = _book(demo_unit, first, MONDAY)
    session_cancel_by_therapist(user=demo_unit.therapist_user, session=session, reason="Syg")
    second = demo_unit.course("SEL86-1", received_on=MONDAY)
    assert _book(demo_unit, second, MONDAY).therapist == demo_unit.pt


def test_a_class_meeting_twice_a_week_is_booked_on_both_its_days(demo_unit):
    team = demo_unit.team_class
    team.weekday, team.second_weekday = 0, 3
    team.save(update_fields=["weekday", "second_weekday"])
    course = demo_unit.course("SEL86-1", received_on=MONDAY, team=True)
    _book(demo_unit, course, MONDAY, kind=SessionKind.TEAM)
    _book(demo_unit, course, MONDAY + datetime.timedelta(days=3), kind=SessionKind.TEAM)
    assert course.attendances.count() == 2
    with pytest.raises(ValidationError, match="træner mandag og torsdag"):
        _book(demo_unit, course, MONDAY + datetime.timedelta(days=8), kind=SessionKind.TEAM)
