"""End to end: a new municipality's file, added with the command to the demo's database, serves
its own staff under its own standard while the demo goes on under the demo's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from rehabplan.accounts.roles import VISITATOR
from rehabplan.courses.models import StoredDeadline
from rehabplan.courses.services.intake import intake_register
from rehabplan.demo.seed import seed_demo
from rehabplan.organisation.models import Municipality, MunicipalStandard
from tests.standards.conftest import SKOVLUND

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = dt.date(2026, 11, 23)


def test_a_file_added_with_the_command_becomes_a_municipality_beside_the_demo(make_user, capsys):
    demo = seed_demo(seed=7, today=TODAY).municipality
    # The demo came in by the same path: its shipped file is its first upload.
    assert MunicipalStandard.objects.of_municipality(demo).get().file_name == "demo.toml"

    call_command("municipality", "add", "--standard", str(SKOVLUND))
    assert "Skovlund Kommune er oprettet" in capsys.readouterr().out

    skovlund = Municipality.objects.get(slug="skovlund")
    visitator = make_user("skovlund-visitator", VISITATOR, skovlund)
    referral = intake_register(
        user=visitator,
        service_code="SEL86-2",
        source="citizen",
        received_on=dt.date(2026, 11, 16),
        cpr="010150-1234",
        first_name="Karen",
        last_name="Sørensen",
        today=TODAY,
    )

    assert referral.municipality == skovlund
    contact = referral.deadlines.get(kind="contact")
    # Skovlund: contact within 5 working days of receipt (Monday 16 November -> 23 November).
    assert contact.due == dt.date(2026, 11, 23)
    assert contact.standard_version == "skovlund@2026-01-01+national@2025-07-01"
    assert contact.explanation[0]["rule_id"] == "skovlund:SEL86.contact"
    decision = referral.deadlines.get(kind="decision")
    assert decision.due == dt.date(2026, 12, 7)  # 15 working days
    # The demo's referrals keep the demo's standard.
    demo_versions = set(
        StoredDeadline.objects.filter(referral__municipality=demo).values_list(
            "standard_version", flat=True
        )
    )
    assert demo_versions and all(version.startswith("demo@") for version in demo_versions)
