"""The catalogue screens and the adaptation form, as the staff use them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rehabplan.exercises.packages import default_catalogue
from rehabplan.trainingpackages.models import LocalPackage, LocalPackageVersion
from rehabplan.trainingpackages.services.adaptation import local_package_create
from tests.trainingpackages.helpers import adaptation_data, row_prefix

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_every_role_sees_the_catalogue_and_filters_it(client, therapist_user):
    client.force_login(therapist_user)
    response = client.get(reverse("package-list"))
    assert response.status_code == 200
    page = _text(response)
    assert "Træningspakker til borgere med demens" in page
    for package in default_catalogue():
        assert package.name in page
    assert "16 uger × 3 træninger om ugen × 60 minutter" in page
    assert 'href="/traeningspakker/"' in page  # the menu link

    response = client.get(reverse("package-list"), {"fase": "severe", "boform": "care_home"})
    page = _text(response)
    assert "Bevægelse og hverdagsaktivitet ved svær demens i plejebolig" in page
    assert "Konditionstræning på hold ved let Alzheimers sygdom" not in page


def test_an_unknown_filter_value_is_a_danish_error(client, therapist_user):
    client.force_login(therapist_user)
    response = client.get(reverse("package-list"), {"fase": "late"})
    assert response.status_code == 400
    assert "Marker en gyldig valgmulighed" in _text(response)


def test_the_detail_shows_the_whole_package_in_danish(client, therapist_user, national):
    client.force_login(therapist_user)
    response = client.get(reverse("package-detail", args=[national.key]))
    page = _text(response)
    assert national.name in page and national.aim in page
    assert "Alzheimers sygdom, Blandet demens; fase: let; bor i eget hjem" in page
    assert "16 uger, 3 træninger om ugen á 60 minutter" in page
    assert "6 minutters gangtest" in page and "six_minute_walk" not in page
    assert "Rejse sig fra stol" in page and "<svg" in page
    assert 'href="/oevelser/sit_to_stand/"' in page
    assert "Hold i træningscentret" in page
    assert "Hoffmann K, Sobol NA, Frederiksen KS" in page
    assert "Tilpas til kommunen" not in page  # a therapist may not adapt


def test_an_unknown_package_is_not_found(client, therapist_user):
    client.force_login(therapist_user)
    assert client.get(reverse("package-detail", args=["moon_walk"])).status_code == 404


def test_the_leader_copies_changes_the_dosage_with_a_reason_and_sees_the_difference(
    client, leader, national
):
    client.force_login(leader)
    page = _text(client.get(reverse("package-detail", args=[national.key])))
    assert "Tilpas til kommunen" in page
    data = adaptation_data(national)
    row = row_prefix(data, "sit_to_stand", "main")
    data[f"{row}-sets"] = "2"
    data[f"{row}-reason"] = "Borgerne bliver for trætte af tre sæt."
    response = client.post(reverse("package-adapt", args=[national.key]), data)
    version = LocalPackageVersion.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("local-package-version", args=[version.pk])
    page = _text(client.get(response.url))
    assert "Konditionshold i Demo, version 1" in page
    assert "Øvelse: Rejse sig fra stol (hoveddel)" in page
    assert "3 sæt × 10 gentagelser" in page and "2 sæt × 10 gentagelser" in page
    assert "Borgerne bliver for trætte af tre sæt." in page
    assert "Dette er den første version." in page


def test_a_change_without_a_reason_names_the_item_and_writes_nothing(client, leader, national):
    client.force_login(leader)
    data = adaptation_data(national)
    data["weeks"] = "12"
    row = row_prefix(data, "seated_breathing_calm", "cool_down")
    del data[f"{row}-include"]
    response = client.post(reverse("package-adapt", args=[national.key]), data)
    assert response.status_code == 400
    page = _text(response)
    assert "Skriv en begrundelse for ændringen af antal uger." in page
    assert (
        "Skriv en begrundelse for ændringen af øvelse: Rolig vejrtrækning og afspænding "
        "(afslutning)." in page
    )
    assert not LocalPackage.objects.exists()


def test_adding_an_exercise_from_the_library_needs_a_reason_too(client, leader, national):
    client.force_login(leader)
    data = adaptation_data(national)
    data.update({"ny-0-exercise": "transfer_practice", "ny-0-part": "main", "ny-0-sets": "2",
                 "ny-0-repetitions": "10"})  # fmt: skip
    response = client.post(reverse("package-adapt", args=[national.key]), data)
    assert "Skriv en begrundelse for ændringen af øvelse: Forflytning fra seng til stol" in _text(
        response
    )
    data["ny-0-reason"] = "Flere borgere har svært ved at komme op af sengen."
    response = client.post(reverse("package-adapt", args=[national.key]), data)
    assert response.status_code == 302
    change = LocalPackageVersion.objects.get().changes[0]
    assert change["national"] == "Ikke med" and change["local"] == "2 sæt × 10 gentagelser"


def test_a_taken_name_is_a_form_error(client, leader, national):
    local_package_create(
        user=leader, national_key=national.key, name="Konditionshold i Demo",
        content=national.to_mapping(), reasons={},
    )  # fmt: skip
    client.force_login(leader)
    response = client.post(reverse("package-adapt", args=[national.key]), adaptation_data(national))
    assert response.status_code == 400
    assert "Kommunen har allerede en lokal pakke med det navn." in _text(response)


def test_a_dosage_that_cannot_be_followed_is_refused(client, leader, national):
    client.force_login(leader)
    data = adaptation_data(national)
    row = row_prefix(data, "sit_to_stand", "main")
    data[f"{row}-sets"] = ""
    data[f"{row}-reason"] = "Uden sæt."
    response = client.post(reverse("package-adapt", args=[national.key]), data)
    assert response.status_code == 400
    assert "Angiv antal sæt." in _text(response)


def test_a_new_version_starts_from_the_newest_and_shows_the_difference_from_it(
    client, leader, national
):
    first = local_package_create(
        user=leader, national_key=national.key, name="Hold A",
        content={**national.to_mapping(), "weeks": 12}, reasons={"weeks": "Halvår."},
    )  # fmt: skip
    client.force_login(leader)
    url = reverse("local-package-new-version", args=[first.local_package_id])
    page = _text(client.get(url))
    assert "Formularen er udfyldt med version 1." in page
    data = adaptation_data(
        national, base=_package(first), name="Hold A", reasons={"weeks": "Halvår."}
    )
    assert data["weeks"] == "12" and data["weeks_reason"] == "Halvår."
    data["group_size"] = "6"
    data["group_size_reason"] = "Lokalet er lille."
    response = client.post(url, data)
    assert response.status_code == 302
    second = LocalPackageVersion.objects.get(number=2)
    page = _text(client.get(reverse("local-package-version", args=[second.pk])))
    assert "Forskelle fra version 1" in page
    assert "Højst borgere sammen" in page and "Lokalet er lille." in page
    page = _text(client.get(reverse("local-package", args=[first.local_package_id])))
    assert "Version 2" in page and "Version 1" in page
    page = _text(client.get(reverse("package-list")))
    assert "Hold A</a> (version 2)" in page


def _package(version):
    from rehabplan.exercises.packages import package_from_mapping

    return package_from_mapping(version.content)


def test_a_therapist_cannot_open_the_adaptation_form(client, therapist_user, national):
    client.force_login(therapist_user)
    assert client.get(reverse("package-adapt", args=[national.key])).status_code == 403


def test_another_municipality_never_sees_or_edits_the_local_packages(
    client, leader, other_leader, national
):
    version = local_package_create(
        user=leader, national_key=national.key, name="Demos egen pakke",
        content=national.to_mapping(), reasons={},
    )  # fmt: skip
    client.force_login(other_leader)
    assert "Demos egen pakke" not in _text(client.get(reverse("package-list")))
    assert "Demos egen pakke" not in _text(
        client.get(reverse("package-detail", args=[national.key]))
    )
    local_id = version.local_package_id
    assert client.get(reverse("local-package", args=[local_id])).status_code == 404
    assert client.get(reverse("local-package-version", args=[version.pk])).status_code == 404
    new_version = reverse("local-package-new-version", args=[local_id])
    assert client.get(new_version).status_code == 404
    response = client.post(new_version, adaptation_data(national, name="Overtaget"))
    assert response.status_code == 404
    assert LocalPackageVersion.objects.count() == 1
