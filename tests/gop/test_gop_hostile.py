"""Hostile files: deep nesting, floods of elements or text, text hidden in the wrong element.

Each is refused at its first breach with a Danish reason naming the limit, never a crash, and
nothing inside a field that should hold text alone is ever taken for that field.
"""

from __future__ import annotations

import tracemalloc

import pytest

from rehabplan.gop import GopRejected, parse_gop
from rehabplan.gop.limits import LIMITS
from rehabplan.gop.sample import build_gop_xml
from rehabplan.gop.xmltree import CHUNK_BYTES, parse_xml

PLAN = "Emessage/RehabilitationPlan"
SURNAME = b"<m100:PersonSurnameName>B\xc3\xb8gelund</m100:PersonSurnameName>"
ROOT_OPEN = b'<?xml version="1.0"?><Emessage xmlns="urn:oio:medcom:municipality:1.0.4">'


def _problems(data: bytes) -> list[tuple[str, str]]:
    with pytest.raises(GopRejected) as rejected:
        parse_gop(data)
    return [(problem.element, problem.message) for problem in rejected.value.problems]


def _with_surname(inner: bytes) -> bytes:
    plan = build_gop_xml()
    assert SURNAME in plan
    return plan.replace(
        SURNAME, b"<m100:PersonSurnameName>" + inner + b"</m100:PersonSurnameName>", 1
    )


def _before_plan_end(extra: bytes) -> bytes:
    """The sample plan with `extra` as unknown content at the end of RehabilitationPlan."""
    return build_gop_xml().replace(b"</RehabilitationPlan>", extra + b"</RehabilitationPlan>")


def _empty_elements(total_bytes: int) -> bytes:
    room = total_bytes - len(ROOT_OPEN) - len(b"</Emessage>")
    count, rest = divmod(room, 4)
    return ROOT_OPEN + b"<a/>" * count + b" " * rest + b"</Emessage>"


# -- nesting -------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [900, 1000])
def test_deep_nesting_inside_the_surname_is_refused_by_the_depth_limit(depth):
    data = _with_surname(b"<a>" * depth + b"Indlejret" + b"</a>" * depth)
    [(element, message)] = _problems(data)
    assert element == "(fil)"
    assert "Filen er for dybt indlejret (mere end 40 niveauer" in message


def test_formatting_nested_up_to_the_depth_limit_is_read():
    # PracticalInformation is the third level (Emessage, RehabilitationPlan, PracticalInformation).
    def nested(levels: int) -> bytes:
        inner = b"<Bold>" * levels + b"Dybt" + b"</Bold>" * levels
        plain = build_gop_xml(practical_information="Tekst")
        return plain.replace(b">Tekst<", b">Tekst " + inner + b"<", 1)

    assert parse_gop(nested(LIMITS.max_depth - 3)).practical_information == "Tekst Dybt"
    [(_, message)] = _problems(nested(LIMITS.max_depth - 2))
    assert "for dybt indlejret" in message


# -- text only from the expected elements ---------------------------------------------------------


@pytest.mark.parametrize(
    "inner",
    [b"<a>Indlejret</a>", b"B\xc3\xb8gelund<a>Indlejret</a>", b"<a/>"],
    ids=["only-child", "text-and-child", "empty-child"],
)
def test_a_simple_field_holding_elements_is_refused(inner):
    [(element, message)] = _problems(_with_surname(inner))
    assert element == f"{PLAN}/Patient/PersonSurnameName"
    assert "Elementet må kun indeholde tekst, men indeholder elementet a" in message


def test_a_relatives_name_holding_elements_is_refused():
    data = build_gop_xml().replace(
        b"<m100:PersonGivenName>S\xc3\xb8ren</m100:PersonGivenName>",
        b"<m100:PersonGivenName><x:Name xmlns:x='urn:x'>S\xc3\xb8ren</x:Name>"
        b"</m100:PersonGivenName>",
    )
    [(element, message)] = _problems(data)
    assert element == f"{PLAN}/Relatives/Relative/PersonGivenName"
    assert "elementet Name" in message


def test_a_node_s_text_is_its_own_character_data_only():
    node = parse_xml(b"<A> egen <B>indre</B>tekst </A>")
    assert node.text() == "egen tekst"


def test_free_text_holding_other_elements_than_formatting_is_refused():
    data = build_gop_xml(practical_information="Bor alene").replace(
        b">Bor alene<",
        b">Bor alene<Patient><PersonSurnameName>Skjult</PersonSurnameName></Patient><",
        1,
    )
    [(element, message)] = _problems(data)
    assert element == f"{PLAN}/PracticalInformation/Patient"
    assert "hører ikke hjemme i fritekst" in message


