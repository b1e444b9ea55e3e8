"""Two systems recording a referral's first contact and first training at the same moment, each
sending only its own field: both dates are kept."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from rehabplan.accounts.roles import ADMINISTRATOR
from rehabplan.api.tokens import api_token_create
from tests.concurrency.contenders import run_together

CONTENDERS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_one_field_each_at_once_keeps_both(make_user, naestved, staff, make_citizen, make_referral):
    visitator, _therapist = staff(naestved)
    administrator = make_user("administrator-naestved", ADMINISTRATOR, naestved)
    today = timezone.localdate()
    referral = make_referral(
        visitator, make_citizen(visitator), "SEL86-1", today - datetime.timedelta(days=5)
    )
    # A token each, as separate systems have: one token's requests queue on its rate-limit row.
    tokens = [
        api_token_create(
            created_by=administrator, user=visitator, name=f"System {index}"
        ).plain_text
        for index in range(CONTENDERS)
    ]
    # Half of the contenders send the first contact, half the first training, each a day apart.
    bodies = [
        {"first_contact_offered_on": (today - datetime.timedelta(days=index // 2)).isoformat()}
        if index % 2 == 0
        else {"first_training_offered_on": (today + datetime.timedelta(days=index)).isoformat()}
        for index in range(CONTENDERS)
    ]

    def send(index: int):
        client = Client(headers={"Authorization": f"Bearer {tokens[index]}"})
        return client.post(
            f"/api/v1/referrals/{referral.pk}/contacts",
            json.dumps(bodies[index]),
            content_type="application/json",
        )

    outcomes = run_together(CONTENDERS, send)

    assert [outcome.error for outcome in outcomes if not outcome.ok] == []
    assert [outcome.result.status_code for outcome in outcomes] == [200] * CONTENDERS
    referral.refresh_from_db()
    assert referral.first_contact_offered_on is not None
    assert referral.first_training_offered_on is not None
