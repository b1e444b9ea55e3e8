"""Files that must be refused, and why; nothing in them may be taken for a plan."""

from __future__ import annotations

import pytest

from rehabplan.gop import GopRejected, parse_gop
from rehabplan.gop.sample import build_gop_xml

PLAN = "Emessage/RehabilitationPlan"


def _problems(data: bytes) -> list[tuple[str, str]]:
    with pytest.raises(GopRejected) as rejected:
        parse_gop(data)
    return [(problem.element, problem.message) for problem in rejected.value.problems]


def test_entity_expansion_is_refused_before_any_expansion():
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
            for i in range(1, 10)
        )
        + b']>\n<Emessage xmlns="urn:oio:medcom:municipality:1.0.4">&lol9;</Emessage>'
    )
    [(element, message)] = _problems(laughs)
    assert element == "(fil)"
    assert "DOCTYPE" in message


def test_external_entity_is_refused():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b'<Emessage xmlns="urn:oio:medcom:municipality:1.0.4">&secret;</Emessage>'
    )
    [(_, message)] = _problems(data)
    assert "sikkerhedshensyn" in message


@pytest.mark.parametrize(
    "data",
    [b"", b"Dette er ikke XML", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"\x00\x01\x02"],
    ids=["empty", "plain-text", "pdf", "binary"],
)
def test_non_xml_is_refused(data):
    [(element, message)] = _problems(data)
    assert element == "(fil)"
    assert "ikke gyldig XML" in message


def test_wrong_root_is_refused():
    [(element, message)] = _problems(b"<Emessage><RehabilitationPlan/></Emessage>")
    assert element == "Emessage"
    assert "navnerum" in message

    [(element, _)] = _problems(b'<Hello xmlns="urn:oio:medcom:municipality:1.0.4"/>')
    assert element == "Hello"


def test_emessage_without_plan_is_refused():
    data = b'<Emessage xmlns="urn:oio:medcom:municipality:1.0.4"><Envelope/></Emessage>'
    assert _problems(data) == [
        (PLAN, "Elementet mangler: beskeden indeholder ingen genoptræningsplan.")
    ]


def test_utf8_declared_but_latin1_bytes_is_refused():
    data = build_gop_xml(encoding="iso-8859-1").replace(b"ISO-8859-1", b"UTF-8")
    [(_, message)] = _problems(data)
    assert "ikke gyldig XML" in message


@pytest.mark.parametrize(
    ("cpr", "fragment"),
    [
        ("12044312", "10 cifre"),
        ("12O4431234", "kun indeholde tal"),
        ("3204431234", "ikke en gyldig fødselsdato"),
        ("2902014321", "ikke en gyldig fødselsdato"),  # 29 Feb 2001 (seventh digit 4, year 01)
        ("0101505000", "efter i dag"),  # seventh digit 5, year 50 -> 2050
    ],
)
def test_bad_cpr_is_named(cpr, fragment):
    problems = _problems(build_gop_xml(cpr=cpr))
    assert [element for element, _ in problems] == [f"{PLAN}/Patient/CivilRegistrationNumber"]
    assert fragment in problems[0][1]


@pytest.mark.parametrize(
    "cpr",
    ["1204431235", "120443-1234", "2902004321", "0101015000"],
    ids=["no-modulus-11", "with-dash", "leap-day-2000", "born-2001"],
)
def test_valid_cpr_formats_are_accepted(cpr):
    gop = parse_gop(build_gop_xml(cpr=cpr))
    assert gop.patient.cpr == cpr.replace("-", "")


def test_bad_time_and_end_before_start():
    data = build_gop_xml().replace(b"<Time>09:30</Time>", b"<Time>25:30</Time>")
    problems = _problems(data)
    assert problems == [
        (f"{PLAN}/CurrentHospitalContact/Start/Time", "'25:30' er ikke et gyldigt klokkeslæt.")
    ]

    data = build_gop_xml().replace(b"<Date>2026-11-14</Date>", b"<Date>2026-11-24</Date>")
    [(element, message)] = _problems(data)
    assert element == f"{PLAN}/CurrentHospitalContact/ExpectedEnd"
    assert "før" in message


def test_missing_discharge_and_letter_parts():
    data = build_gop_xml(discharge_at=None, omit=("Letter/Authorisation", "Receiver"))
    elements = [element for element, _ in _problems(data)]
    assert elements == [
        f"{PLAN}/Letter/Authorisation",
        f"{PLAN}/Receiver",
        f"{PLAN}/CurrentHospitalContact/ExpectedEnd",
    ]


def test_unknown_municipality_code_and_no_municipality():
    [(element, message)] = _problems(build_gop_xml(receiver_municipality_code="999"))
    assert element == f"{PLAN}/Receiver/Identifier"
    assert "999" in message

    data = build_gop_xml(
        receiver_municipality_code=None,
        receiver_organisation="Træningscenter Syd",
        contact_municipality=False,
    )
    [(element, message)] = _problems(data)
    assert element == f"{PLAN}/Receiver"
    assert "Modtagerkommunen" in message


def test_incomplete_patient_block_reports_each_missing_element():
    data = build_gop_xml(
        omit=("Patient/CivilRegistrationNumber", "Patient/PersonSurnameName", "Sender")
    )
    assert [element for element, _ in _problems(data)] == [
        f"{PLAN}/Sender",
        f"{PLAN}/Patient/CivilRegistrationNumber",
        f"{PLAN}/Patient/PersonSurnameName",
    ]


def test_missing_letter_is_reported_once():
    assert _problems(build_gop_xml(omit=("Letter",))) == [(f"{PLAN}/Letter", "Elementet mangler.")]


def test_empty_required_element_is_named_as_empty():
    data = build_gop_xml(letter_identifier="   ")
    assert _problems(data) == [(f"{PLAN}/Letter/Identifier", "Elementet er tomt.")]
