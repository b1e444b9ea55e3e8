"""What a logged-in citizen sees: their own appointments, letters, plan and goals, and no one
else's; every page writes the audit log with the citizen as the actor."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.outbox.models import Channel, MessageKind, OutboxMessage, RecipientKind
from tests.course.conftest import at
from tests.selfservice.conftest import book, log_in

pytestmark = pytest.mark.django_db
ACTOR = "Borgeren selv (engangskode)"


def _letter(citizen, subject, *, document=b"%PDF-1.4 brev", kind=RecipientKind.CITIZEN):
    return OutboxMessage.objects.create(
        municipality=citizen.municipality,
        citizen=citizen,
        kind=MessageKind.DECISION_LETTER,
        channel=Channel.DIGITAL_POST,
        recipient_kind=kind,
        recipient_name=citizen.full_name,
        subject=subject,
        document=document,
    )


def _views(citizen) -> list[str]:
    return list(
        AuditEntry.objects.filter(citizen_id=citizen.pk, user_name=ACTOR, user=None)
        .order_by("id")
        .values_list("summary", flat=True)
    )


def test_the_citizen_sees_their_upcoming_appointments_only(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    page = client.get("/borger/").content.decode()
    for session in world.karen_sessions:
        assert f"appointment-{session.attendances.get().pk}" in page
    assert f"appointment-{world.other_session.attendances.get().pk}" not in page
    assert "Træningscentret, Sundvej 1, 7000 Byen" in page
    assert "Træning med din terapeut" in page
    assert "Pia" in page and "Pia Fys" not in page  # the therapist's first name
    assert "Ole" not in page
    assert "Selvbetjening: kommende aftaler vist" in _views(world.karen)


def test_a_team_session_shows_no_other_participant(client, world, sms_dir):
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    from rehabplan.courses.services.sessions import session_book

    for citizen in (world.karen, world.other):
        course = world.unit.course(
            "SEL86-1", received_on=today - datetime.timedelta(days=5), citizen=citizen, team=True
        )
        session_book(
            user=world.unit.therapist_user,
            course=course,
            kind="team",
            starts_at=at(monday, 10),
            confirmed=True,
        )
    log_in(client, world.karen, sms_dir)
    page = client.get("/borger/").content.decode()
    assert "Holdtræning: Balancehold" in page
    assert world.other.first_name not in page and world.other.last_name not in page


def test_letters_to_the_citizen_with_the_pdf(client, world, sms_dir):
    mine = _letter(world.karen, "Afgørelse om genoptræning")
    _letter(world.karen, "Status til egen læge", kind=RecipientKind.GP)
    theirs = _letter(world.other, "Oles afgørelse")
    no_pdf = _letter(world.karen, "Brev uden PDF", document=None)
    log_in(client, world.karen, sms_dir)
    page = client.get("/borger/breve/").content.decode()
    assert "Afgørelse om genoptræning" in page and "Brev uden PDF" in page
    assert "Status til egen læge" not in page and "Oles afgørelse" not in page
    assert f"/borger/breve/{mine.pk}/pdf/" in page and f"/borger/breve/{no_pdf.pk}/pdf/" not in page

    pdf = client.get(f"/borger/breve/{mine.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == b"%PDF-1.4 brev"
    export = AuditEntry.objects.get(action=AuditAction.EXPORT, citizen_id=world.karen.pk)
    assert export.user_name == ACTOR and export.object_id == str(mine.pk)
    assert client.get(f"/borger/breve/{theirs.pk}/pdf/").status_code == 404
    assert client.get(f"/borger/breve/{no_pdf.pk}/pdf/").status_code == 404
    assert "Selvbetjening: breve vist" in _views(world.karen)


def test_the_training_plan_and_goals(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    page = client.get("/borger/plan/").content.decode()
    assert "Styrke og balance." in page
    assert "Jeg vil kunne gå til købmanden" in page
    assert "Selvbetjening: træningsplan og mål vist" in _views(world.karen)


def test_another_municipality_s_appointments_and_letters_are_not_found(
    client, world, sms_dir, naestved
):
    today = timezone.localdate()
    naestved.counter[0] = 10  # another person's CPR number than Karen's
    stranger = naestved.citizen("Fremmed", phone="40 12 34 56")
    course = naestved.course(
        "SEL86-1", received_on=today - datetime.timedelta(days=5), citizen=stranger
    )
    session = book(naestved, course, at(today + datetime.timedelta(days=3), 9))
    letter = _letter(stranger, "Fremmed afgørelse")
    log_in(client, world.karen, sms_dir)
    attendance = session.attendances.get()
    assert client.get(f"/borger/aftaler/{attendance.pk}/afbud/").status_code == 404
    assert client.post(f"/borger/aftaler/{attendance.pk}/afbud/").status_code == 404
    assert client.get(f"/borger/breve/{letter.pk}/pdf/").status_code == 404
    attendance.refresh_from_db()
    assert attendance.status == "booked"
    for url in ("/borger/", "/borger/breve/", "/borger/plan/"):
        assert "Fremmed" not in client.get(url).content.decode()


def test_a_person_in_two_registers_logs_in_to_the_newest_record_with_a_number(
    client, world, sms_dir, naestved
):
    """The same CPR number in two municipalities the installation serves is one person who
    moved: the login goes to the newest record that has a mobile number, and shows that
    municipality's data only."""
    moved = naestved.citizen("Karen", phone="40 12 34 56")
    assert moved.cpr == world.karen.cpr
    log_in(client, world.karen, sms_dir)
    page = client.get("/borger/").content.decode()
    assert "Næstved Kommune" in page and "Dine aftaler" in page
    assert f"appointment-{world.karen_sessions[0].attendances.get().pk}" not in page
    moved.phone = ""
    moved.save()
    client.post("/borger/log-af/")
    log_in(client, world.karen, sms_dir)
    page = client.get("/borger/").content.decode()
    assert f"appointment-{world.karen_sessions[0].attendances.get().pk}" in page


def test_the_pages_read_the_same_number_of_queries_for_more_appointments_and_goals(
    client, world, sms_dir
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rehabplan.courses.services.goals import goal_create
    from tests.selfservice.conftest import next_weekday

    log_in(client, world.karen, sms_dir)
    urls = ("/borger/", "/borger/breve/", "/borger/plan/")

    def counts() -> list[int]:
        measured = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            measured.append(len(queries))
        return measured

    _letter(world.karen, "Første brev")
    before = counts()
    day = timezone.localdate()
    for index in range(4):
        day = next_weekday(day, 7)
        book(world.unit, world.karen_course, at(day, 8 + index))
        _letter(world.karen, f"Brev {index}")
        goal_create(
            user=world.unit.therapist_user,
            course=world.karen_course,
            text=f"Mål {index}",
            set_on=timezone.localdate(),
        )
    assert counts() == before
