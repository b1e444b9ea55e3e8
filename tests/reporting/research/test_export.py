"""The export's rows: consent filter, municipality isolation, figures, record and audit."""

from __future__ import annotations

import datetime
import hashlib
import io

import pyarrow.parquet as pq
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.citizens.models import ConsentScope
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ContactType,
    MeasurementPhase,
    OutcomeMeasurement,
    Session,
    SessionKind,
    SessionStatus,
)
from rehabplan.reporting.models import ResearchExport
from rehabplan.reporting.research.columns import export_columns
from rehabplan.reporting.research.demographics import age_band
from rehabplan.reporting.research.key import KEY_VARIABLE, ResearchKeyError
from rehabplan.reporting.research.pseudonym import pseudonym
from rehabplan.reporting.research.services import research_export
from tests.course.conftest import at
from tests.reporting.research.helpers import course_with_consent, csv_rows, period

pytestmark = pytest.mark.django_db


def _export(user, file_format="csv"):
    first, last = period()
    return research_export(user=user, first_day=first, last_day=last, file_format=file_format)


def test_only_citizens_with_a_valid_research_consent(demo_unit, research_key):
    kept = course_with_consent(demo_unit)
    course_with_consent(demo_unit, given_days_ago=None)  # no consent at all
    course_with_consent(demo_unit, withdrawn_days_ago=2)  # withdrawn
    course_with_consent(demo_unit, withdrawn_days_ago=0)  # withdrawn today
    course_with_consent(demo_unit, scope=ConsentScope.SHARE_STATUS)  # another scope
    course_with_consent(demo_unit, given_days_ago=-3)  # given only in three days
    rows = csv_rows(_export(demo_unit.leader).content)
    assert [row["pseudonym"] for row in rows] == [
        pseudonym(cpr=kept.citizen.cpr, key=research_key.encode())
    ]


def test_a_consent_withdrawn_later_still_counts_today(demo_unit, research_key):
    course_with_consent(demo_unit, withdrawn_days_ago=-5)  # withdrawal recorded for later
    assert len(csv_rows(_export(demo_unit.leader).content)) == 1


def test_courses_started_outside_the_period_are_left_out(demo_unit, research_key):
    course = course_with_consent(demo_unit)
    course.start_on = timezone.localdate() - datetime.timedelta(days=400)
    course.save(update_fields=["start_on"])
    assert csv_rows(_export(demo_unit.leader).content) == []


def test_another_municipalitys_courses_never_appear(demo_unit, varde, research_key):
    mine = course_with_consent(demo_unit)
    course_with_consent(varde)
    course_with_consent(varde)
    rows = csv_rows(_export(demo_unit.leader).content)
    assert [row["pseudonym"] for row in rows] == [
        pseudonym(cpr=mine.citizen.cpr, key=research_key.encode())
    ]
    assert len(csv_rows(_export(varde.leader).content)) == 2
    assert ResearchExport.objects.for_user(demo_unit.leader).count() == 1


def _attend(unit, course, day, status):
    session = Session.objects.create(
        municipality=unit.municipality,
        kind=SessionKind.INDIVIDUAL,
        contact_type=ContactType.CENTRE,
        therapist=unit.pt,
        starts_at=at(day),
        status=SessionStatus.HELD,
    )
    Attendance.objects.create(session=session, course=course, status=status)


