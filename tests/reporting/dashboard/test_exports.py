"""A table as CSV for Danish Excel and as XLSX with typed cells, under the page's filters."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.reporting.dashboard.conftest import D, set_deadline, started_course

PERIOD = {"fra": "01-01-2026", "til": "30-06-2026"}


def export_url(kind: str, section: str = "frister", table: str = "overholdelse") -> str:
    return reverse(f"kpi-export-{kind}", kwargs={"section_key": section, "table_key": table})


@pytest.fixture
def figures(unit):
    for met_on in (D(2026, 2, 9), D(2026, 2, 10), D(2026, 2, 12)):
        course = started_course(unit, "SEL86-1", D(2026, 2, 2), 10)
        set_deadline(course.referral, "start", D(2026, 2, 10), met_on=met_on)


@pytest.mark.django_db
def test_csv_is_semicolon_separated_with_a_decimal_comma_and_a_bom(client, unit, figures):
    client.force_login(unit.leader)
    response = client.get(export_url("csv"), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert (
        "noegletal-frister-overholdelse-01-01-2026-30-06-2026.csv"
        in response["Content-Disposition"]
    )
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Frist og indsats", "Overholdt (andel)", "Overholdt", "Overskredet", "Åbne"]
    start = next(row for row in rows[1:] if row[0].startswith("Opstart"))
    assert start[1:] == ["66,7", "2", "1", "0"]


@pytest.mark.django_db
def test_xlsx_has_danish_headers_and_numbers_as_numbers(client, unit, figures):
    client.force_login(unit.leader)
    response = client.get(export_url("xlsx"), PERIOD)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Frist og indsats", "Overholdt (andel)", "Overholdt", "Overskredet", "Åbne")
    start = next(row for row in rows[1:] if row[0].startswith("Opstart"))
    assert start[1:] == (66.7, 2, 1, 0)
    assert isinstance(start[2], int) and isinstance(start[1], float)


@pytest.mark.django_db
def test_the_export_follows_the_filters(client, unit, figures):
    client.force_login(unit.leader)
    march = client.get(export_url("csv"), {"fra": "01-03-2026", "til": "31-03-2026"})
    rows = list(csv.reader(io.StringIO(march.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1  # the header only: no deadline fell due in March


@pytest.mark.django_db
def test_every_table_of_every_section_exports(client, unit, figures):
    from rehabplan.reporting.kpi.sections import SECTIONS
    from tests.reporting.dashboard.conftest import filters_for

    client.force_login(unit.leader)
    for section in SECTIONS:
        for kpi_table in section.tables(filters_for(unit)):
            for kind in ("csv", "xlsx"):
                response = client.get(export_url(kind, section.key, kpi_table.key), PERIOD)
                assert response.status_code == 200, (section.key, kpi_table.key, kind)


@pytest.mark.django_db
def test_an_unknown_table_or_bad_filter_is_not_found(client, unit, other):
    client.force_login(unit.leader)
    assert client.get(export_url("csv", table="findes-ikke"), PERIOD).status_code == 404
    foreign = {**PERIOD, "sted": other.location.pk}
    assert client.get(export_url("xlsx"), foreign).status_code == 404
