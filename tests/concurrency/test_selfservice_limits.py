"""Citizens' one-time codes under simultaneous requests: the limits hold when every request
arrives at once, each on its own connection."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from rehabplan.selfservice.login.onetime import TooManyRequests, code_request, code_verify
from rehabplan.selfservice.models import LoginCode, RequestCounter
from tests.concurrency.contenders import run_together, unexpected
from tests.selfservice.conftest import last_code

CONTENDERS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


@pytest.fixture
def karen(demo_unit, settings, tmp_path):
    settings.REHABPLAN_SMS_GATEWAY = "file"
    settings.REHABPLAN_SMS_DIR = str(tmp_path / "sms")
    return demo_unit.citizen("Karen", phone="20 12 34 56")


def test_twenty_simultaneous_requests_for_one_cpr_number_send_five_codes(karen, settings):
    now = timezone.now()
    outcomes = run_together(
        CONTENDERS,
        lambda index: code_request(
            cpr=karen.cpr, channel="sms", client_address=f"192.0.2.{index}", now=now
        ),
    )
    assert unexpected(outcomes, TooManyRequests) == []
    assert (
        len([outcome for outcome in outcomes if outcome.ok]) == settings.SELFSERVICE_CODES_PER_CPR
    )
    assert LoginCode.objects.filter(citizen=karen).count() == settings.SELFSERVICE_CODES_PER_CPR
    assert RequestCounter.objects.get(key__startswith="cpr:").count == 5


def test_twenty_simultaneous_requests_from_one_address_stay_within_its_limit(
    demo_unit, karen, settings
):
    settings.SELFSERVICE_CODES_PER_ADDRESS = 3
    now = timezone.now()
    # Different CPR numbers (valid or not in the register), one address.
    cprs = [f"{day:02d}0150-1234" for day in range(1, CONTENDERS + 1)]
    outcomes = run_together(
        CONTENDERS,
        lambda index: code_request(
            cpr=cprs[index], channel="sms", client_address="192.0.2.1", now=now
        ),
    )
    assert unexpected(outcomes, TooManyRequests) == []
    assert len([outcome for outcome in outcomes if outcome.ok]) == 3
    assert RequestCounter.objects.get(key="address:192.0.2.1").count == 3


def test_twenty_simultaneous_wrong_codes_count_five_tries(karen, settings, tmp_path):
    pending = code_request(cpr=karen.cpr, channel="sms", client_address="192.0.2.1")
    code = last_code(tmp_path / "sms")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    outcomes = run_together(
        CONTENDERS,
        lambda index: code_verify(pending=pending, code=wrong, client_address=f"192.0.2.{index}"),
    )
    assert unexpected(outcomes, Exception) == []
    assert LoginCode.objects.get(pk=pending.login_code_id).attempts == 5
    later = timezone.now() + datetime.timedelta(seconds=1)
    refused = code_verify(pending=pending, code=code, client_address="192.0.2.99", now=later)
    assert refused.citizen is None
