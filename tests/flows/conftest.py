"""A training unit per municipality, set up the way an administrator would."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.accounts.roles import THERAPIST, VISITATOR
from rehabplan.organisation.models import (
    Location,
    Municipality,
    Profession,
    Therapist,
    WorkingHours,
)

MUNICIPALITIES = {
    "fredericia": (607, "Fredericia Kommune"),
    "varde": (573, "Varde Kommune"),
    "naestved": (370, "Næstved Kommune"),
}


@pytest.fixture
def unit_for(db, make_user):
    def build(slug: str, professions=(Profession.PHYSIOTHERAPIST,)) -> dict:
        code, name = MUNICIPALITIES[slug]
        municipality = Municipality.objects.create(slug=slug, code=code, name=name)
        visitator = make_user(f"{slug}-visitator", VISITATOR, municipality)
        therapist_user = make_user(f"{slug}-terapeut", THERAPIST, municipality)
        therapists = []
        for index, profession in enumerate(professions):
            therapist = Therapist.objects.create(
                municipality=municipality,
                name=f"Terapeut {index + 1}",
                profession=profession,
                user=therapist_user if index == 0 else None,
            )
            for weekday in range(5):
                WorkingHours.objects.create(
                    therapist=therapist,
                    weekday=weekday,
                    starts_at=datetime.time(7, 30),
                    ends_at=datetime.time(15, 0),
                )
            therapists.append(therapist)
        location = Location.objects.create(
            municipality=municipality,
            name="Træningscenter",
            address="Vej 1",
            postcode="7000",
            city=name,
        )
        return {
            "municipality": municipality,
            "visitator": visitator,
            "therapist_user": therapist_user,
            "therapists": therapists,
            "location": location,
        }

    return build
