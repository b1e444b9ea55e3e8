"""Plans as hospitals send them (the public GGOP 1.0.4 structure) parse field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rehabplan.gop import GopReference, GopRejected, Phone, parse_gop
from rehabplan.gop.dates import COPENHAGEN
from rehabplan.gop.sample import build_gop_xml

FIXTURES = Path(__file__).parent.parent / "fixtures" / "gop"

NS_100 = b"urn:oio:medcom:municipality:1.0.0"


def _weighted_sum(cpr: str) -> int:
    return sum(
        int(digit) * weight
        for digit, weight in zip(cpr, (4, 3, 2, 7, 6, 5, 4, 3, 2, 1), strict=True)
    )


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.xml")), ids=lambda path: path.name)
def test_fixture_cpr_numbers_are_test_numbers(path):
    """Every CPR number in the test files fails modulus 11 for a birth date before 2007: never
    issued to anyone (numbers without modulus 11 exist only from 2007 on)."""
    data = path.read_bytes()
    start = data.find(b"CivilRegistrationNumber>")
    if start < 0 or path.name == "gop_malformed.xml":
        pytest.skip("no complete CPR number in this file")
    cpr = data[start + len("CivilRegistrationNumber>") :].split(b"<", 1)[0].decode()
    try:
        gop = parse_gop(data)
    except GopRejected:
        return  # the incomplete file's CPR number is an impossible date on purpose
    assert gop.patient.birth_date < dt.date(2007, 1, 1)
    assert _weighted_sum(cpr) % 11 != 0


def test_public_almen_plan_letter_and_parties(gop_file):
    data = gop_file("ggop_almen_uden_episode.xml")
    # The public example's namespace placement, the opposite of our first samples.
    assert b"<Identifier>88120311</Identifier>" in data
    assert b"<m100:Date>2026-11-23</m100:Date>" in data
    assert b"<m100:RelationCode>" in data and b"<m100:Italic>" in data
    gop = parse_gop(data)

    assert gop.letter_identifier == "88120311"
    assert gop.episode_of_care_identifier == ""
    assert gop.status_code == ""
    assert (gop.version_code, gop.type_code, gop.statistical_code) == ("GGOP100", "GGOP", "GGOP2")
    assert gop.authorised_at == dt.datetime(2026, 11, 23, 15, 40, tzinfo=COPENHAGEN)
    assert gop.receiving_municipality.code == "607"
    assert gop.receiving_municipality.source == "Receiver/Identifier"
    assert gop.receiver.identifier_code == "kommunenummer"
    assert gop.consent_informed is True
    assert gop.consent_informed_text == "ja"
    assert gop.sender.party.ean == "5790001340011"
    assert gop.sender.party.department == "Medicinsk Afdeling M2"
    assert gop.plan_type == "almen"
    assert gop.hospital_contact_start == dt.datetime(2026, 11, 16, 18, 5, tzinfo=COPENHAGEN)
    assert gop.discharge_date == dt.date(2026, 11, 23)

    assert gop.patient.name == "Grethe Lindholm Skov"
    assert gop.patient.phones == (Phone("30112233", "mobil"), Phone("75940011", "fastnet"))
    assert gop.patient.phone == "30112233"
    assert [(r.name, r.relation, r.phones) for r in gop.relatives] == [
        ("Bent Skov", "ægtefælle", (Phone("40556677", "mobil"), Phone("75940011", "fastnet"))),
        ("Lene Skov Bak", "datter", (Phone("22889900", "mobil"), Phone("76201020", "arbejde"))),
    ]


def test_public_almen_plan_clinical_content(gop_file):
    gop = parse_gop(gop_file("ggop_almen_uden_episode.xml"))

    assert [(d.code, d.text, d.primary) for d in gop.diagnoses] == [
        ("DJ189", "Lungebetændelse UNS", True),
        ("DE119", "Type 2-diabetes uden komplikationer", False),
        ("DI489", "Atrieflimren og atrieflagren UNS", False),
    ]
    # Bold and Italic in the 1.0.0 namespace read as plain text, Break as a new line.
    assert gop.ability_at_discharge_summary.splitlines() == [
        "Mobilitet: går med stok indendørs, usikker på trapper.",
        "Udholdenhed: nedsat; hviler efter 5 minutters gang.",
    ]
    assert gop.rehabilitation_deadline_text == (
        "Genoptræning bør starte senest 7 dage efter udskrivelse."
    )
    excerpts = gop.journal_excerpts
    assert [e.type_of_excerpt for e in excerpts] == ["Fysioterapi", "Ergoterapi", "Sygepleje"]
    assert excerpts[0].text.splitlines() == [
        "Status: rejser sig fra stol uden støtte.",
        "Gangdistance 40 m med stok.",
    ]
    assert excerpts[0].signed_date == dt.date(2026, 11, 21)
    assert excerpts[0].signed_by is not None
    assert (excerpts[0].signed_by.name, excerpts[0].signed_by.title) == (
        "Hanne Lund Winther",
        "Fysioterapeut",
    )
    assert excerpts[1].text == "Klarer selv personlig hygiejne. Behov for badebænk."
    assert excerpts[1].signed_by is not None and excerpts[1].signed_by.name == "Rikke Møller"
    assert (excerpts[2].signed_date, excerpts[2].signed_by) == (None, None)

    assert [(m.name, m.title, m.department, m.phone) for m in gop.health_care_team] == [
        ("Hanne Lund Winther", "Fysioterapeut", "Terapiafdelingen", "78451122"),
        ("Jens Aagaard", "Overlæge", "Medicinsk Afdeling M2", ""),
    ]
    assert gop.references == (
        GopReference("Træningsprogram (PDF)", "https://hospital.example.dk/traening/88120311"),
        GopReference("Billedbeskrivelse i journalen", "javascript:alert(1)"),
    )
    [copy] = gop.cc_receivers
    assert (copy.organisation, copy.department, copy.phone) == (
        "Hjemmeplejen Syd",
        "Område Syd",
        "75947000",
    )
    assert gop.contact_county is not None
    assert gop.contact_county.organisation == "Region Demo, Sundhed"
    assert gop.contact_county.email == "visitation@region.example.dk"
    assert gop.contact_county.phone == "78460000"
    assert gop.contact_municipality is not None
    assert gop.contact_municipality.phone == "72106000"


def test_public_specialised_plan_with_episode(gop_file):
    gop = parse_gop(gop_file("ggop_specialiseret_med_episode.xml"))

    assert gop.episode_of_care_identifier == "RHD-2026-000731"
    assert gop.status_code == ""
    assert gop.plan_type == "specialiseret"
    assert gop.plan_type_label == "Specialiseret genoptræning"
    assert [d.code for d in gop.diagnoses] == ["DI634", "DR470"]
    assert [e.type_of_excerpt for e in gop.journal_excerpts] == ["Logopædi", "Fysioterapi"]
    assert gop.journal_excerpts[0].text == "Forstår korte beskeder.\nOrdmobilisering nedsat."
    assert gop.journal_excerpts[1].signed_date == dt.date(2026, 11, 19)
    assert gop.journal_excerpts[1].signed_by is None


def test_our_own_layout_without_status_code(gop_file):
    gop = parse_gop(gop_file("gop_uden_statuscode.xml"))

    assert gop.status_code == ""
    assert gop.episode_of_care_identifier == "EPI-2026-6001"
    assert [(e.type_of_excerpt, e.text) for e in gop.journal_excerpts] == [
        ("Ergoterapi", "Øver påklædning siddende.\nKlarer selv overkrop.")
    ]


def test_public_correction_has_new_letter_and_no_episode(gop_file):
    original = parse_gop(gop_file("ggop_almen_uden_episode.xml"))
    corrected = parse_gop(gop_file("ggop_almen_rettet.xml"))

    assert corrected.letter_identifier != original.letter_identifier
    assert corrected.episode_of_care_identifier == original.episode_of_care_identifier == ""
    assert corrected.hospital_contact_start == original.hospital_contact_start
    assert corrected.discharge_date == dt.date(2026, 11, 24)


def test_both_layouts_give_the_same_plan():
    ours = parse_gop(build_gop_xml(episode_of_care_identifier=None, omit=("Letter/StatusCode",)))
    public = parse_gop(
        build_gop_xml(layout="ggop", version_code="XR0130M", consent_informed="true")
    )
    assert public.letter_identifier == ours.letter_identifier
    different = {"statistical_code", "type_code", "receiver", "version_code"}
    for name in ours.__dataclass_fields__:
        if name not in different:
            assert getattr(public, name) == getattr(ours, name), name


def test_an_element_in_another_namespace_is_not_part_of_the_plan():
    data = build_gop_xml().replace(
        b"<m100:PersonGivenName>\xc3\x85se Marie</m100:PersonGivenName>",
        b'<x:PersonGivenName xmlns:x="urn:example:other">Falsk</x:PersonGivenName>',
    )
    with pytest.raises(GopRejected) as rejected:
        parse_gop(data)
    assert [problem.element for problem in rejected.value.problems] == [
        "Emessage/RehabilitationPlan/Patient/PersonGivenName"
    ]


def test_formatting_in_either_namespace_reads_the_same():
    ours = build_gop_xml()
    assert b"<Bold>" in ours and b"<m100:Bold>" not in ours
    public = ours.replace(b"<Bold>", b"<m100:Bold>").replace(b"</Bold>", b"</m100:Bold>")
    public = public.replace(b"<Break/>", b"<m100:Break/>")
    assert parse_gop(public) == parse_gop(ours)


def test_formatting_in_a_simple_field_is_still_refused():
    data = build_gop_xml().replace(
        b"<TypeOfRehabilitationPlan>almen",
        b"<TypeOfRehabilitationPlan><m100:Bold>almen</m100:Bold>",
    )
    with pytest.raises(GopRejected) as rejected:
        parse_gop(data)
    [problem] = rejected.value.problems
    assert problem.element == "Emessage/RehabilitationPlan/TypeOfRehabilitationPlan"
    assert "Bold" in problem.message


def test_episode_of_care_and_status_code_are_optional():
    gop = parse_gop(build_gop_xml(omit=("Letter/EpisodeOfCareIdentifier", "Letter/StatusCode")))
    assert (gop.episode_of_care_identifier, gop.status_code) == ("", "")


def test_a_served_municipality_outside_the_official_list_is_known():
    data = build_gop_xml(receiver_municipality_code="999", receiver_organisation="Demo Kommune")
    gop = parse_gop(data, served_municipalities={"999": "Demo Kommune"})
    assert (gop.receiving_municipality.code, gop.receiving_municipality.name) == (
        "999",
        "Demo Kommune",
    )
    by_name = build_gop_xml(receiver_municipality_code=None, receiver_organisation="Demo Kommune")
    assert (
        parse_gop(
            by_name, served_municipalities={"999": "Demo Kommune"}
        ).receiving_municipality.code
        == "999"
    )

    with pytest.raises(GopRejected) as rejected:
        parse_gop(data, served_municipalities={"607": "Fredericia Kommune"})
    [problem] = rejected.value.problems
    assert problem.element == "Emessage/RehabilitationPlan/Receiver/Identifier"
    assert "'999' er ikke en kendt kommunekode" in problem.message
