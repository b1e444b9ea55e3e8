"""Two leaders build the same month's KL Gateway delivery at the same moment."""

from __future__ import annotations

import pytest
from django.db import connection

from rehabplan.reporting.klgateway.facts import Period
from rehabplan.reporting.klgateway.services import delivery_build
from rehabplan.reporting.models import KlGatewayDelivery
from tests.concurrency.contenders import run_together, unexpected
from tests.reporting.klgateway.conftest import gop_course, prepare_for_kl_gateway

CONTENDERS = 6
NOVEMBER = Period(2026, 11)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_simultaneous_builds_make_one_first_delivery_and_a_chain_of_corrections(
    demo_unit, settings, tmp_path
):
    settings.REHABPLAN_KL_GATEWAY_DIR = str(tmp_path)
    prepare_for_kl_gateway(demo_unit)
    gop_course(demo_unit)
    gop_course(demo_unit)

    outcomes = run_together(
        CONTENDERS,
        lambda index: (
            delivery_build(
                municipality=demo_unit.municipality, period=NOVEMBER, user=demo_unit.leader
            ).pk
        ),
    )

    assert unexpected(outcomes, Exception) == []
    assert all(outcome.ok for outcome in outcomes), [outcome.error for outcome in outcomes]
    deliveries = list(
        KlGatewayDelivery.objects.of_municipality(demo_unit.municipality).order_by("sequence")
    )
    assert [delivery.sequence for delivery in deliveries] == list(range(1, CONTENDERS + 1))
    assert [delivery for delivery in deliveries if delivery.corrects_id is None] == deliveries[:1]
    for earlier, later in zip(deliveries, deliveries[1:], strict=False):
        assert later.corrects_id == earlier.pk
    assert len({delivery.file_path for delivery in deliveries}) == CONTENDERS
