"""The citizen's own home programme on /borger/: figures, instructions, dosage, the PDF, and the
count of sessions this week and last week. Another citizen's programme, PDF or course is not
found."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from rehabplan.audit.models import AuditEntry
from rehabplan.homeprogrammes.models import AdherenceSource, AdherenceWeek
from rehabplan.homeprogrammes.services import programme_from_template
from tests.selfservice.conftest import log_in

pytestmark = pytest.mark.django_db


def _monday(weeks_ago: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday(), weeks=weeks_ago)


@pytest.fixture
def programmes(world):
    unit = world.unit
    mine = programme_from_template(
        course=world.karen_course,
        user=unit.therapist_user,
        template_key="knee_alloplasty",
        start_on=world.karen_course.start_on,
    )
    other_course = world.other.courses.get()
    others = programme_from_template(
        course=other_course,
        user=unit.therapist_user,
        template_key="balance_falls",
        start_on=other_course.start_on,
        note="Ole skal træne ved køkkenbordet.",
    )
    return mine, others, other_course


def test_the_citizen_sees_the_programme_with_figures_and_dosage(client, world, sms_dir, programmes):
    log_in(client, world.karen, sms_dir)
    html = client.get("/borger/hjemmetraening/").content.decode()
    assert "Knæstræk i siddende" in html and "<svg" in html
    assert "3 sæt × 10 gentagelser, hold 5 sekunder, hver dag" in html
    assert "Læn overkroppen lidt frem" in html
    assert "Ole skal træne ved køkkenbordet." not in html
    assert AuditEntry.objects.filter(
        citizen_id=world.karen.pk, summary="Selvbetjening: hjemmetræningsprogram vist"
    ).exists()


def test_the_citizen_downloads_their_own_pdf_only(client, world, sms_dir, programmes):
    mine, others, _course = programmes
    log_in(client, world.karen, sms_dir)
    response = client.get(f"/borger/hjemmetraening/{mine.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert world.karen.full_name in text
    assert client.get(f"/borger/hjemmetraening/{others.pk}/pdf/").status_code == 404


def test_the_citizen_records_this_week_and_last_week(client, world, sms_dir, programmes):
    log_in(client, world.karen, sms_dir)
    url = f"/borger/hjemmetraening/forloeb/{world.karen_course.pk}/"
    for weeks_ago, done in ((0, 2), (1, 5)):
        response = client.post(
            url, {"week_start": _monday(weeks_ago).isoformat(), "sessions_done": done}
        )
        assert response.status_code == 302
    weeks = AdherenceWeek.objects.filter(course=world.karen_course).order_by("week_start")
    assert [(w.sessions_done, w.source) for w in weeks] == [
        (5, AdherenceSource.CITIZEN), (2, AdherenceSource.CITIZEN)
    ]  # fmt: skip
    entry = AuditEntry.objects.filter(object_type="adherenceweek").last()
    assert entry.user_name.startswith("Borgeren selv") and entry.citizen_id == world.karen.pk
    # Two weeks back is not offered to the citizen.
    response = client.post(url, {"week_start": _monday(2).isoformat(), "sessions_done": 1})
    assert response.status_code == 200 and "Vælg en af ugerne." in response.content.decode()
    response = client.post(url, {"week_start": _monday(0).isoformat(), "sessions_done": 40})
    assert "Antal træningsgange skal være mellem 0 og 14." in response.content.decode()


def test_another_citizen_s_course_cannot_be_recorded(client, world, sms_dir, programmes):
    _mine, _others, other_course = programmes
    log_in(client, world.karen, sms_dir)
    response = client.post(
        f"/borger/hjemmetraening/forloeb/{other_course.pk}/",
        {"week_start": _monday(0).isoformat(), "sessions_done": 3},
    )
    assert response.status_code == 404
    assert not AdherenceWeek.objects.exists()


def test_without_a_programme_the_page_says_so(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    html = client.get("/borger/hjemmetraening/").content.decode()
    assert "Du har ikke fået et program til træning hjemme endnu." in html


def test_staff_login_does_not_open_the_citizen_page(client, world, programmes):
    client.force_login(world.unit.therapist_user)
    response = client.get("/borger/hjemmetraening/")
    assert response.status_code == 302 and "/borger/log-ind/" in response["Location"]
