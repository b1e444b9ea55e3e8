"""The migration that keys GOP letters by sender fills the sender of referrals already stored."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rehabplan.courses.models import Referral

BEFORE = [("courses", "0005_one_session_per_class_occurrence")]

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def test_stored_referrals_get_their_senders_ean(citizen):
    executor = _migrate(BEFORE)
    try:
        old_referral = executor.loader.project_state(BEFORE).apps.get_model("courses", "Referral")
        for letter, content in (
            ("1", {"sender": {"ean": "5790001357248"}}),
            ("2", {}),
            ("", {"sender": {"ean": "5790001357248"}}),
        ):
            old_referral.objects.create(
                municipality_id=citizen.municipality_id,
                citizen_id=citizen.pk,
                service_code="SUL140",
                source="hospital_gop",
                received_on=datetime.date(2026, 11, 20),
                gop_letter_identifier=letter,
                gop_content=content,
            )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    senders = dict(Referral.objects.values_list("gop_letter_identifier", "gop_sender_ean"))
    assert senders == {"1": "5790001357248", "2": "", "": ""}
