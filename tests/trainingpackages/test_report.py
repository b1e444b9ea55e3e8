"""The usage report for the ministry: figures per package line from a table of courses, two
municipalities apart, the period checked, and the CSV and XLSX files."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rehabplan.courses.models import Course
from rehabplan.courses.services.measurements import measurement_record
from rehabplan.trainingpackages.services.assignment import course_package_assign
from rehabplan.trainingpackages.services.report import package_usage

D = datetime.date
PERIOD = {"fra": "01-01-2026", "til": "31-12-2026"}
AEROBIC = "Konditionstræning ved let demens"
LOCAL = "Kondition i Demoby (lokal version 2 af Konditionstræning ved let demens)"

pytestmark = pytest.mark.django_db

# package, type, phase, living, start, status, ended, end reason, results {test: (start, end)}
COURSES = [
    ("aerobic", "alzheimers", "mild", "home", D(2026, 3, 1), "closed", D(2026, 6, 30),
     "goals_reached", {"six_minute_walk": (300, 360), "timed_up_and_go": (12, 10)}),
    ("aerobic", "mixed", "mild", "home", D(2026, 3, 10), "closed", D(2026, 5, 15),
     "no_shows", {"six_minute_walk": (250, 240), "timed_up_and_go": (14, None)}),
    ("aerobic", "alzheimers", "mild", "home", D(2026, 4, 1), "active", None, "",
     {"six_minute_walk": (280, None)}),
    ("local", "alzheimers", "mild", "care_home", D(2026, 2, 1), "closed", D(2026, 6, 1),
     "goals_reached", {"six_minute_walk": (200, 230), "timed_up_and_go": (20, 18)}),
    # Not counted: ended before the period, cancelled, started after it.
    ("strength", "vascular", "moderate", "care_home", D(2025, 1, 1), "closed", D(2025, 6, 1),
     "goals_reached", {"chair_stand_30s": (8, 12)}),
    ("aerobic", "alzheimers", "mild", "home", D(2026, 3, 1), "cancelled", None, "", {}),
    ("aerobic", "alzheimers", "mild", "home", D(2027, 1, 4), "awaiting_start", None, "", {}),
]  # fmt: skip


def _make(unit, refs, row):
    package, dementia_type, phase, living, start, status, ended, reason, results = row
    course = unit.course("SEL86-1", received_on=D(2026, 1, 2))
    course_package_assign(
        user=unit.therapist_user, course=course, package_ref=refs[package],
        dementia_type=dementia_type, phase=phase, living=living,
        deviate=True, deviation_reason="Prøve.",
    )  # fmt: skip
    for code, (first, last) in results.items():
        for phase_name, value, day in (("start", first, start), ("end", last, ended)):
            if value is not None:
                measurement_record(
                    user=unit.therapist_user, course=course, test_code=code, value=value,
                    phase=phase_name, measured_on=day or start,
                )  # fmt: skip
    Course.objects.filter(pk=course.pk).update(
        start_on=start, status=status, ended_on=ended, end_reason=reason
    )
    return course


@pytest.fixture
def courses(demo_unit, varde, catalogue, local_version):
    refs = {
        "aerobic": "national:aerobic_mild",
        "strength": "national:strength_moderate",
        "local": f"lokal:{local_version.pk}",
    }
    for row in COURSES:
        _make(demo_unit, refs, row)
    # Another municipality's course: never in the demo municipality's report.
    row = ("aerobic", "lewy_body", "severe", "care_home", D(2026, 3, 1), "closed",
           D(2026, 6, 1), "goals_reached", {"six_minute_walk": (100, 200)})  # fmt: skip
    _make(varde, refs, row)


def _tests(line):
    return {
        test.code: (test.measured, test.mean_start, test.mean_end, test.mean_change, test.improved)
        for test in line.tests
    }


def test_the_figures_per_package_line(demo_unit, courses):
    lines = package_usage(
        municipality_id=demo_unit.municipality.pk, start=D(2026, 1, 1), end=D(2026, 12, 31)
    )
    assert [line.label for line in lines] == [LOCAL, AEROBIC]
    local, aerobic = lines
    assert aerobic.citizens == 3
    assert aerobic.by_type == {"alzheimers": 2, "mixed": 1}
    assert aerobic.by_phase == {"mild": 3}
    assert aerobic.by_living == {"home": 3}
    assert aerobic.completion == {"completed": 1, "stopped": 1, "running": 1}
    assert _tests(aerobic) == {
        "six_minute_walk": (2, 275.0, 300.0, 25.0, 1),
        "timed_up_and_go": (1, 12.0, 10.0, -2.0, 1),  # lower is better
    }
    assert (local.citizens, local.by_living, local.completion) == (
        1, {"care_home": 1}, {"completed": 1, "stopped": 0, "running": 0},
    )  # fmt: skip
    assert _tests(local) == {
        "six_minute_walk": (1, 200.0, 230.0, 30.0, 1),
        "timed_up_and_go": (1, 20.0, 18.0, -2.0, 1),
    }


def test_a_course_still_running_at_the_period_end_counts_as_running(demo_unit, courses):
    lines = package_usage(
        municipality_id=demo_unit.municipality.pk, start=D(2026, 1, 1), end=D(2026, 5, 31)
    )
    aerobic = lines[1]
    assert aerobic.completion == {"completed": 0, "stopped": 1, "running": 2}
    # The end result of June is after the period: only the stopped course compares.
    assert _tests(aerobic)["six_minute_walk"] == (1, 250.0, 240.0, -10.0, 0)


def test_the_other_municipality_sees_only_its_own(varde, courses):
    lines = package_usage(
        municipality_id=varde.municipality.pk, start=D(2026, 1, 1), end=D(2026, 12, 31)
    )
    assert [(line.label, line.citizens, line.by_type) for line in lines] == [
        (AEROBIC, 1, {"lewy_body": 1})
    ]


def test_the_page_shows_the_lines_to_the_leader_only(client, demo_unit, courses):
    client.force_login(demo_unit.leader)
    response = client.get(reverse("package-report"), PERIOD)
    assert response.status_code == 200
    content = response.content.decode()
    assert LOCAL in content and AEROBIC in content
    assert "Lewy body demens" in content  # every category is listed, with 0
    assert "275,00" in content and "25,00" in content
    client.force_login(demo_unit.therapist_user)
    assert client.get(reverse("package-report"), PERIOD).status_code == 403


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"fra": "01-06-2026", "til": "01-01-2026"}, "Slutdatoen kan ikke ligge før startdatoen."),
        ({"fra": "01-01-2020", "til": "01-01-2026"}, "Perioden kan højst være 3 år."),
        ({"fra": "32-01-2026", "til": "01-02-2026"}, "dato"),
    ],
)
def test_a_bad_period_gets_a_danish_error(client, demo_unit, catalogue, period, message):
    client.force_login(demo_unit.leader)
    response = client.get(reverse("package-report"), period)
    assert response.status_code == 400
    assert message in response.content.decode()
    csv_url = reverse("package-report-csv")
    assert client.get(csv_url, {**period, "tabel": "borgere"}).status_code == 404


def _csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_files(client, demo_unit, courses):
    client.force_login(demo_unit.leader)
    rows = _csv(client.get(reverse("package-report-csv"), {**PERIOD, "tabel": "borgere"}))
    header = rows[0]
    assert header[:3] == ["Træningspakke", "Borgere i alt", "Alzheimers sygdom"]
    assert header[-3:] == ["Gennemført", "Stoppet før tid", "I gang"]
    aerobic = dict(zip(header, rows[2], strict=True))
    assert aerobic["Træningspakke"] == AEROBIC
    assert (aerobic["Borgere i alt"], aerobic["Alzheimers sygdom"], aerobic["Blandet demens"]) == (
        "3", "2", "1",
    )  # fmt: skip
    assert (aerobic["Fase: Let"], aerobic["Bor i eget hjem"], aerobic["Stoppet før tid"]) == (
        "3", "3", "1",
    )  # fmt: skip
    rows = _csv(client.get(reverse("package-report-csv"), {**PERIOD, "tabel": "effekt"}))
    assert rows[0][:4] == ["Træningspakke", "Test", "Enhed", "Borgere med start- og slutværdi"]
    walk = [row for row in rows if row[0] == AEROBIC and row[3] == "2"][0]
    assert walk[4:] == ["275,0", "300,0", "25,0", "1"]


def test_the_xlsx_file(client, demo_unit, courses):
    client.force_login(demo_unit.leader)
    response = client.get(reverse("package-report-xlsx"), {**PERIOD, "tabel": "effekt"})
    assert response["Content-Disposition"] == (
        'attachment; filename="traeningspakker-effekt-01-01-2026-31-12-2026.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Træningspakke"
    tug = [row for row in rows if row[0] == AEROBIC and row[3] == 1][0]
    assert tug[4:] == (12.0, 10.0, -2.0, 1)
    assert client.get(reverse("package-report-xlsx"), {**PERIOD, "tabel": "x"}).status_code == 404


def test_another_municipality_gets_its_own_file(client, varde, courses):
    client.force_login(varde.leader)
    rows = _csv(client.get(reverse("package-report-csv"), {**PERIOD, "tabel": "borgere"}))
    assert [row[0] for row in rows[1:]] == [AEROBIC]
    assert rows[1][1] == "1"


def test_the_leader_finds_the_report_on_the_training_packages_page(client, demo_unit, catalogue):
    report = reverse("package-report")
    client.force_login(demo_unit.leader)
    assert f'href="{report}"' in client.get(reverse("package-list")).content.decode()
    client.force_login(demo_unit.therapist_user)
    assert f'href="{report}"' not in client.get(reverse("package-list")).content.decode()


def test_the_leaders_planning_comes_before_the_training_content_in_the_menu(client, demo_unit):
    client.force_login(demo_unit.leader)
    page = client.get(reverse("home")).content.decode()
    assert page.index(f'href="{reverse("planning-start")}"') < page.index(
        f'href="{reverse("package-list")}"'
    )
