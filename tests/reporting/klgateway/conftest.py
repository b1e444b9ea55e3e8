"""A small §140 world for the delivery tests: a municipality with its SOR code, the hospital
unit that sends its plans, and GOP referrals with courses received in November 2026."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tests.course.conftest import demo_unit, make_unit, varde  # noqa: F401 - shared fixtures

NOVEMBER = datetime.date(2026, 11, 10)
HOSPITAL_EAN = "5790000000005"


def prepare_for_kl_gateway(unit: Any, *, sor_code: str = "999991000016005") -> None:
    from rehabplan.organisation.models import HospitalUnit

    unit.municipality.sor_code = sor_code
    unit.municipality.save(update_fields=["sor_code"])
    HospitalUnit.objects.create(
        municipality=unit.municipality,
        name="Sygehuset, Ortopædkirurgi",
        ean=HOSPITAL_EAN,
        sor_code="999992000016001",
    )


def gop_course(unit: Any, *, received_on: datetime.date = NOVEMBER, **fields: Any) -> Any:
    fields.setdefault("plan_type", "almen")
    fields.setdefault("gop_level", "basal")
    fields.setdefault("gop_sender_ean", HOSPITAL_EAN)
    fields.setdefault("diagnosis_text", "Hoftebrud, opereret (DS720)")
    fields.setdefault("first_contact_offered_on", received_on + datetime.timedelta(days=2))
    return unit.course("SUL140", received_on=received_on, **fields)


@pytest.fixture
def kl_unit(demo_unit):  # noqa: F811 - the shared fixture, extended
    prepare_for_kl_gateway(demo_unit)
    return demo_unit


@pytest.fixture
def delivery_dir(tmp_path, settings):
    settings.REHABPLAN_KL_GATEWAY_DIR = str(tmp_path / "kl-gateway")
    settings.REHABPLAN_KL_GATEWAY_SENDER = "rehabplan.reporting.klgateway.senders.FileSender"
    return tmp_path / "kl-gateway"
