"""/api/v1/kpi: the dashboard's figures for a period, for the leader, without citizens."""

from __future__ import annotations

import pytest

from rehabplan.audit.models import AuditEntry
from rehabplan.reporting.kpi.sections import SECTIONS
from tests.course.conftest import demo_unit, make_unit, varde  # noqa: F401
from tests.reporting.dashboard.conftest import D, other, set_deadline, started_course, unit  # noqa: F401

KPI = "/api/v1/kpi"
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-06-30"}


@pytest.fixture
def municipality(unit):  # noqa: F811
    """The project's `municipality` is the unit's, so that tokens are made by its administrator."""
    return unit.municipality


@pytest.fixture
def missed_case(unit):  # noqa: F811
    """A course whose start deadline (10 February) was met two days late, and one in time."""
    late = started_course(unit, "SEL86-1", D(2026, 2, 2), 10, team=True)
    set_deadline(late.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))
    in_time = started_course(unit, "SEL86-1", D(2026, 3, 2), 5)
    set_deadline(in_time.referral, "start", D(2026, 3, 10), met_on=D(2026, 3, 7))
    return late


@pytest.fixture
def leader_client(unit, token_for, api_client):  # noqa: F811
    return api_client(token_for(unit.leader))


def _table(body: dict, section: str, table: str) -> dict:
    found = next(item for item in body["sections"] if item["key"] == section)
    return next(item for item in found["tables"] if item["key"] == table)


def _start_row(table: dict) -> list:
    """The row of start deadlines for SEL86-1 in the compliance table."""
    return next(row for row in table["rows"] if str(row[0]).startswith("Opstart"))


def test_every_section_of_the_dashboard_for_the_period(unit, leader_client, missed_case):  # noqa: F811
    before = AuditEntry.objects.count()
    response = leader_client.get(KPI, PERIOD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["date_from"] == "2026-01-01" and body["date_to"] == "2026-06-30"
    assert [section["key"] for section in body["sections"]] == [s.key for s in SECTIONS]
    compliance = _table(body, "frister", "overholdelse")
    assert [column["kind"] for column in compliance["columns"]][:2] == ["text", "percent"]
    row = _start_row(compliance)
    assert row[1] == 50.0  # one of two start deadlines met
    assert row[2:4] == [1, 1]  # met, missed
    # Figures only: no citizen's name or CPR number anywhere, and nothing to log.
    text = response.content.decode()
    assert missed_case.citizen.last_name not in text and "Karen" not in text
    assert missed_case.citizen.cpr not in text
    assert AuditEntry.objects.count() == before


def test_one_section_and_a_filter_narrow_the_figures(unit, leader_client, missed_case):  # noqa: F811
    body = leader_client.get(KPI, {**PERIOD, "section": "frister"}).json()
    assert [section["key"] for section in body["sections"]] == ["frister"]
    # The course that started late is on the class; the other is not.
    narrowed = leader_client.get(
        KPI, {**PERIOD, "section": "frister", "team_class_id": unit.team_class.pk}
    ).json()
    assert _start_row(_table(narrowed, "frister", "overholdelse"))[2:4] == [0, 1]
    for field, value in {
        "location_id": unit.location.pk,
        "therapist_id": unit.pt.pk,
        "service_code": "SEL86-1",
    }.items():
        response = leader_client.get(KPI, {**PERIOD, "section": "frister", field: value})
        assert response.status_code == 200, field


@pytest.mark.parametrize("field", ["location_id", "team_class_id", "therapist_id"])
def test_another_municipalitys_id_is_not_found_and_shows_nothing(
    unit,  # noqa: F811
    other,  # noqa: F811
    leader_client,
    field,
):
    foreign = {"location_id": other.location, "team_class_id": other.team_class}.get(
        field, other.pt
    )
    course = started_course(
        other, "SEL86-1", D(2026, 2, 2), 10, team=True, citizen=other.citizen("Ingrid")
    )
    set_deadline(course.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))
    response = leader_client.get(KPI, {**PERIOD, field: foreign.pk})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "sections" not in response.json()


@pytest.mark.parametrize("role", ["visitator", "therapist_user"])
def test_only_the_leader_reads_the_figures(unit, token_for, api_client, role):  # noqa: F811
    client = api_client(token_for(getattr(unit, role)))
    response = client.get(KPI, PERIOD)
    assert response.status_code == 403
    assert response.json()["detail"] == "Din rolle giver ikke adgang til denne handling."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"date_from": "2026-06-01", "date_to": "2026-01-01"},
            "Slutdatoen kan ikke ligge før startdatoen.",
        ),
        ({"date_from": "2020-01-01", "date_to": "2023-01-02"}, "Perioden kan højst være 3 år."),
        ({"date_from": "2026-02-30", "date_to": "2026-06-30"}, "Skal være en dato (ÅÅÅÅ-MM-DD)."),
        ({"date_from": "2026-01-01"}, "Feltet skal udfyldes."),
        ({**PERIOD, "date_to": "2300-01-01"}, "mellem 1900 og 2199"),
        ({**PERIOD, "section": "borgere"}, "Skal være en af de tilladte værdier."),
        ({**PERIOD, "service_code": "UKENDT"}, "har ikke den indsats"),
        ({**PERIOD, "service_code": "SEL 86"}, "Har ikke den rigtige form."),
        ({**PERIOD, "team_class_id": "0"}, "Værdien er for lille."),
        ({**PERIOD, "therapist_id": "99999999999"}, "Værdien er for stor."),
    ],
)
def test_a_bad_period_or_filter_is_a_danish_422(unit, leader_client, query, message):  # noqa: F811
    response = leader_client.get(KPI, query)
    assert response.status_code == 422, response.content
    problem = response.json()
    texts = [problem["detail"], *(error["message"] for error in problem.get("errors") or [])]
    assert any(message in text for text in texts), problem


@pytest.mark.parametrize(
    ("date_from", "date_to", "status"),
    [
        ("2023-01-01", "2026-01-01", 200),  # exactly three years
        ("2024-02-29", "2027-02-28", 200),  # from a leap day: three years end on 28 February
        ("2024-02-29", "2027-03-01", 422),
        ("2026-03-01", "2026-03-01", 200),  # one day
        ("2000-01-01", "2000-12-31", 200),  # before the standard took effect: still figures
    ],
)
def test_the_period_is_at_most_three_years(
    unit,  # noqa: F811
    leader_client,
    date_from,
    date_to,
    status,
):
    response = leader_client.get(KPI, {"date_from": date_from, "date_to": date_to})
    assert response.status_code == status, response.content
