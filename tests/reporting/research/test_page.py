"""The leader's "Forskning" page: who may use it, the count, the download, the key's error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.reporting.models import ResearchExport
from rehabplan.reporting.research.key import KEY_VARIABLE
from tests.reporting.research.helpers import course_with_consent, csv_rows, period

pytestmark = pytest.mark.django_db

URL = "/forskning/"


def _period_data(file_format: str = "csv") -> dict[str, str]:
    first, last = period()
    return {
        "first_day": f"{first:%d-%m-%Y}",
        "last_day": f"{last:%d-%m-%Y}",
        "file_format": file_format,
    }


def test_url_name():
    assert reverse("research-export") == URL


@pytest.mark.parametrize("role", ["visitator", "therapist_user"])
def test_other_roles_get_403(client, demo_unit, research_key, role):
    client.force_login(getattr(demo_unit, role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _period_data()).status_code == 403
    assert not ResearchExport.objects.exists()


def test_leader_sees_the_menu_item_and_the_form(client, demo_unit):
    client.force_login(demo_unit.leader)
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="/forskning/"' in content and "Forskning" in content
    assert "Forløb startet fra og med" in content


def test_others_have_no_menu_item(client, demo_unit):
    client.force_login(demo_unit.therapist_user)
    assert 'href="/forskning/"' not in client.get("/").content.decode()


def test_leader_sees_the_count_without_any_export(client, demo_unit, varde, research_key):
    course_with_consent(demo_unit)
    course_with_consent(demo_unit, given_days_ago=None)
    course_with_consent(varde)
    client.force_login(demo_unit.leader)
    response = client.get(URL, _period_data())
    assert response.status_code == 200
    assert response.context["count"] == 1
    assert "Hent udtrækket" in response.content.decode()
    assert not ResearchExport.objects.exists()


def test_leader_downloads_the_export(client, demo_unit, research_key):
    course = course_with_consent(demo_unit)
    client.force_login(demo_unit.leader)
    response = client.post(URL, _period_data())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = csv_rows(response.content)
    assert len(rows) == 1
    assert course.citizen.cpr.encode() not in response.content
    record = ResearchExport.objects.get()
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_id=str(record.pk)).exists()
    # The page lists it afterwards, for the leader's municipality only.
    assert list(client.get(URL).context["recent"]) == [record]


def test_parquet_download(client, demo_unit, research_key):
    course_with_consent(demo_unit)
    client.force_login(demo_unit.leader)
    response = client.post(URL, _period_data("parquet"))
    assert response["Content-Type"] == "application/vnd.apache.parquet"
    assert response.content.startswith(b"PAR1")


def test_missing_key_gives_a_danish_error_and_no_export(client, demo_unit, monkeypatch):
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    course_with_consent(demo_unit)
    client.force_login(demo_unit.leader)
    response = client.post(URL, _period_data())
    assert response.status_code == 200
    assert "kræver en nøgle til pseudonymisering" in response.content.decode()
    assert not ResearchExport.objects.exists()


def test_a_period_backwards_is_refused_in_danish(client, demo_unit, research_key):
    client.force_login(demo_unit.leader)
    data = _period_data()
    data["first_day"], data["last_day"] = data["last_day"], "01-01-2020"
    response = client.post(URL, data)
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()
    assert not ResearchExport.objects.exists()


def test_another_municipalitys_exports_are_not_listed(client, demo_unit, varde, research_key):
    course_with_consent(varde)
    client.force_login(varde.leader)
    client.post(URL, _period_data())
    client.force_login(demo_unit.leader)
    assert list(client.get(URL).context["recent"]) == []


def test_research_consent_is_recorded_on_the_citizen_page(client, demo_unit):
    from rehabplan.citizens.models import Consent, ConsentScope

    citizen = demo_unit.citizen()
    client.force_login(demo_unit.visitator)
    page = client.get(f"/borgere/{citizen.pk}/").content.decode()
    assert 'value="research"' in page
    assert "Forløbsdata må bruges pseudonymiseret til forskning" in page
    client.post(
        f"/borgere/{citizen.pk}/samtykke/",
        {"scope": "research", "given_on": "01-12-2026", "note": ""},
    )
    consent = Consent.objects.get(citizen=citizen)
    assert consent.scope == ConsentScope.RESEARCH


def test_few_courses_bring_the_small_cell_advice(client, demo_unit, research_key):
    course_with_consent(demo_unit)
    client.force_login(demo_unit.leader)
    content = client.get(URL, _period_data()).content.decode()
    assert "under 5 borgere" in content


def test_many_courses_bring_no_small_cell_advice(client, demo_unit, research_key):
    for _number in range(5):
        course_with_consent(demo_unit)
    client.force_login(demo_unit.leader)
    content = client.get(URL, _period_data()).content.decode()
    assert "5 forløb startet" in content and "under 5 borgere" not in content


def test_a_period_over_ten_years_is_refused(client, demo_unit, research_key):
    client.force_login(demo_unit.leader)
    data = _period_data()
    data["first_day"] = "01-01-2000"
    response = client.post(URL, data)
    assert "Perioden må højst være 10 år." in response.content.decode()
    assert not ResearchExport.objects.exists()
