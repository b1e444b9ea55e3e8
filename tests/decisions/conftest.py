from __future__ import annotations

import datetime

import pytest

from rehabplan.accounts.roles import THERAPIST, VISITATOR


@pytest.fixture
def naestved(db):
    from rehabplan.organisation.models import Municipality

    return Municipality.objects.create(
        slug="naestved",
        code=370,
        name="Næstved Kommune",
        unit_name="Træning og Aktivitet",
        address="Rådmandshaven 20, 4700 Næstved",
        phone="55 88 55 88",
    )


@pytest.fixture
def varde(db):
    from rehabplan.organisation.models import Municipality

    return Municipality.objects.create(
        slug="varde",
        code=573,
        name="Varde Kommune",
        unit_name="Træning og Rehabilitering",
        address="Bytoften 2, 6800 Varde",
        phone="76 94 00 00",
    )


@pytest.fixture
def fredericia(db):
    from rehabplan.organisation.models import Municipality

    return Municipality.objects.create(
        slug="fredericia",
        code=607,
        name="Fredericia Kommune",
        unit_name="Træning & Forebyggelse",
        address="Dronningensgade 97, 7000 Fredericia",
        phone="72 10 60 50",
    )


@pytest.fixture
def staff(make_user):
    """A visitator and a therapist for a municipality."""

    def make(municipality):
        return (
            make_user(f"visitator-{municipality.slug}", VISITATOR, municipality),
            make_user(f"terapeut-{municipality.slug}", THERAPIST, municipality),
        )

    return make


@pytest.fixture
def make_citizen():
    from rehabplan.citizens.services import citizen_create

    def make(user, cpr="010150-1234", **fields):
        return citizen_create(
            user=user,
            cpr=cpr,
            first_name=fields.pop("first_name", "Åse"),
            last_name=fields.pop("last_name", "Bøgelund"),
            address="Søndermarksvej 12",
            postcode="4700",
            city="Næstved",
            **fields,
        )

    return make


@pytest.fixture
def make_referral():
    from rehabplan.courses.services.referrals import referral_register

    def make(user, citizen, service_code, received_on, **details):
        return referral_register(
            user=user,
            citizen=citizen,
            service_code=service_code,
            source=details.pop("source", "citizen"),
            received_on=received_on,
            **details,
        )

    return make


def pdf_text(document: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(bytes(document)))
    # Lines wrap anywhere in a PDF; compare text with single spaces.
    return " ".join(" ".join(sheet.extract_text() for sheet in reader.pages).split())


@pytest.fixture
def day():
    return datetime.date