def test_medcom_formatting_in_free_text_is_read():
    data = build_gop_xml(practical_information="Bor alene").replace(
        b">Bor alene<",
        b"><Bold>Bor</Bold> <Italic>alene</Italic><Underline> i</Underline><Space/>"
        b"<FixedFont>hus</FixedFont><Center>Ny linje</Center><Break/>Slut<",
        1,
    )
    assert parse_gop(data).practical_information == "Bor alene i hus\nNy linje\n\nSlut"


# -- floods ----------------------------------------------------------------------------------------


def test_five_megabytes_of_empty_elements_are_refused_by_size_unparsed():
    [(element, message)] = _problems(_empty_elements(5_000_000))
    assert element == "(fil)"
    assert "Filen fylder 5.000.000 byte; en genoptræningsplan fylder højst 2.000.000" in message


def test_empty_elements_under_the_size_limit_stop_at_the_element_limit_cheaply():
    data = _empty_elements(LIMITS.max_bytes - 10_000)
    tracemalloc.start()
    try:
        [(_, message)] = _problems(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "Filen indeholder for mange elementer (mere end 10.000" in message
    # Without the element limit the tree of this file costs over 100 MB.
    assert peak < 10_000_000


def test_element_count_is_limited_and_the_limit_itself_is_accepted():
    plain = build_gop_xml()
    in_plan = _count_elements(plain)
    room = LIMITS.max_elements - in_plan - 1  # the wrapping element counts too
    at_limit = _before_plan_end(b"<Extra>" + b"<x/>" * room + b"</Extra>")
    assert parse_gop(at_limit) == parse_gop(plain)

    over = _before_plan_end(b"<Extra>" + b"<x/>" * (room + 1) + b"</Extra>")
    [(element, message)] = _problems(over)
    assert element == "(fil)"
    assert "for mange elementer (mere end 10.000" in message


def _count_elements(data: bytes) -> int:
    root = parse_xml(data)
    count, pending = 0, [root]
    while pending:
        node = pending.pop()
        count += 1
        pending.extend(node.elements())
    return count


def test_text_in_one_element_is_limited():
    data = build_gop_xml(practical_information="x" * (LIMITS.max_element_text + 1))
    [(element, message)] = _problems(data)
    assert element == "(fil)"
    assert "Elementet PracticalInformation indeholder for meget tekst (mere end 100.000" in message

    at_limit = build_gop_xml(practical_information="x" * LIMITS.max_element_text)
    assert len(parse_gop(at_limit).practical_information) == LIMITS.max_element_text


def test_text_in_all_is_limited():
    piece = b"<Extra>" + b"y" * 95_000 + b"</Extra>"
    data = _before_plan_end(piece * 11)
    [(element, message)] = _problems(data)
    assert element == "(fil)"
    assert "Filen indeholder for meget tekst (mere end 1.000.000 tegn i alt)" in message


# -- read in chunks: declarations, truncation, encodings -----------------------------------------


def test_a_doctype_after_the_first_chunk_is_still_refused():
    padding = b"<!--" + b"x" * (CHUNK_BYTES + 100) + b"-->"
    data = (
        b'<?xml version="1.0"?>\n'
        + padding
        + b'<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n'
        + b'<Emessage xmlns="urn:oio:medcom:municipality:1.0.4">&lol;</Emessage>'
    )
    [(element, message)] = _problems(data)
    assert element == "(fil)"
    assert "DOCTYPE" in message


def test_a_plan_larger_than_one_chunk_reads_whole_and_a_truncated_one_is_refused():
    text = "Æble, øl og år. " * 5_500  # multi-byte characters across chunk boundaries
    data = build_gop_xml(practical_information=text)
    assert len(data) > CHUNK_BYTES + 20_000
    assert parse_gop(data).practical_information == text.strip()

    for cut in (CHUNK_BYTES, len(data) // 2, len(data) - 20):
        [(element, message)] = _problems(data[:cut])
        assert element == "(fil)"
        assert "Filen er ikke gyldig XML" in message


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (build_gop_xml().replace(b"UTF-8", b"x-klingon", 1), "tegnsæt kan ikke læses"),
        (build_gop_xml().replace(b"UTF-8", b"UTF-16", 1), "ikke gyldig XML"),
        (build_gop_xml().decode().encode("utf-16-le"), "ikke gyldig XML"),
    ],
    ids=["unknown-encoding", "utf16-declared-utf8-bytes", "utf16-without-bom"],
)
def test_wrong_encoding_is_refused_with_a_danish_reason(data, fragment):
    [(element, message)] = _problems(data)
    assert element == "(fil)"
    assert fragment in message
