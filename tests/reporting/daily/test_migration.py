"""An installation that upgrades has its sessions and places from before the daily figures:
the migration notes every day that has sessions, so the first reading counts them all, and the
migration can be taken back."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rehabplan.courses.models import AttendanceStatus as A
from rehabplan.reporting.kpi import attendance
from rehabplan.reporting.models import StaleDay
from tests.course.conftest import at
from tests.reporting.kpi_activity.conftest import D, filters_for, place, rows, session, table

BEFORE = [("reporting", "0003_research_export")]

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_the_days_written_before_the_upgrade_are_counted(unit):
    course = unit.course("SEL86-1", received_on=D(2026, 10, 1))
    _migrate(BEFORE)
    try:
        # Written while no trigger is there to note them.
        place(session(unit, at(D(2026, 11, 2), 10)), course, A.ATTENDED)
        place(session(unit, at(D(2026, 11, 3), 0, 30)), course, A.NO_SHOW)
    finally:
        _migrate(_latest())
    # 00:30 on 3 November is 2 November in UTC: one day noted, two local days counted.
    assert StaleDay.objects.filter(municipality=unit.municipality).count() == 1
    tables = attendance.SECTION.tables(filters_for(unit))
    november = rows(table(tables, "udeblivelser-pr-maaned"))[0]
    assert (november["places"], november["no_show"]) == (2, 1)
    assert not StaleDay.objects.filter(municipality=unit.municipality).exists()


def test_the_report_command_counts_them_at_once(unit):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    course = unit.course("SEL86-1", received_on=D(2026, 10, 1))
    place(session(unit, at(D(2026, 11, 2), 10)), course, A.ATTENDED)
    out = io.StringIO()
    call_command("report", "dagstal", "--kommune", unit.municipality.slug, stdout=out)
    assert "ændrede dage optalt" in out.getvalue()
    assert not StaleDay.objects.filter(municipality=unit.municipality).exists()
    call_command("report", "dagstal", "--forfra", stdout=out)
    assert "alle dage optalt" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("report", "dagstal", "--kommune", "findes-ikke", stdout=out)
    assert "Kommunen 'findes-ikke' findes ikke" in out.getvalue()
