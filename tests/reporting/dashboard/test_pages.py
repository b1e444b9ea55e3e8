"""The dashboard's pages: who may see them, the filters, the drill-down and its audit entry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.reporting.kpi.sections import SECTIONS
from tests.reporting.dashboard.conftest import D, set_deadline, started_course

PERIOD = {"fra": "01-01-2026", "til": "30-06-2026"}


def section_url(key: str = "frister") -> str:
    return reverse("kpi-section", kwargs={"section_key": key})


def cases_url(key: str = "frister") -> str:
    return reverse("kpi-cases", kwargs={"section_key": key})


@pytest.fixture
def missed_case(unit):
    """A course whose start deadline (10 February) was met two days late."""
    course = started_course(unit, "SEL86-1", D(2026, 2, 2), 10, team=True)
    set_deadline(course.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))
    return course


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["visitator", "therapist_user"])
def test_only_the_leader_sees_the_figures(client, unit, role):
    client.force_login(getattr(unit, role))
    for url in (
        reverse("kpi-start"),
        section_url(),
        f"{cases_url()}?frist=start",
        reverse("kpi-export-csv", kwargs={"section_key": "frister", "table_key": "overholdelse"}),
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.django_db
def test_the_start_redirects_to_the_first_section_and_every_tab_renders(client, unit, missed_case):
    client.force_login(unit.leader)
    response = client.get(reverse("kpi-start"))
    assert response.status_code == 302
    assert response["Location"] == section_url(SECTIONS[0].key)
    for section in SECTIONS:
        page = client.get(section_url(section.key), PERIOD)
        assert page.status_code == 200, section.key
        content = page.content.decode()
        assert "<caption>" in content and 'scope="col"' in content
        # A row of figures is headed by its label; a table with nothing in the period says so.
        assert 'scope="row"' in content or "Ingen tal i perioden." in content, section.key
        assert 'aria-hidden="true"><canvas' in content
        assert "kpi-charts.js" in content and "application/json" in content
    # The nav offers the page to the leader only.
    assert "Nøgletal" in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_figures_are_written_the_danish_way_and_link_to_their_cases(client, unit, missed_case):
    other = started_course(unit, "SEL86-1", D(2026, 3, 2), 5)
    set_deadline(other.referral, "start", D(2026, 3, 10), met_on=D(2026, 3, 7))
    third = started_course(unit, "SEL86-1", D(2026, 3, 2), 5)
    set_deadline(third.referral, "start", D(2026, 3, 10), met_on=D(2026, 3, 10))
    client.force_login(unit.leader)
    content = client.get(section_url(), PERIOD).content.decode()
    assert "66,7 %" in content  # 2 of 3 start deadlines met
    assert "frist=start" in content and "udfald=overskredet" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"fra": "01-06-2026", "til": "01-01-2026"}, "Slutdatoen kan ikke ligge før startdatoen."),
        ({"fra": "01-01-2020", "til": "02-01-2023"}, "Perioden kan højst være 3 år."),
        ({"fra": "31-02-2026"}, "dd-mm-åååå"),
    ],
)
def test_a_bad_period_is_a_danish_error_and_no_figures(client, unit, query, message):
    client.force_login(unit.leader)
    response = client.get(section_url(), query)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "kpi-table-" not in content


@pytest.mark.django_db
def test_a_period_of_exactly_three_years_is_allowed(client, unit):
    client.force_login(unit.leader)
    response = client.get(section_url(), {"fra": "01-01-2023", "til": "01-01-2026"})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["sted", "hold", "terapeut"])
def test_another_municipalitys_id_is_a_form_error_never_data(client, unit, other, field):
    foreign = {"sted": other.location, "hold": other.team_class, "terapeut": other.pt}[field]
    course = started_course(
        other, "SEL86-1", D(2026, 2, 2), 10, team=True, citizen=other.citizen("Ingrid")
    )
    set_deadline(course.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))
    client.force_login(unit.leader)
    response = client.get(section_url(), {**PERIOD, field: foreign.pk})
    assert response.status_code == 400
    assert "Vælg en af mulighederne på listen." in response.content.decode()
    cases = client.get(cases_url(), {**PERIOD, field: foreign.pk, "frist": "start"})
    assert cases.status_code == 404


@pytest.mark.django_db
def test_the_municipalitys_own_choices_are_accepted_and_narrow_the_figures(
    client, unit, missed_case
):
    client.force_login(unit.leader)
    for field, value in {
        "sted": unit.location.pk,
        "hold": unit.team_class.pk,
        "terapeut": unit.pt.pk,
        "ydelse": "SEL86-1",
    }.items():
        response = client.get(section_url(), {**PERIOD, field: value})
        assert response.status_code == 200, field
        assert f"{field}={value}" in response.content.decode(), field
    # A therapist with no course: no deadline counted.
    page = client.get(section_url(), {**PERIOD, "terapeut": unit.ot.pk}).content.decode()
    assert "udfald=overskredet" not in page


@pytest.mark.django_db
def test_the_drill_down_lists_the_cases_and_writes_one_audit_entry(client, unit, missed_case):
    client.force_login(unit.leader)
    before = AuditEntry.objects.count()
    query = {**PERIOD, "frist": "start", "indsats": "SEL86-1", "udfald": "overskredet"}
    response = client.get(cases_url(), query)
    assert response.status_code == 200
    content = response.content.decode()
    citizen = missed_case.citizen
    assert citizen.full_name in content
    assert reverse("referral-detail", kwargs={"referral_id": missed_case.referral_id}) in content
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert len(entries) == 1
    assert entries[0].action == AuditAction.VIEW
    assert entries[0].shown_citizen_ids == [citizen.pk]
    assert "Opstart" in entries[0].summary and "overskredet" in entries[0].summary


@pytest.mark.django_db
@pytest.mark.parametrize(
    "drilldown",
    [
        {},
        {"frist": "nonsense"},
        {"ukendt": "1"},
        {"frist": "start", "udfald": "måske"},
        {"maaned": "2025-01"},  # outside the period
        {"indsats": "FINDES-IKKE"},
        {"aarsag": "vejret"},
    ],
)
def test_an_unknown_drill_down_is_not_found(client, unit, missed_case, drilldown):
    client.force_login(unit.leader)
    assert client.get(cases_url(), {**PERIOD, **drilldown}).status_code == 404


@pytest.mark.django_db
def test_the_waiting_drill_downs_list_courses_and_referrals(client, unit, missed_case):
    client.force_login(unit.leader)
    name = missed_case.citizen.full_name
    for drilldown in (
        {"figur": "startet", "indsats": "alle", "baand": "8-14"},
        {"figur": "henvist", "indsats": "SEL86-1", "kilde": "citizen"},
        {"figur": "aktive", "maaned": "2026-03"},
    ):
        response = client.get(cases_url("ventetid"), {**PERIOD, **drilldown})
        assert response.status_code == 200, drilldown
        assert name in response.content.decode(), drilldown
    empty_band = client.get(
        cases_url("ventetid"), {**PERIOD, "figur": "startet", "indsats": "alle", "baand": "0-7"}
    )
    assert name not in empty_band.content.decode()
    assert client.get(cases_url("ventetid"), {**PERIOD, "figur": "x"}).status_code == 404


@pytest.mark.django_db
def test_another_municipalitys_cases_are_never_counted_or_listed(client, unit, other, missed_case):
    foreign = started_course(
        other, "SEL86-1", D(2026, 2, 2), 10, team=True, citizen=other.citizen("Ingrid")
    )
    set_deadline(foreign.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))
    client.force_login(unit.leader)
    for section in SECTIONS:
        for drilldown in (
            {"frist": "start", "udfald": "overskredet"},
            {"figur": "startet", "indsats": "alle"},
            {"figur": "henvist", "indsats": "SEL86-1"},
            {"figur": "aktive", "maaned": "2026-03"},
        ):
            response = client.get(cases_url(section.key), {**PERIOD, **drilldown})
            assert foreign.citizen.full_name not in response.content.decode()
    # Only the leader's own case is counted: one missed start deadline, not two.
    page = client.get(section_url(), PERIOD).content.decode()
    assert "udfald=overskredet" in page
    from rehabplan.reporting.kpi.deadlines import SECTION
    from tests.reporting.dashboard.conftest import filters_for

    compliance = SECTION.tables(filters_for(unit))[0]
    start_rows = [row for row in compliance.rows if str(row[0].value).startswith("Opstart")]
    assert [row[3].value for row in start_rows] == [1]


@pytest.mark.django_db
def test_the_chart_carries_the_same_numbers_as_the_table(client, unit, missed_case):
    import json
    import re

    client.force_login(unit.leader)
    content = client.get(section_url("ventetid"), PERIOD).content.decode()
    found = re.search(
        r'<script id="kpi-chart-data-fordeling" type="application/json">(.*?)</script>',
        content,
        re.S,
    )
    chart = json.loads(found.group(1))
    assert chart["kind"] == "bar"
    assert chart["labels"] == ["0–7 dage", "8–14 dage", "15–28 dage", "29–56 dage", "Over 56 dage"]
    assert chart["series"][0]["values"] == [0.0, 1.0, 0.0, 0.0, 0.0]
    table = content[content.index('data-testid="kpi-figures-fordeling"') :]
    assert '<th scope="row">8–14 dage</th><td class="kpi-number"><a href=' in table


def test_the_default_period_is_the_last_twelve_whole_months_and_this_month():
    from rehabplan.web.dashboard.forms import default_period

    assert default_period(D(2026, 12, 3)) == (D(2025, 12, 1), D(2026, 12, 3))
    assert default_period(D(2026, 1, 31)) == (D(2025, 1, 1), D(2026, 1, 31))
