"""The same new citizen registered from many requests at once: one citizen, no server errors."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from rehabplan.citizens.models import Citizen
from rehabplan.citizens.services import citizen_create, citizen_update
from rehabplan.courses.models import Referral
from rehabplan.courses.services.gop_import import gop_import
from rehabplan.courses.services.intake import intake_register
from rehabplan.gop.sample import build_gop_xml
from tests.concurrency.contenders import run_together, unexpected

CPR = "0101501234"
DUPLICATE = "Der findes allerede en borger med dette CPR-nummer."
REQUESTS = 20

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_simultaneous_creations_in_the_web_form_give_one_citizen_and_form_errors(
    visitator,
):
    clients = []
    for _ in range(REQUESTS):
        client = Client(raise_request_exception=False)
        client.force_login(visitator)
        clients.append(client)
    form = {"cpr": CPR, "first_name": "Karen", "last_name": "Sørensen"}

    outcomes = run_together(REQUESTS, lambda index: clients[index].post("/borgere/ny/", form))

    assert all(outcome.ok for outcome in outcomes), [outcome.error for outcome in outcomes]
    statuses = sorted(outcome.result.status_code for outcome in outcomes)
    assert statuses == [200] * (REQUESTS - 1) + [302]
    for outcome in outcomes:
        if outcome.result.status_code == 200:
            assert DUPLICATE in outcome.result.content.decode()
    assert Citizen.objects.filter(cpr=CPR).count() == 1


def test_simultaneous_registrations_of_a_new_citizen_give_one_citizen(visitator):
    def register(index):
        return intake_register(
            user=visitator,
            service_code="SEL86-1",
            source="citizen",
            received_on=datetime.date(2026, 11, 20),
            cpr=CPR,
            first_name="Karen",
            last_name="Sørensen",
            today=datetime.date(2026, 11, 23),
        )

    outcomes = run_together(REQUESTS, register)

    assert unexpected(outcomes, ValidationError) == []
    registered = [outcome for outcome in outcomes if outcome.ok]
    refused = [outcome.error.message_dict for outcome in outcomes if not outcome.ok]
    assert Citizen.objects.filter(cpr=CPR).count() == 1
    # Whoever found the citizen already created registers on it; the losers of the race see
    # the form error, and nothing of theirs is kept.
    assert all(refusal == {"cpr": [DUPLICATE]} for refusal in refused)
    assert Referral.objects.count() == len(registered) >= 1


def test_simultaneous_gop_imports_for_a_new_citizen_all_land_on_one_citizen(
    make_user, other_municipality
):
    from rehabplan.accounts.roles import VISITATOR
    from rehabplan.organisation.models import Municipality

    fredericia = Municipality.objects.create(slug="fredericia", code=607, name="Fredericia")
    user = make_user("fredericia-visitator", VISITATOR, fredericia)
    # Ten different plans from the hospital for the same citizen, arriving at the same time.
    files = [
        build_gop_xml(
            letter_identifier=f"10012345{index:02d}", episode_of_care_identifier=f"E{index}"
        )
        for index in range(10)
    ]

    outcomes = run_together(
        len(files),
        lambda index: gop_import(
            user=user, data=files[index], received_on=datetime.date(2026, 11, 20)
        ),
    )

    assert [outcome.error for outcome in outcomes] == [None] * len(files)
    assert Citizen.objects.filter(municipality=fredericia).count() == 1
    assert Referral.objects.filter(municipality=fredericia).count() == len(files)
    assert sum(outcome.result.citizen_created for outcome in outcomes) == 1


def test_simultaneous_changes_to_the_same_cpr_number_give_form_errors(visitator):
    citizens = [
        citizen_create(
            user=visitator, cpr=f"0101{60 + index:02d}1234", first_name="A", last_name=f"B{index}"
        )
        for index in range(REQUESTS)
    ]

    outcomes = run_together(
        REQUESTS,
        lambda index: citizen_update(user=visitator, citizen=citizens[index], cpr=CPR),
    )

    assert unexpected(outcomes, ValidationError) == []
    assert len([outcome for outcome in outcomes if outcome.ok]) == 1
    assert [o.error.message_dict for o in outcomes if not o.ok] == [{"cpr": [DUPLICATE]}] * 19
    assert Citizen.objects.filter(cpr=CPR).count() == 1
