"""Plans in the public GGOP structure go through the real import, and everything a clinician
needs is kept with the referral; corrections are recognised without an episode of care."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rehabplan.courses.models import Referral
from rehabplan.courses.services.gop_content import web_link
from rehabplan.courses.services.gop_import import GopImportStatus, gop_import
from rehabplan.gop import GopRejected
from rehabplan.gop.sample import build_gop_xml

FIXTURES = Path(__file__).parent.parent / "fixtures" / "gop"


def _import(user, name: str, received_on=dt.date(2026, 11, 24)):
    return gop_import(
        user=user, data=(FIXTURES / name).read_bytes(), received_on=received_on, file_name=name
    )


def test_public_almen_plan_is_imported_field_by_field(fredericia_visitator):
    result = _import(fredericia_visitator, "ggop_almen_uden_episode.xml")

    assert result.status == GopImportStatus.IMPORTED
    citizen = result.citizen
    assert (citizen.cpr, citizen.first_name, citizen.last_name) == (
        "0507411122",
        "Grethe",
        "Lindholm Skov",
    )
    assert citizen.phone == "30112233"
    referral = result.referral
    assert referral.gop_letter_identifier == "88120311"
    assert referral.episode_of_care_identifier == ""
    assert referral.discharge_on == dt.date(2026, 11, 23)
    assert referral.plan_type == "almen"
    assert (
        referral.referring_unit == "Regionshospitalet Demoby, Medicinsk Afdeling M2, Sengeafsnit 2"
    )
    assert referral.diagnosis_text == (
        "DJ189 Lungebetændelse UNS; DE119 Type 2-diabetes uden komplikationer; "
        "DI489 Atrieflimren og atrieflagren UNS"
    )
    assert referral.deadlines.get(kind="contact").due == dt.date(2026, 11, 27)

    content = Referral.objects.get().gop_content
    assert content["format"] == 2
    assert content["consent_informed"] is True
    assert content["consent_informed_text"] == "ja"
    assert content["patient_phones"] == [
        {"number": "30112233", "kind": "mobil"},
        {"number": "75940011", "kind": "fastnet"},
    ]
    assert [(r["name"], r["relation"], r["phones"]) for r in content["relatives"]] == [
        (
            "Bent Skov",
            "ægtefælle",
            [{"number": "40556677", "kind": "mobil"}, {"number": "75940011", "kind": "fastnet"}],
        ),
        (
            "Lene Skov Bak",
            "datter",
            [{"number": "22889900", "kind": "mobil"}, {"number": "76201020", "kind": "arbejde"}],
        ),
    ]
    assert content["journal_excerpts"] == [
        {
            "type": "Fysioterapi",
            "text": "Status: rejser sig fra stol uden støtte.\nGangdistance 40 m med stok.",
            "signed_on": "2026-11-21",
            "signed_by": "Hanne Lund Winther, Fysioterapeut",
        },
        {
            "type": "Ergoterapi",
            "text": "Klarer selv personlig hygiejne. Behov for badebænk.",
            "signed_on": "2026-11-22",
            "signed_by": "Rikke Møller, Ergoterapeut",
        },
        {
            "type": "Sygepleje",
            "text": "Blodsukker stabilt. Ingen sår.",
            "signed_on": None,
            "signed_by": "",
        },
    ]
    team = [
        (m["name"], m["title"], m["department"], m["phone"]) for m in content["health_care_team"]
    ]
    assert team == [
        ("Hanne Lund Winther", "Fysioterapeut", "Terapiafdelingen", "78451122"),
        ("Jens Aagaard", "Overlæge", "Medicinsk Afdeling M2", ""),
    ]
    assert content["references"] == [
        {
            "description": "Træningsprogram (PDF)",
            "url": "https://hospital.example.dk/traening/88120311",
            "link": "https://hospital.example.dk/traening/88120311",
        },
        {
            "description": "Billedbeskrivelse i journalen",
            "url": "javascript:alert(1)",
            "link": "",
        },
    ]
    [copy] = content["cc_receivers"]
    assert (copy["organisation"], copy["department"], copy["phone"]) == (
        "Hjemmeplejen Syd",
        "Område Syd",
        "75947000",
    )
    county = content["contact_county"]
    assert (county["organisation"], county["phone"], county["email"]) == (
        "Region Demo, Sundhed",
        "78460000",
        "visitation@region.example.dk",
    )
    assert content["contact_municipality"]["phone"] == "72106000"
    assert content["ability_at_discharge_summary"].startswith("Mobilitet: går med stok")
    assert "0507411122" not in str(content)


def test_public_specialised_plan_with_episode_is_imported(fredericia_visitator):
    result = _import(fredericia_visitator, "ggop_specialiseret_med_episode.xml")

    referral = result.referral
    assert referral.plan_type == "specialiseret"
    assert referral.episode_of_care_identifier == "RHD-2026-000731"
    assert referral.discharge_on == dt.date(2026, 11, 20)
    content = referral.gop_content
    assert [item["type"] for item in content["journal_excerpts"]] == ["Logopædi", "Fysioterapi"]
    assert content["journal_excerpts"][1]["signed_by"] == ""
    assert [item["code"] for item in content["diagnoses"]] == ["DI634", "DR470"]


def test_own_layout_without_status_code_is_imported(fredericia_visitator):
    result = _import(fredericia_visitator, "gop_uden_statuscode.xml")
    assert result.status == GopImportStatus.IMPORTED
    assert result.referral.gop_content["journal_excerpts"][0]["type"] == "Ergoterapi"


def test_public_correction_without_episode_replaces_the_plan(fredericia_visitator):
    first = _import(fredericia_visitator, "ggop_almen_uden_episode.xml")
    corrected = _import(fredericia_visitator, "ggop_almen_rettet.xml")

    assert corrected.status == GopImportStatus.REPLACED
    assert corrected.referral.pk == first.referral.pk
    referral = Referral.objects.get()
    assert referral.gop_letter_identifier == "88120457"
    assert referral.discharge_on == dt.date(2026, 11, 24)
    assert [item["letter_identifier"] for item in referral.gop_content["history"]] == ["88120311"]
    # The first letter again is known from the history: nothing changes.
    again = _import(fredericia_visitator, "ggop_almen_uden_episode.xml")
    assert again.status == GopImportStatus.ALREADY_IMPORTED
    assert Referral.objects.get().gop_letter_identifier == "88120457"


def test_correction_without_episode_found_by_discharge_date(import_gop):
    first = import_gop(layout="ggop")
    corrected = import_gop(
        layout="ggop",
        letter_identifier="1001239999",
        authorised_at=dt.datetime(2026, 11, 20, 9, 0),
        hospital_contact_start=dt.datetime(2026, 11, 15, 8, 0),  # the admission corrected
    )
    assert corrected.status == GopImportStatus.REPLACED
    assert corrected.referral.pk == first.referral.pk


def test_plan_without_episode_for_another_stay_is_a_new_referral(import_gop):
    import_gop(layout="ggop")
    later_stay = import_gop(
        layout="ggop",
        letter_identifier="1001240000",
        authorised_at=dt.datetime(2026, 12, 10, 9, 0),
        hospital_contact_start=dt.datetime(2026, 12, 3, 8, 0),
        discharge_at=dt.datetime(2026, 12, 10, 11, 0),
    )
    assert later_stay.status == GopImportStatus.IMPORTED
    assert Referral.objects.count() == 2


def test_plan_from_another_department_on_the_same_day_is_a_new_referral(import_gop):
    import_gop(layout="ggop")
    other = import_gop(
        layout="ggop",
        letter_identifier="5001",
        sender_ean="5790001999999",
        sender_department="Neurologisk Afdeling",
    )
    assert other.status == GopImportStatus.IMPORTED
    assert Referral.objects.count() == 2


def test_plans_with_different_episodes_stay_apart(import_gop):
    import_gop(episode_of_care_identifier="EPI-A")
    other = import_gop(letter_identifier="77", episode_of_care_identifier="EPI-B")
    assert other.status == GopImportStatus.IMPORTED
    assert Referral.objects.count() == 2


def test_the_demo_municipality_receives_gops(visitator):
    data = build_gop_xml(
        layout="ggop", receiver_municipality_code="999", receiver_organisation="Demo Kommune"
    )
    result = gop_import(user=visitator, data=data, received_on=dt.date(2026, 11, 20))
    assert result.status == GopImportStatus.IMPORTED
    assert result.referral.municipality.code == 999
    assert result.referral.gop_content["receiving_municipality"]["name"] == "Demo Kommune"


def test_a_gop_for_a_code_the_installation_does_not_serve_is_refused_in_danish(visitator):
    data = build_gop_xml(receiver_municipality_code="998", receiver_organisation="Anden Kommune")
    with pytest.raises(GopRejected) as rejected:
        gop_import(user=visitator, data=data)
    [problem] = rejected.value.problems
    assert problem.message == (
        "'998' er ikke en kendt kommunekode: hverken en dansk kommunes eller en kommune, denne "
        "installation betjener."
    )
    assert Referral.objects.count() == 0


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://sygehus.example.dk/a?b=1", "https://sygehus.example.dk/a?b=1"),
        ("http://sygehus.example.dk", "http://sygehus.example.dk"),
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        ("data:text/html,<b>x</b>", ""),
        ("file:///etc/passwd", ""),
        ("https:///mangler-vaert", ""),
        ("//sygehus.example.dk/a", ""),
        ("sygehus.example.dk/a", ""),
    ],
)
def test_only_http_and_https_addresses_become_links(url, link):
    assert web_link(url) == link


def test_same_letter_number_from_another_hospital_is_a_new_plan(import_gop):
    first = import_gop(layout="ggop", letter_identifier="1001")
    other_hospital = import_gop(
        layout="ggop",
        letter_identifier="1001",
        sender_ean="5790001999999",
        sender_organisation="Sydvestjysk Sygehus",
        cpr="0507411122",
        given_name="Grethe",
        surname="Lindholm Skov",
    )
    assert other_hospital.status == GopImportStatus.IMPORTED
    assert other_hospital.referral.pk != first.referral.pk
    assert Referral.objects.count() == 2
    again = import_gop(layout="ggop", letter_identifier="1001")
    assert again.status == GopImportStatus.ALREADY_IMPORTED
    assert again.referral.pk == first.referral.pk
