"""The home programme screens: the course page's section, the builder without JavaScript, the
versions, one version, the PDF and the weeks trained at home; another municipality's are 404."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.services.measurements import measurement_record
from rehabplan.homeprogrammes.models import AdherenceWeek, HomeProgramme
from tests.homeprogrammes.conftest import monday

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def test_the_course_page_shows_the_programme_and_the_weeks(client, demo_unit, course, programme):
    client.force_login(demo_unit.therapist_user)
    html = page(client.get(reverse("course-detail", args=[course.pk])))
    assert "Hjemmetræning" in html and "Knæstræk i siddende" in html
    assert "3 sæt × 10 gentagelser, hold 5 sekunder, hver dag" in html
    assert "Justér programmet" in html and "Ikke registreret" in html
    assert reverse("homeprogramme-pdf", args=[programme.pk]) in html
    assert "Justér hjemmeprogrammet efter retest" not in html


def test_without_a_programme_the_course_page_offers_a_new_one(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    html = page(client.get(reverse("course-detail", args=[course.pk])))
    assert "Nyt hjemmeprogram" in html
    assert "Borgeren har ikke fået et hjemmetræningsprogram endnu." in html


def test_a_retest_prompts_an_adjustment_with_the_reason_preset(
    client, demo_unit, course, programme
):
    measurement_record(
        user=demo_unit.therapist_user,
        course=course,
        test_code="timed_up_and_go",
        value="14.2",
        phase="during",
        measured_on=datetime.date.today() + datetime.timedelta(days=1),
    )
    client.force_login(demo_unit.therapist_user)
    html = page(client.get(reverse("course-detail", args=[course.pk])))
    assert "Justér hjemmeprogrammet efter retest" in html
    url = reverse("homeprogramme-build", args=[course.pk]) + "?fra=nuvaerende&aarsag=retest"
    builder = page(client.get(url))
    assert '<option value="retest" selected>' in builder
    assert "Knæstræk i siddende" in builder


def _builder_post(client, course, **data):
    return client.post(reverse("homeprogramme-build", args=[course.pk]), data)


HEADER = {
    "start_on": "",
    "per_week": "3",
    "note": "Træn efter morgenmaden.",
    "reason": "first",
    "reason_text": "",
    "source_label": "",
    "q": "",
}


def test_building_a_programme_step_by_step_without_javascript(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    header = {**HEADER, "start_on": course.start_on.strftime("%d-%m-%Y")}
    empty = page(client.get(reverse("homeprogramme-build", args=[course.pk])))
    assert "Ingen øvelser endnu" in empty and "Knæ efter alloplastik" in empty
    found = page(_builder_post(client, course, **{**header, "q": "rejse", "action": "search"}))
    assert "Rejse sig fra stol" in found and "Knæstræk i siddende" not in found
    added = _builder_post(client, course, **header, add="sit_to_stand")
    assert 'name="row-0-key" value="sit_to_stand"' in page(added)
    assert 'name="row-0-sets" value="3"' in page(added)  # the library's dosage
    rows = {
        "row-0-key": "sit_to_stand", "row-0-order": "2", "row-0-sets": "2",
        "row-0-repetitions": "8",
        "row-1-key": "mini_squat_support", "row-1-order": "1", "row-1-sets": "3",
        "row-1-repetitions": "10",
        "row-2-key": "knee_extension_sitting", "row-2-order": "3", "row-2-minutes": "5",
    }  # fmt: skip
    removed = page(_builder_post(client, course, **header, **rows, remove="2"))
    assert 'name="row-2-key"' not in removed and 'value="mini_squat_support"' in removed
    rows.pop("row-2-key")
    response = _builder_post(client, course, **header, **rows, action="save")
    assert response.status_code == 302
    programme = HomeProgramme.objects.get(course=course)
    assert [row.exercise_key for row in programme.exercises.all()] == [
        "mini_squat_support", "sit_to_stand"
    ]  # fmt: skip
    assert programme.exercises.get(exercise_key="sit_to_stand").sets == 2
    assert programme.note == "Træn efter morgenmaden." and programme.per_week == 3


def test_the_builder_shows_danish_errors_and_saves_nothing(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    header = {**HEADER, "start_on": "31-02-2026", "per_week": "20"}
    rows = {"row-0-key": "sit_to_stand", "row-0-sets": "x", "row-0-repetitions": "8"}
    response = _builder_post(client, course, **header, **rows, action="save")
    assert response.status_code == 400
    html = page(response)
    assert "Sæt: skriv et helt tal." in html
    assert "Træningsgange om ugen skal være mellem 1 og 14." in html
    assert "Skriv datoen som dd-mm-åååå" in html
    rows["row-0-sets"] = ""
    header = {**HEADER, "start_on": course.start_on.strftime("%d-%m-%Y")}
    html = page(_builder_post(client, course, **header, **rows, action="save"))
    assert "Rejse sig fra stol: Angiv antal sæt." in html
    html = page(_builder_post(client, course, **header, action="save"))
    assert "Programmet skal have mindst én øvelse." in html
    assert not HomeProgramme.objects.exists()


def test_a_template_fills_the_builder(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    url = reverse("homeprogramme-build", args=[course.pk]) + "?fra=skabelon&skabelon=hip_alloplasty"
    html = page(client.get(url))
    assert 'value="sit_to_stand"' in html and 'value="mini_squat_support"' in html
    assert 'value="Hofte efter alloplastik"' in html  # kept as the source of the version


def test_versions_and_an_old_version_read_only(client, demo_unit, course, programme):
    from rehabplan.homeprogrammes.services import programme_from_template

    second = programme_from_template(
        course=course,
        user=demo_unit.therapist_user,
        template_key="balance_falls",
        start_on=monday(1),
        reason="adjusted",
        reason_text="Knæet er roligt.",
    )
    client.force_login(demo_unit.leader)
    html = page(client.get(reverse("homeprogramme-versions", args=[course.pk])))
    assert "Justeret af anden grund" in html and "Første program" in html
    assert "Knæet er roligt." in html
    old = page(client.get(reverse("homeprogramme-detail", args=[programme.pk])))
    assert "Dette er en tidligere version" in old and "Knæstræk i siddende" in old
    assert "<svg" in old
    new = page(client.get(reverse("homeprogramme-detail", args=[second.pk])))
    assert "Dette er en tidligere version" not in new
    assert AuditEntry.objects.filter(
        object_type="homeprogramme", object_id=str(programme.pk), summary__contains="vist"
    ).exists()


def test_the_pdf_downloads_and_is_audited(client, demo_unit, programme):
    client.force_login(demo_unit.therapist_user)
    response = client.get(reverse("homeprogramme-pdf", args=[programme.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert "Knæstræk i siddende" in "".join(p.extract_text() for p in reader.pages)
    assert AuditEntry.objects.filter(summary__contains="hentet som PDF", action="export").exists()


def test_staff_record_a_week_and_errors_are_danish(client, demo_unit, course, programme):
    client.force_login(demo_unit.therapist_user)
    url = reverse("homeprogramme-adherence", args=[course.pk])
    response = client.post(url, {"week_start": monday(1).isoformat(), "sessions_done": "4"})
    assert response.status_code == 302, page(response)[-3000:]
    assert AdherenceWeek.objects.get(course=course).sessions_done == 4
    response = client.post(url, {"week_start": monday(1).isoformat(), "sessions_done": "20"})
    assert response.status_code == 400
    assert "Antal træningsgange skal være mellem 0 og 14." in page(response)
    response = client.post(url, {"week_start": monday(9).isoformat(), "sessions_done": "2"})
    assert "Vælg en af ugerne." in page(response)
    html = page(client.get(reverse("course-detail", args=[course.pk])))
    assert "Målet er nået" not in html and "Under målet" in html and "80 %" in html


def test_a_visitator_without_the_right_to_document_cannot_build(client, demo_unit, course):
    client.force_login(demo_unit.leader)
    assert client.get(reverse("homeprogramme-build", args=[course.pk])).status_code == 403


def test_another_municipality_gets_not_found(client, naestved, course, programme):
    client.force_login(naestved.therapist_user)
    for url in (
        reverse("homeprogramme-build", args=[course.pk]),
        reverse("homeprogramme-versions", args=[course.pk]),
        reverse("homeprogramme-adherence", args=[course.pk]),
        reverse("homeprogramme-detail", args=[programme.pk]),
        reverse("homeprogramme-pdf", args=[programme.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("homeprogramme-adherence", args=[course.pk]),
        {"week_start": monday(1).isoformat(), "sessions_done": "4"},
    )
    assert response.status_code == 404
    assert not AdherenceWeek.objects.exists()
