"""Retries of one POST racing each other (a robot's timeout and retry) act once, and concurrent
requests never lose a count of the rate limit."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from rehabplan.api.throttling import count_hit
from rehabplan.api.tokens import api_token_create
from rehabplan.audit.models import AuditEntry
from rehabplan.citizens.models import Citizen
from tests.concurrency.contenders import run_together

CONTENDERS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_eight_retries_with_one_key_create_one_citizen(administrator, visitator):
    token = api_token_create(created_by=administrator, user=visitator, name="Robot").plain_text
    body = json.dumps({"cpr": "0202021234", "first_name": "Anne", "last_name": "Andersen"})

    def send(index: int):
        client = Client(headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k-1"})
        return client.post("/api/v1/citizens", body, content_type="application/json")

    outcomes = run_together(CONTENDERS, send)

    assert [outcome.error for outcome in outcomes if not outcome.ok] == []
    responses = [outcome.result for outcome in outcomes]
    assert [response.status_code for response in responses] == [201] * CONTENDERS
    assert len({response.content for response in responses}) == 1
    assert Citizen.objects.filter(cpr="0202021234").count() == 1
    assert AuditEntry.objects.filter(action="create", object_type="citizen").count() == 1


def test_concurrent_hits_are_all_counted():
    moment = timezone.now()
    outcomes = run_together(CONTENDERS, lambda index: count_hit("token:7", moment))
    assert sorted(outcome.result for outcome in outcomes) == list(range(1, CONTENDERS + 1))
