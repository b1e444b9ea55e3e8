"""The sweep is a periodic job every worker runs, and `periodic --once` runs it too."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from rehabplan.alerts.models import DeadlineAlert
from rehabplan.messaging.periodic import PERIODIC_JOBS, run_job
from tests.alerts.conftest import open_deadline

# run_job closes the connection as a worker does: the tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_sweep_is_a_periodic_job(demo_unit):
    path, seconds = PERIODIC_JOBS["fristvarsler"]
    assert path == "rehabplan.alerts.services.sweep.alerts_sweep_job" and seconds <= 600
    open_deadline(demo_unit, "decision", timezone.localdate(), course=False)
    assert run_job("fristvarsler")
    assert DeadlineAlert.objects.get().user == demo_unit.visitator


def test_periodic_once_runs_the_sweep(demo_unit):
    open_deadline(demo_unit, "decision", timezone.localdate(), course=False)
    out = io.StringIO()
    call_command("periodic", "--once", "--job", "fristvarsler", stdout=out)
    assert "fristvarsler: kørt" in out.getvalue()
    assert DeadlineAlert.objects.count() == 1
