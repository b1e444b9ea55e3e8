"""The PDF a citizen receives: Danish text intact, A4, page numbers and metadata."""

from __future__ import annotations

import dataclasses
import io

import pypdf
import pytest

from rehabplan.letters import Section, render_pdf
from rehabplan.letters.latin1 import to_latin1


def read_pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in read_pdf(data).pages)


A4_POINTS = (595.28, 841.89)


def test_pdf_contains_the_danish_content(decision_letter):
    text = pdf_text(render_pdf(decision_letter))

    for expected in (
        "Næstved Kommune",
        "Træning og Aktivitet",
        "Åse Marie Bøgelund",
        "Søndermarksvej 12, 1. th.",
        "Dato: 23. november 2026",
        "Sagsnr.: 2026-0042",
        "Afgørelse om træning efter serviceloven § 86, stk. 1",
        "Kære Åse Marie Bøgelund",
        "12 uger, 2 gange om ugen",
        "Holdtræning med fokus på balance",
        "Timed Up and Go",
        "14,2 s",
        "ÆØÅ æøå",
        "Med venlig hilsen",
        "Søren Ærø",
        "Side 1 af 1",
    ):
        assert expected in text, expected


def test_pdf_is_a4_with_title_and_danish_language(decision_letter):
    reader = read_pdf(render_pdf(decision_letter))

    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    assert reader.metadata is not None
    assert reader.metadata.title == "Afgørelse om træning efter serviceloven § 86, stk. 1"
    assert reader.metadata.author == "Næstved Kommune"
    assert reader.trailer["/Root"]["/Lang"] == "da"


def test_long_letter_numbers_every_page(decision_letter):
    long_text = "Du kan klage over afgørelsen inden 4 uger efter, at du har modtaget den. " * 12
    letter = dataclasses.replace(
        decision_letter,
        sections=tuple(Section(f"Afsnit {number}", (long_text,)) for number in range(1, 9)),
    )
    reader = read_pdf(render_pdf(letter))
    pages = len(reader.pages)

    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"Side {number} af {pages}" in page.extract_text()
    assert "Afsnit 8" in pdf_text(render_pdf(letter))


def test_characters_outside_latin1_are_replaced_not_fatal(decision_letter):
    letter = dataclasses.replace(
        decision_letter,
        title="Plan – “din” træning …",
        sections=(Section("Noter", ("Pil → og emoji 😀 og bullet • og ł",)),),
    )
    text = pdf_text(render_pdf(letter))

    assert 'Plan - "din" træning ...' in text
    assert "Pil -> og emoji ? og bullet - og ?" in text


def test_same_letter_gives_same_bytes(decision_letter):
    assert render_pdf(decision_letter) == render_pdf(decision_letter)


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("§ 86 stk. 2 æøåÆØÅ é ü", "§ 86 stk. 2 æøåÆØÅ é ü"),
        ("a\u030a", "å"),  # decomposed å from some keyboards and PDFs
        ("10\u202f%\u00a0", "10 % "),
        ("‘x’ „y“ 1–2—3", "'x' \"y\" 1-2-3"),
        ("č ğ 中", "c g ?"),
    ],
)
def test_to_latin1(raw, safe):
    assert to_latin1(raw) == safe
    safe.encode("latin-1")


def test_text_starts_inside_the_left_margin_and_below_the_top(decision_letter):
    positions: list[tuple[float, float]] = []

    def collect(text, _cm, tm, _font, _size):
        if text.strip():
            positions.append((tm[4] / 72 * 25.4, 297 - tm[5] / 72 * 25.4))

    read_pdf(render_pdf(decision_letter)).pages[0].extract_text(visitor_text=collect)

    assert positions
    assert min(x for x, _ in positions) >= 25
    assert min(y for _, y in positions) >= 20