def test_row_figures(demo_unit, research_key):
    course = course_with_consent(demo_unit, cpr="241045-1231")
    today = timezone.localdate()
    for offset, status in enumerate(
        [AttendanceStatus.ATTENDED] * 3 + [AttendanceStatus.NO_SHOW, AttendanceStatus.BOOKED]
    ):
        _attend(demo_unit, course, today - datetime.timedelta(days=20 - offset), status)
    for phase, value, offset in (
        (MeasurementPhase.START, 8, 25),
        (MeasurementPhase.START, 9, 24),  # a second start test: the first counts
        (MeasurementPhase.DURING, 10, 15),
        (MeasurementPhase.END, 11, 5),
        (MeasurementPhase.END, 12, 1),  # a later end test: the last counts
    ):
        OutcomeMeasurement.objects.create(
            course=course,
            test_code="chair_stand_30s",
            value=value,
            unit="gentagelser",
            phase=phase,
            measured_on=today - datetime.timedelta(days=offset),
            recorded_by=demo_unit.therapist_user,
        )
    course.referral.gop_content = {
        "diagnoses": [{"code": "DS720", "text": "Brud på lårbenshals", "primary": True}]
    }
    course.referral.save(update_fields=["gop_content"])
    course.refresh_from_db()
    [row] = csv_rows(_export(demo_unit.leader).content)
    assert row["age_band"] == age_band(datetime.date(1945, 10, 24), course.start_on)
    assert row["sex"] == "M"
    assert row["service_code"] == "SUL140"
    assert row["diagnosis_chapters"] == "XIX" and row["diagnosis_blocks"] == "S70-S79"
    assert row["start_month"] == f"{course.start_on:%Y-%m}" and row["end_month"] == ""
    assert (row["sessions_attended"], row["no_shows"]) == ("3", "1")
    assert (row["chair_stand_30s_start"], row["chair_stand_30s_end"]) == ("8.0", "12.0")
    assert row["chair_stand_30s_unit"] == "gentagelser"
    assert row["timed_up_and_go_start"] == ""
    assert list(row) == [column.name for column in export_columns()]


def test_parquet_has_the_same_rows_and_typed_columns(demo_unit, research_key):
    course_with_consent(demo_unit)
    course_with_consent(demo_unit)
    csv_content = csv_rows(_export(demo_unit.leader).content)
    table = pq.read_table(io.BytesIO(_export(demo_unit.leader, "parquet").content))
    assert table.num_rows == 2
    assert table.column_names == [column.name for column in export_columns()]
    assert str(table.schema.field("sessions_attended").type) == "int64"
    assert table.column("pseudonym").to_pylist() == [row["pseudonym"] for row in csv_content]


def test_every_export_is_recorded_and_audited_without_the_key(demo_unit, research_key):
    course = course_with_consent(demo_unit)
    result = _export(demo_unit.leader, "parquet")
    record = ResearchExport.objects.for_user(demo_unit.leader).get()
    assert record == result.record
    assert (record.user, record.row_count, record.file_format) == (demo_unit.leader, 1, "parquet")
    assert record.sha256 == hashlib.sha256(result.content).hexdigest()
    assert (record.period_from, record.period_to) == period()
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_id=str(record.pk))
    assert entry.user == demo_unit.leader and entry.municipality == demo_unit.municipality
    assert entry.shown_citizen_ids == [course.citizen_id]
    stored = " ".join(str(value) for value in (*vars(record).values(), *vars(entry).values()))
    assert research_key not in stored
    assert research_key.encode() not in result.content


@pytest.mark.parametrize("value", [None, "", "kort-nøgle", "x" * 31])
def test_no_export_without_a_good_key(demo_unit, monkeypatch, value):
    course_with_consent(demo_unit)
    if value is None:
        monkeypatch.delenv(KEY_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(KEY_VARIABLE, value)
    with pytest.raises(ResearchKeyError):
        _export(demo_unit.leader)
    assert not ResearchExport.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_therapist_may_not_export(demo_unit, research_key):
    course_with_consent(demo_unit)
    with pytest.raises(PermissionDenied):
        _export(demo_unit.therapist_user)
    assert not ResearchExport.objects.exists()


def test_the_database_refuses_a_record_with_the_period_backwards(demo_unit):
    from django.db import IntegrityError, transaction

    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResearchExport.objects.create(
            municipality=demo_unit.municipality,
            user=demo_unit.leader,
            period_from=today,
            period_to=today - datetime.timedelta(days=1),
            row_count=0,
            file_format="csv",
            sha256="0" * 64,
        )


def test_rows_are_sorted_by_month_and_pseudonym(demo_unit, research_key):
    for _number in range(4):
        course_with_consent(demo_unit)
    rows = csv_rows(_export(demo_unit.leader).content)
    keys = [(row["start_month"], row["pseudonym"]) for row in rows]
    assert len(keys) == 4 and keys == sorted(keys)
