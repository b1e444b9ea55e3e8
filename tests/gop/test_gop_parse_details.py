"""Details of reading: namespaces, formatted text, municipality, deadline dates."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.gop import parse_gop
from rehabplan.gop.dates import find_unambiguous_date
from rehabplan.gop.municipalities import code_from_name, normalise_code
from rehabplan.gop.sample import build_gop_xml
from rehabplan.gop.text import flatten_formatted_text
from rehabplan.gop.xmltree import parse_xml


def test_formatted_text_flattens_mixed_content():
    node = parse_xml(
        b"<T>  Linje <Bold>et</Bold>\n   fortsat<Break/>Linje to<Right>Til h\xc3\xb8jre</Right>"
        b"<Break/><Break/><Break/><Break/>Sidste <Underline>ord</Underline></T>"
    )
    assert flatten_formatted_text(node) == "Linje et fortsat\nLinje to\nTil højre\n\nSidste ord"


def test_formatted_text_takes_no_text_from_other_elements():
    node = parse_xml(b"<T>Synlig <Patient><Name>Skjult</Name></Patient>tekst</T>")
    assert flatten_formatted_text(node) == "Synlig tekst"


def test_unknown_elements_are_ignored():
    plain = parse_gop(build_gop_xml())
    with_extra = parse_gop(build_gop_xml(extra_unknown_element=True))
    assert with_extra == plain


def test_elements_are_found_whatever_their_namespace_prefix():
    data = build_gop_xml().replace(b"m100:", b"x:").replace(b"xmlns:m100", b"xmlns:x")
    assert parse_gop(data) == parse_gop(build_gop_xml())


def test_characters_outside_latin1_survive_iso_8859_1_as_references():
    data = build_gop_xml(
        practical_information="Bor på 2. sal – ingen elevator", encoding="iso-8859-1"
    )
    assert b"&#8211;" in data
    assert parse_gop(data).practical_information == "Bor på 2. sal – ingen elevator"


def test_municipality_from_contact_municipality_code():
    data = build_gop_xml(receiver_municipality_code=None, receiver_organisation="Træning Syd")
    data = data.replace(
        b"<ContactMunicipality>",
        b"<ContactMunicipality><m100:Identifier>0370</m100:Identifier>"
        b"<IdentifierCode>kommunekode</IdentifierCode>",
    )
    municipality = parse_gop(data).receiving_municipality
    assert (municipality.code, municipality.name) == ("370", "Næstved Kommune")
    assert municipality.source == "ContactMunicipality/Identifier"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Fredericia Kommune", "607"),
        ("Københavns Kommune, Sundhedsforvaltningen", "101"),
        ("Ringkøbing-Skjern Kommune", "760"),
        ("Sygehus Lillebælt, Kolding", None),
        ("Kolding Sygehus og Vejle Kommune", "630"),
    ],
)
def test_municipality_from_name(text, code):
    assert code_from_name(text) == code


def test_municipality_codes_normalise():
    assert normalise_code("0607") == "607"
    assert normalise_code(" 573 ") == "573"
    assert normalise_code("999") is None
    assert normalise_code("abc") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Opstart tidligst 15-12-2026.", dt.date(2026, 12, 15)),
        ("Opstart tidligst 15.12.2026", dt.date(2026, 12, 15)),
        ("Opstart 5/1/2027 efter kontrol", dt.date(2027, 1, 5)),
        ("Tidligst 15. december 2026", dt.date(2026, 12, 15)),
        ("Start 2026-12-15, kontrol 15-12-2026", dt.date(2026, 12, 15)),
        ("Inden for 7 dage efter udskrivelse", None),
        ("Mellem 15-12-2026 og 22-12-2026", None),
        ("Start 31-11-2026", None),
        ("", None),
    ],
)
def test_deadline_date_only_when_unambiguous(text, expected):
    assert find_unambiguous_date(text) == expected


def test_consent_values():
    assert parse_gop(build_gop_xml(consent_informed="false")).consent_informed is False
    unclear = parse_gop(build_gop_xml(consent_informed="Se journal"))
    assert unclear.consent_informed is None
    assert unclear.consent_informed_text == "Se journal"
