"""The therapist's day and week, and the leader's week of every therapist."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import (
    Attendance,
    ContactType,
    CourseStatus,
    Session,
    SessionKind,
)
from rehabplan.courses.selectors.calendar import (
    calendar_therapist_for,
    therapist_calendar,
    week_start,
)
from rehabplan.organisation.models import Absence, ClosedDay
from tests.course.conftest import at


def book(unit, course, day, hour, *, kind=SessionKind.INDIVIDUAL, therapist=None, minutes=45):
    session = Session.objects.create(
        municipality=unit.municipality,
        kind=kind,
        contact_type=ContactType.HOME if kind == SessionKind.HOME else ContactType.CENTRE,
        team_class=unit.team_class if kind == SessionKind.TEAM else None,
        therapist=therapist or unit.pt,
        location=unit.location,
        starts_at=at(day, hour),
        duration_minutes=minutes,
    )
    Attendance.objects.create(session=session, course=course)
    return session


def test_her_day_shows_her_sessions_and_never_another_municipalitys(client, demo_unit, varde):
    today = timezone.localdate()
    ours = demo_unit.course("SEL86-1", received_on=today, citizen=demo_unit.citizen("Karen"))
    theirs = varde.course("SEL86-1", received_on=today, citizen=varde.citizen("Vagn"))
    book(demo_unit, ours, today, 10, kind=SessionKind.HOME)
    book(varde, theirs, today, 11)
    client.force_login(demo_unit.therapist_user)
    page = client.get("/kalender/").content.decode()
    assert ours.citizen.full_name in page
    assert "I borgerens hjem" in page and "10.00–10.45" in page
    assert theirs.citizen.full_name not in page
    # Another municipality's therapist cannot be asked for, not even by a leader.
    client.force_login(demo_unit.leader)
    page = client.get(f"/kalender/?terapeut={varde.pt.pk}").content.decode()
    assert "Vælg en af kommunens terapeuter." in page and "Kalender: Otto Ergo" in page
    with pytest.raises(Http404):
        calendar_therapist_for(user=demo_unit.leader, therapist_id=varde.pt.pk)


def test_a_therapist_sees_only_her_own_calendar_a_leader_any(client, demo_unit):
    client.force_login(demo_unit.therapist_user)
    assert client.get(f"/kalender/?terapeut={demo_unit.ot.pk}").status_code == 403
    assert client.get(f"/kalender/?terapeut={demo_unit.pt.pk}").status_code == 200
    client.force_login(demo_unit.leader)
    page = client.get(f"/kalender/uge/?terapeut={demo_unit.ot.pk}").content.decode()
    assert "Ugen for Otto Ergo" in page
    client.force_login(demo_unit.visitator)
    assert client.get("/kalender/").status_code == 403


def test_a_bad_date_gets_a_danish_message_and_today(client, demo_unit):
    client.force_login(demo_unit.therapist_user)
    response = client.get("/kalender/?dag=2026-13-45")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv datoen som dd-mm-åååå" in page
    assert "(i dag)" in page


def test_the_week_shows_closed_days_absence_intake_talks_and_a_busy_weekend(client, demo_unit):
    monday = week_start(timezone.localdate()) + datetime.timedelta(days=7)
    course = demo_unit.course("SEL86-1", received_on=monday - datetime.timedelta(days=14))
    waiting = demo_unit.course("SEL86-1", received_on=monday, start=False)
    waiting.start_on = monday + datetime.timedelta(days=3)
    waiting.save(update_fields=["start_on"])
    ClosedDay.objects.create(
        municipality=demo_unit.municipality,
        day=monday + datetime.timedelta(days=1),
        reason="Lukket for kursus",
    )
    Absence.objects.create(
        therapist=demo_unit.pt,
        first_day=monday + datetime.timedelta(days=2),
        last_day=monday + datetime.timedelta(days=2),
        reason="Ferie",
    )
    book(demo_unit, course, monday + datetime.timedelta(days=5), 10)
    calendar = therapist_calendar(therapist=demo_unit.pt, first_day=monday, days=7)
    shown = [day.day.weekday() for day in calendar.shown_days]
    assert shown == [0, 1, 2, 3, 4, 5]  # Saturday has a session; Sunday is empty and hidden
    assert calendar.days[1].closed == "Lukket for kursus"
    assert calendar.days[2].absent == "Ferie"
    assert calendar.days[3].entries[0].title == "Opstartssamtale (planlagt)"
    client.force_login(demo_unit.therapist_user)
    page = client.get(f"/kalender/uge/?dag={monday:%Y-%m-%d}").content.decode()
    assert "Lukket for kursus" in page and "Ferie" in page
    assert waiting.citizen.full_name in page
    assert "Lørdag" in page and "Søndag" not in page


def test_a_team_session_opens_its_one_screen_documentation(client, demo_unit):
    today = timezone.localdate()
    course = demo_unit.course("SEL86-1", received_on=today, team=True)
    session = book(demo_unit, course, today, 10, kind=SessionKind.TEAM, minutes=60)
    client.force_login(demo_unit.therapist_user)
    page = client.get("/kalender/").content.decode()
    assert f'href="/aftaler/{session.pk}/"' in page
    assert "Hold: Balancehold" in page and "1 af 8 pladser" in page


def test_viewing_a_calendar_is_audited_with_its_citizens(client, demo_unit):
    today = timezone.localdate()
    course = demo_unit.course("SEL86-1", received_on=today)
    book(demo_unit, course, today, 10)
    client.force_login(demo_unit.therapist_user)
    client.get("/kalender/")
    entry = AuditEntry.objects.filter(summary__startswith="Kalender vist").latest("pk")
    assert course.citizen_id in entry.shown_citizen_ids


def test_the_leaders_week_shows_load_and_marks_a_therapist_over_her_limit(client, demo_unit):
    today = timezone.localdate()
    monday = week_start(today)
    course = demo_unit.course("SEL86-1", received_on=monday)
    demo_unit.pt.max_sessions_per_week = 1
    demo_unit.pt.save()
    book(demo_unit, course, monday, 9)
    book(demo_unit, course, monday + datetime.timedelta(days=1), 9)
    client.force_login(demo_unit.leader)
    page = client.get(f"/kalender/alle/?dag={monday:%Y-%m-%d}").content.decode()
    assert "2 aftaler (højst 1)" in page
    assert page.count("Over grænsen for aftaler pr. uge") == 1
    assert "Otto Ergo" in page and "0 aftaler (højst 30)" in page
    # Not for the therapist: the load of her colleagues is the leader's.
    client.force_login(demo_unit.therapist_user)
    assert client.get("/kalender/alle/").status_code == 403


def test_the_leaders_week_pages_a_large_unit_by_therapist_and_names_no_citizen(client, demo_unit):
    from rehabplan.organisation.models import Therapist
    from rehabplan.web.calendar.views import THERAPISTS_PER_PAGE

    today = timezone.localdate()
    monday = week_start(today)
    course = demo_unit.course("SEL86-1", received_on=monday)
    book(demo_unit, course, monday, 9)
    existing = Therapist.objects.filter(municipality=demo_unit.municipality, active=True).count()
    Therapist.objects.bulk_create(
        Therapist(
            municipality=demo_unit.municipality,
            name=f"Zeta Terapeut {number:02d}",
            profession=demo_unit.pt.profession,
        )
        for number in range(THERAPISTS_PER_PAGE + 5 - existing)
    )
    client.force_login(demo_unit.leader)
    first = client.get(f"/kalender/alle/?dag={monday:%Y-%m-%d}").content.decode()
    assert first.count('data-testid="team-week-row"') == THERAPISTS_PER_PAGE
    assert "Side 1 af 2" in first
    assert course.citizen.full_name not in first  # the load, never who
    second = client.get(f"/kalender/alle/?dag={monday:%Y-%m-%d}&side=2").content.decode()
    assert second.count('data-testid="team-week-row"') == 5
    assert "Zeta Terapeut" in second


def test_a_cancelled_session_is_shown_but_not_counted(demo_unit):
    today = timezone.localdate()
    course = demo_unit.course("SEL86-1", received_on=today)
    session = book(demo_unit, course, today, 9)
    session.status = "cancelled"
    session.save()
    calendar = therapist_calendar(therapist=demo_unit.pt, first_day=today, days=1)
    assert [entry.cancelled for entry in calendar.days[0].entries if entry.session] == [True]
    assert calendar.session_count == 0


def test_the_start_page_links_min_dag_to_the_calendar_and_lists(client, demo_unit):
    assert CourseStatus.ACTIVE
    client.force_login(demo_unit.therapist_user)
    page = client.get("/").content.decode()
    for url in ("/kalender/", "/kalender/uge/", "/mine-forloeb/", "/mine-hold/"):
        assert f'href="{url}"' in page


def test_the_date_picker_shows_the_chosen_day_as_dd_mm_aaaa(client, demo_unit):
    client.force_login(demo_unit.therapist_user)
    page = client.get("/kalender/uge/?dag=2026-12-03").content.decode()
    assert 'value="03-12-2026"' in page
    assert 'value="2026-12-03"' not in page
